// The evaluation set of bench/eval/ (README.md there): its files typed, and the rules the benchmarks and
// the validator share for reading a scheme record — which text a field holds, whether a fact is in it,
// whether a scheme fits a category question.
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The parts the text questions were first split into (each has a spoken part of the same name). */
export type EvalPart = "tune" | "test";
export const EVAL_PARTS: readonly EvalPart[] = ["tune", "test"];
/**
 * The parts of the spoken questions: "tune" and "test" of the first split, and "tune2", written at stop 44 by
 * the spoken helper (English and Devanagari lines over schemes of the whole knowledge base, central and
 * state) so that a spoken method is developed on more than 26 lines and checked on "tune" (README.md).
 */
export type SpokenPart = EvalPart | "tune2";
export const SPOKEN_PARTS: readonly SpokenPart[] = [...EVAL_PARTS, "tune2"];
/**
 * The parts of the text questions: the spoken parts, "tune2", written later (issue 15) to check that what
 * was tuned on "tune" generalises (never tuned on itself), "tune3", written by new hands once "tune"
 * and "tune2" no longer told the method's gaps from the test part's (a tuning part: its misses are printed),
 * "tune4", written blind by other new hands once "tune3" was tuned on in its turn, "tune5", written blind
 * the same way once "tune4" was, "tune6", written blind by one more new hand (out-of-scope questions with
 * names in them, unknown schemes, direct and category questions; a tuning part like "tune4": its misses are printed), and
 * "tune7", written blind by one more new hand (every question type; scored blind twice at stop 36, a tuning part
 * since: its misses are printed), "tune8", written blind by one more new hand (every question type; scored blind twice at stop 37, a tuning
 * part since: its misses are printed), "tune9", written blind by one more new hand (every question type; scored blind twice at
 * stop 38, a tuning part since: its misses are printed), "tune10", written blind by one more new hand (every question
 * type; scored blind twice at stop 39, a tuning part since stop 40: its misses are printed), "tune11", written blind by one more new hand (every question type;
 * scored blind twice at stop 40, a tuning part since stop 41), "tune12", written blind by one more new hand (every
 * question type; scored blind at stops 40 and 41, a tuning part since stop 42: its misses are printed), "tune13", written blind by one more new hand (every question type;
 * scored blind at stops 41 and 42, a tuning part since stop 43: its misses are printed), "tune14", written blind by one more new hand (every question type;
 * scored blind at stops 42 and 43, a tuning part since stop 44: its misses are printed), "tune15", written blind by one more new hand (every question type;
 * scored blind at stops 43 and 44, a tuning part since stop 45: its misses are printed), "tune16", written blind by one more new hand (every question type;
 * scored blind at stops 44 and 45, a tuning part since stop 46: its misses are printed), "tune17", written blind by one more new hand (every question type;
 * scored blind at stops 45 and 46, a tuning part since stop 47: its misses are printed), "tune18", written blind by one more new hand (every question type;
 * scored blind at stops 46 and 47, a tuning part since stop 48: its misses are printed), "tune19", written blind by one more new hand (every question type;
 * scored blind at stops 47 and 48, a tuning part since stop 49: its misses are printed),
 * "tune20", written blind by one more new hand (every question type), a check part: its misses are not printed, and
 * "tune21", written blind by one more new hand (every question type), a check part: its misses are not printed.
 */
export type QuestionPart = EvalPart | "tune2" | "tune3" | "tune4" | "tune5" | "tune6" | "tune7" | "tune8" | "tune9" | "tune10" | "tune11" | "tune12" | "tune13" | "tune14" | "tune15" | "tune16" | "tune17" | "tune18" | "tune19" | "tune20" | "tune21";
/**
 * The parts whose lines may be read and tuned on (their misses are printed, fits are made on them): dev and the
 * tuning parts, oldest first. Not "tune2" (never tuned on itself: its figures only), nor the check parts.
 */
export const TUNING_PARTS: readonly ("dev" | QuestionPart)[] = ["dev", "tune", "tune3", "tune4", "tune6", "tune7", "tune8", "tune9", "tune10", "tune11", "tune12", "tune13", "tune14", "tune15", "tune16", "tune17", "tune18", "tune19"];
export const QUESTION_PARTS: readonly QuestionPart[] = [...EVAL_PARTS, "tune2", "tune3", "tune4", "tune5", "tune6", "tune7", "tune8", "tune9", "tune10", "tune11", "tune12", "tune13", "tune14", "tune15", "tune16", "tune17", "tune18", "tune19", "tune20", "tune21"];
export const evalDir = import.meta.dirname;

