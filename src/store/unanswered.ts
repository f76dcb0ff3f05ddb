// Which caller questions went unanswered, and why: the knowledge-base team's to-do list. Pure logic over
// a call's turns, run when the call is stored.
export type UnansweredReason = "out_of_scope" | "no_info" | "low_confidence" | "clarification_loop" | "transfer";

export interface TurnLike {
  role: "caller" | "sahayak";
  text: string;
  action?: string;
}

/** Sahayak's own turns that are not a reply to what the caller said. */
const NOT_A_REPLY = new Set(["filler"]);

/** For each turn, the reason its question went unanswered (caller turns only), else undefined. */
export function unansweredReasons(turns: readonly TurnLike[], outcome: string): (UnansweredReason | undefined)[] {
  const reasons: (UnansweredReason | undefined)[] = turns.map(() => undefined);
  const replyTo = (i: number): TurnLike | undefined => turns.slice(i + 1).find((t) => t.role === "sahayak" && !NOT_A_REPLY.has(t.action ?? ""));
  let lastQuestion = -1;
  let previousClarified = -1;
  turns.forEach((turn, i) => {
    if (turn.role !== "caller") return;
    if (turn.action === "not_understood") {
      reasons[i] = "low_confidence";
      return;
    }
    if (!turn.text.trim()) return;
    lastQuestion = i;
    const reply = replyTo(i)?.action;
    if (reply === "out_of_scope") reasons[i] = "out_of_scope";
    else if (reply === "no_info") reasons[i] = "no_info";
    else if (reply === "transfer") reasons[i] = "transfer";
    else if (reply === "clarify") {
      // asked to clarify twice running: the first question is what the caller could not get across
      if (previousClarified >= 0) reasons[previousClarified] ??= "clarification_loop";
      previousClarified = i;
      return;
    }
    previousClarified = -1;
  });
  if (outcome === "transfer" && lastQuestion >= 0) reasons[lastQuestion] ??= "transfer";
  return reasons;
}

const STOPWORDS = new Set(
  "a an the is are was of for to in on and or i me my we what which how can do does about tell please scheme yojana kya hai ka ki ke ko se mein me मैं मुझे क्या है का की के को से में और योजना बताइए बताओ कैसे".split(" "),
);

/** Questions grouped by their content words, so "how to apply for X" and "X how apply" count together. */
export function groupKey(text: string): string {
  const words = text
    .toLowerCase()
    .replace(/\[[a-z]+\]/g, " ")
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((w) => w && !STOPWORDS.has(w));
  return [...new Set(words)].sort().join(" ") || text.trim().toLowerCase();
}
