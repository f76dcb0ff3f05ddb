// A scheme the caller names that the knowledge base does not hold, though one it holds shares a word of
// the name ("<new word> Didi Yojana" beside "Dai Didi …"): the words that stand where a name stands (before
// "yojana", "scheme", "card", "khata", or a word no scheme uses and its neighbours) are weighed against the
// names of the scheme found. A name most of whose own words the scheme's names do not hold names another.
import { distance } from "fastest-levenshtein";
import { isOptionalWord } from "../knowledge/name-parts.js";
import { canonicalTokens, consonantKey, escapeRegExp, looseKey, nativeTokens, phoneticKey } from "../knowledge/text.js";
import { formKey } from "../knowledge/word-forms.js";
import type { DialogueKnowledge } from "./knowledge.js";
import { namedBeside } from "./named-beside.js";
import { ownNameWords } from "./name-words.js";
import { FRAME_WORDS } from "./nlu.js";
import type { Reading } from "./reading.js";
import { residenceWords } from "./residence.js";

/** Words after which the words before are a name: what a scheme, its card or its account is called. */
export const NAME_ENDS = /^(?:schemes?|yojanaa?|yojna|योजना|abhiyaa?n|अभियान|mission|मिशन|programme|program|karyakram|कार्यक्रम|cards?|कार्ड|khata|khaata|खाता|खाते)$/;
/** Of those, the words that end the name of a thing a scheme gives (its card, its account), not of a scheme. */
const THING_ENDS = /^(?:cards?|कार्ड|khata|khaata|खाता|खाते)$/;

/** The caller's words for a name end with a thing a scheme gives ("<trade> card"), not with "yojana". */
export const namesAThing = (said: string): boolean => THING_ENDS.test(said.split(" ").at(-1) ?? "");
/** A name is read back from its end at most this many words. */
const NAME_MAX_WORDS = 4;
/** Phonetic keys this long may differ by one edit and still be one word misspelt ("Janni", "Janani"). */
export const NEAR_KEY_LETTERS = 4;
/** A name said short by fewer of its words than this is not told from others by them alone. */
export const NAME_MIN_WORDS = 2;
/** A word of the name a sound off counts this much of one said as written: it may be another word. */
const NEAR_HELD = 0.5;

export interface NamePhrase {
  /** The caller's words for the name, as said, with the word that ends it. */
  said: string;
  /** Its words that may be a name's: no function words, words of asking, state or everyday words. */
  words: string[];
  /** Of those, its own: no group of people or kind of help either. */
  own: string[];
  /** A word that ends a name followed it ("… yojana"). */
  ended: boolean;
}

/**
 * The caller's words that stand where a name stands: the words before a word that ends a name, or
 * (`unfamiliarToo`) the words no scheme or dictionary knows with their name-like neighbours. Its own words
 * leave out everyday words ("job card"), which a caller adds to a held name as often as not.
 */
export function namePhrase(k: DialogueKnowledge, r: Reading, isKindWord: (w: string) => boolean, unfamiliarToo = false): NamePhrase | undefined {
  const stop = (w: string) => k.background.isFunctionWord(w) || FRAME_WORDS.has(w) || /^\d+$/.test(w);
  let from = -1;
  let to = -1;
  const end = r.tokens.findIndex((w, i) => i > 0 && NAME_ENDS.test(w) && !stop(r.tokens[i - 1]!));
  if (end > 0) {
    to = end;
    from = end;
    const starts = sentenceStarts(r.text);
    while (from > 0 && end - from < NAME_MAX_WORDS && !stop(r.tokens[from - 1]!) && !starts.has(from)) from--;
  } else if (unfamiliarToo && r.unfamiliar.length > 0) {
    from = r.tokens.indexOf(r.unfamiliar[0]!);
    to = from;
    while (to + 1 < r.tokens.length && to - from + 1 < NAME_MAX_WORDS && !stop(r.tokens[to + 1]!) && r.content.includes(r.tokens[to + 1]!)) to++;
    if (to + 1 < r.tokens.length && NAME_ENDS.test(r.tokens[to + 1]!)) to++;
  }
  if (from < 0) return undefined;
  const words = r.tokens.slice(from, to + 1);
  // everyday English, written in either script ("job", "जॉब"); a Hindi word's sound-alike meanings do not count
  const english = (w: string) => /^[a-z]+$/.test(w) && k.background.englishOf(w).length === 0 && k.background.isEveryday(w);
  const everyday = (w: string) => english(w) || english(k.background.loanwordOf(w) ?? "");
  const nameWords = words.filter((w) => !NAME_ENDS.test(w) && !stop(w) && !everyday(w) && !k.kb.search.isPlace(w));
  const own = nameWords.filter((w) => k.kb.store.lexicon.beneficiariesIn(w).length === 0 && !isKindWord(w));
  return own.length > 0 ? { said: words.join(" "), words: nameWords, own, ended: NAME_ENDS.test(words.at(-1)!) } : undefined;
}

