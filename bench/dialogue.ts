// Dialogue benchmark over four question sets scored alike: the dev questions (../shared), and the tuning
// part, the second tuning part (written later, only to check that tuning generalises) and the test part
// of bench/eval/. Right scheme (an answer for it, not a clarification that lists it), the
// facts asked for, out-of-scope refused and in-scope wrongly refused, category questions answered with a
// short choice of fitting schemes, vague requests and unresolved follow-ups met with a choice, unknown
// schemes met with "no details" rather than a refusal, other languages answered for the right scheme; and
// the time of one turn without an LLM. Failure notes (--verbose) are printed for dev and the tuning parts (NOTED_SETS) only: tune2
// and the test part are never read question by question.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/config.js";
import { categoryMissStage, schemeMissStage, stageCounts } from "./dialogue-misses.js";
import { openKnowledgeBase } from "../src/knowledge/index.js";
import { DialogueEngine, newContext, type Action, type Reply } from "../src/dialogue/index.js";
import { QUESTION_PARTS, TUNING_PARTS, acceptedSchemeIds, categoryHolds, containsFact, loadEvalQuestions, loadSchemeRecords, type EvalQuestion, type QuestionPart, type SchemeRecord } from "./eval/set.js";
import { schemesFile } from "./eval/validate.js";
import { importSchemes, loadQuestions, percentile, sharedDir } from "./questions.js";

export { containsFact, normaliseForFacts } from "./eval/set.js";

export type QuestionSet = "dev" | QuestionPart;
/** Sets whose per-question failures may be read; the test part's never are. */
const NOTED_SETS: readonly QuestionSet[] = TUNING_PARTS;
const TIMING_ROUNDS = 3;
/** A short choice names this many schemes. */
const CHOICE_SIZE = { min: 2, max: 3 };

const ANSWERING: readonly Action[] = ["answer", "no_info"];
const CHOOSING: readonly Action[] = ["clarify", "list"];
const SCHEME_QUESTION_TYPES = new Set(["direct", "misspelt", "followup"]);

/** A reply that gives facts for the question's scheme: an answer (or "the record lacks that") led by it. */
export function answersForScheme(reply: Reply, q: Pick<EvalQuestion, "schemeId" | "alsoAcceptSchemeIds">): boolean {
  return ANSWERING.includes(reply.action) && acceptedSchemeIds(q).includes(reply.schemeIds[0] ?? "");
}

/** The scheme fits the question's category (bench/eval/set.ts `categoryHolds`). */
function fitsCategory(schemeId: string, q: EvalQuestion, records: Map<string, SchemeRecord>): boolean {
  const record = records.get(schemeId);
  return record !== undefined && q.category !== undefined && categoryHolds(record, q.category);
}

/** A short choice of 2–3 schemes, each one fitting the category. */
export function isCategoryChoice(reply: Reply, q: EvalQuestion, records: Map<string, SchemeRecord>): boolean {
  if (!CHOOSING.includes(reply.action) || !q.category) return false;
  const offered = reply.schemeIds;
  if (offered.length < CHOICE_SIZE.min || offered.length > CHOICE_SIZE.max) return false;
  return offered.every((id) => fitsCategory(id, q, records));
}

/** "No details of that scheme", or a question back: never a refusal, never another scheme's facts. */
export function isNoInfoForUnknown(reply: Reply): boolean {
  return (reply.action === "no_info" && reply.schemeIds.length === 0) || CHOOSING.includes(reply.action);
}

interface Tally {
  ok: number;
  n: number;
}