export type QuestionType = "direct" | "misspelt" | "followup" | "ambiguous" | "out_of_scope" | "other_language" | "category" | "vague" | "unknown_scheme";
export type FactField = "description" | "eligibility" | "exclusions" | "benefits" | "documents" | "application" | "contact";
export const FACT_FIELDS: readonly FactField[] = ["description", "eligibility", "exclusions", "benefits", "documents", "application", "contact"];

/** One clause of a category predicate: any listed tag, category slug or whole word (in name, short title or tags) holds. */
export interface CategoryClause {
  tags?: string[];
  categories?: string[];
  words?: string[];
}

export interface CategoryPredicate {
  /** Every clause must hold. */
  match: CategoryClause[];
  /** The scheme is central, or of this state. */
  state?: string;
}

/** A text question: questions-dev.jsonl's shape, with the kinds this set adds. */
export interface EvalQuestion {
  id: string;
  lang: string;
  type: QuestionType;
  followupKind?: "same" | "switch" | "unresolved";
  question: string;
  priorTurn?: { question: string; schemeId: string | null };
  schemeId: string | null;
  schemeName?: string;
  /** The record's own duplicate-slug twins, the same scheme under another id. */
  alsoAcceptSchemeIds?: string[];
  candidateSchemeIds?: string[];
  askedFor?: string;
  field?: FactField | null;
  answerLang?: string;
  answerFacts?: string[];
  category?: CategoryPredicate;
  expectedBehaviour?: string;
  asrNote?: string;
}

export type CallerVoice = `flite:${string}` | `festival:${string}`;

export interface SpokenQuestion {
  id: string;
  lang: string;
  text: string;
  schemeId: string;
  schemeName: string;
  alsoAcceptSchemeIds?: string[];
  voice: CallerVoice;
  /** sox tempo factor: speed without pitch change. */
  tempo: number;
  gainDb?: number;
  /** White noise this many dB below the speech. */
  noiseSnrDb?: number;
}

/** The fields of a scheme record the evaluation reads (../shared/data/README.md). */
export interface SchemeRecord {
  schemeId: string;
  shortTitle?: string | null;
  name: Record<string, string>;
  level?: string | null;
  state?: string | null;
  applicableStates?: string[] | null;
  categories?: string[] | null;
  tags?: string[] | null;
  description?: Record<string, string> | null;
  detailedDescription?: Record<string, string> | null;
  eligibility?: { criteria?: Record<string, string[]>; exclusions?: Record<string, string[]> } | null;
  benefits?: Record<string, string[]> | null;
  documents?: Record<string, string[]> | null;
  applicationProcess?: Record<string, { mode?: string | null; url?: string | null; steps?: string[] }[]> | null;
  contactInfo?: { helplineNumbers?: string[]; links?: { title?: string; url?: string }[]; [k: string]: unknown } | null;
  qualityFlags?: { type: string; otherSlug?: string }[] | null;
  detailLevel?: string;
}

export function readJsonl<T>(path: string): T[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line, i) => {
      try {
        return JSON.parse(line) as T;
      } catch (err) {
        throw new Error(`${path} line ${i + 1} is not JSON: ${(err as Error).message}`);
      }
    });
}

export const questionsFile = (part: QuestionPart) => join(evalDir, `questions-${part}.jsonl`);
export const spokenFile = (part: SpokenPart) => join(evalDir, `spoken-${part}.jsonl`);
export const loadEvalQuestions = (part: QuestionPart) => readJsonl<EvalQuestion>(questionsFile(part));
export const loadSpokenQuestions = (part: SpokenPart) => readJsonl<SpokenQuestion>(spokenFile(part));

export function loadSchemeRecords(path: string): Map<string, SchemeRecord> {
  return new Map(readJsonl<SchemeRecord>(path).map((r) => [r.schemeId, r]));
}

/** A number's unit, the same in either script or spelling: one written form each. */
const UNIT_FORMS: readonly (readonly [RegExp, string])[] = [
  [/^(?:%|प्रतिशत|percent|per cent|pct)$/u, "%"],
  [/^(?:lakhs?|lacs?|लाख)$/u, "lakh"],
  [/^(?:crores?|करोड़|करोड)$/u, "crore"],
  [/^(?:kgs?|kilos?|kilograms?|किलो|किलोग्राम)$/u, "kg"],
];
const UNIT_AFTER_NUMBER = /(\d)\s*(%|प्रतिशत|per cent|percent|pct|lakhs?|lacs?|लाख|crores?|करोड़|करोड|kilograms?|kgs?|kilos?|किलोग्राम|किलो)(?![\p{L}\p{M}])/gu;
/** A currency sign or abbreviation before a number says nothing the number's own words do not. */
const CURRENCY_BEFORE_NUMBER = /(?:₹|\brs\.?|रु\.?|inr)\s*(?=\d)/gu;

