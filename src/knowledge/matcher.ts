// The scheme-name matcher: finds schemes a caller names, however the name reaches us: official name,
// short title, acronym, Hindi name, a colloquial alias, misspelt or misheard by speech recognition
// ("pm kissan", "aayushman", "narega", "आयुषमान"). Works on phonetic keys (text.ts) with an edit
// distance, weighting each name word by how rare it is among all names.
import { distance } from "fastest-levenshtein";
import { runAtOnce, runSliced, type SliceOptions } from "../ops/slices.js";
import { initials, isOptionalWord, looksLikeAcronym, NAME_STOPWORDS, nameParts, RAW_MAX, sayableAsWord, type AliasKind } from "./name-parts.js";
import { addForm, FORM_MATCH, keysSaidOtherwise, type WordForms } from "./word-forms.js";
import { keysBrokenAtNoise, wordsRejoined, type WordJudge } from "./glued.js";
import { MIN_ALIAS_LETTERS, NEAR_LETTERS, NEAR_LETTERS_MIN, RAW, scoreAlias, spellingForm, STRONG_MATCH, type Alias } from "./name-score.js";
import { buildSoundIndex, soundMatchIn, type SoundName } from "./sound-match.js";
import type { SchemeMeta } from "./store.js";
import { canonicalTokens, consonantKey, detectScript, foldSpelling, joinSpelledLetters, latinSpelledAcronyms, looseKey, nativeTokens, phoneticKey, spelledAcronym, substringDistance } from "./text.js";

export { substringDistance };

export type { AliasKind };

export interface NameMatch {
  schemeId: string;
  /** 0–1: how completely and exactly the query contains one of the scheme's names. */
  score: number;
  alias: string;
  kind: AliasKind;
  /**
   * The name's own words (romanised, as written) that the query holds: not the words every name has
   * ("Yojana", "Pradhan Mantri"), nor a lone letter. Absent for a name found by its sound (soundMatch).
   */
  said?: string[];
  /** Every one of the name's own words was said: the name is nothing but what the query holds. */
  whole?: boolean;
}

const NO_KEYS: ReadonlySet<string> = new Set();
/** A word of this many letters or more may be a short form written as its letter names sound ("sibiesi"). */
const SPELT_WORD_MIN = 4;

/** A name's English word said by a Hindi word that translates it counts this much (as a loose match). */
const TRANSLATED_MATCH = 0.85;
/**
 * A Hindi word of the records' own Hindi names is read as the English word of their English names it goes with
 * most (Dice coefficient over the name pairs) when it does so this surely, in at least this many names, and that
 * English word goes with no other Hindi word more: "सामान्य" with "General", "ऋण" with "Loan".
 */
const NAME_GLOSS_MIN_DICE = 0.5;
const NAME_GLOSS_MIN_NAMES = 2;
/**
 * Translations are read only when one reaches a telling name word, one at most this share of all names hold
 * ("journalist", "limbs"): the words for help, family or the poor reach hundreds of names, and alone they
 * would make a name of any question about a kind of help.
 */
const TELLING_NAME_SHARE = 0.001;
/** Nor is a translation read that reaches a word more than this share of names hold ("Assistance"): it tells nothing. */
const TRANSLATED_MAX_SHARE = 0.01;
const DEVANAGARI_WORD = /^[\u0900-\u097f]+$/;

/** `make(word)`, made once per word while `made` is kept. */
function once<T>(made: Map<string, T>, word: string, make: (word: string) => T): T {
  let value = made.get(word);
  if (value === undefined) made.set(word, (value = make(word)));
  return value;
}

/** A word matched through a loose key or as two of a name's words run together counts this much. */
const LOOSE_MATCH = 0.85;
/** A word no dictionary knows met by a name word's consonants ("arundoti", "Arundhati"), at least this many of them, counts so. */
const CONSONANTS_MIN = 4;
const CONSONANTS_MATCH = 0.8;

/** The caller's function words that are words of some name, and all their words' keys in a row (spaced). */
interface Spoken {
  functionKeys: Set<string>;
  run: string;
}

/** What a matcher reads its words with: the knowledge base's lexicon and the background language. */
export interface NameWords {
  isNoise?: (word: string) => boolean;
  isEverydayWord?: (word: string) => boolean;
  isFamiliarWord?: (word: string) => boolean;
  /** A word of the caller's language as everyday speech or the dictionary spells it ("nai", "aim"), however rare. */
  isOrdinaryWord?: (word: string) => boolean;
  /** English meanings of a Devanagari word in general language ("पत्रकार" → "journalist"): a name's English words said in Hindi. */
  meaningsOf?: (word: string) => readonly string[];
}

/**
 * A field that reads words (a function of the reader's, or an object of such functions), not data: never in a
 * snapshot, and given again by the reader's NameWords. Told by its value, so a judge added later is left out too.
 */
