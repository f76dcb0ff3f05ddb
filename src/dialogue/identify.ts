// Which scheme a caller's turn names: in the words, in the recogniser's other readings, or by sound (then
// only to be confirmed); a name made only of a kind of help's words is read as that kind, not as a name.
import { type SchemeRecord, type SearchHit } from "../knowledge/index.js";
import { canonicalTokens, nativeTokens, phoneticKey, stemEnglish } from "../knowledge/text.js";
import { distinctSchemes, readText, sanitize, type DialogueKnowledge } from "./knowledge.js";
import { telling } from "./category.js";
import { heardInstead } from "./heard.js";
import { FRAME_WORDS } from "./nlu.js";
import type { Reading } from "./reading.js";
import type { Utterance } from "./types.js";
import { namedByPhrase, namedWordForWord, nameSaidWordForWord, namePhrase, namesAThing, partOfScheme, unheldName, unheldWrittenName, unknownNameSaid, writtenAsScheme } from "./unheld.js";
import { nameTokensOf, OPTIONAL_NAME_WORDS, ownNameWords, wordKey } from "./name-words.js";
import { LEADING_WORDS, RARE_WORD_SCHEMES } from "./named-beside.js";
import { namedByBentPhrase } from "./named-bent.js";
import { ownStatesScheme } from "./own-state.js";
import { callerWordsSaid } from "./said-forms.js";
import { longestRunOfOwnWords, runOfOwnWords } from "./word-run.js";

/** A word of a scheme's name filed under this many schemes' names or tags is a kind of help, not a name. */
export const GENERIC_CONCEPT_SCHEMES = 5;
/** Name scores this close are equally good names. */
export const NAME_TIE = 0.02;
/** A name score this high makes a scheme a rival in a clarifying question. */
const RIVAL_NAME_GAP = 0.08;
/** A recogniser alternative counts this much of the first reading. */
const ALTERNATIVE_FACTOR = 0.9;
/** Names each reading sounds like that are looked at for the one the audio scorer heard first. */
const SOUND_MATCHES_HEARD = 3;
/** …and by this many of them in any order (one more: words said apart are less surely a name). */
const ANY_ORDER_WORDS = LEADING_WORDS + 1;

export interface Identified {
  hits: SearchHit[];
  schemeId?: string;
  /** Other schemes named about as well (a clarifying question names them). */
  rivals: string[];
  /** The best name score of any scheme. */
  nameScore: number;
  /** The scheme rests on sound alone (a recogniser alternative or the acoustic scorer). */
  bySound?: { schemeId: string; score: number };
  /** The caller's words for a scheme the knowledge base does not hold. */
  unheld?: string;
}

/**
 * Which scheme the words (or the recogniser's other readings, or the sound) name, if one stands out; or,
 * typed, the words of a name the knowledge base does not hold (`unheld`), though a scheme shares a word of it.
 */
export async function identify(k: DialogueKnowledge, text: string, r: Reading, utterance: Utterance, signal?: AbortSignal): Promise<Identified> {
  const spoken = utterance.confidence !== undefined || (utterance.alternatives?.length ?? 0) > 0 || (utterance.heardNames?.length ?? 0) > 0;
  const named = await identifyScheme(k, text, r, utterance, spoken, signal);
  // a central scheme named by a caller of a state that runs its own version of it: the state's
  const own = named.schemeId ? ownStatesScheme(k, named.schemeId, named.hits, r) : undefined;
  const found = own ? { ...named, schemeId: own, rivals: [] } : named;
  // recognised speech garbles a held name as often as it says one we lack: those are confirmed instead
  if (spoken) return found;
  // a name misspelt a word at a time, said whole word for word, is that name, whatever else the words met
  const wordForWord = namedWordForWord(k, r);
  if (wordForWord && wordForWord !== found.schemeId && !anotherStates(k, wordForWord, r) && !(found.schemeId && nameSaidWordForWord(k, r, found.schemeId, true))) return { ...found, schemeId: wordForWord, rivals: [], bySound: undefined };
  const kind = (w: string) => isConceptWord(k, w);
  // a scheme found by sound: the name may also be the unknown words and their neighbours
  const bySound = found.schemeId === undefined && found.bySound !== undefined;
  const phrase = namePhrase(k, r, kind, bySound);
  if (!found.schemeId && !found.bySound) {
    // a name said by some of its own words before "yojana", all of them one scheme's (or most, the rest a sound off)
    const held = namedByPhrase(k, phrase) ?? namedByBentPhrase(k, phrase);
    if (held && !anotherStates(k, held, r)) return { ...found, schemeId: held, rivals: [] };
  }
  const schemeId = found.schemeId ?? found.bySound?.schemeId;
  const nameScore = found.hits.find((h) => h.schemeId === schemeId)?.nameScore ?? 0;
  // (or a name written as names are, with capitals, that neither the scheme found by its words nor any other
  // holds, where a scheme was found or the caller calls something a scheme: a person's or a firm's name else;
  // or asked a scheme's field of as what one claims or is covered under, or is told about, "claim under <Aaa>
  // <Bbb>": a person of the story stands elsewhere, "my husband <Aaa> <Bbb> died")
  const writtenAny = !bySound && (found.schemeId !== undefined || r.designator || r.fieldIntent !== undefined) ? unheldWrittenName(k, r, found.schemeId, nameScore) : undefined;
  const written = writtenAny !== undefined && (found.schemeId !== undefined || r.designator || writtenAsScheme(r.text, writtenAny)) ? writtenAny : undefined;
  const unheld = (schemeId ? unheldName(k, { schemeId, nameScore, bySound }, phrase) : unknownNameSaid(r, phrase)) ?? written;
  if (!unheld) return found;
  // a thing the scheme found gives, its card or account, that its own record speaks of ("<trade> card")
  if (schemeId && !bySound && namesAThing(unheld) && (await partOfScheme(k, unheld, schemeId))) return found;
  // the words before "yojana" name another scheme the knowledge base holds (by two words or more: one
  // word is as often a thing of the scheme found): that one was meant, not the one a word said elsewhere
  // ("<name> scheme <word of another name>") found
  const held = schemeId ? (namedByPhrase(k, phrase, false) ?? namedByBentPhrase(k, phrase)) : undefined;
  return held ? { ...found, schemeId: held, rivals: [], bySound: undefined } : { ...found, schemeId: undefined, rivals: [], bySound: undefined, unheld };
}

