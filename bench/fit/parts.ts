// The parts a fitting tool may read: every tuning part, never a check part (tune5, tune15, tune16, test:
// the project is judged on them, so nothing is fitted on nor looked at there). A fit is judged by leaving
// one part out in turn; the newest parts, written blind by other hands, are the most like the check parts,
// so their mean is reported apart.

/** Every tuning part, oldest first. */
export const TUNING_PARTS: readonly string[] = ["dev", "tune", "tune2", "tune3", "tune4", "tune6", "tune7", "tune8", "tune9", "tune10", "tune11", "tune12", "tune13", "tune14"];
/** The parts never read by a tool (BRIEF: check parts). */
export const CHECK_PARTS: ReadonlySet<string> = new Set(["tune5", "tune15", "tune16", "test"]);
/** The newest tuning parts, whose held-out mean is reported beside the mean of all. */
export const NEWEST_PARTS: ReadonlySet<string> = new Set(["tune10", "tune11", "tune12", "tune13", "tune14"]);

/** The parts a `--parts a,b,…` option names (all tuning parts when absent); a check or unknown part is refused. */
export function chooseParts(option?: string): string[] {
  const parts = (option ?? TUNING_PARTS.join(",")).split(",").map((p) => p.trim()).filter(Boolean);
  const refused = parts.filter((p) => CHECK_PARTS.has(p) || !TUNING_PARTS.includes(p));
  if (refused.length) throw new Error(`only tuning parts may be read, not ${refused.join(", ")}`);
  return [...new Set(parts)];
}