/**
 * The indices of the words (as nativeTokens counts them) that begin a sentence past the first: a name does not
 * run back over a sentence's end ("… in <town>. <Name> scheme …"). A full stop ends one only after a word of
 * three letters or more and before a capital or another script ("Dr.", "P.M." are short forms, "2.0" a number).
 */
export function sentenceStarts(text: string): Set<number> {
  const starts = new Set<number>();
  const end = /(?<=[\p{L}\p{M}\p{N}]{3})[.?!]+\s+(?=[\p{Lu}\u0900-\u097f])|[?!।॥]+\s*/gu;
  let at = 0;
  let count = 0;
  for (const m of text.matchAll(end)) {
    count += nativeTokens(text.slice(at, m.index)).length;
    at = m.index + m[0].length;
    starts.add(count);
  }
  return starts;
}

/**
 * The share of the words a scheme's names hold: a word said as written, spelt otherwise (looseKey: "vikas"
 * of "Bikas") or in the other number counts whole, a sound off half; two words said apart that the name writes as one ("suraj
 * mukhi" of "Surajmukhi") count whole each.
 */
function heldShare(k: DialogueKnowledge, said: string[], schemeId: string, counted: (w: string) => boolean = () => true): number {
  return heldShares(k, said, schemeId).reduce((sum, v, i) => sum + (counted(said[i]!) ? v : 0), 0);
}

/** How much of each word (heldShare) a scheme's names hold, read beside the words said with it. */
export function heldShares(k: DialogueKnowledge, said: string[], schemeId: string): number[] {
  const meta = k.kb.store.metaOf(schemeId);
  if (!meta) return said.map(() => 0);
  const tokens = canonicalTokens([meta.name, meta.nameHi, meta.shortTitle, ...meta.aliases].join(" "));
  // two words of a name are said as one too ("Maan Dhan", "Maan-Dhan" → "Maandhan")
  const keys = new Set([...tokens, ...tokens.slice(1).map((t, i) => tokens[i] + t)].map(phoneticKey).filter(Boolean));
  const loose = new Set([...keys].map(looseKey));
  // (or in the other number, "lifejacket" of "Lifejackets": word-forms.ts, as the matcher reads it)
  const forms = new Set(tokens.map(formKey));
  // (or its vowels written otherwise, "arundoti" of "Arundhati": the same consonants, enough of them to tell)
  const sameConsonants = (n: string, key: string) => {
    const c = consonantKey(n);
    return c.length >= NEAR_KEY_LETTERS && c === consonantKey(key);
  };
  const near = (key: string) => key.length >= NEAR_KEY_LETTERS && [...keys].some((n) => n.length >= NEAR_KEY_LETTERS && (distance(n, key) <= 1 || sameConsonants(n, key)));
  const held = (w: string) => {
    const wordTokens = canonicalTokens(w);
    const wordKeys = wordTokens.map(phoneticKey);
    const other = wordTokens.some((t) => forms.has(formKey(t)));
    return other || wordKeys.some((key) => keys.has(key) || loose.has(looseKey(key))) ? 1 : wordKeys.some(near) ? NEAR_HELD : 0;
  };
  const shares: number[] = said.map(held);
  // (a name's word broken in two where the caller heard two words, "<chedu> <du>": a sound off counts as one word does)
  for (let i = 0; i + 1 < said.length; i++) {
    const joined = phoneticKey(canonicalTokens(said[i]! + said[i + 1]!).join(""));
    const share = keys.has(joined) ? 1 : near(joined) ? NEAR_HELD : 0;
    for (const j of [i, i + 1]) shares[j] = Math.max(shares[j]!, share);
  }
  return shares;
}

