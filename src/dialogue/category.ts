// The choice for a kind of help ("a pension for my mother"): which schemes hold what was asked, whether
// one of them is clearly the answer, and which two or three are offered, in what order, by what names;
// and the beneficiary groups offered to a request too vague to choose by.
import { dictionaryForms } from "../knowledge/dictionary-forms.js";
import type { SearchHit } from "../knowledge/index.js";
import { nativeTokens, stemEnglish } from "../knowledge/text.js";
import { rankFitting } from "./choice.js";
import { memberEvidence, pluralFold, type MemberEvidence } from "./choice-evidence.js";
import { GENERIC_CONCEPT_SCHEMES } from "./identify.js";
import { distinctSchemes, type DialogueKnowledge } from "./knowledge.js";
import { choiceName } from "./names.js";
import { OWN_PERSON, questionAsks, turnSentences } from "./nlu.js";
import type { Reading } from "./reading.js";
import type { AnswerLang } from "./types.js";

/** Schemes a choice keeps for what the caller says about themselves next. */
const PROFILE_CANDIDATES = 40;
/** A concept this share of all schemes is filed under is too broad to choose schemes by. */
const BROAD_CONCEPT_SHARE = 0.2;
/** Choices of schemes offered at once. */
const CHOICE_SIZE = 3;
/** Fewer schemes than this are no choice. */
const CHOICE_MIN = 2;
/** A chief minister's schemes are a state's: asked for by that office, other states' are not passed over. */
const STATE_RUN = /(?:^|[^a-z])(?:chief minister'?s?|mukhya ?mantri|cm)(?:$|[^a-z])|मुख्यमंत्री|मुख्य मंत्री/i;
/** Beneficiary groups offered to a vague request. */
const TOPIC_SIZE = 5;
/** Schemes from the front of a choice's pool looked at for saying the caller's own words. */
const LITERAL_LOOKED_AT = 60;

/** What a kind of help comes to: one scheme to answer, a choice of a few, or "who is it for?". */
export type SchemeChoice =
  | { kind: "topics" }
  /** clearPending: a pending choice is settled by this answer. */
  | { kind: "answer"; schemeId: string; clearPending: boolean }
  /** candidates: the fitting schemes what the caller says about themselves next picks among. */
  | { kind: "choose"; options: string[]; candidates: string[]; considered?: MemberEvidence[] };

/**
 * A kind of help: the schemes whose names or tags hold everything asked for. One clear central scheme
 * is to be answered; several are offered by name with keypad numbers.
 */
export async function chooseSchemes(k: DialogueKnowledge, said: Reading["units"], r: Reading, profileState: string | undefined, lang: AnswerLang, signal: AbortSignal | undefined, explain = false): Promise<SchemeChoice> {
  // a thing the caller only tells of ("I keep two buffaloes."), in no sentence that asks ("Which
  // schemes are there for farmers?"), is their story, not the help asked for: one scheme filed
  // under it is no answer to the question (whom it is for, a group, counts wherever it is said)
  // (unless the question itself names nothing, "Which schemes are there in my state?": then what the caller
  // told they want, "I want to start my own work.", is the help asked)
  const toldOf = toldOnly(r);
  const asking = askingPart(r);
  const story = asking === undefined || said.some((u) => !toldOf(u.label)) || k.kb.store.lexicon.beneficiariesIn(asking).length > 0 ? toldOf : () => false;
  // (nor is a word that only says whose someone is, "<poor> <home> ki <girl>": the person's, not the help's)
  const ofPerson = describesPerson(k, r);
  // (a word that narrows the group the caller tells of, as the schemes' tags pair them, "asangathit mazdoor":
  // unorganised workers, is whom the help is for, wherever it is said)
  const narrows = narrowsGroup(k, r);
  const asked = said.filter((u) => u.group !== undefined || narrows(u) || (!story(u.label) && !ofPerson(u.label)));
  const units = asked.length > 0 ? asked : said;
  // with no words (a group picked by its number) there is nothing to be relevant to
  const hits = r.text.trim() ? await k.kb.search.search(r.text, { limit: 20, signal }).catch(() => [] as SearchHit[]) : [];
  const relevance = new Map(hits.map((h) => [h.schemeId, h.score]));
  const state = r.state ?? profileState;
  const fits = k.concepts.fitting(units);
  // a kind of help ("bhatta": allowance), not whom it is for (a group, or a word for people: "ladkon")
  // (a concept too broad to choose by, "paisa", is no kind asked for)
  const kinds = units.map((u) => u.group === undefined && telling(k, [u]).length > 0 && k.kb.store.lexicon.beneficiariesIn([u.label, ...u.stems].join(" ")).length === 0);
  const rank = (central: boolean) => rankFitting(fits, units.length, (id) => k.kb.store.metaOf(id), { state, central, relevance, kinds, units });
  // no state known: the central government's schemes, which every caller can use, are what is chosen
  // among; other states' schemes only when too few central ones fit to choose between, or when one
  // scheme alone holds the most asked for (it is as good as named: "the weavers' loom scheme")
  const everywhere = rank(r.central);
  const centralOnly = !state && !r.central && !STATE_RUN.test(r.text) ? rank(true) : [];
  const oneHoldsMost = distinctSchemes(k, everywhere.filter((x) => x.best)).length === 1;
  // (nor when no central scheme holds the kind of help asked and other states' schemes do: central
  // schemes for the group alone, "insurance for workers", are no answer to "artificial limbs for workers",
  // which only states' schemes give)
  const kindHeld = (list: typeof everywhere) => list.some((x) => x.best && x.kindsHeld > 0);
  // (nor when the kind the caller's living is of, "paddy" of "we grow paddy", names schemes enough for a choice,
  // none of them central: central schemes holding a broad kind word beside it, "incentive", are no answer to it)
  const living = units.find((u, i) => kinds[i] && u.described);
  const namedFor = (list: typeof everywhere) => (living ? distinctSchemes(k, list.filter((x) => x.best && k.concepts.fit(x.schemeId, living) === 2)) : []);
  const centralLacksKind = (!kindHeld(centralOnly) && kindHeld(everywhere)) || (namedFor(centralOnly).length === 0 && namedFor(everywhere).length >= CHOICE_MIN);
  const all = !oneHoldsMost && !centralLacksKind && distinctSchemes(k, centralOnly.filter((x) => x.best)).length >= CHOICE_MIN ? centralOnly : everywhere;
  const ranked = all.filter((x) => x.best);
  const ids = distinctSchemes(k, ranked);
  // schemes holding one thing less, to make a choice when too few hold everything
  const partialAnywhere = distinctSchemes(k, all.filter((x) => !x.best));
  const partial = partialAnywhere.filter((id) => k.kb.store.metaOf(id)?.level === "central" || (state && k.kb.store.metaOf(id)?.states.includes(state)));
  if (ids.length === 0) return { kind: "topics" };
  const centralIds = ids.filter((id) => k.kb.store.metaOf(id)?.level === "central");
  const stateIds = state ? ids.filter((id) => k.kb.store.metaOf(id)?.level !== "central") : [];
  // holding everything that matters: a word only a few schemes are filed under ("band") is not needed
  const core = units.map((u) => u.group !== undefined || Math.max(0, ...u.stems.map((s) => k.concepts.conceptCount(s))) >= GENERIC_CONCEPT_SCHEMES);
  const complete = new Set(all.filter((x) => x.complete || units.every((u, i) => !core[i] || k.concepts.fit(x.schemeId, u) > 0)).map((x) => x.schemeId));
  // one scheme is what was asked for: the only one there is, the state's own when the caller named
  // the state, or the only central one when no state is known
  // among several central schemes, the one whose name itself says everything asked for
  const namedCentral = centralIds.filter((id) => complete.has(id) && units.every((u) => k.concepts.fit(id, u) === 2));
  // …but only for a question after a fact of it: "which schemes", "can I get" are answered with a choice
  // (a word of a kind of help, "subsidy", "insurance", asks for no fact: only "how much" or a field asked for plainly does)
  // (the words of the kind itself, "pension", "लोन", are not a fact asked of it: "which pension scheme")
  const kindWords = new Set(units.map((u) => u.label));
  const factAsked = questionAsks(nativeTokens(r.text).filter((w) => !kindWords.has(w)).join(" ")).length > 0 || (r.strongField && ["documents", "apply", "exclusions", "contact", "benefits"].includes(r.fieldIntent ?? ""));
  const only =
    ids.length === 1
      ? ids[0]
      : r.state && stateIds.length === 1
        ? stateIds[0]
        : !state && !r.plural && (centralIds.length === 1 || (namedCentral.length === 1 && namedCentral[0] === centralIds[0]))
          ? centralIds[0]
          : undefined;
  if (only && (complete.has(only) || ids.length === 1) && (factAsked || (ids.length === 1 && partialAnywhere.length === 0))) {
    return { kind: "answer", schemeId: only, clearPending: true };
  }
  // the caller's state known: its own schemes and the central ones in the order they fit (the ranking
  // puts the state's own first), so a central scheme barely filed under the help asked for does not
  // come before the state's second scheme named for it; no state: central schemes (holding everything,
  // then one thing less), other states' schemes only when nothing else fits
  const isCentral = (id: string) => k.kb.store.metaOf(id)?.level === "central";
  const whole = state ? ids : [...centralIds, ...ids].filter((id, i, list) => list.indexOf(id) === i);
  // schemes holding everything asked for come before those holding less: a choice is of what was asked
  const pool = whole.length >= 2 ? whole : state ? [...ids, ...partial, ...partialAnywhere] : [...centralIds, ...ids, ...partial.filter(isCentral), ...partial, ...partialAnywhere];
  const offered = sayableApart(k, await sayingOwnWords(k, pool, units, kinds, lang), lang);
  // a scheme the caller's words do not reach at all (filed under a word of theirs, "Mother", its text
  // about something else: not among the schemes search finds for them) is not offered beside two they do
  // (the caller's state's own scheme whose name says everything asked is about it, though its record
  // may be in English alone and the caller's words Hindi)
  const ownNamed = (id: string) => !!state && !isCentral(id) && !!k.kb.store.metaOf(id)?.states.includes(state) && units.every((u) => k.concepts.fit(id, u) === 2);
  const reached = offered.filter((id) => relevance.has(id) || ownNamed(id));
  const options = reached.length >= 2 ? reached : offered;
  if (options.length === 1) return { kind: "answer", schemeId: options[0]!, clearPending: false };
  // what the caller says about themselves next picks among every fitting central (or own-state) scheme
  const candidates = ids.filter((id) => isCentral(id) || (state && k.kb.store.metaOf(id)?.states.includes(state))).slice(0, PROFILE_CANDIDATES);
  const considered = explain ? await memberEvidence(k, pool, units, relevance, state, lang, (id) => relevance.has(id) || ownNamed(id), r.text) : undefined;
  return { kind: "choose", options, candidates, ...(considered ? { considered } : {}) };
}

/** The sentences from the first that asks on, after some that tell; none when no sentence asks or the first does. */
function askingPart(r: Reading): string | undefined {
  const sentences = turnSentences(r.text);
  const first = sentences.findIndex((x) => /[?？]$/.test(x));
  return first <= 0 ? undefined : sentences.slice(first).join(" ");
}

/**
 * Whether a word is said only in the sentences that tell about the caller before the question ("I keep two
 * buffaloes."), not in the question ("Which schemes are there for farmers?") nor in what
 * follows it ("… koi awas wali yojana batao", "… crop or my own?"): never when no sentence asks.
 */
function toldOnly(r: Reading): (label: string) => boolean {
  const part = askingPart(r);
  if (part === undefined) return () => false;
  const asked = new Set(nativeTokens(part));
  // a thing of several words told of is asked for when the question names it by its head, its last word
  // ("we run a self help group. What is there for the group?")
  return (label) => {
    const words = nativeTokens(label);
    return !words.every((w) => asked.has(w)) && !(words.length > 1 && asked.has(words[words.length - 1]!));
  };
}

/**
 * The caller's own word for each kind of help asked, as the English word a scheme's name or tags would
 * say: an English word itself (up to its plural), a Hindi one by its first meaning when that is one word,
 * or by the English word it borrows ("डेयरी": dairy) when that is among its meanings, or by the dictionary
 * meanings it was read by when the lexicon lacks it, with the romanised
 * Hindi words the lexicon gives for those; none for a group.
 */
function ownWords(k: DialogueKnowledge, units: Reading["units"], kinds: boolean[]): Set<string>[] {
  return units.map((u, i) => {
    if (!kinds[i] || u.group !== undefined || u.label.includes(" ")) return new Set<string>();
    const meanings = k.kb.store.lexicon.englishFor(u.label);
    const loan = k.background.loanwordOf(u.label);
    const first = meanings[0] && !meanings[0].includes(" ") ? meanings[0] : undefined;
    // (a word the curated lexicon lacks is read by its dictionary meanings, "नारियल": coconut: those the reading
    // filed it under are its own words, as the English word itself would be)
    const read = u.dictionary ? dictionaryForms(u.label).flatMap((f) => k.background.englishOf(f)).filter((m) => /^[a-z]+$/.test(m) && u.stems.includes(stemEnglish(m))) : [];
    const english = [...(/^[a-z]+$/.test(u.label) ? [u.label] : []), ...(first ? [first] : []), ...(loan && meanings.includes(loan) ? [loan] : []), ...read];
    // and the romanised Hindi words names keep for them ("Bima" of insurance, "Awas" of housing)
    return new Set([...english, ...k.kb.store.lexicon.romanFor(english.join(" "))].map(pluralFold));
  });
}

/**
 * Of a choice's pool, the schemes whose names, short titles or tags say the caller's own words for the
 * help asked (as words, up to a plural: "dairy", not "dairying"), in the pool's order, when at least two
 * said apart do: a scheme met only through the broader concept ("animal husbandry" of "dairy") may be
 * about something else of it. Otherwise the pool as it is.
 */
async function sayingOwnWords(k: DialogueKnowledge, pool: string[], units: Reading["units"], kinds: boolean[], lang: AnswerLang): Promise<string[]> {
  const own = ownWords(k, units, kinds);
  if (own.every((w) => w.size === 0)) return pool;
  const looked = [...new Set(pool)].slice(0, LITERAL_LOOKED_AT);
  const records = await k.kb.store.getMany(looked);
  // which of the caller's words each scheme says
  const said = new Map(
    looked.map((id) => {
      const record = records.get(id);
      const words = new Set(record ? nativeTokens([record.name.en, k.kb.store.metaOf(id)?.shortTitle ?? "", ...(record.tags ?? [])].join(" ")).map(pluralFold) : []);
      return [id, own.map((w) => w.size > 0 && [...w].some((x) => words.has(x)))];
    }),
  );
  const says = new Map([...said].map(([id, held]) => [id, held.filter(Boolean).length]));
  const most = Math.max(0, ...says.values());
  const saying = looked.filter((id) => says.get(id) === most);
  // (each saying every word of the caller's, or more than one: schemes each saying a different single one of
  // several, "design" of one and "units" of another, are no choice of one kind; the narrowest word decides below)
  const wordsAsked = own.filter((w) => w.size > 0).length;
  if (most > 0 && (most === wordsAsked || most > 1) && sayableApart(k, saying, lang).length >= CHOICE_MIN) return saying;
  // too few say them all: those saying the caller's narrowest word for the help (the one fewest of them
  // say, "solar" beside "subsidy"), when enough do, those saying more of the others first
  const narrowest = own
    .map((_, u) => looked.filter((id) => said.get(id)![u]))
    .filter((ids) => ids.length > 0 && sayableApart(k, ids, lang).length >= CHOICE_MIN)
    .sort((a, b) => a.length - b.length)[0];
  if (!narrowest) return pool;
  return [...narrowest].sort((a, b) => says.get(b)! - says.get(a)!);
}

/**
 * Whether a unit is said right beside a word for a group of people and makes with it a tag of several
 * schemes ("asangathit mazdoor", "construction workers": the unorganised workers, the construction
 * workers): a narrower group, not a thing the caller only tells of.
 */
function narrowsGroup(k: DialogueKnowledge, r: Reading): (unit: Reading["units"][number]) => boolean {
  const words = nativeTokens(r.text);
  const lexicon = k.kb.store.lexicon;
  // each word's English stems, when it names a group
  const groupStems = words.map((w) => (lexicon.beneficiariesIn(w).length > 0 ? [w, ...lexicon.englishFor(w)].flatMap((e) => nativeTokens(e)).map(stemEnglish) : []));
  return (unit) => {
    if (unit.group !== undefined || unit.label.includes(" ")) return false;
    return words.some((w, i) => {
      if (w !== unit.label) return false;
      const beside = [...(groupStems[i - 1] ?? []).map((g) => [g, "before"] as const), ...(groupStems[i + 1] ?? []).map((g) => [g, "after"] as const)];
      return beside.some(([g, side]) => unit.stems.some((s) => k.concepts.conceptCount(side === "after" ? `${s} ${g}` : `${g} ${s}`) >= CHOICE_MIN));
    });
  };
}

/** Hindi's genitive postpositions ("of"): a word before one and a person after it says whose the person is. */
const GENITIVE = new Set(["ka", "ki", "ke", "का", "की", "के"]);
/** English's: a person before one and a word after it ("a girl from a poor home"). */
const OF = new Set(["of", "from"]);
/** Words an English "of" may stand apart from its noun by ("of a poor home"). */
const OF_SPAN = 3;

/**
 * Whether a word is said only as whose someone is, never elsewhere: right before a genitive and a word for a
 * group of people ("<home> ki <girl>", "<family> का <son>"), or a few words after a word for a group and "of"
 * ("a girl from a poor <home>"): it describes the person, it is no help asked for.
 */
function describesPerson(k: DialogueKnowledge, r: Reading): (label: string) => boolean {
  const words = nativeTokens(r.text);
  const person = (i: number) => i >= 0 && k.kb.store.lexicon.beneficiariesIn(words[i] ?? "").length > 0;
  const ofPerson = (i: number) => (GENITIVE.has(words[i + 1] ?? "") && person(i + 2)) || Array.from({ length: OF_SPAN }, (_, d) => i - 1 - d).some((j) => OF.has(words[j] ?? "") && person(j - 1));
  return (label) => {
    const at = words.flatMap((w, i) => (w === label ? [i] : []));
    return at.length > 0 && at.every(ofPerson);
  };
}

/** The first few schemes of a list, each once, and no two said alike ("Vayoshreshtha Samman", twice): a caller cannot tell those apart. */
function sayableApart(k: DialogueKnowledge, ids: string[], lang: AnswerLang): string[] {
  const out: string[] = [];
  for (const id of ids) {
    if (out.length >= CHOICE_SIZE) break;
    if (out.includes(id)) continue;
    const names = choiceNames(k, [...out, id], lang).map((n) => n.toLowerCase());
    if (new Set(names).size < names.length) continue;
    out.push(id);
  }
  return out;
}

/**
 * The names a choice says its schemes by: each its short name (choiceName), but schemes whose short names are
 * alike, parts of one programme named before a colon ("The West Bengal Incentive Scheme: Interest Subsidy on
 * Term Loan", "…: Waiver of Electricity Duty"), by their whole names, which tell them apart.
 */
export function choiceNames(k: DialogueKnowledge, ids: string[], lang: AnswerLang): string[] {
  const short = ids.map((id) => choiceName(k, id, lang));
  const alike = (i: number) => short.filter((n) => n.toLowerCase() === short[i]!.toLowerCase()).length > 1;
  return ids.map((id, i) => {
    const meta = k.kb.store.metaOf(id);
    if (!alike(i) || !meta) return short[i]!;
    const whole = meta.name.replace(/\s*\([^)]*\)\s*$/, "").trim();
    return meta.level === "central" || !meta.state || whole.toLowerCase().includes(meta.state.toLowerCase()) ? whole : `${whole} (${meta.state})`;
  });
}

