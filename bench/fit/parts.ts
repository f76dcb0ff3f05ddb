// The parts a fitting tool may read: the tuning parts (bench/eval/set.ts TUNING_PARTS) to fit on; "tune2",
// never tuned on itself, for its figures only; never a check part (tune5, tune20, tune21, test: the project
// is judged on them, so nothing is fitted on nor looked at there). A fit is judged by leaving one part out in
// turn; the newest parts, written blind by other hands, are the most like the check parts, so their mean is
// reported apart.
import { TUNING_PARTS } from "../eval/set.js";

export { TUNING_PARTS };
/** Parts a tool may score beside its fit, for their figures, never fitted on (README: "never tuned on itself"). */
export const FIGURES_ONLY_PARTS: ReadonlySet<string> = new Set(["tune2"]);
/** The parts never read by a tool (BRIEF: check parts). */
export const CHECK_PARTS: ReadonlySet<string> = new Set(["tune5", "tune20", "tune21", "test"]);
/** The newest tuning parts, whose held-out mean is reported beside the mean of all. */
export const NEWEST_PARTS: ReadonlySet<string> = new Set(["tune15", "tune16", "tune17", "tune18", "tune19"]);

/**
 * The parts a `--parts a,b,…` option names (all tuning parts when absent), to fit on or, `forFigures`, to score
 * beside a fit; a check part, an unknown one, or a figures-only part to fit on is refused.
 */
export function chooseParts(option?: string, forFigures = false): string[] {
  const parts = (option ?? TUNING_PARTS.join(",")).split(",").map((p) => p.trim()).filter(Boolean);
  const allowed = (p: string) => (TUNING_PARTS as readonly string[]).includes(p) || (forFigures && FIGURES_ONLY_PARTS.has(p));
  const refused = parts.filter((p) => CHECK_PARTS.has(p) || !allowed(p));
  if (refused.length) throw new Error(`only tuning parts may be ${forFigures ? "read" : "fitted on"}, not ${refused.join(", ")}`);
  return [...new Set(parts)];
}