/**
 * The caller's words for a name the knowledge base does not hold, when the scheme found holds less of the
 * name's own words than it leaves out (as much, when the scheme's name itself was not said: it was found
 * by a rare word); `bySound`: the scheme was found by how the words sound, and the name's words sound
 * like another.
 */
export function unheldName(k: DialogueKnowledge, found: { schemeId: string; nameScore: number; bySound: boolean }, phrase: NamePhrase | undefined): string | undefined {
  if (!phrase) return undefined;
  if (found.bySound) {
    // too short a phrase to be found by sound alone says nothing against the offer
    const [top] = k.kb.search.soundMatch(phrase.words.join(" "), 1);
    return !top || top.schemeId === found.schemeId ? undefined : phrase.said;
  }
  // (read over all the words said for it, in order: a word of the name may be said in two, one of them an
  // everyday word that is no word of a name alone, "<raghav> <anna>")
  const said = phrase.said.split(" ").filter((w) => !NAME_ENDS.test(w));
  const held = heldShare(k, said, found.schemeId, (w) => phrase.own.includes(w));
  const unheld = phrase.own.length - held;
  const named = found.nameScore >= k.config.nameThreshold;
  if (unheld > held || (!named && unheld > 0 && unheld >= held)) return phrase.said;
  // a word of the caller's name that the scheme found leaves out and another scheme's name is made of ("<Brand
  // of another> <word> <word> card" beside "<word> <word> Yojana"): a name of its own, the records lack it, not
  // the scheme found said with a word added
  // (a word the scheme's names hold, read beside the others, "<Jagan> <Anna>" of "<Jagananna>", is none)
  const shares = heldShares(k, said, found.schemeId);
  return phrase.ended && said.some((w, i) => shares[i] === 0 && phrase.own.includes(w) && anothersWord(k, w, found.schemeId)) ? phrase.said : undefined;
}

/** A word the scheme's names lack and another scheme's names hold: a word of another name. */
const anothersWord = (k: DialogueKnowledge, w: string, schemeId: string): boolean =>
  heldShare(k, [w], schemeId) === 0 && k.kb.search.matchNames(w, 5).some((m) => m.schemeId !== schemeId && heldShare(k, [w], m.schemeId) === 1);

/** A name before a name's end ("… khata") with a word no scheme or dictionary knows: one the knowledge base lacks. */
export function unknownNameSaid(r: Reading, phrase: NamePhrase | undefined): string | undefined {
  return phrase?.ended && phrase.own.some((w) => r.unfamiliar.includes(w)) ? phrase.said : undefined;
}

/**
 * The one scheme among those whose names the phrase meets that holds every word of the name the caller said before
 * "yojana" (at least NAME_MIN_WORDS of them, one its own), though not all of its name was said ("<second>
 * <third> Yojana"), or by one word of its own that no other scheme's name holds; of several, the only one
 * whose name the words say surely.
 */