async function identifyScheme(k: DialogueKnowledge, text: string, r: Reading, utterance: Utterance, spoken: boolean, signal?: AbortSignal): Promise<Identified> {
  const hits = text ? await k.kb.search.search(text, { limit: 10, signal, heard: spoken }) : [];
  const named = namedIn(k, hits, r, spoken);
  // heard speech: a name the audio supports where it hardly supports the words' scheme is offered instead
  const byWords = (found: Identified & { schemeId: string }): Identified => {
    const instead = spoken ? heardInstead(k, utterance, found.schemeId) : undefined;
    return instead ? { ...found, schemeId: undefined, rivals: [], bySound: instead } : found;
  };
  if (named.schemeId) {
    const inOrder = namedInOrderInstead(k, r, { ...named, schemeId: named.schemeId }, withNamesSaid(k, text, named.hits, spoken));
    if (inOrder) return byWords({ ...named, schemeId: inOrder, rivals: [] });
    // heard speech: a longer name that holds the words said and sounds like the rest ("kisan credit
    // guard" is Kisan Credit Card, not PM-KISAN) is offered for a yes/no instead
    const longer = spoken ? longerNameBySound(k, text, named) : undefined;
    return longer ? { ...named, schemeId: undefined, rivals: [], bySound: longer } : byWords({ ...named, schemeId: named.schemeId });
  }
  // (a state's scheme of another state than the caller named is not meant by some of its words: their own
  // state's, one the knowledge base lacks, shares a word with it)
  const byLeadingWords = namedByLeadingWords(k, r, withNamesSaid(k, text, named.hits, spoken).filter((h) => !anotherStates(k, h.schemeId, r)))?.id ?? namedByOwnWords(k, r, named.hits);
  if (byLeadingWords) return byWords({ ...named, schemeId: byLeadingWords });
  const byRareWord = await namedByRareWord(k, text, named.hits);
  // heard speech: a name the words sound like across their boundaries is surer than one word no
  // dictionary knows, which the recogniser as often makes of a garbled name as hears as said
  if (byRareWord && !(spoken && soundsLikeAName(k, text)) && !anotherStates(k, byRareWord, r)) return byWords({ ...named, schemeId: byRareWord });
  // the recogniser's other readings: a name found there is a little less sure than in the first
  let best: { schemeId: string; score: number } | undefined;
  for (const alt of utterance.alternatives ?? []) {
    const clean = sanitize(alt, k.config.maxInputChars);
    if (!clean) continue;
    const altNamed = namedIn(k, await k.kb.search.search(clean, { limit: 5, signal, heard: true }), readText(k, clean), true);
    const score = altNamed.nameScore * ALTERNATIVE_FACTOR;
    if (altNamed.schemeId && (!best || score > best.score)) best = { schemeId: altNamed.schemeId, score };
  }
  // recognised speech only: a name the words sound like across their boundaries, to be confirmed
  // (or typed words no one knows, a name misspelt beyond its spelling neighbours: "ushmanbert")
  // (typed, only the unknown words and their neighbours: everyday words elsewhere sound like a name by chance)
  if (spoken || (r.unfamiliar.length > 0 && r.strongField)) {
    for (const offer of soundOffers(k, spoken ? text : aroundUnfamiliar(r), utterance, 1)) if (!best || offer.score > best.score) best = offer;
  }
  for (const heard of utterance.heardNames ?? []) {
    if (!k.kb.store.has(heard.schemeId)) continue;
    if (heard.score >= k.config.heardNameAnswer) return { ...named, schemeId: heard.schemeId, rivals: [], nameScore: Math.max(named.nameScore, heard.score) };
    // (a sound offer or another reading is the recogniser's words again: a name the audio supports where
    // it hardly supports theirs goes first)
    if (heard.score >= k.config.heardNameConfirm && (!best || heard.score > best.score || heardInstead(k, utterance, best.schemeId))) best = { schemeId: heard.schemeId, score: heard.score };
    break;
  }
  return best ? { ...named, bySound: best } : named;
}

/**
 * The schemes a spoken turn could be naming, surest first: the names the scorer heard in the audio, and
 * those the words or the recogniser's other readings sound like surely enough to offer. What a caller who
 * let a "did you mean …?" pass is offered to choose from, instead of the same guess again.
 */
export function soundCandidates(k: DialogueKnowledge, text: string, utterance: Utterance, limit: number): string[] {
  const scores = new Map<string, number>();
  const note = (schemeId: string, score: number) => {
    if (k.kb.store.has(schemeId) && score > (scores.get(schemeId) ?? -Infinity)) scores.set(schemeId, score);
  };
  for (const heard of utterance.heardNames ?? []) note(heard.schemeId, heard.score);
  for (const offer of soundOffers(k, text, utterance, limit)) note(offer.schemeId, offer.score);
  return [...scores].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([schemeId]) => schemeId);
}

