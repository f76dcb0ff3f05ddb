// Text helpers for matching what callers say against scheme names: script detection, romanisation of
// Indian scripts, tokenisation and a phonetic key that absorbs spelling and speech-recognition variants
// ("kissan", "kisaan", "किसान" → one key).
import SanscriptModule from "@indic-transliteration/sanscript";
import { hasOtherIndic, toDevanagari } from "./indic.js";
import { designatorsBySound } from "./designator.js";

const Sanscript = SanscriptModule as unknown as { t(data: string, from: string, to: string): string };

export type Script = "latin" | "devanagari" | "other-indic" | "none";

/** Text to match as written inside a regular expression (its special characters escaped). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Dominant script of a text, by letter count. */
export function detectScript(text: string): Script {
  let latin = 0;
  let deva = 0;
  let indic = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
    else if (c >= 0x0900 && c < 0x0980) deva++;
    else if (c >= 0x0980 && c < 0x0d80) indic++;
  }
  if (latin + deva + indic === 0) return "none";
  if (deva >= latin && deva >= indic) return "devanagari";
  if (indic > latin) return "other-indic";
  return "latin";
}

// The open "o" and "e" of English words written in Devanagari ("कॉलेज", "ऑनलाइन", "ऍडमिशन"), which
// sanscript leaves as they are and would split a word in two
const ENGLISH_VOWEL_SIGNS: Record<string, string> = { "ॉ": "ो", "ऑ": "ओ", "ॅ": "े", "ऍ": "ए", "ॲ": "ए" };
const ENGLISH_VOWEL_SIGNS_RE = new RegExp(Object.keys(ENGLISH_VOWEL_SIGNS).join("|"), "g");

/** Romanises the Indian-script words of a text (other scripts through Devanagari; ITRANS, diacritics stripped later). */
export function romanise(text: string): string {
  const deva = hasOtherIndic(text) ? toDevanagari(text) : text;
  return deva.replace(/[\u0900-\u097f]+/g, itrans);
}

/** Devanagari letters in ITRANS, English vowel signs read as the nearest Hindi ones. */
function itrans(deva: string): string {
  return Sanscript.t(deva.replace(ENGLISH_VOWEL_SIGNS_RE, (c) => ENGLISH_VOWEL_SIGNS[c]!), "devanagari", "itrans");
}

