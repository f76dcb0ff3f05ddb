// Extracts, once, the candidate schemes the knowledge base gives for every question of the readable parts
// (the engine tells them, src/dialogue/rank-evidence.ts), with the scores already computed, each labelled right or
// not (twins count), and what the engine's rules answer now and whether that is right by the dialogue
// bench's rule for the question's type. bench/rank-fit.ts fits and cross-validates a re-ranker on the file
// written, offline, in seconds.
//   SAHAYAK_SHARED=… node --import tsx bench/rank-extract.ts [--out /tmp/rank-candidates.json] [--rules-only]
// (--rules-only: the rules' replies and whether they are right, no candidates: a quicker run to compare a
// hand-set constant's values by the same held-out measure)
// Every tuning part is read; the held-out parts never are.
import { writeFileSync } from "node:fs";
import { newContext, type Reply } from "../src/dialogue/index.js";
import type { RankCandidate, RankEvidence, TurnFeature } from "../src/dialogue/rank-evidence.js";
import { answersForScheme, isCategoryChoice, isNoInfoForUnknown } from "./dialogue.js";
import { acceptedSchemeIds, loadSchemeRecords, type EvalQuestion, type SchemeRecord } from "./eval/set.js";
import { schemesFile } from "./eval/validate.js";
import { sharedDir } from "./questions.js";
import { partQuestions, withEngine } from "./fit/engine-run.js";
import { TUNING_PARTS } from "./fit/parts.js";

// (every tuning part; tune5, tune20, tune21 and the test part are check parts, never read here)
export const READABLE_PARTS = TUNING_PARTS;
/** Types whose question names one scheme: the right-scheme figure counts them. */
export const SCHEME_TYPES = new Set(["direct", "misspelt", "followup", "other_language"]);

export interface QuestionRow {
  part: string;
  id: string;
  type: string;
  /** The schemes an answer may be for (none: answering any scheme is wrong). */
  accepted: string[];
  action: string;
  schemeIds: string[];
  /** The rules' reply is right by the bench's rule for this type. */
  currentOk: boolean;
  candidates: (RankCandidate & { right: boolean })[];
  turn: Record<TurnFeature, number>;
}

const CHOOSING = ["clarify", "list"];

/** Whether the reply is right by the dialogue bench's rule for the question's type. */
function ok(q: EvalQuestion, reply: Reply, records: Map<string, SchemeRecord>): boolean {
  switch (q.type) {
    case "direct":
    case "misspelt":
      return answersForScheme(reply, q);
    case "followup":
      return q.followupKind === "unresolved" ? CHOOSING.includes(reply.action) : answersForScheme(reply, q);
    case "other_language":
      return reply.action === "answer" && acceptedSchemeIds(q).includes(reply.schemeIds[0] ?? "");
    case "ambiguous": {
      const offered = reply.schemeIds;
      return CHOOSING.includes(reply.action) && offered.length >= 2 && offered.length <= 3 && offered.every((id) => (q.candidateSchemeIds ?? []).includes(id));
    }
    case "out_of_scope":
      return reply.action === "out_of_scope";
    case "category":
      return isCategoryChoice(reply, q, records);
    case "vague":
      return CHOOSING.includes(reply.action);
    case "unknown_scheme":
      return isNoInfoForUnknown(reply);
  }
  return false;
}

const out = (() => {
  const at = process.argv.indexOf("--out");
  return at >= 0 ? process.argv[at + 1]! : "/tmp/rank-candidates.json";
})();

const seen: RankEvidence[] = [];
const rulesOnly = process.argv.includes("--rules-only");
const records = loadSchemeRecords(schemesFile(sharedDir));
const rows: QuestionRow[] = [];
await withEngine("rank-extract", async (engine) => {
  for (const part of READABLE_PARTS) {
    const questions = partQuestions(part);
    for (const q of questions) {
      const ctx = newContext(q.id);
      if (q.priorTurn) await engine.respond({ text: q.priorTurn.question }, ctx);
      seen.length = 0;
      const reply = await engine.respond({ text: q.question }, ctx);
      const accepted = SCHEME_TYPES.has(q.type) && q.followupKind !== "unresolved" ? acceptedSchemeIds(q) : [];
      const candidates = (seen.at(-1)?.candidates ?? []).map((c) => ({ ...c, right: accepted.includes(c.schemeId) }));
      rows.push({ part, id: q.id, type: q.type, accepted, action: reply.action, schemeIds: reply.schemeIds, currentOk: ok(q, reply, records), candidates, turn: seen.at(-1)?.turn ?? { fact: 0, plural: 0, kindReference: 0, forWhom: 0, strongField: 0 } });
    }
  }
}, { engine: rulesOnly ? {} : { onRankEvidence: (e) => seen.push(e) } });
writeFileSync(out, JSON.stringify(rows));
for (const part of READABLE_PARTS) {
  const p = rows.filter((r) => r.part === part && r.accepted.length > 0);
  const recall = p.filter((r) => r.candidates.some((c) => c.right)).length;
  console.log(`${part}: ${p.length} scheme questions; rules right ${p.filter((r) => r.currentOk).length}; right among the candidates ${recall}`);
}
console.log(`wrote ${out}`);