/**
 * Case, spacing and digit grouping do not matter ("1,20,000" = "120000"), nor how a number's unit is written:
 * "7 प्रतिशत" = "7%", "2 लाख" = "2.00 Lakh" (a number's zero decimals dropped) = "2 lakhs", "5 किलोग्राम" = "5 kg", "₹ 300" = "रु. 300" = "300".
 * Applied alike to the reply and to the fact, so it is symmetric; words other than units are left as they are.
 */
export function normaliseForFacts(text: string): string {
  return text
    .toLowerCase()
    .replace(/(\d)[,\s](?=\d)/g, "$1")
    .replace(/(\d)\.0+(?!\d)/g, "$1")
    .replace(CURRENCY_BEFORE_NUMBER, "")
    .replace(UNIT_AFTER_NUMBER, (_, digit: string, unit: string) => `${digit} ${UNIT_FORMS.find(([re]) => re.test(unit))?.[1] ?? unit}`)
    .replace(/\s+/g, " ");
}

export function containsFact(text: string, fact: string): boolean {
  return normaliseForFacts(text).includes(normaliseForFacts(fact));
}

const inLang = <T>(value: Record<string, T> | null | undefined, lang: string): T | undefined => value?.[lang];

/** All the text a record holds for one field in one language, the way answer facts are drawn from it. */
export function fieldText(record: SchemeRecord, field: FactField, lang: string): string {
  const lines: string[] = [];
  const add = (...texts: (string | null | undefined)[]) => texts.forEach((t) => t && lines.push(t));
  switch (field) {
    case "description":
      add(inLang(record.description, lang), inLang(record.detailedDescription, lang));
      break;
    case "eligibility":
      add(...(inLang(record.eligibility?.criteria, lang) ?? []), ...(inLang(record.eligibility?.exclusions, lang) ?? []));
      break;
    case "exclusions":
      add(...(inLang(record.eligibility?.exclusions, lang) ?? []));
      break;
    case "benefits":
      add(...(inLang(record.benefits, lang) ?? []));
      break;
    case "documents":
      add(...(inLang(record.documents, lang) ?? []));
      break;
    case "application":
      for (const mode of inLang(record.applicationProcess, lang) ?? []) add(mode.mode, ...(mode.steps ?? []), mode.url);
      break;
    case "contact": {
      const contact = record.contactInfo;
      add(...(contact?.helplineNumbers ?? []), ...(contact?.links ?? []).map((l) => `${l.title ?? ""} ${l.url ?? ""}`));
      for (const [k, v] of Object.entries(contact ?? {})) if (k !== "helplineNumbers" && k !== "links" && v != null) add(String(v));
      break;
    }
  }
  return lines.join("\n");
}

/** The other slugs a record itself flags as the same scheme. */
export function duplicateSlugs(record: SchemeRecord): string[] {
  return (record.qualityFlags ?? []).filter((f) => f.type === "possible_duplicate_slug" && f.otherSlug).map((f) => f.otherSlug!);
}

/** The scheme ids that count as the question's scheme. */
export function acceptedSchemeIds(q: { schemeId: string | null; alsoAcceptSchemeIds?: string[] }): string[] {
  return q.schemeId ? [q.schemeId, ...(q.alsoAcceptSchemeIds ?? [])] : [];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function clauseHolds(record: SchemeRecord, clause: CategoryClause): boolean {
  const tags = (record.tags ?? []).map((t) => t.toLowerCase());
  if (clause.tags?.some((t) => tags.includes(t.toLowerCase()))) return true;
  if (clause.categories?.some((c) => (record.categories ?? []).includes(c))) return true;
  const haystack = [record.name.en ?? "", record.shortTitle ?? "", ...(record.tags ?? [])].join(" | ").toLowerCase();
  return clause.words?.some((w) => new RegExp(`(?<![a-z0-9])${escapeRegExp(w.toLowerCase())}(?![a-z0-9])`).test(haystack)) ?? false;
}

export function categoryHolds(record: SchemeRecord, predicate: CategoryPredicate): boolean {
  if (predicate.state && !(record.level === "central" || record.state === predicate.state || (record.applicableStates ?? []).includes(predicate.state))) return false;
  return predicate.match.every((clause) => clauseHolds(record, clause));
}