/**
 * Names the turn's words, or the recogniser's other readings (each a little less sure), sound like across
 * their boundaries surely enough to offer for a yes/no: up to `perReading` from each reading. When the
 * audio's names were scored, only the scheme the scorer heard first, and from a lower likeness: the
 * words' likeness to a name the audio itself does not put first is chance (the garbled words sound like
 * some name of the thousands), where both together are seldom wrong.
 */
function soundOffers(k: DialogueKnowledge, text: string, utterance: Utterance, perReading: number): { schemeId: string; score: number }[] {
  const first = utterance.heardNames?.find((h) => k.kb.store.has(h.schemeId))?.schemeId;
  const offers: { schemeId: string; score: number }[] = [];
  for (const [i, said] of [text, ...(utterance.alternatives ?? [])].entries()) {
    const matches = k.kb.search.soundMatch(sanitize(said, k.config.maxInputChars), Math.max(perReading, SOUND_MATCHES_HEARD));
    const offered = matches
      .map((match) => ({ schemeId: match.schemeId, score: match.score * (i === 0 ? 1 : ALTERNATIVE_FACTOR) }))
      .filter((m) => (first === undefined ? m.score >= k.config.soundConfirm : m.schemeId === first && m.score >= k.config.soundHeardConfirm));
    offers.push(...offered.slice(0, perReading));
  }
  return offers;
}

/** The caller's words no one knows, each with the word either side: where a misspelt name stands. */
function aroundUnfamiliar(r: Reading): string {
  const kept = new Set<number>();
  r.tokens.forEach((t, i) => {
    if (r.unfamiliar.includes(t)) for (let j = Math.max(0, i - 1); j <= Math.min(r.tokens.length - 1, i + 1); j++) kept.add(j);
  });
  return [...kept].sort((a, b) => a - b).map((i) => r.tokens[i]!).join(" ");
}

/** Recognised words sound like a scheme's name surely enough to offer it for a yes/no. */
function soundsLikeAName(k: DialogueKnowledge, text: string): boolean {
  const [top] = k.kb.search.soundMatch(sanitize(text, k.config.maxInputChars), 1);
  return (top?.score ?? 0) >= k.config.soundConfirm;
}

/**
 * The scheme whose name the words sound like, when that name holds every word of the named scheme's
 * name that was said and more besides: the caller said the longer name, partly misheard.
 */
function longerNameBySound(k: DialogueKnowledge, text: string, named: Identified): { schemeId: string; score: number } | undefined {
  const [top] = k.kb.search.soundMatch(text, 1);
  if (!top || top.score < k.config.soundConfirm || top.schemeId === named.schemeId) return undefined;
  if (k.kb.store.metaOf(named.schemeId!)?.duplicates.includes(top.schemeId)) return undefined;
  const alias = named.hits.find((h) => h.schemeId === named.schemeId)?.nameAlias;
  if (!alias) return undefined;
  const keysOf = (t: string) => new Set(canonicalTokens(t).map(phoneticKey).filter((k) => k.length > 1));
  const said = keysOf(text);
  const namedSaid = [...keysOf(alias)].filter((k) => said.has(k));
  const longer = keysOf(top.alias);
  const holds = namedSaid.length > 0 && namedSaid.every((k) => longer.has(k)) && longer.size > namedSaid.length;
  return holds ? { schemeId: top.schemeId, score: top.score } : undefined;
}

/**
 * A word of the caller's that only a handful of schemes use ("Agniveer", "Chiranjeevi"), found in the
 * best search hit's name or description, or in a lower hit's name or tags, names that scheme even when
 * its name was not said.
 */
async function namedByRareWord(k: DialogueKnowledge, text: string, hits: SearchHit[]): Promise<string | undefined> {
  if (hits.length === 0) return undefined;
  // a word of everyday speech ("weather", "मौसम") is not a scheme's own, however few schemes use it
  const rare = nativeTokens(text).filter((w) => w.length >= 4 && !k.background.isFunctionWord(w) && !FRAME_WORDS.has(w) && !/^\d+$/.test(w) && !k.background.commonness(w).known && !k.kb.search.isPlace(w)).filter((w) => {
    const df = k.concepts.df(w);
    return df >= 1 && df <= RARE_WORD_SCHEMES && k.concepts.conceptCount(stemEnglish(w)) < 2 && k.kb.store.lexicon.englishFor(w).length === 0;
  });
  if (rare.length === 0) return undefined;
  const key = (w: string) => (/^[a-z]+$/.test(w) ? stemEnglish(w) : w);
  const said = new Set(rare.map(key));
  // a Latin word in the name or description; a Devanagari word only in the name
  const holds = (record: SchemeRecord | undefined) =>
    record !== undefined && nativeTokens([record.name.en, record.name.hi ?? "", record.description.en, record.detailedDescription?.en ?? ""].join(" ")).some((w) => said.has(key(w)));
  if (holds(await k.kb.store.get(hits[0]!.schemeId))) return hits[0]!.schemeId;
  // else the best-ranked hit labelled with it (its name or tags: "Agniveer" of the Agnipath scheme), which
  // other words of the question ("yearly package") ranked lower; a description that only mentions a word
  // ("… the Sukanya Samriddhi scheme was launched") does not make another scheme's name its own
  const labelled = (record: SchemeRecord | undefined) => record !== undefined && nativeTokens([record.name.en, record.name.hi ?? "", ...(record.tags ?? [])].join(" ")).some((w) => said.has(key(w)));
  const records = await k.kb.store.getMany(hits.slice(1).map((h) => h.schemeId));
  return hits.slice(1).find((h) => labelled(records.get(h.schemeId)))?.schemeId;
}

