// Checks every line of the evaluation set against the real records: its shape, that each scheme exists
// under that name, that each answer fact occurs in the record's field, that each category predicate fits
// at least two schemes, and that the spoken questions name voices the benchmark can make.
// `node --import tsx bench/eval/validate.ts` prints what is wrong and exits 1.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  QUESTION_PARTS,
  SPOKEN_PARTS,
  FACT_FIELDS,
  categoryHolds,
  containsFact,
  duplicateSlugs,
  fieldText,
  loadSchemeRecords,
  questionsFile,
  readJsonl,
  spokenFile,
  type EvalQuestion,
  type SchemeRecord,
  type SpokenQuestion,
} from "./set.js";

const TYPES = new Set(["direct", "misspelt", "followup", "out_of_scope", "other_language", "category", "vague", "unknown_scheme"]);
/** Types whose question names one scheme and asks for facts from it. */
const SCHEME_TYPES = new Set(["direct", "misspelt", "other_language"]);
const NO_SCHEME_TYPES = new Set(["out_of_scope", "category", "vague", "unknown_scheme"]);
const MAIN_LANGS = new Set(["en", "hi", "hi-Latn"]);
const ANSWER_LANGS = new Set(["en", "hi"]);
export const CALLER_VOICES = new Set(["flite:kal", "flite:kal16", "flite:awb", "flite:awb_time", "festival:kal_diphone", "festival:ked_diphone", "festival:hindi_NSK_diphone"]);
/** How far the caller's speed may be changed and still sound like speech. */
const TEMPO_RANGE = [0.6, 1.6] as const;
const MIN_CATEGORY_SCHEMES = 2;

export interface EvalFiles {
  questions: { file: string; lines: EvalQuestion[] }[];
  spoken: { file: string; lines: SpokenQuestion[] }[];
}

export function readEvalFiles(): EvalFiles {
  return {
    questions: QUESTION_PARTS.map((p) => ({ file: questionsFile(p), lines: readJsonl<EvalQuestion>(questionsFile(p)) })),
    spoken: SPOKEN_PARTS.map((p) => ({ file: spokenFile(p), lines: readJsonl<SpokenQuestion>(spokenFile(p)) })),
  };
}

function checkScheme(where: string, records: Map<string, SchemeRecord>, id: string | null | undefined, name: string | undefined, also: string[] | undefined, problems: string[]): SchemeRecord | undefined {
  const record = id ? records.get(id) : undefined;
  if (!record) {
    problems.push(`${where}: scheme ${JSON.stringify(id)} is not in the knowledge base`);
    return undefined;
  }
  if (name !== undefined && name !== record.name.en) problems.push(`${where}: schemeName ${JSON.stringify(name)} is not the record's name ${JSON.stringify(record.name.en)}`);
  for (const other of also ?? []) if (!duplicateSlugs(record).includes(other)) problems.push(`${where}: ${other} is not flagged as a duplicate of ${id}`);
  return record;
}