function isJudge(value: unknown): boolean {
  if (typeof value === "function") return true;
  if (typeof value !== "object" || value === null || value instanceof Map || value instanceof Set || Array.isArray(value)) return false;
  return Object.values(value).some((v) => typeof v === "function");
}

/** The matcher's data fields: every field but the judges. */
function dataFields(matcher: object): [string, unknown][] {
  return Object.entries(matcher).filter(([, value]) => !isJudge(value));
}

export class NameMatcher {
  private readonly aliases: Alias[] = [];
  /** The names by their sound (sound-match.ts). */
  readonly sounds: SoundName[] = [];
  readonly soundGrams = new Map<string, number[]>();
  private readonly postings = new Map<string, number[]>();
  /** Keys by each of their one-letter deletions (a list: over 70,000 variants, a Set each would weigh twice as much). */
  private readonly deletes = new Map<string, string[]>();
  /** Name words' keys by their loose key (looseKey). */
  private readonly loose = new Map<string, Set<string>>();
  /** Name words' keys by their consonants (consonantKey), for those with CONSONANTS_MIN or more. */
  private readonly consonants = new Map<string, Set<string>>();
  /** Two adjacent words of a name, run together ("kamdhenu" of "Kam Dhenu"), to their two keys. */
  private readonly pairs = new Map<string, [string, string]>();
  private readonly idf = new Map<string, number>();
  /** "schemeId key" of each name of one key: a name run together is not added twice. */
  private readonly oneKeyNames = new Set<string>();
  /** isOptionalWord and isEverydayWord of the names' words, while the matcher is built (read once per word). */
  private readonly optionalWords = new Map<string, boolean>();
  private readonly everydayWords = new Map<string, boolean>();
  private maxIdf = 1;
  private readonly isNoise: (word: string) => boolean;
  private readonly isEverydayWord: (word: string) => boolean;
  private readonly isFamiliarWord: (word: string) => boolean;
  private readonly isOrdinaryWord: (word: string) => boolean;
  private readonly meaningsOf: (word: string) => readonly string[];
  /** Hindi words of the records' Hindi names → the keys of the English name words they translate (nameGloss). */
  private readonly hindiGloss = new Map<string, string[]>();
  /** Latin words of names (not short forms, said as letters) by their singular's key (word-forms.ts): "lifejacket" of "Lifejackets". */
  private readonly wordForms: WordForms = new Map();
  private readonly wordJudge: WordJudge;

  /** Built at once: for a process starting, or a test. A running one builds in slices (`build`). */
  constructor(schemes: readonly SchemeMeta[], words: NameWords = {}) {
    this.isNoise = words.isNoise ?? (() => false);
    this.isEverydayWord = words.isEverydayWord ?? (() => false);
    this.isFamiliarWord = words.isFamiliarWord ?? (() => false);
    this.isOrdinaryWord = words.isOrdinaryWord ?? (() => false);
    this.meaningsOf = words.meaningsOf ?? (() => []);
    this.wordJudge = { isNoise: (w) => NAME_STOPWORDS.has(w) || this.isNoise(w), isEveryday: this.isEverydayWord, isFamiliar: this.isFamiliarWord };
    if (schemes.length) runAtOnce(this.index(schemes, false));
  }

  /** The built index as plain data (every field but the word judges, which are the reader's own), for a snapshot (snapshot.ts). */
  toSnapshot(): Record<string, unknown> {
    return Object.fromEntries(dataFields(this));
  }

  /**
   * A matcher from `toSnapshot`'s data, reading its words with `words`; undefined when the data is not a
   * whole index of this code's shape (the snapshot's key names the code, so only a damaged file is).
   */
  static fromSnapshot(data: unknown, words: NameWords): NameMatcher | undefined {
    const matcher = new NameMatcher([], words);
    if (typeof data !== "object" || data === null) return undefined;
    const fields = dataFields(matcher).map(([field]) => field);
    const given = data as Record<string, unknown>;
    if (Object.keys(given).length !== fields.length || !fields.every((f) => f in given && typeof given[f] === typeof (matcher as unknown as Record<string, unknown>)[f])) return undefined;
    return Object.assign(matcher, given);
  }

  /** Built in slices that yield to the event loop (a serving process: calls and requests share it). */
  static async build(schemes: readonly SchemeMeta[], words: NameWords, slicing: SliceOptions): Promise<NameMatcher> {
    const matcher = new NameMatcher([], words);
    await runSliced(matcher.index(schemes), slicing);
    return matcher;
  }