/** Scores one set; the figures are named `<set>.<figure>`; a figure whose questions the set lacks is absent. */
export async function scoreSet(set: QuestionSet, questions: EvalQuestion[], engine: Pick<DialogueEngine, "respond">, records: Map<string, SchemeRecord>, notes: string[]): Promise<Record<string, number | string>> {
  const tallies: Record<string, Tally> = {};
  const count = (figure: string, ok: boolean, note: () => string) => {
    const t = (tallies[figure] ??= { ok: 0, n: 0 });
    t.n++;
    if (ok) t.ok++;
    else if (NOTED_SETS.includes(set)) notes.push(`${set} ${figure}: ${note()}`);
  };
  // where each miss stopped, as counts for every set (blind ones too: a count names no question)
  const schemeMisses: string[] = [];
  const categoryMisses: string[] = [];
  for (const q of questions) {
    const ctx = newContext(q.id);
    if (q.priorTurn) await engine.respond({ text: q.priorTurn.question }, ctx);
    const reply = await engine.respond({ text: q.question }, ctx);
    const line = () => `${q.id} ${q.type} "${q.question}" → ${reply.action}/${reply.intent} [${reply.schemeIds.join(",")}] ${reply.text.slice(0, 160)}`;
    if (q.type !== "out_of_scope") count("inScopeWronglyRefusedRate", reply.action !== "out_of_scope", line);
    if (SCHEME_QUESTION_TYPES.has(q.type) && q.schemeId) {
      const right = answersForScheme(reply, q);
      count("schemeRightRate", right, () => `want ${q.schemeId} ${line()}`);
      if (!right) schemeMisses.push(schemeMissStage(reply, acceptedSchemeIds(q)));
    }
    if (q.schemeId && q.answerFacts?.length) {
      const missing = q.answerFacts.filter((f) => !containsFact(reply.text, f));
      count("answerFactsRate", missing.length === 0, () => `missing ${JSON.stringify(missing)} ${line()}`);
    }
    switch (q.type) {
      case "out_of_scope":
        count("outOfScopeRefusedRate", reply.action === "out_of_scope", line);
        break;
      case "ambiguous": {
        const want = q.candidateSchemeIds ?? [];
        // issue 15: a question that fits several schemes gets a short choice (2–3 by name), not all of them;
        // every scheme offered must be one the question fits
        const offered = reply.schemeIds;
        const shortChoice = CHOOSING.includes(reply.action) && offered.length >= CHOICE_SIZE.min && offered.length <= CHOICE_SIZE.max;
        count("ambiguousClarifyRate", shortChoice && offered.every((id) => want.includes(id)), () => `want 2–3 of ${want.join(",")} ${line()}`);
        break;
      }
      case "other_language":
        count("otherLanguageAnsweredRate", reply.action === "answer" && acceptedSchemeIds(q).includes(reply.schemeIds[0] ?? ""), () => `want ${q.schemeId} ${line()}`);
        break;
      case "category": {
        const chosen = isCategoryChoice(reply, q, records);
        count("categoryChoiceRate", chosen, line);
        if (!chosen) categoryMisses.push(categoryMissStage(reply, (id) => fitsCategory(id, q, records), CHOICE_SIZE));
        break;
      }
      case "vague":
        count("vagueGuidedRate", CHOOSING.includes(reply.action), line);
        break;
      case "unknown_scheme":
        count("unknownSchemeNoInfoRate", isNoInfoForUnknown(reply), line);
        break;
      case "followup":
        if (q.followupKind === "unresolved") count("followupUnresolvedAskRate", CHOOSING.includes(reply.action), line);
        break;
    }
  }
  const figures: Record<string, number | string> = {};
  for (const [name, t] of Object.entries(tallies)) {
    // the one rate where fewer is better counts the misses
    figures[`${set}.${name}`] = name === "inScopeWronglyRefusedRate" ? (t.n - t.ok) / t.n : t.ok / t.n;
  }
  figures[`${set}.questions`] = questions.length;
  if (tallies.schemeRightRate) figures[`${set}.schemeMissStages`] = stageCounts(schemeMisses);
  if (tallies.categoryChoiceRate) figures[`${set}.categoryMissStages`] = stageCounts(categoryMisses);
  // one turn, warm: every question once more, timed
  const times: number[] = [];
  for (let round = 0; round < TIMING_ROUNDS; round++) {
    for (const q of questions) {
      const ctx = newContext(q.id);
      const t = performance.now();
      await engine.respond({ text: q.question }, ctx);
      times.push(performance.now() - t);
    }
  }
  figures[`${set}.turnP50Ms`] = percentile(times, 50);
  figures[`${set}.turnP95Ms`] = percentile(times, 95);
  return figures;
}

export async function benchDialogue(verbose = process.argv.includes("--verbose")): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(join(tmpdir(), "sahayak-bench-dlg-"));
  try {
    importSchemes(dataDir);
    const config = loadConfig({ overrides: { dataDir } });
    const kb = await openKnowledgeBase(config);
    const engine = await DialogueEngine.create(kb, config);
    const records = loadSchemeRecords(schemesFile(sharedDir));
    // SAHAYAK_EVAL_PARTS=dev,tune,tune2 scores only those sets: how a method is tuned without touching the test part
    const parts = new Set((process.env.SAHAYAK_EVAL_PARTS ?? ["dev", ...QUESTION_PARTS].join(",")).split(",").map((p) => p.trim()));
    const sets: Partial<Record<QuestionSet, EvalQuestion[]>> = {
      ...(parts.has("dev") ? { dev: loadQuestions() } : {}),
      ...Object.fromEntries(QUESTION_PARTS.filter((p) => parts.has(p)).map((p) => [p, loadEvalQuestions(p)])),
    };
    const notes: string[] = [];
    const figures: Record<string, unknown> = {};
    for (const [set, questions] of Object.entries(sets) as [QuestionSet, EvalQuestion[]][]) Object.assign(figures, await scoreSet(set, questions, engine, records, notes));
    if (verbose) console.log(notes.join("\n"));
    await kb.close();
    return figures;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
