// The curated bilingual lexicon (data/lexicon.json): Hindi and romanised Hindi words mapped to the
// English vocabulary of the records, beneficiary groups, and words that carry no search meaning.
import { readFileSync } from "node:fs";
import { distance } from "fastest-levenshtein";
import { z } from "zod";
import { detectScript, foldSpelling, nativeTokens, phoneticKey, romanTokens } from "./text.js";

const entry = z.object({ en: z.array(z.string()), hi: z.array(z.string()), latn: z.array(z.string()) });
/** A beneficiary group: its words, and everyday descriptions of its people (regular expressions). */
const group = entry.extend({ phrases: z.array(z.string()).default([]) });
const lexiconFile = z.object({
  terms: z.array(entry),
  beneficiaries: z.record(z.string(), group),
  queryNoise: z.object({ en: z.array(z.string()), hi: z.array(z.string()), latn: z.array(z.string()) }),
});
const aliasFile = z.object({ aliases: z.record(z.string(), z.array(z.string())) });

export type Beneficiary = string;

/** Romanised words at least this long may match by sound; shorter ones only as written. */
const LOOSE_MIN = 5;
/**
 * A romanised word met by sound is the lexicon's word only when it is also spelt within this many edits of
 * it (spelling folded): sound keys are lossy and meet across unrelated words (a word of telling the
 * time and "bachche", children, share one), while a word's own variants differ by a letter or two ("bacche").
 */
const SOUND_SPELLING_EDITS = 2;

/** Common Hindi inflections stripped before a Devanagari word is looked up (किसानों → किसान). */
const HINDI_SUFFIXES = ["ियों", "ाओं", "ों", "ें", "ीं", "ाएं", "ाएँ"];

/** A romanised Hindi word and its forms without a plural or oblique ending ("buzurgon" → "buzurg"). */
export function romanForms(word: string): string[] {
  const forms = [word];
  // English words end so too ("pension", "ration", "photo"): not those of "-ion", nor short ones
  if (/ion$/.test(word)) return forms;
  for (const ending of ["aon", "yon", "on", "o"]) if (word.length >= ending.length + 4 && word.endsWith(ending)) forms.push(word.slice(0, -ending.length));
  return forms;
}

/**
 * A word's sound for matching a group's word: its phonetic key led by its first letter as written, since
 * keys alone meet across places and peoples ("Delhi" and "thela" both sound "tel").
 */
function soundOf(word: string): string {
  return `${word[0]}:${phoneticKey(word)}`;
}

/**
 * How a romanised Hindi word ends, which its sound key leaves out: in "i" (ladki, beti, ladkiyon: a girl,
 * a daughter) or in "a", "e", "o" (ladka, ladke, ladkon, beta: a boy, a son). Words apart only by this
 * are other words, often the other gender; a word ending otherwise ("kisan") may be either.
 */
export function endingClass(word: string): "i" | "a" | "" {
  if (/(?:i|ee|iy[aeo]n?|iyaan)$/.test(word)) return "i";
  if (/(?:[aeo]|on)$/.test(word)) return "a";
  return "";
}

const endingsAgree = (a: string, b: string): boolean => !a || !b || a === b;

/**
 * A Devanagari word's dictionary forms: itself, its stem, and the form its plural or oblique ending was
 * put on ("खिलाड़ियों", "लड़कियाँ" of a word in "ी"; "महिलाओं", "लड़कों" of one in "ा"): a dictionary lists
 * the plain form, which the stem alone ("खिलाड़") is not. (Not "-े" for "-ा": too many words of other
 * kinds end so, and would be read as a lexicon's word.)
 */
export function hindiForms(word: string): string[] {
  const forms = [word, stemHindi(word)];
  for (const [ending, base] of HINDI_PLAIN_FORMS) if (word.length > ending.length + 1 && word.endsWith(ending)) forms.push(word.slice(0, -ending.length) + base);
  return [...new Set(forms)];
}