/**
 * A scheme the caller may use: a central one, or one of the state they live in (named, or known from their
 * town). A name said by words of it past its first, or in any order, is less sure than one said from its
 * first: it names a state's scheme only for a caller of that state.
 */
function callerMayUse(k: DialogueKnowledge, schemeId: string, r: Reading): boolean {
  const meta = k.kb.store.metaOf(schemeId);
  return meta !== undefined && (meta.level === "central" || (r.state !== undefined && meta.states.includes(r.state)));
}

/** A state's scheme of another state than the one the caller named. */
function anotherStates(k: DialogueKnowledge, schemeId: string, r: Reading): boolean {
  const meta = k.kb.store.metaOf(schemeId);
  return r.state !== undefined && meta !== undefined && meta.level !== "central" && !meta.states.includes(r.state);
}

/** The caller's words as word keys, joined: what leadingRun looks for a name's first words in. */
const saidWordKeys = (r: Reading): string => canonicalTokens(r.text).map(wordKey).join(" ");

/** How many of a name's own words, from its first, the caller said in a row (`said`: the caller's words as `key` makes them). */
function leadingRun(said: string, words: string[], key: (w: string) => string = wordKey): number {
  let n = 0;
  while (n < words.length && ` ${said} `.includes(` ${words.slice(0, n + 1).map(key).join(" ")} `)) n++;
  return n;
}

/** A scheme's names: its name, its Hindi name (said by Hindi callers in either script) and its aliases. */
function namesOf(k: DialogueKnowledge, id: string): string[] {
  const meta = k.kb.store.metaOf(id);
  return meta ? [meta.name, meta.nameHi, ...meta.aliases].filter((a) => a) : [];
}

/**
 * The hits' schemes by how many of their own words the caller said (`count`, of one of their names, each
 * name's count 0 unless it tells), most first; the one scheme said by the most, or none when two tie.
 */
function saidMost(k: DialogueKnowledge, hits: SearchHit[], count: (name: string, id: string) => number): { id: string; n: number } | undefined {
  const counts = distinctSchemes(k, hits)
    .map((id) => ({ id, n: Math.max(0, ...namesOf(k, id).map((name) => count(name, id))) }))
    .filter((c) => c.n > 0)
    .sort((a, b) => b.n - a.n);
  const [best, next] = counts;
  return best && (!next || next.n < best.n) ? best : undefined;
}

/** A name the words hold this many of its own words of is looked at for being said, however the search ranks it. */
const NAME_WORDS_SAID = 3;

/**
 * The hits, and the schemes whose names the words hold NAME_WORDS_SAID own words of that the search ranked
 * below them ("<w1> <w2> <w3> scheme" of a state's five-word name, beside a topic word a hundred nationwide
 * schemes' texts say, "subsidy"): whether such a name was said is for the name checks to decide.
 */
function withNamesSaid(k: DialogueKnowledge, text: string, hits: SearchHit[], spoken: boolean): SearchHit[] {
  const held = new Set(hits.map((h) => h.schemeId));
  const more = k.kb.search
    .matchNames(text, 5, spoken)
    .filter((m) => (m.said?.length ?? 0) >= NAME_WORDS_SAID && !held.has(m.schemeId))
    .map((m): SearchHit => ({ schemeId: m.schemeId, name: m.alias, score: 0, matched: ["name"], via: ["name"], nameScore: m.score, nameAlias: m.alias }));
  return more.length > 0 ? [...hits, ...more] : hits;
}

/**
 * A long name said by its first words ("Zarimba Kheti" of "Zarimba Kheti Mahasanman Nidhi Yojana"): at
 * least LEADING_WORDS of its own words from its start (past words callers leave out, its state and "Yojana"),
 * said in a row, one of them not a kind of help's word, and no other scheme's name starts so. Spoken short
 * forms name one scheme as its full name does.
 */
function namedByLeadingWords(k: DialogueKnowledge, r: Reading, hits: SearchHit[], loose = false): { id: string; n: number } | undefined {
  // by sound: a Hindi name romanised writes its nasals and vowels otherwise ("imdira" of "Indira")
  const said = saidInOrder(r);
  return saidMost(k, hits, (name) => {
    const words = ownNameWords(k, name);
    const n = runOfOwnWords(said, nameTokensOf(k, name).all, new Set(words), loose);
    return n >= LEADING_WORDS && words.slice(0, n).some((w) => !isConceptWord(k, w)) ? n : 0;
  });
}

/**
 * A name said by a run of ANY_ORDER_WORDS or more of its own words in order from any of them (longestRunOfOwnWords),
 * one of them neither a kind of help's word nor a group's, and by more words than any other scheme's name; of
 * the schemes the caller may use (callerMayUse).
 */
function namedByRunOfWords(k: DialogueKnowledge, r: Reading, hits: SearchHit[]): { id: string; n: number } | undefined {
  const said = saidInOrder(r);
  const saidSet = saidKeys(r);
  return saidMost(k, hits.filter((h) => callerMayUse(k, h.schemeId, r)), (name, id) => {
    // the scheme's state said in words where its name holds it ("<State> <Kind> <Kind> Scheme") is a word of
    // the name said: what sets it apart from a same-named record of the centre or another state
    const state = k.kb.store.metaOf(id)?.state;
    const stateWords = state ? canonicalTokens(state) : [];
    const stateSaid = stateWords.length > 0 && stateWords.every((w) => saidSet.has(phoneticKey(w)));
    const own = new Set([...ownNameWords(k, name), ...(stateSaid ? stateWords : [])]);
    const run = longestRunOfOwnWords(said, nameTokensOf(k, name).all, own, true);
    const distinctive = run.words.some((w) => (stateSaid && stateWords.includes(w)) || (!isConceptWord(k, w) && k.kb.store.lexicon.beneficiariesIn(w).length === 0));
    // (a run longer still is a name said, whatever its words: "<Group> <Group> <Kind> <Kind>" in the name's order)
    return (run.n >= ANY_ORDER_WORDS && distinctive) || run.n > ANY_ORDER_WORDS ? run.n : 0;
  });
}

