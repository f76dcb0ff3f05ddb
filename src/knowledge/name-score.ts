// How well a caller's words say one scheme name: each of the name's words matched (by spelling or sound),
// weighted by its rarity among all names, with the rules that keep an everyday word, a guess at a word
// break or a sound-alike from passing for a name. The matcher (matcher.ts) finds the candidates.
import { distance } from "fastest-levenshtein";
import { sayableAsWord, type AliasKind } from "./name-parts.js";
import { foldSpelling } from "./text.js";

/** What the matcher read of the query, for scoring a name against it. */
export interface QueryRead {
  /** The caller's words folded for spelling (typed Latin text only). */
  qWords: Set<string> | null;
  /** The caller's words romanised. */
  romanWords: ReadonlySet<string>;
  /** Their phonetic keys and spelling forms (spellingForm), made once per query, not for each name scored. */
  romanKeys: ReadonlySet<string>;
  romanSpellings: readonly string[];
  /**
   * The spelling forms of the caller's words (and of two in a row joined) by their phonetic key: a name's word
   * matched by a word's sound is judged by that word's spelling, not by another word's that happens to be
   * spelt like it ("said" sounds like "Setu"; "get", said too, is spelt a letter off it).
   */
  spellingsByKey?: ReadonlyMap<string, readonly string[]>;
  /** The words are a recogniser's: names may be heard a sound off. */
  heard: boolean;
  /** Keys that are only support for another word (glued.ts). */
  support: ReadonlySet<string>;
  /** Keys of the caller's familiar words. */
  exact: ReadonlySet<string>;
  /** Keys of two words joined where one of them is a function word (glued.ts): a guess that a name was broken there. */
  broken: ReadonlySet<string>;
  /** Spelling is not the caller's (speech, another script's transliteration): a name is met by its sound. */
  bySound: boolean;
}

export interface Alias {
  schemeId: string;
  text: string;
  kind: AliasKind;
  keys: string[];
  /** The words as written (romanised), parallel to keys. */
  words: string[];
  /** The name run together into one word ("PMKISAN"): not a name as said. */
  runTogether?: boolean;
  /** Parallel to keys: a word the name may be said without. */
  optional?: boolean[];
  /** Parallel to keys: each word's weight (its rarity among all names). */
  weights?: number[];
  /** Parallel to words: each folded (foldSpelling) and as spelling is compared (spellingForm), made when the matcher is built. */
  folded?: string[];
  spellings?: string[];
  /** How many schemes carry this same name. */
  sharedBy?: number;
}

/** A name word matched at least this well (nearKeys) counts as said. */
export const STRONG_MATCH = 0.8;

/** Matched name weight (in units of the rarest word's) from which a match counts as fully evidenced. */
const EVIDENCE_FULL = 0.8;

/** A name shared by n schemes counts 1 / (1 + SHARED_STEP·(n − 1)) of itself, at least SHARED_FLOOR. */
export const SHARED_STEP = 0.05;
export const SHARED_FLOOR = 0.7;

/** Each name word beyond the first that the caller said raises a name's score by this share. */
const EXTRA_WORD_BONUS = 0.1;

/** Names shorter than this (in letters) are too short to match: "S", "JT". */
export const MIN_ALIAS_LETTERS = 3;

/** A short title or acronym matched only nearly counts this much of a near match of a name word. */
const NEAR_SHORT_FACTOR = 0.6;
/** A typed name with one word of its own must be written this nearly ("Diggy" for "ticket" is not it). */
const ONE_WORD_NEAR_MIN = 0.9;
/**
 * …and a recognised one heard this nearly: one sound off ("kison" for "Kisan", nearKeys' 0.85) is how a
 * recogniser garbles a name; a prefix or two sounds off is still not.
 */
const ONE_WORD_HEARD_MIN = 0.85;

/** A word spelt within this many edits of a name run together (folded, a Hindi word's last "a" dropped) is that name written. */
const RUN_TOGETHER_EDITS = 2;
/**
 * A word spelt within this many edits of a name's word (one more from LONG_WORD_LETTERS letters, where
 * spellings vary more) is that word written, not another word that sounds alike.
 */
const SAME_WORD_EDITS = 1;
const LONG_WORD_LETTERS = 7;

/** Some word of the caller's (their spelling forms) is spelt within `edits` of a name's word (its spelling form). */
function spelledNearly(spelling: string, romanSpellings: readonly string[], edits = RUN_TOGETHER_EDITS): boolean {
  return romanSpellings.some((w) => distance(w, spelling) <= edits);
}

/**
 * A word's spelling as compared here: folded, "sh" as "s" and without its last vowel, which Indian scripts'
 * romanisation adds or writes otherwise ("किषाणे" of another script is "kishane", "Kisan" written).
 */
export const spellingForm = (word: string): string => foldSpelling(word).replace(/sh/g, "s").replace(/[aeiou]$/, "");

/** Prefix of keys that hold a short word as written (acronym letters) instead of its phonetic key. */
export const RAW = "#";
/** A spelt short form this long may be said a letter off the record's ("PMFME": two name words as one), counted so. */
export const NEAR_LETTERS_MIN = 5;
export const NEAR_LETTERS = 0.9;

const KIND_FACTOR: Record<AliasKind, number> = { name: 1, short: 1, acronym: 0.92, alias: 1, hindi: 1 };