  /**
   * The build, as steps of a scheme or a word each, between which a caller building in slices may pause it
   * (`pausing`); built at once it runs straight through: each pause would save and restore the build's state.
   */
  private *index(schemes: readonly SchemeMeta[], pausing = true): Generator<void> {
    for (const s of schemes) {
      this.addScheme(s);
      if (pausing) yield;
    }
    for (const [hindi, english] of nameGloss(schemes)) this.hindiGloss.set(hindi, [phoneticKey(english)]);
    const df = new Map<string, number>();
    for (const [index, a] of this.aliases.entries()) {
      for (const key of new Set(a.keys)) {
        df.set(key, (df.get(key) ?? 0) + 1);
        const list = this.postings.get(key) ?? [];
        list.push(index);
        this.postings.set(key, list);
      }
      if (pausing) yield;
    }
    // a name that many schemes share ("Old Age Pension") does not single one out
    const owners = new Map<string, Set<string>>();
    for (const a of this.aliases) {
      const sig = a.keys.join(" ");
      const set = owners.get(sig) ?? new Set<string>();
      set.add(a.schemeId);
      owners.set(sig, set);
      if (pausing) yield;
    }
    for (const a of this.aliases) {
      a.sharedBy = owners.get(a.keys.join(" "))!.size;
      if (pausing) yield;
    }
    const n = this.aliases.length || 1;
    let maxIdf = 1;
    for (const [key, count] of df) {
      const value = Math.log(1 + n / count);
      this.idf.set(key, value);
      maxIdf = Math.max(maxIdf, value);
      if (key.length >= 3) for (const d of this.deletionsOf(key)) this.addDeletion(d, key);
      if (pausing) yield;
    }
    this.maxIdf = maxIdf;
    for (const key of df.keys()) {
      if (key[0] === RAW || /^\d+$/.test(key) || key.length < 2) continue;
      const l = looseKey(key);
      (this.loose.get(l) ?? this.loose.set(l, new Set()).get(l)!).add(key);
      const c = consonantKey(key);
      if (c.length >= CONSONANTS_MIN) (this.consonants.get(c) ?? this.consonants.set(c, new Set()).get(c)!).add(key);
      if (pausing) yield;
    }
    // the same two words recur in many names and forms of names (a third as many pairs as there are): keyed once
    const pairsKeyed = new Set<string>();
    for (const a of this.aliases) {
      if (a.runTogether) continue;
      for (let i = 0; i + 1 < a.keys.length; i++) {
        const [x, y] = [a.keys[i]!, a.keys[i + 1]!];
        if (x[0] === RAW || y[0] === RAW || x.length < 2 || y.length < 2) continue;
        const said = `${a.words[i]!} ${a.words[i + 1]!}`;
        if (pairsKeyed.has(said)) continue;
        pairsKeyed.add(said);
        // (written as one word in Devanagari, the first keeps its inherent vowel: "shramasetu")
        for (const joined of [phoneticKey(a.words[i]! + a.words[i + 1]!), phoneticKey(`${a.words[i]!}a${a.words[i + 1]!}`)]) if (joined.length >= 6) this.pairs.set(joined, [x, y]);
      }
      if (pausing) yield;
    }
    // a word recurs in many names (about 13,000 distinct words in 19,000 names): its forms are made once
    const folded = new Map<string, string>();
    const spellings = new Map<string, string>();
    for (const a of this.aliases) {
      a.optional = a.words.map((w) => this.isOptional(w));
      a.weights = a.keys.map((k) => this.weight(k));
      a.folded = a.words.map((w) => once(folded, w, foldSpelling));
      a.spellings = a.words.map((w) => once(spellings, w, spellingForm));
      if (pausing) yield;
    }
    this.optionalWords.clear();
    this.everydayWords.clear();
    yield* buildSoundIndex(this, this.aliases, pausing);
  }

  /** isEverydayWord, read once per distinct word while the matcher is built. */
  private isEveryday(word: string): boolean {
    return once(this.everydayWords, word, this.isEverydayWord);
  }

  /** isOptionalWord, read once per distinct word while the matcher is built. */
  private isOptional(word: string): boolean {
    return once(this.optionalWords, word, isOptionalWord);
  }

  /**
   * Names the words sound like across word boundaries, as speech recognition splits and garbles them
   * ("at lension you again" → "Atal Pension Yojana"): sound-match.ts.
   */
  soundMatch(query: string, limit = 5): NameMatch[] {
    return soundMatchIn(this, query, limit);
  }

  private addDeletion(variant: string, key: string): void {
    const list = this.deletes.get(variant);
    // a key's deletions are added together, so a key met twice ("kisaan": either "a") is the last one added
    if (!list) this.deletes.set(variant, [key]);
    else if (list[list.length - 1] !== key) list.push(key);
  }

  private deletionsOf(key: string): string[] {
    const out: string[] = [];
    for (let i = 0; i < key.length; i++) out.push(key.slice(0, i) + key.slice(i + 1));
    return out;
  }