export function namedByPhrase(k: DialogueKnowledge, phrase: NamePhrase | undefined, oneWordToo = true): string | undefined {
  if (!phrase?.ended) return undefined;
  // one word of a name's own ("<Rare> scheme") names the one scheme whose names hold it
  const oneWord = phrase.words.length < NAME_MIN_WORDS;
  if (oneWord && (!oneWordToo || phrase.own.length !== phrase.words.length)) return undefined;
  const holding = k.kb.search.matchNames(phrase.words.join(" ")).filter((m) => heldShare(k, phrase.words, m.schemeId) === phrase.words.length);
  // of several, the one whose name the words say (its other words left out are few), where the others' are not
  const [first, second] = holding;
  if (!first) return undefined;
  if (oneWord) return second ? undefined : first.schemeId;
  return !second || (first.score >= k.config.nameThreshold && second.score < k.config.nameThreshold) ? first.schemeId : undefined;
}

/**
 * The words of a name the caller said ("the <brand> card in it", "उसमें <brand> कार्ड"), or its last ones (the
 * words before them may be the caller's own: "I sell tea, my <brand> card"), are all words of the scheme's
 * own record (read in English, where every record is written): a thing of that scheme, its card or its
 * account, not a scheme the knowledge base lacks.
 */
export async function partOfScheme(k: DialogueKnowledge, said: string, schemeId: string): Promise<boolean> {
  const record = await k.kb.store.get(schemeId);
  if (!record) return false;
  const english = JSON.stringify(record).replace(/[^\x20-\x7e]+/g, " ");
  const keys = new Set(canonicalTokens(english).map(phoneticKey));
  const tokens = canonicalTokens(said).filter((t) => phoneticKey(t).length > 1);
  const words = tokens.map(phoneticKey);
  // (the name's end word alone is no name: a thing is named by a word before it too; and the words before
  // are the caller's own only when none is a word of another scheme's name, "<other brand> <its words> card")
  const othersBefore = (from: number) => tokens.slice(0, from).some((t) => anothersWord(k, t, schemeId));
  return words.some((_, from) => from < words.length - 1 && words.slice(from).every((key) => keys.has(key)) && !othersBefore(from));
}

/** A name written with capitals: two words or more, each capitalised, Latin letters (typed text only). */
const CAPITALISED_RUN = /(?<![\p{L}\p{N}])[A-Z][a-z]+(?:[ -][A-Z][a-z]+)+(?![\p{L}\p{N}])/gu;

/**
 * The names the caller wrote as names are written, with capitals mid-sentence ("… applied for <Aaa> <Bbb>"),
 * whose words are all words a scheme's name is made of (a word of some scheme's name, a Hindi word the
 * dictionary or lexicon glosses, or a word no one knows): not a place, a state, or English words, which
 * an office or a bank is called by. Each as its words, the word that ends a name ("Yojana") left off.
 */
export function capitalisedNames(k: DialogueKnowledge, r: Reading): string[][] {
  const stateWords = new Set(r.state ? canonicalTokens(r.state) : []);
  // (where the caller lives, "<Aaa> <Bbb> mein rehte hain", whether or not the gazetteer holds it)
  const home = residenceWords(r);
  const nameWord = (w: string) =>
    !home.has(w) &&
    w.length >= 3 &&
    !k.background.isFunctionWord(w) &&
    !FRAME_WORDS.has(w) &&
    !NAME_ENDS.test(w) &&
    !stateWords.has(w) &&
    !(k.background.englishOf(w).length === 0 && k.background.isEveryday(w)) &&
    !k.kb.search.isPlace(w) &&
    (k.concepts.isNameWord(w) || k.background.englishOf(w).length > 0 || k.kb.store.lexicon.englishFor(w).length > 0 || (k.concepts.df(w) === 0 && !k.background.commonness(w).known));
  const runs: string[][] = [];
  for (const m of r.text.matchAll(CAPITALISED_RUN)) {
    // (the first word of a sentence is capitalised whatever it is)
    const before = r.text.slice(0, m.index).trimEnd();
    const words = canonicalTokens(m[0]).slice(before === "" || /[.!?:]$/.test(before) ? 1 : 0);
    let run: string[] = [];
    for (const w of [...words, ""]) {
      if (w && nameWord(w)) run.push(w);
      else {
        // (a town written in two words, "<Aaa> Nagar" of "<Aaa>nagar", is a place too)
        const place = run.some((v, i) => i > 0 && (k.kb.search.isPlace(run[i - 1]! + v) || k.kb.search.isPlace(`${run[i - 1]} ${v}`)));
        if (run.length >= NAME_MIN_WORDS && !place) runs.push(run);
        run = [];
      }
    }
  }
  return runs;
}