/** The caller's words by sound (a Hindi word romanised keeps its vowels: "roga" of "rog"). */
const saidKeys = (r: Reading): Set<string> => new Set(saidInOrder(r));

/** The caller's words' phonetic keys in order, made once per reading (every name checked reads them). */
const saidOrders = new WeakMap<Reading, string[]>();
const saidInOrder = (r: Reading): string[] => saidOrders.get(r) ?? saidOrders.set(r, canonicalTokens(r.text).map(phoneticKey)).get(r)!;

/** Of a name's own words (`own`, each once), those the caller said (`said`: saidKeys). */
function ownWordsSaid(own: ReadonlySet<string>, said: Set<string>): string[] {
  return [...own].filter((w) => said.has(phoneticKey(w)));
}

/**
 * A name said by its own words in any order, with others between ("<second> … <first> <fourth>"): at least
 * ANY_ORDER_WORDS of them and half of all, one neither a kind of help's word nor a group's (or its state named too), and more
 * than of any other scheme's name. Another state's scheme than the one the caller named is not meant by some of its words.
 */
function namedByOwnWords(k: DialogueKnowledge, r: Reading, hits: SearchHit[]): string | undefined {
  // a name of kind-of-help words ("Serious Illness Aid") is that state's scheme when the caller named its state
  // (unless another scheme the caller may use carries those words too: runSharedByOthers)
  const stateNamed = (id: string, name: string) => r.state !== undefined && k.kb.store.metaOf(id)?.states.includes(r.state) === true && !runSharedByOthers(k, { schemeId: id, nameAlias: name }, r);
  const keys = saidKeys(r);
  // the kinds of help and the groups the caller's words were read as
  const askedKinds = new Set(r.units.flatMap((u) => u.stems));
  return saidMost(k, hits.filter((h) => !anotherStates(k, h.schemeId, r)), (name, id) => {
    const own = new Set(ownNameWords(k, name));
    const said = ownWordsSaid(own, keys);
    // words of a kind of help and of whom it is for ("scholarship … OBC students") ask a category, not a name
    const distinctive = said.some((w) => !isConceptWord(k, w) && !askedKinds.has(stemEnglish(w)) && k.kb.store.lexicon.beneficiariesIn(w).length === 0);
    return said.length >= ANY_ORDER_WORDS && said.length * 2 >= own.size && (distinctive || stateNamed(id, name)) ? said.length : 0;
  })?.id;
}

/**
 * A name the caller said in order, from its first word, by ANY_ORDER_WORDS of its own words or more (one
 * of them loosely: runOfOwnWords), among the hits or the names holding as many words said (withNamesSaid),
 * and by more than the best-scoring name holds of theirs at all ("<first> <second> <third> Pension … <other>"
 * beside "<Other> Pension", two of whose words were said apart and out of order): the name said.
 */
function namedInOrderInstead(k: DialogueKnowledge, r: Reading, named: Identified & { schemeId: string }, hits: SearchHit[]): string | undefined {
  // (a word of it a sound off or said in two, "Maha Samman": the name is still said in order, by more words)
  const leading = namedByLeadingWords(k, r, hits, true);
  // (or from a word past its first: a long name said without its leading words, "<Kind> <Kind> under <State>
  // <A> <B> <C> Scheme" said "<State> <A> <B> <C> Scheme", beside a shorter "<B> <C> Scheme" of other records)
  const inOrder = leading && leading.n >= ANY_ORDER_WORDS ? leading : namedByRunOfWords(k, r, hits);
  const same = (id: string) => id === named.schemeId || k.kb.store.metaOf(named.schemeId)?.duplicates.includes(id) === true;
  const alias = named.hits.find((h) => h.schemeId === named.schemeId)?.nameAlias;
  const namedSaid = alias ? ownWordsSaid(new Set(ownNameWords(k, alias)), saidKeys(r)) : [];
  if (inOrder && inOrder.n >= ANY_ORDER_WORDS && !same(inOrder.id)) return alias && namedSaid.length < inOrder.n ? inOrder.id : undefined;
  // a name named only by words of a kind of help or of a group ("OBC" of a scholarship) is not said beside one
  // said by ANY_ORDER_WORDS of its own words in any order, one of them its own (namedByOwnWords)
  if (!alias || !namedSaid.every((w) => isConceptWord(k, w) || k.kb.store.lexicon.beneficiariesIn(w).length > 0)) return undefined;
  const byOwnWords = namedByOwnWords(k, r, hits.filter((h) => callerMayUse(k, h.schemeId, r)));
  return byOwnWords && !same(byOwnWords) ? byOwnWords : undefined;
}

/**
 * A name made only of words many schemes are filed under ("Widow Pension", "Disability Pension
 * Scheme") says what kind of help, not which scheme: it is read as a kind of help, not as a name.
 */