function checkQuestion(where: string, q: EvalQuestion, records: Map<string, SchemeRecord>, problems: string[]): void {
  if (typeof q.id !== "string" || !q.id) problems.push(`${where}: no id`);
  if (!TYPES.has(q.type)) problems.push(`${where}: unknown type ${JSON.stringify(q.type)}`);
  if (typeof q.question !== "string" || !q.question.trim()) problems.push(`${where}: no question`);
  if (typeof q.lang !== "string" || !q.lang) problems.push(`${where}: no lang`);
  if (q.type !== "other_language" && !MAIN_LANGS.has(q.lang)) problems.push(`${where}: lang ${q.lang} is not en, hi or hi-Latn`);
  if (q.type === "other_language" && MAIN_LANGS.has(q.lang)) problems.push(`${where}: an other_language question in ${q.lang}`);
  if (!Array.isArray(q.answerFacts)) problems.push(`${where}: answerFacts is not a list`);
  if (q.type === "followup") {
    if (!q.priorTurn?.question) problems.push(`${where}: a follow-up without its priorTurn`);
    else if (q.priorTurn.schemeId) checkScheme(`${where} priorTurn`, records, q.priorTurn.schemeId, undefined, undefined, problems);
    if (!["same", "switch", "unresolved"].includes(q.followupKind ?? "")) problems.push(`${where}: followupKind is not same, switch or unresolved`);
    if (q.followupKind === "unresolved" && q.schemeId !== null) problems.push(`${where}: an unresolved follow-up names a scheme`);
    if (q.followupKind === "same" && q.schemeId !== q.priorTurn?.schemeId) problems.push(`${where}: a same-scheme follow-up changes scheme`);
    if (q.followupKind === "switch" && q.schemeId === q.priorTurn?.schemeId) problems.push(`${where}: a switching follow-up keeps its scheme`);
  }
  const needsScheme = SCHEME_TYPES.has(q.type) || (q.type === "followup" && q.followupKind !== "unresolved");
  if (NO_SCHEME_TYPES.has(q.type) && q.schemeId !== null) problems.push(`${where}: a ${q.type} question names scheme ${q.schemeId}`);
  if (q.type === "unknown_scheme" && !q.askedFor) problems.push(`${where}: askedFor names no scheme`);
  if (q.type === "category") {
    if (!q.category || !Array.isArray(q.category.match) || q.category.match.length === 0) problems.push(`${where}: a category question without a predicate`);
    else {
      if (q.category.state && ![...records.values()].some((r) => r.state === q.category!.state)) problems.push(`${where}: no scheme has state ${q.category.state}`);
      const fits = [...records.values()].filter((r) => categoryHolds(r, q.category!)).length;
      if (fits < MIN_CATEGORY_SCHEMES) problems.push(`${where}: the category predicate fits ${fits} scheme(s), fewer than ${MIN_CATEGORY_SCHEMES}`);
    }
  }
  if (!needsScheme) {
    if (q.answerFacts?.length) problems.push(`${where}: facts without a scheme`);
    return;
  }
  const record = checkScheme(where, records, q.schemeId, q.schemeName, q.alsoAcceptSchemeIds, problems);
  if (!record) return;
  if (!q.field || !FACT_FIELDS.includes(q.field)) return void problems.push(`${where}: field ${JSON.stringify(q.field)} is not one of ${FACT_FIELDS.join(", ")}`);
  if (!q.answerLang || !ANSWER_LANGS.has(q.answerLang)) return void problems.push(`${where}: answerLang ${JSON.stringify(q.answerLang)} is not en or hi`);
  if (!q.answerFacts?.length) return void problems.push(`${where}: no answer facts`);
  const text = fieldText(record, q.field, q.answerLang);
  for (const fact of q.answerFacts) if (!containsFact(text, fact)) problems.push(`${where}: fact ${JSON.stringify(fact)} is not in ${q.schemeId}'s ${q.field} (${q.answerLang})`);
}

function checkSpoken(where: string, q: SpokenQuestion, records: Map<string, SchemeRecord>, problems: string[]): void {
  if (typeof q.id !== "string" || !q.id) problems.push(`${where}: no id`);
  if (typeof q.text !== "string" || !q.text.trim()) problems.push(`${where}: no text`);
  if (!CALLER_VOICES.has(q.voice)) problems.push(`${where}: voice ${JSON.stringify(q.voice)} is not one of ${[...CALLER_VOICES].join(", ")}`);
  if (!(typeof q.tempo === "number" && q.tempo >= TEMPO_RANGE[0] && q.tempo <= TEMPO_RANGE[1])) problems.push(`${where}: tempo ${q.tempo} is outside ${TEMPO_RANGE.join("-")}`);
  if (q.gainDb !== undefined && typeof q.gainDb !== "number") problems.push(`${where}: gainDb is not a number`);
  if (q.noiseSnrDb !== undefined && typeof q.noiseSnrDb !== "number") problems.push(`${where}: noiseSnrDb is not a number`);
  checkScheme(where, records, q.schemeId, q.schemeName, q.alsoAcceptSchemeIds, problems);
}

/** Everything wrong with the files, one line each (none: the set is sound). */
export function validateEvalSet(files: EvalFiles, records: Map<string, SchemeRecord>): string[] {
  const problems: string[] = [];
  const ids = new Map<string, string>();
  const seen = (id: string, where: string) => {
    if (ids.has(id)) problems.push(`${where}: id ${id} is used again (first at ${ids.get(id)})`);
    else ids.set(id, where);
  };
  const eachLine = <T extends { id: string }>(parts: { file: string; lines: T[] }[], check: (where: string, line: T) => void) => {
    for (const { file, lines } of parts) {
      if (lines.length === 0) problems.push(`${file}: no questions`);
      lines.forEach((line, i) => {
        const where = `${file}:${i + 1} (${line.id})`;
        seen(line.id, where);
        check(where, line);
      });
    }
  };
  eachLine(files.questions, (where, q) => checkQuestion(where, q, records, problems));
  eachLine(files.spoken, (where, q) => checkSpoken(where, q, records, problems));
  return problems;
}

export const schemesFile = (sharedDir: string) => join(sharedDir, "data", "schemes.jsonl");

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { sharedDir } = await import("../questions.js");
  const problems = validateEvalSet(readEvalFiles(), loadSchemeRecords(schemesFile(sharedDir)));
  for (const p of problems) console.error(p);
  console.log(problems.length ? `${problems.length} problem(s) in the evaluation set` : "evaluation set: every line checks out against the records");
  process.exitCode = problems.length ? 1 : 0;
}