/** How completely and surely the query (`near`: its keys' matches of each name key) says the name `alias`, 0–1. */
export function scoreAlias(alias: Alias, near: ReadonlyMap<string, number>, read: QueryRead, maxIdf: number): number {
  const { qWords, romanWords, romanSpellings, heard, support } = read;
  // the words that only say "a government scheme" ("Pradhan Mantri", "Yojana", "National") are often
  // left out when a name is said: the others must be there, these add a little when they are
  let distinctTotal = 0;
  let distinctMatched = 0;
  let genericTotal = 0;
  let genericMatched = 0;
  let strongMatched = 0;
  let distinctCount = 0;
  let matchedWords = 0;
  // a name's own word matched by more than an everyday word glued to an unknown one
  let anchored = false;
  // a name's own word matched by the sound of a word spelt otherwise
  let ownByLookalike = false;
  const optional = alias.optional!;
  const weights = alias.weights!;
  const folded = alias.folded!;
  const spellings = alias.spellings!;
  for (let i = 0; i < alias.keys.length; i++) {
    const key = alias.keys[i]!;
    const w = weights[i]!;
    // a one-letter name word ("G" of "PMAY G") matches the first letter of a word (nearKeys)
    let m = near.get(key) ?? 0;
    // a made-up short title ("CMHISN") heard nearly is no evidence: short forms are said as written; in
    // recognised speech a word of one that is read as a word ("KISAN" of "PM-KISAN") is heard as loosely as any name's
    // (a spelt short form one letter off is matched by its letters, not its sound: nearLetters)
    const spelt = key[0] === RAW && key.length > NEAR_LETTERS_MIN;
    if (m < 1 && (alias.kind === "short" || alias.kind === "acronym") && !spelt && !(heard && sayableAsWord(alias.words[i]!))) m *= NEAR_SHORT_FACTOR;
    // typed, a short form is written as one word: one found only by joining a word to a function word
    // beside it ("or sel" read as "ORSEL") is no evidence; recognised speech breaks them as any word
    if (!heard && (alias.kind === "short" || alias.kind === "acronym") && read.broken.has(key)) m = 0;
    // an everyday word of the caller's is a word of its own: a name run together ("PuccaGhar") that it only
    // sounds like is not said unless the word is spelt nearly as the name
    // (one word of the caller's: two said apart and joined are the name's words said as they are)
    if (alias.runTogether && read.exact.has(key) && read.romanKeys.has(key) && !spelledNearly(spellings[i]!, romanSpellings)) m = 0;
    // same sound, other spelling ("tax" ~ "daksh"): a little less sure than the word itself; a sound
    // of two letters is no evidence at all ("madad" and "Mamata" are both "mt") unless it keeps its vowel
    // and the word is spelt a letter off ("जय" and "Jai"; not "Chai")
    // (a Hindi name's word is romanised with the final "a" Hindi speakers drop: "लाभ" is said "labh")
    if (m === 1 && key[0] !== RAW && key.length <= 2 && !romanWords.has(alias.words[i]!) && !(alias.kind === "hindi" && romanWords.has(alias.words[i]!.replace(/a$/, ""))) && !(/[aeiou]$/.test(key) && spelledNearly(spellings[i]!, romanSpellings, SAME_WORD_EDITS))) m = 0;
    else if (m === 1 && key[0] !== RAW && qWords && !qWords.has(folded[i]!)) m = 0.9;
    if (!optional[i]) {
      distinctCount++;
      distinctTotal += w;
      distinctMatched += w * m;
    } else {
      genericTotal += w;
      genericMatched += w * m;
    }
    if (m >= STRONG_MATCH && w >= maxIdf * 0.35) strongMatched += w * m;
    if (m >= STRONG_MATCH && !optional[i]) matchedWords++;
    if (m >= STRONG_MATCH && (!optional[i] || optional.every(Boolean)) && !support.has(key)) anchored = true;
    // (only typed text is judged so, below: speech and other scripts' text skip the comparison)
    if (!read.bySound && m >= STRONG_MATCH && !optional[i] && key[0] !== RAW && !alias.runTogether && near.get(key) === 1 && !spelledNearly(spellings[i]!, read.spellingsByKey?.get(key) ?? romanSpellings, SAME_WORD_EDITS + (alias.words[i]!.length >= LONG_WORD_LETTERS ? 1 : 0))) ownByLookalike = true;
  }
  if (strongMatched === 0 || !anchored) return 0;
  // a name with a single word of its own, heard only loosely ("Diggy" for "ticket"), is no evidence
  if (distinctCount === 1 && distinctMatched < distinctTotal * (heard ? ONE_WORD_HEARD_MIN : ONE_WORD_NEAR_MIN)) return 0;
  // typed, nor one said only by a word that sounds like it but is spelt as another (a word for "cold" and
  // "Sarthi"): that word was meant; a recogniser spells what it hears, so heard speech is matched by sound
  if (distinctCount === 1 && ownByLookalike && !read.bySound) return 0;
  const coverage = distinctTotal > 0 ? distinctMatched / distinctTotal : genericMatched / genericTotal;
  const generic = genericTotal > 0 ? genericMatched / genericTotal : 1;
  // one rare word ("Mudra") names a scheme; a few common ones ("Bima Yojana") say less
  const evidence = Math.min(1, (distinctMatched + genericMatched) / (maxIdf * EVIDENCE_FULL));
  // of two names the caller's words fit, the one that explains more of them ("Awas … Gramin")
  const explains = 1 + EXTRA_WORD_BONUS * Math.max(0, matchedWords - 1);
  // a name several schemes carry (a central scheme and its state versions, "Old Age Pension" in many
  // states) still names them, a little less surely: the caller's state and usefulness decide between them
  const shared = Math.max(SHARED_FLOOR, 1 / (1 + SHARED_STEP * ((alias.sharedBy ?? 1) - 1)));
  return coverage ** 1.5 * (0.85 + 0.15 * generic) * (0.45 + 0.55 * evidence) * KIND_FACTOR[alias.kind] * explains * shared;
}