  private addAlias(schemeId: string, text: string, kind: AliasKind, initialisms: ReadonlySet<string> = new Set()): void {
    const words = canonicalTokens(text).filter((t) => !NAME_STOPWORDS.has(t) && phoneticKey(t));
    // initials are said letter by letter; a short title too when it does not read as a word or is
    // the name's initials ("BEIS" is not the Hindi "paisa")
    // a Hindi name's letters spelt out ("जी. टी. एल.") are said as letters, not as the word "cattle"
    // a short form written in Devanagari ("(पीएम-दक्ष)") is read as a Hindi name is: a word written in its
    // letters is said as that word, only letter names ("पीएम") are said as letters
    const devanagari = kind !== "acronym" && detectScript(text) === "devanagari";
    const letterwise = (t: string) =>
      kind === "acronym" || (devanagari ? !/[aeiou]/.test(t) : (kind === "short" && (looksLikeAcronym(t) || t.length <= 3 || phoneticKey(t).length <= 3 || initialisms.has(t))) || (kind === "hindi" && !/[aeiou]/.test(t)));
    const keys = words.map((t) => (letterwise(t) ? RAW + t : phoneticKey(t)));
    if (keys.length === 0 || words.join("").length < MIN_ALIAS_LETTERS) return;
    // a one-word name that is an everyday word ("Petrol", "Far", "Purna") cannot single a scheme out
    const optional = words.map((w) => this.isOptional(w));
    const own = words.filter((_, i) => !optional[i]);
    if (own.length === 1 && this.isEveryday(own[0]!)) return;
    // nor one word beside a lone letter ("S-Kerala"): without the letter it would be any mention of the word
    if (own.length === 1 && words.some((w) => /^[a-z]$/.test(w))) return;
    this.aliases.push({ schemeId, text, kind, keys, words });
    if (kind === "name" || kind === "alias") words.forEach((w, i) => keys[i]![0] !== RAW && addForm(this.wordForms, w, keys[i]!));
    if (keys.length === 1) this.oneKeyNames.add(`${schemeId} ${keys[0]}`);
    // the same name written as one word ("PMKISAN", "standup"), without the words callers drop
    const ownKeys = keys.filter((_, i) => !optional[i]);
    for (const [k, w] of [[keys, words], [ownKeys, own]] as const) {
      if (k.length < 2 || k.length > 3 || !k.every((x) => x.length <= 7)) continue;
      const lettered = k.every((x) => x.startsWith(RAW));
      const joined = lettered ? RAW + w.join("") : phoneticKey(w.join(""));
      if (joined.length >= 4 && !this.oneKeyNames.has(`${schemeId} ${joined}`)) {
        this.aliases.push({ schemeId, text, kind, keys: [joined], words: [w.join("")], runTogether: true });
        this.oneKeyNames.add(`${schemeId} ${joined}`);
      }
    }
  }

  private addScheme(s: SchemeMeta): void {
    // a piece of the name that only says its state ("Widow Pension - Kerala" → "Kerala") names every scheme of that state
    const stateKeys = new Set(canonicalTokens(s.state ?? "").map(phoneticKey));
    const onlyState = (part: string) => stateKeys.size > 0 && canonicalTokens(part).every((w) => stateKeys.has(phoneticKey(w)) || this.isOptional(w) || NAME_STOPWORDS.has(w));
    const parts = nameParts(s.name, "name").filter(([part]) => !onlyState(part));
    // a hyphenated word is also said as one ("Maan-dhan" → "Maandhan")
    if (/[a-z]-[a-z]/i.test(s.name)) parts.push(...nameParts(s.name.replace(/([a-z])-([a-z])/gi, "$1$2"), "name"));
    // the initials of the name and of each of its parts ("IGNOAPS", "PMJAY"), with and without "Scheme"
    const acronyms = new Set(parts.filter(([, kind]) => kind === "name").flatMap(([part]) => [initials(part), initials(part, true)]));
    for (const [part, kind] of parts) this.addAlias(s.schemeId, part, kind, acronyms);
    if (s.nameHi) for (const [part, kind] of nameParts(s.nameHi, "hindi")) if (!onlyState(part)) this.addAlias(s.schemeId, part, kind);
    if (s.shortTitle) {
      this.addAlias(s.schemeId, s.shortTitle, "short", acronyms);
      // "PAHAL / DBTL": each of a short title's alternatives is said alone
      const alternatives = s.shortTitle.split(/\s*\/\s*/).filter((t) => t.length >= MIN_ALIAS_LETTERS);
      if (alternatives.length > 1) for (const t of alternatives) this.addAlias(s.schemeId, t, "short", acronyms);
      // a one-word short title that cannot be read as a word ("PMFMPE") is said letter by letter
      const word = s.shortTitle.replace(/[^A-Za-z]/g, "");
      if (word === s.shortTitle.trim() && word.length > RAW_MAX && !sayableAsWord(word)) acronyms.add(word.toLowerCase());
      // "PMAY - G" is said "PMAY G" or "PMAY", and "PMAY Gramin" when the name ends "- Gramin"
      const [head, tail] = s.shortTitle.split(/\s*[-–]\s*/);
      if (head && head !== s.shortTitle && head.length >= 3) {
        this.addAlias(s.schemeId, head, "short", acronyms);
        const last = s.name.split(/\s[-–]\s/).at(-1)?.trim();
        if (tail && tail.length === 1 && last && last.toLowerCase().startsWith(tail.toLowerCase()) && last.split(/\s+/).length === 1) this.addAlias(s.schemeId, `${head} ${last}`, "short", acronyms);
      }
    }
    for (const acronym of acronyms) if (acronym.length >= 3 && acronym.length <= 8) this.addAlias(s.schemeId, acronym, "acronym");
    for (const alias of s.aliases) this.addAlias(s.schemeId, alias, "alias");
  }

