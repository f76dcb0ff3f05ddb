// The evidence a turn reaches the decision "answer one scheme or offer a short choice" with, in numbers the
// engine already has when it decides: how well the best scheme's name was said and how far ahead of the
// next, whether the words are a kind of help and how many schemes are filed under it, how far search's
// first scheme stands ahead, whether a fact of a scheme is asked. Logged once per turn (debug) so that
// bench/choice-fit.ts can fit and cross-validate a decision offline, as bench/scope-fit.ts does for scope.
// (No fitted weights live here yet: fitted on three parts, and again on all fourteen tuning parts at stop 44,
// neither the decision nor the choice's order did better held out than the rules of category.ts, identify.ts
// and choice.ts; see bench/choice-fit.ts.)
import { nativeTokens, stemEnglish } from "../knowledge/text.js";
import { distinctSchemes, type DialogueKnowledge } from "./knowledge.js";
import { choiceName } from "./names.js";
import { unitsFiledUnder } from "./choice.js";
import type { AnswerLang } from "./types.js";
import type { Identified } from "./identify.js";
import type { Reading } from "./reading.js";

export interface ChoiceEvidence {
  /** A scheme was named by its words (identify found one). */
  named: number;
  /** Best name-match score of any scheme (0–1). */
  nameScore: number;
  /** How far the best name is ahead of the next other scheme's (0–1). */
  nameGap: number;
  /** Search's first scheme ahead of its second, as a share of the first's score (0–1). */
  searchGap: number;
  /** Units narrow enough to choose schemes by (a kind of help, a group). */
  telling: number;
  /** Of those, kinds of help rather than whom it is for. */
  kinds: number;
  /** How many schemes the narrowest kind of help asked for is filed under, as log10(1 + n) (0: none asked). */
  filed: number;
  /** Schemes whose names or tags hold every telling unit, as log10(1 + n) (0: none). */
  fitting: number;
  /** A fact of a scheme asked plainly (a field other than the overview). */
  fieldAsked: number;
  /** The field asked in words that ask nothing else ("documents", "apply"). */
  strongField: number;
  /** Several schemes asked for ("which schemes"). */
  plural: number;
  /** A scheme pointed at by its kind ("the insurance one"). */
  kindReference: number;
  /** The caller's state is known. */
  state: number;
}

export const CHOICE_FEATURES = ["named", "nameScore", "nameGap", "searchGap", "telling", "kinds", "filed", "fitting", "fieldAsked", "strongField", "plural", "kindReference", "state"] as const;
export type ChoiceFeature = (typeof CHOICE_FEATURES)[number];