/** Plural and oblique endings and the ending of the plain form they stand on. */
const HINDI_PLAIN_FORMS: readonly [string, string][] = [
  ["ियों", "ी"],
  ["ियाँ", "ी"],
  ["ियां", "ी"],
  ["ाओं", "ा"],
  ["ाएँ", "ा"],
  ["ाएं", "ा"],
  ["ों", "ा"],
  ["ों", ""],
];

export function stemHindi(word: string): string {
  for (const suffix of HINDI_SUFFIXES) {
    if (word.length > suffix.length + 1 && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  }
  return word;
}

export class Lexicon {
  private readonly nativeToEnglish = new Map<string, Set<string>>();
  /** Sound key → the lexicon's romanised words of that sound (their meanings: exactToEnglish). */
  private readonly keyToWords = new Map<string, Set<string>>();
  private readonly exactToEnglish = new Map<string, Set<string>>();
  private readonly romanWords = new Set<string>();
  private readonly englishToHindi = new Map<string, Set<string>>();
  private readonly nativePhrases: { phrase: string; en: string[] }[] = [];
  /** The terms' words of several words, Devanagari or romanised, as their tokens ("स्वयं सहायता समूह", "antim sanskar"), longest first. */
  private readonly termPhrases: { words: string[]; en: string[] }[] = [];
  /** English word → the romanised Hindi words of scheme names ("insurance" → "bima"). */
  private readonly englishToRoman = new Map<string, Set<string>>();
  private readonly noiseNative: Set<string>;
  private readonly beneficiaryMatchers: { name: string; en: RegExp; hi: string[]; latn: Set<string>; latnKeys: Map<string, string[]>; phrases: RegExp[] }[] = [];

  private readonly allWords: string[] = [];
  /** English word → the English words of every term it belongs to ("farming" → agriculture, crop). */
  private readonly englishTerms = new Map<string, Set<string>>();

  constructor(data: z.infer<typeof lexiconFile>, readonly curatedAliases: Record<string, string[]>) {
    for (const e of [...data.terms, ...Object.values(data.beneficiaries)]) this.allWords.push(...e.en, ...e.hi, ...e.latn);
    const add = (map: Map<string, Set<string>>, key: string, en: string[]): void => {
      const set = map.get(key) ?? new Set<string>();
      en.forEach((w) => set.add(w));
      map.set(key, set);
    };
    for (const term of data.terms) {
      for (const hi of term.hi) {
        if (hi.includes(" ")) this.nativePhrases.push({ phrase: hi, en: term.en });
        else add(this.nativeToEnglish, stemHindi(hi), term.en);
      }
      for (const phrase of [...term.hi, ...term.latn]) {
        const words = nativeTokens(phrase.normalize("NFC").toLowerCase());
        if (words.length >= 2) this.termPhrases.push({ words, en: term.en });
      }
      const english = new Set(term.en.flatMap((e) => e.toLowerCase().split(/\s+/)));
      for (const latn of term.latn) if (!latn.includes(" ") && !english.has(latn)) this.romanWords.add(latn);
      for (const latn of term.latn) {
        const tokens = romanTokens(latn);
        if (tokens.length !== 1) continue;
        // sound-alike matching only for longer words: "gaay" (cow) must not catch "ke", nor "gaon" "kaun"
        add(this.exactToEnglish, tokens[0]!, term.en);
        if (tokens[0]!.length >= LOOSE_MIN) add(this.keyToWords, phoneticKey(tokens[0]!), [tokens[0]!]);
      }
      for (const en of term.en) if (!en.includes(" ")) add(this.englishToRoman, en.toLowerCase(), term.latn.filter((l) => !l.includes(" ")).slice(0, 2));
      for (const en of term.en) add(this.englishTerms, en.toLowerCase(), term.en.map((w) => w.toLowerCase()));
      for (const en of term.en) if (!en.includes(" ")) add(this.englishToHindi, en.toLowerCase(), term.hi.filter((h) => !h.includes(" ")));
    }
    // (longest first: a run found is not taken again by a shorter term inside it; sorted once, read every turn)
    this.termPhrases.sort((a, b) => b.words.length - a.words.length);
    // exact words only: a phonetic match would swallow real words ("ghar" sounds like "kar")
    this.noiseNative = new Set([...data.queryNoise.en, ...data.queryNoise.hi, ...data.queryNoise.latn].map((w) => w.toLowerCase()));
    for (const [name, e] of Object.entries(data.beneficiaries)) {
      const escaped = e.en.map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"));
      this.beneficiaryMatchers.push({
        name,
        en: new RegExp(`\\b(${escaped.join("|")})`, "i"),
        hi: e.hi,
        latn: new Set(e.latn),
        // sound-alike matching only for longer words: "thela" must not catch "tell"
        latnKeys: e.latn.filter((w) => w.length >= LOOSE_MIN).reduce((m, w) => m.set(soundOf(w), [...(m.get(soundOf(w)) ?? []), endingClass(w)]), new Map<string, string[]>()),
        phrases: e.phrases.map((p) => new RegExp(p, "i")),
      });
    }
  }

  static load(): Lexicon {
    const read = (file: string): unknown => JSON.parse(readFileSync(new URL(`./data/${file}`, import.meta.url), "utf8"));
    return new Lexicon(lexiconFile.parse(read("lexicon.json")), aliasFile.parse(read("aliases.json")).aliases);
  }

  /** True for words that say nothing about which scheme is meant (question words, "scheme"). */
  isNoise(word: string): boolean {
    return this.noiseNative.has(word.toLowerCase());
  }

  /**
   * English words for the Hindi and romanised-Hindi words of a query, so that it reaches English-only
   * records (किसान/kisan → farmer). English words of the query are not repeated here.
   */
  englishFor(text: string): string[] {
    const out = new Set<string>();
    const normal = text.normalize("NFC").toLowerCase();
    for (const { phrase, en } of this.nativePhrases) if (normal.includes(phrase)) en.forEach((w) => out.add(w));
    for (const token of nativeTokens(normal)) {
      let word = token;
      const script = detectScript(word);
      if (script === "devanagari") {
        for (const form of hindiForms(word)) this.nativeToEnglish.get(stemHindi(form))?.forEach((w) => out.add(w));
      } else if (script === "latin" || script === "other-indic") {
        // Bengali, Tamil, Odia… words are met through their romanisation ("ପାଣି" → pani → water)
        if (script === "other-indic") word = romanTokens(word)[0] ?? word;
        // and without a romanised Hindi plural ending ("buzurgon", "kisano", "mahilaon")
        // (a word met by sound ends as the caller's does: "ladkon" is not "ladki")
        const ending = endingClass(word);
        for (const form of romanForms(word)) {
          this.exactToEnglish.get(form)?.forEach((w) => out.add(w));
          const key = phoneticKey(form);
          // a sound of two letters ("pc") is shared by too many words to stand for one
          if (form.length >= LOOSE_MIN - 1 && key.length >= 3) for (const alike of this.soundAlikes(key, form, ending)) this.exactToEnglish.get(alike)?.forEach((w) => out.add(w));
        }
      }
    }
    return [...out];
  }

  /**
   * The terms of several words a text says, each as its run of words and its English ("स्वयं सहायता समूह":
   * self help group): one thing named, where its words alone name others ("सहायता", help; "समूह", a crowd).
   * A Hindi word may be inflected ("समूहों"); runs overlapping a longer one found are left out.
   */
  termPhrasesIn(text: string): { words: string[]; en: string[] }[] {
    const tokens = nativeTokens(text.normalize("NFC").toLowerCase());
    const forms = tokens.map((t) => (detectScript(t) === "devanagari" ? hindiForms(t) : romanForms(t)));
    const found: { words: string[]; en: string[]; at: number }[] = [];
    for (const p of this.termPhrases) {
      for (let i = 0; i + p.words.length <= tokens.length; i++) {
        if (!p.words.every((w, j) => forms[i + j]!.includes(w))) continue;
        if (found.some((f) => i < f.at + f.words.length && f.at < i + p.words.length)) continue;
        found.push({ words: tokens.slice(i, i + p.words.length), en: p.en, at: i });
      }
    }
    return found.map(({ words, en }) => ({ words, en }));
  }

  /** The lexicon's words of a romanised word's sound that are spelt nearly as it is, too, and end as it does (`ending`: endingClass). */
  private soundAlikes(key: string, word: string, ending: string): string[] {
    const folded = foldSpelling(word);
    return [...(this.keyToWords.get(key) ?? [])].filter((w) => distance(foldSpelling(w), folded) <= SOUND_SPELLING_EDITS && endingsAgree(endingClass(w), ending));
  }

  /** Romanised Hindi words that scheme names use for the English words of a query ("insurance" → "bima"). */
  romanFor(text: string): string[] {
    const out = new Set<string>();
    for (const word of nativeTokens(text.toLowerCase())) this.englishToRoman.get(word)?.forEach((w) => out.add(w));
    return [...out];
  }

  /** The Devanagari words of the lexicon for an English word ("premium" → प्रीमियम, किस्त). */
  hindiFor(word: string): string[] {
    return [...(this.englishToHindi.get(word.toLowerCase()) ?? [])];
  }

  /** A romanised Hindi word of the lexicon ("bima", "kisaan"), not an English one. */
  isRomanHindi(word: string): boolean {
    const w = word.toLowerCase();
    return this.romanWords.has(w);
  }

  /** The English words that mean the same topic as an English word, itself included. */
  englishSynonyms(word: string): string[] {
    const w = word.toLowerCase();
    return [...(this.englishTerms.get(w) ?? [w])];
  }

  /** Beneficiary groups a text speaks of (record text or a caller's words). */
  beneficiariesIn(text: string): Beneficiary[] {
    const normal = ` ${text.normalize("NFC").toLowerCase()} `;
    // question words and the like never name a group, however they sound ("kisne" is not "kisan")
    const latin = nativeTokens(normal).filter((w) => detectScript(w) === "latin" && !this.isNoise(w));
    const forms = latin.map((w) => ({ forms: romanForms(w), ending: endingClass(w) }));
    const words = forms.flatMap((f) => f.forms);
    // each form's sound with how the caller's word ends ("ladke" is not "ladki")
    const sounds = forms.flatMap(({ forms, ending }) => forms.filter((f) => f.length >= LOOSE_MIN).map((f) => ({ key: soundOf(f), ending })));
    const soundsLike = (keys: Map<string, string[]>): boolean => sounds.some((s) => keys.get(s.key)?.some((e) => endingsAgree(e, s.ending)));
    const hindiWords = nativeTokens(normal).filter((w) => detectScript(w) === "devanagari");
    // a Hindi word counts with its inflections (छात्रों, किसानों), not inside a longer word (छात्रवृत्ति)
    const hindiHas = (h: string): boolean => (h.includes(" ") ? normal.includes(h) : hindiWords.some((w) => hindiForms(w).includes(h) || (w.startsWith(h) && w.length - h.length <= 2)));
    const found: Beneficiary[] = [];
    for (const m of this.beneficiaryMatchers) {
      if (m.en.test(normal) || m.hi.some((h) => hindiHas(h)) || words.some((w) => m.latn.has(w)) || soundsLike(m.latnKeys) || m.phrases.some((p) => p.test(normal))) found.push(m.name);
    }
    return found;
  }

  /**
   * The stretches of a text an everyday description of a group matched ("sell vegetables on the road"), and
   * a group's own Hindi name of several words ("अनुसूचित जाति"): their words name the group, none of them a
   * thing of its own ("जाति" alone is caste). (The English names of several words, "construction worker", are
   * narrower groups the schemes' tags pair, read as units of their own too.)
   */
  describedSpans(text: string): string[] {
    const normal = ` ${text.normalize("NFC").toLowerCase()} `;
    const spans: string[] = [];
    for (const m of this.beneficiaryMatchers) {
      for (const p of m.phrases) {
        const hit = p.exec(normal);
        if (hit) spans.push(hit[0]);
      }
      for (const h of m.hi) if (h.includes(" ") && normal.includes(h)) spans.push(h);
    }
    return spans;
  }

  /** Every word of the lexicon's topics and groups: evidence that a text is about schemes. */
  domainWords(): readonly string[] {
    return this.allWords;
  }

  get beneficiaryNames(): string[] {
    return this.beneficiaryMatchers.map((m) => m.name);
  }
}