/** Lowercase ASCII folding: diacritics removed, punctuation to spaces. */
export function foldLatin(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** Tokens of a text in any script, romanised and folded ("पीएम किसान" → ["piema", "kisana"]). */
export function romanTokens(text: string): string[] {
  return foldedTokens(romanise(text.normalize("NFC")));
}

/** The words of a Latin text, folded (foldLatin). */
function foldedTokens(latin: string): string[] {
  const folded = foldLatin(latin);
  return folded ? folded.split(" ") : [];
}

/**
 * romanTokens of many words written in Devanagari letters alone (a dictionary's), romanised in one call:
 * sanscript's set-up per call (its options, a regular expression) costs more than a short word's letters,
 * and it carries nothing from one word to the next past a line break. Any other word is read alone.
 */
export function romanTokensOfWords(words: readonly string[]): string[][] {
  const deva = words.map((w) => w.normalize("NFC"));
  if (!deva.every((w) => /^[\u0900-\u097f]+$/.test(w))) return words.map(romanTokens);
  const romans = itrans(deva.join("\n")).split("\n");
  return romans.length === words.length ? romans.map(foldedTokens) : words.map(romanTokens);
}

/** Words of a text kept in their own script (for Hindi full-text search and lexicon lookup). */
export function nativeTokens(text: string): string[] {
  return text
    .normalize("NFC")
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter(Boolean);
}

const VOWELS = new Set(["a", "e", "i", "o", "u"]);

/**
 * Phonetic key of one romanised token. Collapses aspiration (bh→b), voicing (b/p, d/t, g/k, j/c),
 * long vowels (aa, ee, oo), w/v, z/j, doubled letters and the inherent vowel "a" after the first
 * letter, which Hindi speakers and romanisers drop or keep at will (yojana/yojna, kisan/kisaan).
 */
export function phoneticKey(token: string): string {
  const cached = keyCache.get(token);
  if (cached !== undefined) return cached;
  const key = computePhoneticKey(token);
  // a bounded memo: the same few thousand words (names, questions) are keyed again and again
  if (keyCache.size >= KEY_CACHE_SIZE) keyCache.clear();
  keyCache.set(token, key);
  return key;
}

const KEY_CACHE_SIZE = 200_000;
const keyCache = new Map<string, string>();

/** The consonants phoneticKey merges, each as written, aspirated or spelt two ways ("ch", "kh", "ph", "sh"), to its sound. */
const CONSONANT_SOUND: Record<string, string> = {
  ch: "c", chh: "c", ph: "f", sh: "s", kh: "k", gh: "k", jh: "c", th: "t", dh: "t", bh: "p",
  c: "k", q: "k", g: "k", x: "ks", w: "v", z: "c", j: "c", b: "p", d: "t",
};
const CONSONANT_SPELLINGS = /chh?|ph|sh|[kgjtdb]h|[cqxwzgjbd]/g;

function computePhoneticKey(token: string): string {
  let s = token.toLowerCase();
  if (/^\d+$/.test(s)) return s;
  // one pass for the consonants: ph→f, ch→c, sh→s, an aspirate's "h" dropped (bh→b), then c/q/g→k, x→ks,
  // w→v, z/j→c, b→p, d→t (the vowels' rules below neither read nor make these letters, so the order is free);
  // a vowel's rule runs only when its letters are there to change
  s = s.replace(CONSONANT_SPELLINGS, (m) => CONSONANT_SOUND[m]!);
  if (s.includes("ee") || s.includes("ii")) s = s.replace(/ee|ii/g, "i");
  if (s.includes("oo") || s.includes("uu")) s = s.replace(/oo|uu/g, "u");
  // "ai", "ei" and a last "ay" are one vowel ("jai", "jay"), and so is a last "aya": romanised Devanagari writes
  // the inherent vowel Hindi does not say at a word's end ("जय" jaya, "निक्षय" nikshaya); before a consonant
  // "ay" is a vowel and a "y" that Hindi words written without the vowel between keep ("sahayta", "sahayata")
  if (s.includes("ai") || s.includes("ei") || s.includes("ay")) s = s.replace(/ai|ei|aya?$/g, "e");
  // a final "ey" after a consonant is English spelling of a vowel, as "ay" is ("mudrey" for "mudra");
  // a final "y" alone is left as it is, or "Diggy" would sound as "theek" does
  if (s.endsWith("ey")) s = s.replace(/(?<=[^aeiou])ey$/, "e");
  if (s.includes("au") || s.includes("ou")) s = s.replace(/au|ou/g, "o");
  if (s.indexOf("m", 1) > 0) s = s.replace(/(?<=.)m(?=[^aeioumpv])/g, "n");
  // the inherent vowel: keep a leading one, drop the others
  let out = s[0] ?? "";
  for (let i = 1; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === "a") continue;
    if (ch === "h" && !VOWELS.has(s[i - 1]!)) continue;
    if (ch === out[out.length - 1]) continue;
    out += ch;
  }
  // a trailing vowel is often swallowed (yojana/yojan, naregaa)
  if (out.length > 3 && VOWELS.has(out[out.length - 1]!)) out = out.slice(0, -1);
  return out;
}

/**
 * A name word's key with the sounds spellings trade freely blurred: "v"/"w" and "b" (व and ब, said alike
 * in much of India: "vikas", "bikas"), a "y" after a consonant that Hindi speech and spelling drop ("vapar"
 * of "vyapar"), and the short "a" before "h" that English spelling writes "e" ("mehnat" of मेहनत).
 */
export const looseKey = (key: string): string =>
  key
    .replace(/v/g, "p")
    .replace(/(?<=[^aeiou])y/g, "")
    .replace(/(?<=[^aeiou])eh/g, "h");

/**
 * A phonetic key's consonants in order, after its first letter as it is: what two spellings of one name keep
 * when they write its vowels otherwise ("Arundhati", "arundoti": "arnt"). Only as telling as it is long.
 */
export function consonantKey(key: string): string {
  let out = key[0] ?? "";
  for (const ch of key.slice(1)) if (!VOWELS.has(ch) && ch !== out[out.length - 1]) out += ch;
  return out;
}