  private weight(key: string): number {
    return this.idf.get(key) ?? this.maxIdf;
  }

  /** Vocabulary keys within one edit of `key` (SymSpell-style deletion neighbourhood). */
  private neighbours(key: string): Set<string> {
    const out = new Set<string>();
    if (this.postings.has(key)) out.add(key);
    if (key.length < 3) return out;
    this.deletes.get(key)?.forEach((k) => out.add(k));
    for (const d of this.deletionsOf(key)) {
      if (this.postings.has(d)) out.add(d);
      this.deletes.get(d)?.forEach((k) => out.add(k));
    }
    return out;
  }

  /**
   * Short forms one letter longer or shorter than a spelt one the caller said, with the same first letter
   * ("#pmfme" → "#pmfmpe"), when the caller's is no short form of any scheme itself.
   */
  private nearLetters(q: string): string[] {
    const letters = q.slice(1);
    if (letters.length < NEAR_LETTERS_MIN || this.postings.has(q) || sayableAsWord(letters)) return [];
    const longer = [...(this.deletes.get(q) ?? [])];
    const shorter = this.deletionsOf(q).filter((d) => this.postings.has(d));
    return [...longer, ...shorter].filter((k) => k[0] === RAW && k[1] === q[1]);
  }

  /** Phonetic keys of a query plus its adjacent pairs joined ("pm kisan" → also "pmkisn"). */
  queryKeys(query: string): string[] {
    return this.readQuery(query).keys;
  }

  /**
   * Keys of a query, and those of them that must match a name word exactly: a familiar word ("petrol",
   * "ट्रेन") is never a misheard name ("Payroll", "Teerth"); only unfamiliar words are matched nearly.
   */
  private readQuery(query: string): { keys: string[]; exact: Set<string>; pieces: Set<string>; broken: Set<string>; support: Set<string>; spoken: Spoken; single: Set<string> } {
    // noise is judged in the caller's own script, before romanisation blurs words together
    const all = nativeTokens(joinSpelledLetters(query));
    const native = all.filter((w) => !this.isNoise(w));
    const exact = new Set<string>();
    for (const w of native) if (this.isFamiliarWord(w)) for (const t of canonicalTokens(w)) exact.add(phoneticKey(t));
    const tokens = canonicalTokens(native.join(" ")).filter((t) => !NAME_STOPWORDS.has(t));
    const keys = tokens.map(phoneticKey).filter(Boolean);
    // the caller's words as written, each one word (not pieces, nor two of them joined)
    const single = new Set(keys);
    // an unknown word may be words run together or broken apart ("themudra", "ujj wala"): glued.ts
    const rejoined = wordsRejoined(native, all, new Set(keys), this.wordJudge);
    const pieces = rejoined.pieces;
    // of those, a word broken at a function word ("ujj wala"), not words glued into one
    const broken = new Set(keysBrokenAtNoise(all, this.wordJudge).filter((k) => pieces.includes(k)));
    const support = new Set(rejoined.support);
    // a function word a name holds ("Meri Beti Hamara Maan") counts for that name only when the whole
    // name was said as written, in a row (scoreAlias): "hamari beti" alone is the caller's own daughter
    const said = new Set(keys);
    const functionKeys = new Set<string>();
    for (const w of all.filter((x) => this.isNoise(x) && !NAME_STOPWORDS.has(x))) {
      for (const t of canonicalTokens(w)) {
        const key = phoneticKey(t);
        if (key.length > 1 && !said.has(key) && this.postings.has(key)) functionKeys.add(key);
      }
    }
    const spoken: Spoken = { functionKeys, run: ` ${canonicalTokens(all.join(" ")).filter((t) => !NAME_STOPWORDS.has(t)).map(phoneticKey).join(" ")} ` };
    for (const k of support) exact.add(k);
    keys.push(...pieces, ...support);
    // letters as written: only from words written in Latin letters or spelt out in Devanagari
    // ("पीएमईजीपी"); a Hindi word ("बस") is a word, never an acronym
    // a word of the caller's language written in small letters ("nai", a Hindi word; "aim") is that word, not
    // a short form spelt letter by letter ("NAI"): the letters of one say a short form only in capitals
    const capitals = new Set((query.match(/(?<![\p{L}\p{N}])[A-Z0-9]{2,}(?![\p{L}\p{N}])/gu) ?? []).map((w) => w.toLowerCase()));
    const asLetters = (w: string) => (/^[a-z0-9]+$/.test(w) && (capitals.has(w) || !this.isOrdinaryWord(w))) || spelledAcronym(w);
    const lettered = canonicalTokens(native.filter(asLetters).join(" "));
    for (const t of lettered) if (t.length <= RAW_MAX + 3 && !NAME_STOPWORDS.has(t)) keys.push(RAW + t);
    // a short form said letter by letter and written as heard ("sibiesi"): a word no dictionary knows that reads
    // as letter names is the short form they spell, when a name holds it (as a short form or as a word)
    for (const w of native) {
      if (w.length < SPELT_WORD_MIN || !/^[a-z]+$/.test(w) || this.isOrdinaryWord(w) || this.isFamiliarWord(w) || this.postings.has(phoneticKey(w))) continue;
      for (const letters of latinSpelledAcronyms(w)) {
        if (letters.length < MIN_ALIAS_LETTERS) continue;
        if (this.postings.has(RAW + letters)) keys.push(RAW + letters);
        const asWord = phoneticKey(letters);
        if (this.postings.has(asWord)) {
          keys.push(asWord);
          exact.add(asWord);
        }
      }
    }
    // a short form written in parts ("PM-KMY", "PM KMY") is the one the record writes whole ("PMKMY")
    const spelt = (t: string) => t === "pm" || t === "cm" || looksLikeAcronym(t);
    for (let i = 0; i + 1 < lettered.length; i++) {
      const [a, b] = [lettered[i]!, lettered[i + 1]!];
      if (spelt(a) && spelt(b) && a.length + b.length <= RAW_MAX + 3) keys.push(RAW + a + b);
    }
    const joined: string[] = [];
    for (let i = 0; i + 1 < tokens.length; i++) {
      if (tokens[i]!.length <= 6 && tokens[i + 1]!.length <= 6) {
        const key = phoneticKey(tokens[i]! + tokens[i + 1]!);
        joined.push(key);
        if (exact.has(phoneticKey(tokens[i]!)) && exact.has(phoneticKey(tokens[i + 1]!))) exact.add(key);
      }
    }
    return { keys: [...keys, ...joined.filter((k) => k.length >= 4)], exact, pieces: new Set(pieces), broken, support, spoken, single };
  }