/** Units narrow enough to choose schemes by (not "financial assistance", which a fifth of all schemes are). */
export function telling(k: DialogueKnowledge, units: Reading["units"]): Reading["units"] {
  return units.filter((u) => u.group !== undefined || Math.max(0, ...u.stems.map((s) => k.concepts.conceptCount(s))) <= k.concepts.schemeCount * BROAD_CONCEPT_SHARE);
}

/** "Who is it for?": the beneficiary groups most central schemes serve. */
export function topicGroups(k: DialogueKnowledge): string[] {
  const counts = new Map<string, number>();
  for (const m of k.kb.store.meta()) if (m.level === "central") for (const b of m.beneficiaries) counts.set(b, (counts.get(b) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([g]) => g).slice(0, TOPIC_SIZE);
}

/**
 * A follow-up that names another kind of help in the words schemes' names are made of ("and what about
 * the housing loan?" after a crop insurance answer): something the current scheme is not filed under at all, and a
 * scheme whose name holds every telling word, a kind word among them (a group alone, "is it for farmers
 * too?", asks about the current scheme, as does a group beside "it").
 */
export async function namesAnotherKind(k: DialogueKnowledge, r: Reading, current: string): Promise<boolean> {
  const told = telling(k, r.units);
  const foreign = told.filter((u) => k.concepts.fit(current, u) === 0);
  if (told.length < 2 || told.every((u) => u.group !== undefined) || foreign.length === 0) return false;
  // "who can apply in it? my son is 17": "it" points at the current scheme, and whom the caller tells of
  // (a group: someone of their own, or an age) beside a kind the current scheme has does not turn the
  // question to another scheme ("and the disability pension, who gets it?" still does)
  const tellsOfOwn = OWN_PERSON.test(r.text) || r.age !== undefined || r.monthlyIncome !== undefined;
  if (r.anaphora && tellsOfOwn && foreign.every((u) => u.group !== undefined)) return false;
  if (!k.concepts.fitting(told).some((f) => f.schemeId !== current && f.inName === told.length)) return false;
  // a part of the current scheme its own text speaks of ("the Shishu loan" of Mudra, "the stipend") is no other kind
  const record = await k.kb.store.get(current);
  const said = new Set(record ? nativeTokens(JSON.stringify([record.name, record.description, record.detailedDescription, record.benefits, record.eligibility])).map(stemEnglish) : []);
  return !foreign.every((u) => u.group === undefined && [u.label, ...u.stems].some((w) => said.has(stemEnglish(w))));
}