function isGenericName(k: DialogueKnowledge, alias: string | undefined): boolean {
  if (!alias) return false;
  const own = nativeTokens(apartAtCapitals(alias)).filter((w) => !k.background.isFunctionWord(w) && !FRAME_WORDS.has(w) && !/^\d+$/.test(w) && w.length > 1);
  const words = own.filter((w) => !OPTIONAL_NAME_WORDS.has(w) && !k.kb.search.isPlace(w));
  return words.length > 0 && words.every((w) => isConceptWord(k, w));
}

/** A name's words written run together with a capital each ("OldAge Pension") are those words apart. */
const apartAtCapitals = (name: string): string => name.replace(/([a-z])([A-Z])/g, "$1 $2");

/** A name whose every own word names a group of people ("OBC", "SC/ST"): a group, not a scheme. */
function namesOnlyAGroup(k: DialogueKnowledge, alias: string | undefined): boolean {
  const words = alias ? nativeTokens(alias) : [];
  return words.length > 0 && words.every((w) => k.kb.store.lexicon.beneficiariesIn(w).length > 0);
}

/** A word many schemes are filed under, itself or through its English ("pension", "पेंशन", "bima"). */
function isConceptWord(k: DialogueKnowledge, word: string): boolean {
  const english = [...(/^[a-z]+$/.test(word) ? [word] : []), ...k.kb.store.lexicon.englishFor(word)];
  return english.some((w) => k.concepts.conceptCount(stemEnglish(w)) >= GENERIC_CONCEPT_SCHEMES);
}

/**
 * A name made only of words of a kind of help ("Widow Pension", "Bima Yojana") is read as that kind,
 * not as a name: always for a state's scheme (the caller asked for the kind, not for that state's), and
 * for a central one when the caller asks for several schemes or points at one by its kind.
 */
function generalisedName(k: DialogueKnowledge, hit: SearchHit, r: Reading, spoken: boolean): boolean {
  if (hit.nameScore < k.config.nameThreshold) return false;
  if (codeSaid(k, hit, r)) return false;
  // (but a state's name of kind words said whole is the kind when another scheme the caller may use carries it too: runSharedByOthers)
  if (saidWhole(k, hit, r) && !(k.kb.store.metaOf(hit.schemeId)?.level !== "central" && isGenericName(k, hit.nameAlias) && runSharedByOthers(k, hit, r))) return false;
  // a state's name is no scheme's name ("Uttar Pradesh" of "Widow Pension - Uttar Pradesh")
  if (hit.nameAlias && onlyAState(k, hit.nameAlias)) return true;
  const meta = k.kb.store.metaOf(hit.schemeId);
  // the caller named their state: another state's scheme is meant only by its own name said ("old age
  // pension" in Rajasthan is Rajasthan's kind of help, not Himachal's scheme)
  if (r.state && meta && meta.level !== "central" && !meta.states.includes(r.state) && hit.nameAlias && !saidMostOf(k, hit.nameAlias, r)) return true;
  // asked for a kind, a name of which the caller said only the kind-of-help words ("which hostels for
  // tribal girls" of "Hostel Scheme for Tribal Girls") is as generic as a name made only of them
  // a short form made only of a group's words ("OBC" of a scholarship for OBC students) says whom for, not
  // which, unless a fact of the scheme is asked (its other words said may well name it)
  const onlyGroup = (!r.fieldIntent || r.fieldIntent === "overview") && namesOnlyAGroup(k, hit.nameAlias);
  if (!onlyGroup && !isGenericName(k, hit.nameAlias) && !((r.plural || r.kindReference) && saidOnlyKindWords(k, hit.nameAlias, r))) return false;
  // (a name of kind words said as it is written, which another scheme the caller may use carries too, "<Kind>
  // <Kind>" of their state's scheme and of a central "<Person> National <Kind> <Kind> Scheme", is that kind)
  if (meta?.level !== "central") return !(meta?.state && saidAsName(k, hit.nameAlias!, meta.state, r)) || runSharedByOthers(k, hit, r);
  return onlyGroup || pluralSchemes(r) || r.kindReference || r.nlu.best === "list" || saidAsGroup(k, hit.nameAlias!, r) || (!spoken && kindForGroup(k, hit, r));
}

/**
 * The caller said a code of the name, a word and its number ("<ABC>-50" of "<ABC>-50 <kind> <kind>", or the number
 * first), that no
 * other scheme's name holds: that scheme, however much its other words are a kind of help's (its code's
 * word is often shared by a department's whole series of schemes, "<ABC> 2", "<ABC> 3").
 */
function codeSaid(k: DialogueKnowledge, hit: SearchHit, r: Reading): boolean {
  if (!hit.nameAlias) return false;
  // (the number before the word too: "25% <Kind> <Kind>" beside a "<Kind> <Kind>" of the same words)
  const code = (a: string, b: string) => (/^[a-z]+$/.test(a) && /^\d+$/.test(b)) || (/^\d+$/.test(a) && /^[a-z]+$/.test(b));
  const pairs = (words: string[]) => words.flatMap((w, i) => (i + 1 < words.length && code(w, words[i + 1]!) ? [`${w} ${words[i + 1]}`] : []));
  const said = new Set(pairs(r.tokens));
  const codes = pairs(nativeTokens(hit.nameAlias)).filter((p) => said.has(p) && !p.split(" ").some((w) => k.background.isFunctionWord(w)));
  if (codes.length === 0) return false;
  const same = new Set([hit.schemeId, ...(k.kb.store.metaOf(hit.schemeId)?.duplicates ?? [])]);
  return codes.some((code) => !k.kb.store.meta().some((m) => !same.has(m.schemeId) && [m.name, m.shortTitle ?? "", ...m.aliases].some((name) => ` ${nativeTokens(name).join(" ")} `.includes(` ${code} `))));
}