  /**
   * How well each name word of the vocabulary matches some word of the query (the best over the query's
   * words): found once per query from the exact keys, their spelling neighbours and prefixes, so that
   * scoring a name is a lookup per word.
   */
  private nearKeys(qKeys: string[], exact: ReadonlySet<string>, pieces: ReadonlySet<string> = new Set(), romanisedByUs = false, single: ReadonlySet<string> = new Set(), typed = true): Map<string, number> {
    const near = new Map<string, number>();
    const put = (k: string, v: number): void => {
      if ((near.get(k) ?? 0) < v) near.set(k, v);
    };
    for (const q of qKeys) {
      put(q, 1);
      // letters of an acronym ("#pmay", "#g") are compared as written, never phonetically
      if (q[0] === RAW) {
        if (q.length >= 2) put(RAW + q[1], 0.85);
        for (const k of this.nearLetters(q)) put(k, NEAR_LETTERS);
        continue;
      }
      // a familiar word is never a misheard name; numbers are said as they are; a piece of a split word
      // must sound as a name's word does: where to split was one guess already, a near sound would be two
      // spelt with a sound traded for another ("vikas" for "bikas"): a word the caller wrote is matched so only
      // when no dictionary knows it; one we romanised (Devanagari) is as much the name's word spelt otherwise
      const loose = (): void => {
        if (q.length >= 3) for (const k of this.loose.get(looseKey(q)) ?? []) if (k !== q) put(k, LOOSE_MATCH);
      };
      if (exact.has(q) && romanisedByUs && !pieces.has(q)) loose();
      if (exact.has(q) || /^\d+$/.test(q) || pieces.has(q)) continue;
      put(q[0]!, 0.85);
      loose();
      // its vowels written otherwise, as the caller hears them ("o" for "a"): the same consonants, enough of them
      const c = consonantKey(q);
      // (typed words only: a recogniser's words are matched by sound across their boundaries, soundMatch)
      if (typed && c.length >= CONSONANTS_MIN) for (const k of this.consonants.get(c) ?? []) if (k !== q) put(k, CONSONANTS_MATCH);
      // one word of the caller's that is two of a name's words run together ("kamdhenu")
      const pair = single.has(q) ? this.pairs.get(q) : undefined;
      if (pair) for (const k of pair) put(k, LOOSE_MATCH);
      if (q.length >= 4) {
        // prefix: the query word starts with a name word ("kardin" ~ "card"); a short one counts less
        for (let len = Math.max(3, q.length - 3); len < q.length; len++) if (this.postings.has(q.slice(0, len))) put(q.slice(0, len), len >= 4 ? 0.8 : 0.75);
      }
      for (const k of this.neighbours(q)) {
        if (k === q || /^\d+$/.test(k) || k[0] === RAW) continue;
        const shorter = Math.min(k.length, q.length);
        if (shorter < 4) continue;
        const d = distance(k, q);
        if (d === 1) put(k, 0.85);
        else if (d === 2 && shorter >= 6) put(k, 0.7);
      }
    }
    return near;
  }