/** The evidence of one turn, from the reading and what identify found. */
export function choiceEvidence(k: DialogueKnowledge, r: Reading, told: Reading["units"], found: Identified, stateKnown: boolean): ChoiceEvidence {
  const byScheme = new Map<string, number>();
  for (const h of found.hits) byScheme.set(h.schemeId, Math.max(byScheme.get(h.schemeId) ?? 0, h.nameScore));
  const best = found.schemeId ?? [...byScheme.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const twins = new Set(best ? [best, ...(k.kb.store.metaOf(best)?.duplicates ?? [])] : []);
  const nextName = Math.max(0, ...[...byScheme.entries()].filter(([id]) => !twins.has(id)).map(([, s]) => s));
  const scores = distinctSchemes(k, found.hits).map((id) => found.hits.find((h) => h.schemeId === id)!.score);
  const kinds = told.filter((u) => u.group === undefined && k.kb.store.lexicon.beneficiariesIn([u.label, ...u.stems].join(" ")).length === 0);
  // (a group has no stems: how many schemes a kind of help is filed under)
  const filedUnder = told.filter((u) => u.group === undefined && u.stems.length > 0).map((u) => Math.max(0, ...u.stems.map((s) => k.concepts.conceptCount(s))));
  const fits = told.length > 0 ? k.concepts.fitting(told).filter((f) => f.matched === told.length).length : 0;
  return {
    named: found.schemeId ? 1 : 0,
    nameScore: found.nameScore,
    nameGap: Math.max(0, found.nameScore - nextName),
    searchGap: scores.length >= 2 && scores[0]! > 0 ? Math.max(0, (scores[0]! - scores[1]!) / scores[0]!) : scores.length === 1 ? 1 : 0,
    telling: told.length,
    kinds: kinds.length,
    filed: filedUnder.length > 0 ? Math.log10(1 + Math.min(...filedUnder)) : 0,
    fitting: Math.log10(1 + fits),
    fieldAsked: r.fieldIntent && r.fieldIntent !== "overview" ? 1 : 0,
    strongField: r.strongField ? 1 : 0,
    plural: r.plural ? 1 : 0,
    kindReference: r.kindReference ? 1 : 0,
    state: stateKnown ? 1 : 0,
  };
}

/** What a scheme that may be offered for a kind of help is, beside the others that may be (bench/choice-fit.ts). */
export interface MemberEvidence {
  schemeId: string;
  /** How it is said in the choice: two said alike are not offered together. */
  name: string;
  /** The caller's words reach it (search finds it, or it is their state's own named for what they asked). */
  reached: boolean;
  /** Share of the units whose caller's own word its name, short title or tags say as that word (up to a plural). */
  literal: number;
  /** Share of the units its name holds. */
  inName: number;
  /** Share of the units its categories are named for. */
  filed: number;
  /** Share of the groups asked for that it is for. */
  beneficiary: number;
  /** Search relevance to the caller's words, as a share of the best of those considered. */
  relevance: number;
  central: number;
  ownState: number;
  /** A state's scheme not of the caller's state (known or not). */
  otherState: number;
  /** The usefulness prior. */
  prior: number;
  /** Share of the units its tags hold but not its name. */
  inTags: number;
  /** Share of the units its target beneficiaries say. */
  inTargets: number;
  /** Share of the units its eligibility criteria say. */
  inEligibility: number;
  /** Share of the units only its descriptions say (neither its name, tags, targets nor criteria). */
  onlyDescribed: number;
  /** Share of the caller's content words (English, four letters or more) its name, short title and tags hold. */
  contentWords: number;
}

/** A word up to its plural ("fishermen" is "fisherman", "loans" "loan"): the same word, not a derived one ("dairying"). */
export function pluralFold(word: string): string {
  const w = word.toLowerCase();
  if (!/^[a-z]+$/.test(w) || w.length <= 3) return w;
  if (w.endsWith("men") && w.length >= 5) return `${w.slice(0, -3)}man`;
  if (w.endsWith("ies") && w.length > 4) return `${w.slice(0, -3)}y`;
  if (/(?:ss|us|is)$/.test(w)) return w;
  if (/(?:sh|ch|x|z)es$/.test(w)) return w.slice(0, -2);
  return w.endsWith("s") ? w.slice(0, -1) : w;
}

/** How far the caller's own word for a unit is what a scheme's words say, as the word itself. */
export function saysAsWord(unit: { label: string; own?: string[]; stems: string[]; group?: string }, words: Set<string>, stems: Set<string>): boolean {
  // the caller's word in English (a romanised or Devanagari word is met through its English stems)
  if (/^[a-z]+$/.test(unit.label)) return words.has(pluralFold(unit.label));
  // (its own English comes first of its own stems; the rest are the concept's other words)
  const first = (unit.own ?? unit.stems)[0];
  return first !== undefined && stems.has(first);
}

/** Caller's words this short say nothing of what a scheme is about ("for", "my", "the"). */
const CONTENT_WORD_MIN = 4;

/** Stems of a record's text, to be met by a unit's stems. */
const stemsOf = (text: string) => new Set(nativeTokens(text).map(stemEnglish));
const unitStems = (u: Reading["units"][number]) => (u.group ? [stemEnglish(u.group), ...u.stems] : u.stems);

export async function memberEvidence(k: DialogueKnowledge, pool: string[], units: Reading["units"], relevance: Map<string, number>, state: string | undefined, lang: AnswerLang, reached: (id: string) => boolean, text = ""): Promise<MemberEvidence[]> {
  const ids = pool.filter((id, i) => pool.indexOf(id) === i).slice(0, MEMBERS_EXPLAINED);
  const records = await k.kb.store.getMany(ids);
  const best = Math.max(1e-9, ...ids.map((id) => relevance.get(id) ?? 0));
  const groups = units.filter((u) => u.group !== undefined);
  const content = [...new Set(nativeTokens(text).filter((w) => /^[a-z]+$/.test(w) && w.length >= CONTENT_WORD_MIN).map(stemEnglish))];
  return ids.map((id) => {
    const meta = k.kb.store.metaOf(id);
    const record = records.get(id);
    const tokens = record ? nativeTokens([record.name.en, meta?.shortTitle ?? "", ...(record.tags ?? [])].join(" ")) : [];
    const words = new Set(tokens.map(pluralFold));
    const stems = new Set(tokens.map(stemEnglish));
    const share = (n: number, of: number) => (of === 0 ? 0 : n / of);
    const targets = stemsOf((record?.targetBeneficiaries ?? []).join(" "));
    const criteria = stemsOf((record?.eligibility.criteria.en ?? []).join(" "));
    const described = stemsOf([record?.description.en ?? "", record?.detailedDescription?.en ?? ""].join(" "));
    const says = (set: Set<string>) => (u: Reading["units"][number]) => unitStems(u).some((x) => set.has(x));
    const fits = units.map((u) => k.concepts.fit(id, u));
    // each unit read against each field once: the shares below count from these
    const inTargets = units.map(says(targets));
    const inCriteria = units.map(says(criteria));
    return {
      schemeId: id,
      name: choiceName(k, id, lang).toLowerCase(),
      reached: reached(id),
      literal: share(units.filter((u) => saysAsWord(u, words, stems)).length, units.length),
      inName: share(units.filter((u) => k.concepts.fit(id, u) === 2).length, units.length),
      filed: meta ? share(unitsFiledUnder(meta, units), units.length) : 0,
      beneficiary: share(groups.filter((u) => meta?.beneficiaries.includes(u.group!)).length, groups.length),
      relevance: (relevance.get(id) ?? 0) / best,
      central: meta?.level === "central" ? 1 : 0,
      ownState: state && meta?.level !== "central" && meta?.states.includes(state) ? 1 : 0,
      otherState: meta && meta.level !== "central" && !(state && meta.states.includes(state)) ? 1 : 0,
      prior: meta?.prior ?? 0,
      inTags: share(fits.filter((f) => f === 1).length, units.length),
      inTargets: share(inTargets.filter(Boolean).length, units.length),
      inEligibility: share(inCriteria.filter(Boolean).length, units.length),
      onlyDescribed: share(units.filter((u, i) => fits[i] === 0 && !inTargets[i] && !inCriteria[i] && says(described)(u)).length, units.length),
      contentWords: share(content.filter((w) => stems.has(w)).length, content.length),
    };
  });
}

/** The member evidence a fitted order weighs. */
export const MEMBER_FEATURES = ["literal", "inName", "filed", "beneficiary", "relevance", "central", "ownState", "prior", "otherState", "inTags", "inTargets", "inEligibility", "onlyDescribed", "contentWords"] as const;

/** Schemes of a choice's pool whose evidence is logged (deep enough that bench/choice-fit.ts sees whether any order of the pool could make a fitting choice). */
const MEMBERS_EXPLAINED = 40;