/** English prepositions a scheme stands after as what one claims, is covered or registered under, or is told about. */
const SCHEME_PREPOSITION = "(?:under|about)";
/** Romanised Hindi's "under", after the scheme ("<Aaa> <Bbb> ke tahat / ke antargat"). */
const SCHEME_POSTPOSITION = "(?:ke\\s+(?:tahat|tehat|antargat))";

/**
 * The written name (its words, as unheldWrittenName gives them) stands right after such a preposition or
 * before such a postposition ("claim under <Aaa> <Bbb>", "<Aaa> <Bbb> ke tahat claim").
 */
export function writtenAsScheme(text: string, name: string): boolean {
  const run = name
    .split(" ")
    .map(escapeRegExp)
    .join("[\\s-]+");
  const after = new RegExp(`\\b${SCHEME_PREPOSITION}\\s+${run}(?![\\p{L}\\p{N}])`, "iu");
  const before = new RegExp(`(?<![\\p{L}\\p{N}])${run}\\s+${SCHEME_POSTPOSITION}\\b`, "iu");
  return after.test(text) || before.test(text);
}

/**
 * A name the caller wrote as a name (capitalisedNames) that the scheme found (`schemeId`) holds less than half
 * of and no scheme's names hold whole: the caller's words for a scheme the knowledge base lacks, which the
 * scheme found (by its name, `nameScore`) shares only a topic or a word with.
 */
export function unheldWrittenName(k: DialogueKnowledge, r: Reading, schemeId: string | undefined, nameScore = 0): string | undefined {
  for (const run of capitalisedNames(k, r)) {
    if (schemeId && heldShare(k, run, schemeId) * 2 >= run.length) continue;
    // (the scheme found was named by a word that tells it, elsewhere: the run is a place or a firm of the story)
    if (schemeId && namedBeside(k, r, run, { schemeId, nameScore })) continue;
    // (another scheme's names hold it whole: a word a sound off only in a longer name, two words are another's;
    // a held name of one word said with more words, "<Name> <more words>", is not said: that is another name)
    const whole = run.length > NAME_MIN_WORDS ? run.length - NEAR_HELD : run.length;
    if (k.kb.search.matchNames(run.join(" ")).some((m) => heldShare(k, run, m.schemeId) >= whole)) continue;
    return run.join(" ");
  }
  return undefined;
}

/** Every one of the words (a name's, as the caller said them) is a word of the scheme's names. */
export const holdsEvery = (k: DialogueKnowledge, said: string[], schemeId: string): boolean => said.length > 0 && heldShare(k, said, schemeId) === said.length;

/** A name said word for word has at least this many words of its own. */
const WORD_FOR_WORD_MIN = 3;
/** A caller's word this long at least may be the first letters of a longer word of the name ("edu" of "Education"). */
const CUT_SHORT_LETTERS = 3;
/** …which is at least this many letters longer: a word cut short, not a word of its own. */
const CUT_SHORT_BY = 3;

/** A word's consonants as said: a last "y" or "i" after a consonant is a vowel ("Krushy", "krishi"). */
const saidConsonants = (word: string): string => consonantKey(phoneticKey(word.replace(/(?<=[^aeiou])[yi]$/, "")));

/**
 * How a caller's word says a word of a name: surely (the same sound, spelt otherwise, or a sound off in a
 * longer word), loosely (the same consonants in the same order, its vowels written as heard, "kirshi" of
 * "Krushy"; or its first letters, "edu" of "Education"), or not at all.
 */