  /**
   * Keys of name words the caller's Devanagari words translate: by the records' own Hindi names (hindiGloss) and
   * by general language (meaningsOf), singular or plural as the name writes it ("अंग" → "limbs"). A lookup a word.
   */
  private translatedKeys(query: string): ReadonlySet<string> {
    const out = new Set<string>();
    for (const w of nativeTokens(query)) {
      if (!DEVANAGARI_WORD.test(w) || this.isNoise(w)) continue;
      for (const k of this.hindiGloss.get(w) ?? []) out.add(k);
      for (const english of this.meaningsOf(w)) {
        for (const form of [english, `${english}s`]) {
          const k = phoneticKey(form);
          if (k.length >= MIN_ALIAS_LETTERS && this.postings.has(k)) out.add(k);
        }
      }
    }
    const held = (k: string) => this.postings.get(k)?.length ?? 0;
    const telling = Math.max(1, this.aliases.length * TELLING_NAME_SHARE);
    const kept = [...out].filter((k) => held(k) <= Math.max(telling, this.aliases.length * TRANSLATED_MAX_SHARE));
    return kept.some((k) => held(k) <= telling) ? new Set(kept) : NO_KEYS;
  }

  /** Names the words hold; `heard`: the words are a recogniser's, whose names may be a sound off. */
  match(query: string, limit = 20, heard = false): NameMatch[] {
    const { keys: qKeys, exact, pieces, broken, support, spoken, single } = this.readQuery(query);
    if (qKeys.length === 0) return [];
    // spelling can only be compared when the caller's words were written in Latin letters
    const qWords = detectScript(query) === "latin" ? new Set(canonicalTokens(query).map(foldSpelling)) : null;
    // a sound of two letters is compared as written, whatever the script ("मदद" is "madad", not "Mamata")
    const romanWords = new Set(canonicalTokens(query));
    const romanKeys = new Set([...romanWords].map(phoneticKey));
    // (a name's word split in two by the caller, "suraj mukhi", is spelt as the two joined)
    const ordered = canonicalTokens(query);
    const spelledWords = [...romanWords, ...ordered.slice(1).map((w, i) => ordered[i]! + w)];
    const romanSpellings = spelledWords.map(spellingForm);
    // (each by its sound: a name's word heard in one word is judged by that word's spelling)
    const spellingsByKey = new Map<string, string[]>();
    for (const w of spelledWords) {
      const key = phoneticKey(w);
      (spellingsByKey.get(key) ?? spellingsByKey.set(key, []).get(key)!).push(spellingForm(w));
    }
    // Bengali, Tamil… reach us through an approximate transliteration ("কিষাণে" → "kishane"): their spelling
    // is ours, not the caller's, so a name is met by its sound as in recognised speech
    const bySound = heard || detectScript(query) === "other-indic";
    const near = this.nearKeys(qKeys, exact, pieces, detectScript(query) !== "latin", single, !heard);
    for (const k of this.translatedKeys(query)) if ((near.get(k) ?? 0) < TRANSLATED_MATCH) near.set(k, TRANSLATED_MATCH);
    const latin = nativeTokens(query).filter((w) => /^[a-z]+$/.test(w) && !this.isNoise(w) && !NAME_STOPWORDS.has(w));
    for (const k of keysSaidOtherwise(this.wordForms, latin, new Set(qKeys), this.isFamiliarWord)) if ((near.get(k) ?? 0) < FORM_MATCH) near.set(k, FORM_MATCH);
    // candidate names: those sharing a reasonably rare word (or its near spelling) with the query
    const candidates = new Set<number>();
    const commonLimit = Math.max(50, this.aliases.length / 8);
    for (const [k, v] of near) {
      if (k.length < 2 && v < 1) continue;
      const list = this.postings.get(k);
      if (!list || list.length > commonLimit) continue;
      for (const i of list) candidates.add(i);
    }
    const best = new Map<string, NameMatch>();
    for (const index of candidates) {
      const alias = this.aliases[index]!;
      // (the words said and "said whole" are read as the score reads them: a name's function words said
      // in a row with it, "Aapki … Hamari …", are its words said)
      const matched = this.withFunctionWords(alias, near, spoken);
      const score = scoreAlias(alias, matched, { qWords, romanWords, romanKeys, romanSpellings, spellingsByKey, heard, support, exact, broken, bySound }, this.maxIdf);
      if (score <= 0) continue;
      const prev = best.get(alias.schemeId);
      if (!prev || score > prev.score) best.set(alias.schemeId, { schemeId: alias.schemeId, score, alias: alias.text, kind: alias.kind, said: this.saidWords(alias, matched), whole: this.wholeSaid(alias, matched) });
    }
    return [...best.values()].sort((a, b) => b.score - a.score || (a.schemeId < b.schemeId ? -1 : 1)).slice(0, limit);
  }