/** Phrases that name the same office in many spellings; folded to one token before matching. */
const CANONICAL_PHRASES: [RegExp, string][] = [
  [/\b(pradhan ?mantri|pradhana ?mamtri|pradhana ?mantri|prime minister'?s?|pi ?ema|p ?m)\b/g, "pm"],
  [/\b(mukhya ?mantri|mukhyamamtri|mukhya ?mamtri|chief minister'?s?|c ?m)\b/g, "cm"],
];

/** English letter names as written in Devanagari, for acronyms spelt out (पीएमईजीपी → pmegp); "W" in its common spellings. */
const LETTER_NAMES: [string, string][] = [
  ["डब्ल्यू", "w"], ["डब्लू", "w"], ["डबल्यू", "w"], ["डब्ल्यु", "w"], ["क्यू", "q"], ["एक्स", "x"], ["ज़ेड", "z"], ["जेड", "z"], ["वाई", "y"], ["एफ़", "f"], ["एफ", "f"],
  ["एच", "h"], ["आई", "i"], ["एम", "m"], ["एन", "n"], ["एल", "l"], ["एस", "s"], ["आर", "r"], ["पी", "p"], ["बी", "b"],
  ["सी", "c"], ["डी", "d"], ["जी", "g"], ["जे", "j"], ["के", "k"], ["टी", "t"], ["यू", "u"], ["वी", "v"], ["ई", "e"],
  ["ए", "a"], ["ओ", "o"],
];

/** The Latin letters of a Devanagari word made only of English letter names, else null. */
export function spelledAcronym(word: string): string | null {
  let rest = word;
  let out = "";
  while (rest) {
    const hit = LETTER_NAMES.find(([name]) => rest.startsWith(name));
    if (!hit) return null;
    out += hit[1];
    rest = rest.slice(hit[0].length);
  }
  return out.length >= 2 ? out : null;
}

/** English letter names as callers write them in Latin letters ("sibiesi": see, bee, ess, ee), each letter's common spellings. */
const LATIN_LETTER_NAMES: [string, string][] = [
  ["e", "a"], ["ae", "a"], ["ay", "a"], ["bi", "b"], ["bee", "b"], ["si", "c"], ["see", "c"], ["di", "d"], ["dee", "d"],
  ["i", "e"], ["ee", "e"], ["ef", "f"], ["ji", "g"], ["jee", "g"], ["ech", "h"], ["aich", "h"], ["ai", "i"], ["aai", "i"],
  ["je", "j"], ["jay", "j"], ["ke", "k"], ["kay", "k"], ["el", "l"], ["em", "m"], ["en", "n"], ["o", "o"], ["pi", "p"],
  ["pee", "p"], ["kyu", "q"], ["ar", "r"], ["aar", "r"], ["es", "s"], ["ess", "s"], ["ti", "t"], ["tee", "t"], ["yu", "u"],
  ["vi", "v"], ["vee", "v"], ["eks", "x"], ["vai", "y"], ["wai", "y"], ["zed", "z"], ["jed", "z"],
];
/** Letters a word spelt as letter names may hold: a short form's. */
const LATIN_SPELT_MAX = 8;

/**
 * Every way a Latin word reads as English letter names run together ("sibiesi" → "cbse"), of two letters or more:
 * a short form said letter by letter and written as heard. Several readings, since the names overlap ("e", "ee").
 */
export function latinSpelledAcronyms(word: string): string[] {
  const out = new Set<string>();
  const walk = (rest: string, letters: string): void => {
    if (letters.length > LATIN_SPELT_MAX) return;
    if (!rest) {
      if (letters.length >= 2) out.add(letters);
      return;
    }
    for (const [name, letter] of LATIN_LETTER_NAMES) if (rest.startsWith(name)) walk(rest.slice(name.length), letters + letter);
  };
  if (/^[a-z]+$/.test(word)) walk(word, "");
  return [...out];
}

function replaceSpelledAcronyms(text: string): string {
  return text.replace(/[\u0900-\u097f]+/g, (word) => spelledAcronym(word) ?? word);
}

/** Letter names that are also common Hindi words, never read as a letter of a spelt acronym. */
const LETTER_WORDS = new Set(["के", "ए", "ओ"]);

/** "पी एम ई जी पी" and "p m e g p": letters said one by one, joined into the acronym they spell. */
export function joinSpelledLetters(text: string): string {
  const letterOf = (word: string): string | null => {
    if (/^[a-z]$/i.test(word)) return word.toLowerCase();
    if (LETTER_WORDS.has(word)) return null;
    const hit = LETTER_NAMES.find(([name]) => name === word);
    return hit ? hit[1] : null;
  };
  const words = text.split(/\s+/);
  const out: string[] = [];
  for (let i = 0; i < words.length; ) {
    let j = i;
    let run = "";
    for (let letter; j < words.length && (letter = letterOf(words[j]!.replace(/[.,]$/, ""))); j++) run += letter;
    if (j - i >= 2) {
      out.push(run);
      i = j;
    } else out.push(words[i++]!);
  }
  return out.join(" ");
}

/** Romanised tokens with office names canonicalised ("pradhan mantri" → "pm"). */
export function canonicalTokens(text: string): string[] {
  const cached = tokensCache.get(text);
  // a copy: callers may change what they are given
  if (cached !== undefined) return cached.slice();
  let folded = romanTokens(replaceSpelledAcronyms(joinSpelledLetters(text.normalize("NFC")))).join(" ");
  for (const [re, replacement] of CANONICAL_PHRASES) folded = folded.replace(re, replacement);
  // (and written as one word as said, "mukyamantri", "pradhanmantry": by sound, designator.ts)
  const tokens = folded ? designatorsBySound(folded.split(" "), phoneticKey) : [];
  // a bounded memo, as for phoneticKey: a name's parts, a state, a word are read many times over
  if (tokensCache.size >= TOKENS_CACHE_SIZE) tokensCache.clear();
  tokensCache.set(text, tokens);
  return tokens.slice();
}

const TOKENS_CACHE_SIZE = 50_000;
const tokensCache = new Map<string, readonly string[]>();

/** Phonetic keys of a text, one per token. */
export function phoneticKeys(text: string): string[] {
  return canonicalTokens(text).map(phoneticKey).filter((k) => k.length > 0);
}

/**
 * A light English stem, enough to meet "farmers"/"farmer", "scholarships"/"scholarship",
 * "fishermen"/"fisherman", "disabled"/"disability" halfway: plural and common endings go.
 */
export function stemEnglish(word: string): string {
  let w = word.toLowerCase();
  if (!/^[a-z]+$/.test(w) || w.length <= 3) return w;
  if (w.endsWith("men") && w.length >= 5) return `${w.slice(0, -3)}man`;
  if (w.endsWith("ies") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(?:ss|us|is)$/.test(w)) return w;
  else if (w.endsWith("es") && /(?:sh|ch|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith("s")) w = w.slice(0, -1);
  for (const suffix of ["ities", "ity", "ing", "ed", "ment", "ship"]) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  return w.length > 4 && w.endsWith("e") ? w.slice(0, -1) : w;
}

/**
 * A lighter sound key than phoneticKey, for meeting a romanised Hindi word with its Devanagari form when
 * a near sound is not enough: long vowels and the inherent "a" are absorbed (kisaan/kisan/किसान), but
 * voicing and aspiration still tell words apart (kisan ≠ ghisna).
 */
export function lightKey(token: string): string {
  const s = token
    .toLowerCase()
    .replace(/aa/g, "a")
    .replace(/ee|ii/g, "i")
    .replace(/oo|uu/g, "u")
    .replace(/w/g, "v")
    .replace(/z/g, "j")
    .replace(/ph/g, "f")
    .replace(/sh/g, "s")
    .replace(/ch/g, "c");
  let out = s[0] ?? "";
  for (let i = 1; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === "a" || ch === out[out.length - 1]) continue;
    out += ch;
  }
  return out.length > 3 && /[aeiou]$/.test(out) ? out.slice(0, -1) : out;
}

/** A romanised word with its long vowels and w/v written one way: "Awaas" and "awas" are one spelling of one word. */
export function foldSpelling(word: string): string {
  return word.replace(/aa/g, "a").replace(/ee/g, "i").replace(/oo/g, "u").replace(/w/g, "v");
}

/** A string's letter trigrams, in order (the sound index of names). */
export function trigrams(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 3 <= s.length; i++) out.push(s.slice(i, i + 3));
  return out;
}

/** Fewest edits that turn `pattern` into some substring of `text` (Sellers' approximate matching). */
export function substringDistance(pattern: string, text: string): number {
  let prev = new Array<number>(text.length + 1).fill(0);
  for (let i = 1; i <= pattern.length; i++) {
    const row = new Array<number>(text.length + 1);
    row[0] = i;
    for (let j = 1; j <= text.length; j++) {
      const cost = pattern[i - 1] === text[j - 1] ? 0 : 1;
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = row;
  }
  return Math.min(...prev);
}