function saysWord(said: string, word: string): "same" | "surely" | "loosely" | undefined {
  const [a, b] = [phoneticKey(said), phoneticKey(word)];
  if (a === b) return "same";
  if (looseKey(a) === looseKey(b) || (Math.min(a.length, b.length) >= NEAR_KEY_LETTERS && distance(a, b) <= 1)) return "surely";
  const consonants = saidConsonants(said);
  if (consonants.length >= NAME_MIN_WORDS + 1 && consonants === saidConsonants(word)) return "loosely";
  const [x, y] = [canonicalTokens(said).join(""), canonicalTokens(word).join("")];
  return x.length >= CUT_SHORT_LETTERS && y.length - x.length >= CUT_SHORT_BY && y.startsWith(x) ? "loosely" : undefined;
}

/**
 * The caller said the name word for word, in its order: every word of its own (WORD_FOR_WORD_MIN or more) by
 * a word of the caller's in a row (the words every name has, "Yojana", "Scheme", said between them or
 * left out), all but one of them surely, one at least not as written. A name misspelt a word at a time is
 * still said whole.
 */
export function saidWordForWord(
  tokens: readonly string[],
  own: readonly string[],
  passed: (w: string) => boolean = isOptionalWord,
  asWrittenToo = false,
  namesWord: (w: string) => boolean = () => false,
): boolean {
  if (own.length < WORD_FOR_WORD_MIN) return false;
  for (let start = 0; start + own.length <= tokens.length; start++) {
    let pos = start;
    let loose = 0;
    let same = 0;
    let i = 0;
    for (; i < own.length && pos < tokens.length; i++, pos++) {
      // (a word every name has or a function word, "for", said between the name's own words, is passed over)
      while (i > 0 && pos < tokens.length - 1 && passed(tokens[pos]!) && !saysWord(tokens[pos]!, own[i]!)) pos++;
      const says = saysWord(tokens[pos]!, own[i]!);
      // (a word written as other names write it, "matric" beside "Metric", is that word, not this one misspelt)
      if (!says || (says !== "same" && namesWord(tokens[pos]!)) || (says === "loosely" && ++loose > 1)) break;
      if (says === "same") same++;
    }
    // (a name said as written is the matcher's to find: this is for a name misspelt)
    if (i === own.length && (asWrittenToo || same < own.length)) return true;
  }
  return false;
}

/** A scheme's names as said word for word: each name's own words, its short form in parentheses left off. */
function ownWordsOfNames(k: DialogueKnowledge, schemeId: string): string[][] {
  const meta = k.kb.store.metaOf(schemeId);
  if (!meta) return [];
  return [meta.name, meta.nameHi, ...meta.aliases]
    .filter((name): name is string => Boolean(name))
    .map((name) => ownNameWords(k, name.replace(/\([^)]*\)/g, " ")).filter((w) => !isOptionalWord(w)));
}

/** The caller said one of the scheme's names word for word (saidWordForWord), misspelt (or, `asWrittenToo`, as written). */
export const nameSaidWordForWord = (k: DialogueKnowledge, r: Reading, schemeId: string, asWrittenToo = false): boolean => {
  const tokens = canonicalTokens(r.text);
  const passed = (w: string) => isOptionalWord(w) || k.background.isFunctionWord(w);
  return ownWordsOfNames(k, schemeId).some((own) => saidWordForWord(tokens, own, passed, asWrittenToo, (w) => k.concepts.isNameWord(w)));
};

/**
 * The one scheme, of those whose names the words meet, whose name the caller said word for word though
 * misspelt a word at a time (saidWordForWord); none when the names of two are said so.
 */
export function namedWordForWord(k: DialogueKnowledge, r: Reading): string | undefined {
  const said = k.kb.search.matchNames(r.text, 10).filter((m) => nameSaidWordForWord(k, r, m.schemeId));
  const [first, second] = said;
  return first && (!second || k.kb.store.metaOf(first.schemeId)?.duplicates.includes(second.schemeId)) ? first.schemeId : undefined;
}