  private saidWords(alias: Alias, near: ReadonlyMap<string, number>): string[] {
    return [...new Set(alias.words.filter((_, i) => this.ownWord(alias, i) && (near.get(alias.keys[i]!) ?? 0) >= STRONG_MATCH))];
  }

  private wholeSaid(alias: Alias, near: ReadonlyMap<string, number>): boolean {
    return alias.words.every((_, i) => !this.ownWord(alias, i) || (near.get(alias.keys[i]!) ?? 0) >= STRONG_MATCH);
  }

  /** A word of the name's own: not one every name has, nor a lone letter. */
  private ownWord(alias: Alias, i: number): boolean {
    return !alias.optional![i] && alias.keys[i]!.replace(RAW, "").length > 1;
  }

  /**
   * Schemes with a name holding a word of each group (a word and its other spellings or translations,
   * compared by sound as names are): the kind of scheme the groups' words name.
   */
  holding(groups: readonly (readonly string[])[]): Set<string> {
    const out = new Set<string>();
    if (groups.length === 0) return out;
    const lists = groups
      .map((words) => new Set(words.flatMap((w) => [...(this.postings.get(phoneticKey(w)) ?? []), ...(this.postings.get(RAW + w) ?? [])])))
      .sort((a, b) => a.size - b.size);
    for (const index of lists[0]!) if (lists.every((l) => l.has(index))) out.add(this.aliases[index]!.schemeId);
    return out;
  }

  /** The name's function words matched too when the caller said the whole name in a row ("Meri Beti Hamara Maan"). */
  private withFunctionWords(alias: Alias, near: ReadonlyMap<string, number>, spoken: Spoken): ReadonlyMap<string, number> {
    if (alias.keys.length < 2 || !alias.keys.some((k) => spoken.functionKeys.has(k))) return near;
    // the name's own words in a row: "Yojana", "Pradhan Mantri" may be left out
    const own = alias.keys.filter((_, i) => !alias.optional![i]);
    if (own.length < 2 || !spoken.run.includes(` ${own.join(" ")} `)) return near;
    const out = new Map(near);
    for (const k of alias.keys) if (spoken.functionKeys.has(k)) out.set(k, 1);
    return out;
  }

}

/**
 * Hindi words of the records' Hindi names and the English name words they translate, learnt from the names
 * written in both languages (Dice coefficient of a Hindi and an English word over the name pairs, each the
 * other's best: NAME_GLOSS_MIN_DICE, NAME_GLOSS_MIN_NAMES).
 */
export function nameGloss(schemes: readonly Pick<SchemeMeta, "name" | "nameHi">[]): Map<string, string> {
  const english = new Map<string, number>();
  const hindi = new Map<string, number>();
  const both = new Map<string, Map<string, number>>();
  const add = (m: Map<string, number>, w: string) => m.set(w, (m.get(w) ?? 0) + 1);
  for (const s of schemes) {
    if (!s.nameHi) continue;
    // (not the words every name has, "Yojana", "Pradhan Mantri": callers drop them, and they pair with anything)
    const en = new Set(canonicalTokens(s.name).filter((t) => !NAME_STOPWORDS.has(t) && /^[a-z]{3,}$/.test(t) && !isOptionalWord(t)));
    const hi = new Set(nativeTokens(s.nameHi).filter((t) => DEVANAGARI_WORD.test(t) && !canonicalTokens(t).every(isOptionalWord)));
    for (const e of en) add(english, e);
    for (const h of hi) {
      add(hindi, h);
      const row = both.get(h) ?? both.set(h, new Map()).get(h)!;
      for (const e of en) add(row, e);
    }
  }
  const dice = (h: string, e: string, n: number) => (2 * n) / (hindi.get(h)! + english.get(e)!);
  // each word's best partner (a tie is no partner)
  const bestOfHindi = new Map<string, { e: string; d: number; n: number } | null>();
  const bestOfEnglish = new Map<string, { h: string; d: number } | null>();
  for (const [h, row] of both) {
    for (const [e, n] of row) {
      const d = dice(h, e, n);
      const bh = bestOfHindi.get(h);
      if (bh === undefined || d > bh!.d + 1e-9) bestOfHindi.set(h, { e, d, n });
      else if (bh && Math.abs(d - bh.d) <= 1e-9) bestOfHindi.set(h, { ...bh, e: "" });
      const be = bestOfEnglish.get(e);
      if (be === undefined || d > be!.d + 1e-9) bestOfEnglish.set(e, { h, d });
      else if (be && Math.abs(d - be.d) <= 1e-9) bestOfEnglish.set(e, { ...be, h: "" });
    }
  }
  const out = new Map<string, string>();
  for (const [h, best] of bestOfHindi) {
    if (!best || !best.e || best.d < NAME_GLOSS_MIN_DICE || best.n < NAME_GLOSS_MIN_NAMES) continue;
    if (bestOfEnglish.get(best.e)?.h === h) out.set(h, best.e);
  }
  return out;
}