/**
 * The caller said a name whole, every word of it (its function words too) in a row, and it has
 * ANY_ORDER_WORDS words or more: that name, however much its words are a kind of help's ("<Worker>
 * <Kind> Assistance Yojana" of kind words, "<Our> <Girl> <Your> <Girl>" of function words) and wherever the caller's town;
 * not a name other schemes carry too ("Old Age Pension" of many states), nor another state's than the
 * one the caller named.
 */
function saidWhole(k: DialogueKnowledge, hit: SearchHit, r: Reading): boolean {
  if (!hit.nameAlias) return false;
  const words = ownNameWords(k, hit.nameAlias, true);
  if (words.length < ANY_ORDER_WORDS || runOfOwnWords(saidInOrder(r), nameTokensOf(k, hit.nameAlias).all, new Set(words)) < words.length) return false;
  const meta = k.kb.store.metaOf(hit.schemeId);
  if (r.state && meta?.level !== "central" && !meta?.states.includes(r.state)) return false;
  const same = words.join(" ");
  return !k.kb.search.matchNames(same).some((m) => m.schemeId !== hit.schemeId && !meta?.duplicates.includes(m.schemeId) && ownNameWords(k, m.alias, true).join(" ") === same);
}

/** Facts asked of one scheme: "kaun kaun se kagaz" asks several of them, not several schemes ("kaun kaun log" asks who). */
const ONE_SCHEME_FACTS = new Set(["documents", "apply", "contact", "exclusions"]);

/** The caller asks for several schemes, not for several facts of one. */
const pluralSchemes = (r: Reading): boolean => r.plural && !(r.fieldIntent && ONE_SCHEME_FACTS.has(r.fieldIntent));

/**
 * The caller said a state's scheme by its name's own words, most of them in a row from the first, and named
 * its state: that state's scheme by name, not the kind of help it is ("Zarimba Arogya Nidhi" of Zarimba).
 */
function saidAsName(k: DialogueKnowledge, alias: string, state: string, r: Reading): boolean {
  // the state as the caller wrote it, in either script ("असम" is "Assam")
  const saidKeys = new Set(canonicalTokens(r.text).map(phoneticKey));
  if (r.state !== state && !canonicalTokens(state).every((w) => saidKeys.has(phoneticKey(w)))) return false;
  // its function words count here ("Meri Beti Hamara Maan" said whole is a name, "beti" alone a kind)
  return saidMostOf(k, alias, r, true);
}

/**
 * The run of a name's own words the caller said from its first (LEADING_WORDS or more) is a run of another
 * scheme's name too, one the caller may use (central, or of their state) and not the same scheme's: the
 * words are what those names share, a kind of help, not one of them (unless the caller said the scheme's
 * state in words, as its name may hold it: the state known from a town is no word of a name).
 */
function runSharedByOthers(k: DialogueKnowledge, hit: Pick<SearchHit, "schemeId" | "nameAlias">, r: Reading): boolean {
  // (the caller who said the scheme's state in words beside them, "<State> <Kind> <Kind>", said its name)
  const state = k.kb.store.metaOf(hit.schemeId)?.state;
  const said = new Set(canonicalTokens(r.text).map(phoneticKey));
  if (state && canonicalTokens(state).every((w) => said.has(phoneticKey(w)))) return false;
  const words = ownNameWords(k, hit.nameAlias!);
  const run = leadingRun(saidWordKeys(r), words);
  if (run < LEADING_WORDS) return false;
  const phrase = ` ${words.slice(0, run).map(wordKey).join(" ")} `;
  const same = new Set([hit.schemeId, ...(k.kb.store.metaOf(hit.schemeId)?.duplicates ?? [])]);
  return k.kb.search.matchNames(words.slice(0, run).join(" "), 20).some((m) => {
    const meta = k.kb.store.metaOf(m.schemeId);
    if (same.has(m.schemeId) || !meta || !(meta.level === "central" || (r.state !== undefined && meta.states.includes(r.state)))) return false;
    return ` ${ownNameWords(k, m.alias).map(wordKey).join(" ")} `.includes(phrase);
  });
}

/** The caller said most of a name's own words (`withFunctionWords`: its function words too), in a row from the first. */
function saidMostOf(k: DialogueKnowledge, alias: string, r: Reading, withFunctionWords = false): boolean {
  const words = ownNameWords(k, alias, withFunctionWords);
  const run = leadingRun(saidWordKeys(r), words);
  return run >= LEADING_WORDS && run * 2 > words.length;
}

/** Of a name's own words the caller said some, not all, and only words of a kind of help or of a group. */
function saidOnlyKindWords(k: DialogueKnowledge, alias: string | undefined, r: Reading): boolean {
  if (!alias) return false;
  const said = new Set(saidWordKeys(r).split(" "));
  const own = ownNameWords(k, alias);
  const saidOwn = own.filter((w) => said.has(wordKey(w)));
  return saidOwn.length > 0 && saidOwn.length < own.length && saidOwn.every((w) => isConceptWord(k, w) || k.kb.store.lexicon.beneficiariesIn(w).length > 0);
}

/** A name that is a state's name and nothing more. */
function onlyAState(k: DialogueKnowledge, alias: string): boolean {
  const state = k.kb.search.stateIn(alias);
  if (!state) return false;
  const stateKeys = new Set(canonicalTokens(state).map(phoneticKey));
  return canonicalTokens(alias).every((w) => stateKeys.has(phoneticKey(w)));
}

/**
 * "kisan ke liye yojana", "for farmers": the caller said only a name's words for a group of people, as
 * whom the help is for, and not the rest of the name ("PM"): a group, not the scheme.
 */
