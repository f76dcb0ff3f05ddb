// Where the dialogue's misses stop, counted by stage for every part alike (blind parts included: a count
// names no question). Stop 40 showed fixes made from one part's lines moving no unseen part; counting the
// unseen parts' misses by stage says which stage fails on text nobody tuned on, without reading a line.
import type { Reply } from "../src/dialogue/index.js";

/** Why a question naming a scheme did not get its scheme's facts. */
export type SchemeMissStage =
  | "refused as out of scope"
  | "scheme not found"
  | "another scheme answered"
  | "choice holding it"
  | "choice without it"
  | "asked which scheme"
  | "other reply";

/** The stage a scheme question's reply stopped at; `accepted`: the question's scheme and its twins. */
export function schemeMissStage(reply: Pick<Reply, "action" | "schemeIds">, accepted: readonly string[]): SchemeMissStage {
  const holds = reply.schemeIds.some((id) => accepted.includes(id));
  switch (reply.action) {
    case "out_of_scope":
      return "refused as out of scope";
    case "no_info":
      return reply.schemeIds.length === 0 ? "scheme not found" : "another scheme answered";
    case "answer":
    case "confirm":
      return "another scheme answered";
    case "clarify":
    case "list":
      if (reply.schemeIds.length === 0) return "asked which scheme";
      return holds ? "choice holding it" : "choice without it";
    default:
      return "other reply";
  }
}

/** Why a category question did not get a short choice of schemes that fit. */
export type CategoryMissStage = "refused as out of scope" | "no details" | "one scheme answered" | "asked who it is for" | "choice with a scheme that does not fit" | "choice of the wrong size" | "other reply";

/** `fits`: whether each scheme the reply named fits the category; `size`: a short choice's bounds. */
export function categoryMissStage(reply: Pick<Reply, "action" | "schemeIds">, fits: (schemeId: string) => boolean, size: { min: number; max: number }): CategoryMissStage {
  switch (reply.action) {
    case "out_of_scope":
      return "refused as out of scope";
    case "no_info":
      return reply.schemeIds.length === 0 ? "no details" : "one scheme answered";
    case "answer":
    case "confirm":
      return "one scheme answered";
    case "clarify":
    case "list":
      if (reply.schemeIds.length === 0) return "asked who it is for";
      if (!reply.schemeIds.every(fits)) return "choice with a scheme that does not fit";
      return reply.schemeIds.length < size.min || reply.schemeIds.length > size.max ? "choice of the wrong size" : "other reply";
    default:
      return "other reply";
  }
}

/** "refused as out of scope 3, scheme not found 9": the stages seen, most first; "none" when nothing missed. */
export function stageCounts(stages: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const s of stages) counts.set(s, (counts.get(s) ?? 0) + 1);
  return (
    [...counts]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([s, n]) => `${s} ${n}`)
      .join(", ") || "none"
  );
}