function saidAsGroup(k: DialogueKnowledge, alias: string, r: Reading): boolean {
  return r.forWhom && saidOnlyGroupWords(k, alias, r);
}

/**
 * "<group> pension yojana" of an income support scheme named "PM <group>": the caller said only the name's
 * words for a group of people, with a kind of help the scheme is not filed under at all (a narrow one, not
 * "money"): that kind for the group, not the scheme. Typed only: recognised speech makes a group's word and a
 * kind's of a name misheard ("kisan credit guard") as often.
 */
function kindForGroup(k: DialogueKnowledge, hit: SearchHit, r: Reading): boolean {
  const otherKind = telling(k, r.units).some((u) => u.group === undefined && k.kb.store.lexicon.beneficiariesIn(u.label).length === 0 && k.concepts.fit(hit.schemeId, u) === 0);
  return otherKind && saidOnlyGroupWords(k, hit.nameAlias!, r);
}

/** Of a name's words the caller said some, not all (by sound: "क्रेडिट" is "credit"), and only words for a group of people. */
function saidOnlyGroupWords(k: DialogueKnowledge, alias: string, r: Reading): boolean {
  const said = new Set(canonicalTokens(r.text).map(phoneticKey));
  const words = nameTokensOf(k, alias).all.filter((w) => w.length > 1);
  const saidWords = words.filter((w) => said.has(phoneticKey(w)));
  return saidWords.length > 0 && saidWords.length < words.length && saidWords.every((w) => k.kb.store.lexicon.beneficiariesIn(w).length > 0);
}

/**
 * Of the names said, the caller's own state's record of a name several states carry, spelt a little otherwise
 * ("Ladli Laxmi Yojana" of one state, "Laadli Laxmi Scheme" of another): when the best name is another state's
 * than the one the caller named, a name of their state's, every own word of which they said and no fewer of its
 * own words than of the best's, is the one they can apply to (the best scores higher only by how it is spelt).
 */
function ownStatesNamesake(k: DialogueKnowledge, named: SearchHit[], top: SearchHit, r: Reading): SearchHit | undefined {
  if (!r.state || !anotherStates(k, top.schemeId, r) || !top.nameAlias) return undefined;
  const keys = saidKeys(r);
  const topSaid = ownWordsSaid(new Set(ownNameWords(k, top.nameAlias)), keys).length;
  const theirs = named.filter((h) => {
    if (!h.nameAlias || h === top || k.kb.store.metaOf(h.schemeId)?.level === "central" || !callerMayUse(k, h.schemeId, r)) return false;
    const own = new Set(ownNameWords(k, h.nameAlias));
    // (or said whole in another form, "<a> <b>" of a name's one word "<Ab>": then the words it says are counted)
    const said = h.nameWhole ? callerWordsSaid(own, r.text) : ownWordsSaid(own, keys).length;
    return own.size > 0 && (said === own.size || h.nameWhole) && said >= topSaid;
  });
  return distinctSchemes(k, theirs).length === 1 ? theirs[0] : undefined;
}

/** The scheme search hits name clearly, with rivals named about as well. */
function namedIn(k: DialogueKnowledge, allHits: SearchHit[], r: Reading, spoken = false): Identified {
  const hits = allHits.map((h) => (generalisedName(k, h, r, spoken) ? { ...h, nameScore: 0 } : h));
  const nameScore = Math.max(0, ...hits.map((h) => h.nameScore));
  // the best name, and of equally good names the one search ranks first
  const named = hits.filter((h) => h.nameScore >= k.config.nameThreshold).sort((a, b) => (Math.abs(b.nameScore - a.nameScore) > NAME_TIE ? b.nameScore - a.nameScore : b.score - a.score));
  // of names about as good, one said whole holding all of a shorter one's words ("<A> <B> <C> Yojana"
  // said, "<B> <C> Yojana" held too) is the one said
  const own = (h: SearchHit) => new Set(h.nameAlias ? ownNameWords(k, h.nameAlias) : []);
  const holdsOther = (h: SearchHit, other: SearchHit) => h !== other && [...own(other)].every((w) => own(h).has(w));
  const whole = named.find((h) => named[0]!.nameScore - h.nameScore <= NAME_TIE && (h === named[0] || holdsOther(h, named[0]!)) && saidWhole(k, h, r));
  const first = whole ?? named[0];
  if (!first) return { hits, rivals: [], nameScore };
  const namesake = ownStatesNamesake(k, named, first, r);
  const top = namesake ?? first;
  const duplicates = new Set(k.kb.store.metaOf(top.schemeId)?.duplicates ?? []);
  const topMeta = k.kb.store.metaOf(top.schemeId);
  // a name shared by several schemes ("Pradhan Mantri Awas Yojana") is a question back; a central
  // scheme's state versions are not asked about by its name alone
  const rivals = distinctSchemes(k, 
    named.filter((h) => {
      if (h.schemeId === top.schemeId || duplicates.has(h.schemeId) || (whole && holdsOther(whole, h))) return false;
      // (their state's namesake said: another state's record of the name is no rival)
      if (namesake && anotherStates(k, h.schemeId, r)) return false;
      if (topMeta?.level === "central" && k.kb.store.metaOf(h.schemeId)?.level !== "central") return false;
      return h.nameScore >= top.nameScore - RIVAL_NAME_GAP && h.score >= top.score * (1 - k.config.clarifyMargin);
    }),
  ).slice(0, k.config.maxOptions - 1);
  return { hits, schemeId: top.schemeId, rivals, nameScore };
}
