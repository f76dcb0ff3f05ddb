// What the knowledge base talks about, learnt from its own records: how many schemes use each word
// (English, Hindi, and by sound for romanised Hindi), and the concepts schemes are filed under — the
// words of their names and tags ("pension", "scholarship", "street vendors") and the beneficiary groups
// those name. A caller's words are read as concept units ("ST students" → the group "st" and the word
// "student"), and a kind of help is answered with the schemes whose names or tags hold every unit.
// Nothing here is written for a particular scheme: a scheme added to the knowledge base is counted too.
import { distance } from "fastest-levenshtein";
import { hindiForms, stemHindi, type Lexicon } from "./lexicon.js";
import { dictionaryForms, readByDictionary } from "./dictionary-forms.js";
import { runAtOnce, runSliced, type SliceOptions } from "../ops/slices.js";
import type { KnowledgeStore } from "./store.js";
import { detectScript, foldSpelling, nativeTokens, phoneticKey, romanTokens, stemEnglish } from "./text.js";

/** One thing a caller asked for: a beneficiary group, or a topic word with its synonyms. */
export interface ConceptUnit {
  /** The caller's word (or the group's name). */
  label: string;
  group?: string;
  /** English stems any of which stands for the unit in a scheme's name or tags. */
  stems: string[];
  /**
   * Stems of the caller's own words for the unit ("weaver" of the artisans, "fasal" of farming): a scheme
   * whose name or tags say those is more about what was asked than one met only through the group or a
   * synonym.
   */
  own?: string[];
  /** Read by its dictionary meanings, the curated lexicon lacking the word ("बीज"): a word a scheme's name may be made of too. */
  dictionary?: boolean;
  /** Said in a description of the caller's group ("grow paddy"): the narrower kind their living is of. */
  described?: boolean;
  /**
   * Read by a dictionary meaning schemes carry as a tag of its own, the word itself one of everyday speech
   * ("नाव", boat): the kind asked when help is asked for, no sign that help is (a boat ride is asked so too).
   */
  everyday?: boolean;
}

export interface ConceptFit {
  schemeId: string;
  /** Units the scheme's name or tags hold. */
  matched: number;
  /** Units held in the name itself (a stronger sign than a tag). */
  inName: number;
  /** Which units it holds (by index). */
  held: boolean[];
  /** How many of each unit's stems and own words its name and tags say (see depth). */
  depth?: number[];
  /** Which units its name or its own tags hold, not only the broad category it is filed in (see firm). */
  firm?: boolean[];
}

interface SchemeWords {
  nameStems: Set<string>;
  tagStems: Set<string>;
  groups: Set<string>;
  /** Groups its name itself speaks of ("Kisan", "Widow"). */
  nameGroups: Set<string>;
  /** Sounds of its name's words (see nameSound): "Awaas" holds "awas". */
  nameKeys: Set<string>;
  /** Its name's runs of several words, as stems joined by spaces ("self help group"). */
  namePhrases: Set<string>;
  /** Its tags of several words, so joined. */
  tagPhrases: Set<string>;
  /** Stems of its tags but for the names of the broad categories it is filed in ("Housing & Shelter"). */
  ownTagStems: Set<string>;
}

/** A word filed under fewer schemes than this is not a concept of the knowledge base. */
const MIN_CONCEPT_SCHEMES = 2;
/** A group's word filed under at most this share of the group's schemes is a narrower concept of its own. */
const NARROWER_SHARE = 0.2;
/** A dictionary sense of a Hindi word is read when schemes are filed under it at least this share as often as under its most filed sense. */
const SENSE_SHARE = 0.5;
/** The longest phrase (in words) a tag or a caller's words are read as. */
const PHRASE_WORDS = 4;
/** Stems this long may meet by prefix ("disabl" ~ "disabil"). */
const PREFIX_STEM = 5;
/** Letters a stem of one word family goes on by past the start it shares with another (derived). */
const DERIVED_TAIL = 2;
/** Words at least this long meet a name's or tag's word by sound (shorter sounds meet across unrelated words). */
const SOUND_WORD = 5;
/** Consonants a sound must keep to stand for one word (see soundStems). */
const SOUND_KEY = 4;
/** Letters (spelling folded) a word met by sound may differ from the name's or tag's word by. */
const SOUND_SPELLING_EDITS = 2;

const COLUMNS = ["schemeId", "categories", "ft_name_en", "ft_tags_en", "ft_desc_en", "ft_elig_en", "ft_benefits_en", "ft_name_hi", "ft_desc_hi", "ft_elig_hi", "ft_benefits_hi"];

/**
 * A name word's sound, led by its first letter as spelt (long vowels and w/v folded): a spelling of the
 * same word keeps its first letter ("Awaas", "awas"; "Vidhwa", "widhwa"), while sound keys alone meet
 * across unrelated words ("crop" and "group" both sound "krop").
 */
function nameSound(word: string): string {
  return `${foldSpelling(word)[0]}:${phoneticKey(word)}`;
}

/** A name's runs of two to PHRASE_WORDS stems, joined by spaces. */
function runsOf(stems: string[]): string[] {
  const runs: string[] = [];
  for (let n = 2; n <= PHRASE_WORDS; n++) for (let i = 0; i + n <= stems.length; i++) runs.push(stems.slice(i, i + n).join(" "));
  return runs;
}

const increment = (map: Map<string, number>, keys: Iterable<string>): void => {
  for (const k of keys) map.set(k, (map.get(k) ?? 0) + 1);
};

export class SchemeConcepts {
  private readonly stemDf = new Map<string, number>();
  private readonly hindiDf = new Map<string, number>();
  private readonly keyDf = new Map<string, number>();
  private readonly conceptDf = new Map<string, number>();
  private readonly conceptPostings = new Map<string, string[]>();
  /** A one-word tag of a scheme's own (its stem) → how many schemes carry it. */
  private readonly wholeTagDf = new Map<string, number>();
  /** Tags of several words (stems joined by spaces) → the schemes filed under them. */
  private readonly phrasePostings = new Map<string, string[]>();
  private readonly groupPostings = new Map<string, string[]>();
  /** Every word of every scheme's name as written ("awas", "kisan", "yojana"). */
  private readonly nameWords = new Set<string>();
  private readonly words = new Map<string, SchemeWords>();
  /** Concept stems of PREFIX_STEM letters or more, by their first PREFIX_STEM letters (all that may meet by prefix). */
  private readonly stemsByStart = new Map<string, string[]>();
  /**
   * The words of schemes' names and tags as written, by sound (nameSound) → each word's stem: the words a caller
   * writes in Devanagari or spells otherwise ("आंगनवाड़ी", "aanganwadi" of the tag "Anganwadi") meet them so.
   */
  private readonly conceptSounds = new Map<string, Map<string, string>>();

  private constructor(
    private readonly lexicon: Lexicon,
    readonly kbVersion: number,
  ) {}

  /**
   * Reads every scheme's searchable text once (about half a second for 3,600 schemes): at once, or in
   * slices between the loop's other work when `slicing` is given (a serving process).
   */
  static async build(store: KnowledgeStore, slicing?: SliceOptions): Promise<SchemeConcepts> {
    const table = store.rawSchemesTable();
    const concepts = new SchemeConcepts(store.lexicon, store.kbVersion);
    const rows = table ? ((await table.query().select(COLUMNS).toArray()) as Record<string, unknown>[]) : [];
    if (slicing) await runSliced(concepts.index(rows), slicing);
    else runAtOnce(concepts.index(rows));
    return concepts;
  }

  /** Counts the rows' words, one row a step. */
  private *index(rows: Record<string, unknown>[]): Generator<void> {
    const lexicon = this.lexicon;
    const keyOf = new Map<string, string>();
    const stemOf = new Map<string, string>();
    const stem = (w: string): string => {
      let st = stemOf.get(w);
      if (st === undefined) stemOf.set(w, (st = /^[a-z]+$/.test(w) ? stemEnglish(w) : stemHindi(w)));
      return st;
    };
    const key = (w: string): string => {
      let k = keyOf.get(w);
      if (k === undefined) {
        const tokens = romanTokens(w);
        k = tokens.length === 1 ? phoneticKey(tokens[0]!) : "";
        keyOf.set(w, k);
      }
      return k;
    };
    for (const row of rows) {
      const id = String(row.schemeId);
      const text = (c: string): string => String(row[c] ?? "");
      const english = new Set(COLUMNS.slice(2, 7).map(text).join("\n").toLowerCase().match(/[a-z]+/g) ?? []);
      const hindi = new Set(COLUMNS.slice(7).map(text).join("\n").match(/[\u0900-\u0963\u0966-\u097f]+/g) ?? []);
      increment(this.stemDf, new Set([...english].map(stem)));
      increment(this.hindiDf, new Set([...hindi].map(stem)));
      increment(this.keyDf, new Set([...english, ...hindi].map(key).filter((k) => k.length >= 2)));
      for (const w of nativeTokens(text("ft_name_en"))) this.nameWords.add(w);
      for (const w of nativeTokens(`${text("ft_name_en")}\n${text("ft_tags_en")}`)) {
        if (w.length < SOUND_WORD || !/^[a-z]+$/.test(w)) continue;
        const sound = nameSound(w);
        (this.conceptSounds.get(sound) ?? this.conceptSounds.set(sound, new Map()).get(sound)!).set(w, stem(w));
      }
      const nameStems = new Set(nativeTokens(text("ft_name_en")).map(stem));
      const tagStems = new Set(nativeTokens(text("ft_tags_en")).map(stem));
      const nameGroups = new Set(lexicon.beneficiariesIn(text("ft_name_en")));
      const groups = new Set([...nameGroups, ...lexicon.beneficiariesIn(text("ft_tags_en"))]);
      const nameKeys = new Set(nativeTokens(text("ft_name_en")).filter((w) => w.length >= 4).map(nameSound));
      const tagPhrases = text("ft_tags_en").split("\n").map((t) => nativeTokens(t).map(stem)).filter((t) => t.length >= 2 && t.length <= PHRASE_WORDS).map((t) => t.join(" "));
      const namePhrases = new Set(runsOf(nativeTokens(text("ft_name_en")).map(stem)));
      // the record's own tags, without the names of the categories it is filed in ("Housing & Shelter",
      // "Marriage"), which the tag column holds too: a scheme filed there need not be about houses
      // (the tag column is the tags, then the category names, sub-categories and target groups: see
      // recordToRow; the category names come from the categories column)
      const categoryNames = new Set(text("categories").toLowerCase().split("|").map((c) => c.trim()));
      const tagLines = text("ft_tags_en").split("\n");
      const firstCategory = tagLines.findIndex((t) => categoryNames.has(t.trim().toLowerCase()));
      const ownTagLines = tagLines.slice(0, firstCategory < 0 ? tagLines.length : firstCategory);
      const ownTagStems = new Set(nativeTokens(ownTagLines.join("\n")).map(stem));
      increment(this.wholeTagDf, new Set(ownTagLines.map((t) => nativeTokens(t)).filter((t) => t.length === 1).map((t) => stem(t[0]!))));
      this.words.set(id, { nameStems, tagStems, groups, nameGroups, nameKeys, namePhrases, tagPhrases: new Set(tagPhrases), ownTagStems });
      for (const p of new Set(tagPhrases)) (this.phrasePostings.get(p) ?? this.phrasePostings.set(p, []).get(p)!).push(id);
      const concepts = new Set([...nameStems, ...tagStems]);
      increment(this.conceptDf, concepts);
      for (const s of concepts) (this.conceptPostings.get(s) ?? this.conceptPostings.set(s, []).get(s)!).push(id);
      for (const g of groups) (this.groupPostings.get(g) ?? this.groupPostings.set(g, []).get(g)!).push(id);
      yield;
    }
    for (const s of this.conceptDf.keys()) if (s.length >= PREFIX_STEM) (this.stemsByStart.get(s.slice(0, PREFIX_STEM)) ?? this.stemsByStart.set(s.slice(0, PREFIX_STEM), []).get(s.slice(0, PREFIX_STEM))!).push(s);
  }

  get schemeCount(): number {
    return this.words.size;
  }

  /** How many schemes use a word anywhere in their text, in whatever script it is written. */
  df(word: string): number {
    const w = word.toLowerCase();
    const script = detectScript(w);
    const tokens = romanTokens(w);
    const k = tokens.length === 1 ? phoneticKey(tokens[0]!) : "";
    const bySound = k.length >= 3 ? (this.keyDf.get(k) ?? 0) : 0;
    if (script === "devanagari") return Math.max(this.hindiDf.get(stemHindi(w)) ?? 0, bySound);
    // a romanised Hindi word ("barish") is counted by its sound when no English word is spelt so
    if (script === "latin") return this.stemDf.get(stemEnglish(w)) ?? bySound;
    return 0;
  }

  /** A word some scheme's name holds, as written. */
  isNameWord(word: string): boolean {
    return this.nameWords.has(word);
  }

  /** How many schemes carry a stem in their name or tags (a phrase: among their tags). */
  conceptCount(stem: string): number {
    return this.conceptDf.get(stem) ?? this.phrasePostings.get(stem)?.length ?? 0;
  }

  /** A stem and the concept stems it meets by prefix ("disabl" → "disabil"). */
  private expand(stem: string): string[] {
    if (stem.length < PREFIX_STEM) return this.conceptDf.has(stem) ? [stem] : [];
    // a longer stem that only adds an ending ("disabl" ~ "disabil", "agricultur" ~ "agricultural"), but
    // not a word for a person ("pension" ≠ "pensioner")
    // (nor a noun of a trade or a place made with "-ry": "husband" ≠ "husbandry")
    const near = (longer: string, shorter: string): boolean => longer.startsWith(shorter) && longer.length - shorter.length <= 2 && !/(?:er|or|r[iy])$/.test(longer.slice(shorter.length - 1));
    return this.startingAs(stem).filter((s) => s === stem || near(s, stem) || near(stem, s));
  }

  /** The concept stems that start with a stem's first PREFIX_STEM letters. */
  private startingAs(stem: string): string[] {
    return this.stemsByStart.get(stem.slice(0, PREFIX_STEM)) ?? [];
  }

  /**
   * The concept units in a caller's words: beneficiary groups, and words (or their English
   * translations) that the knowledge base files schemes under. `skip` leaves out words that say what is
   * asked rather than about what ("documents", "scheme"). `gloss` gives a word's dictionary meanings, for
   * words the curated lexicon lacks; `englishWord` tells English words, which no word is met as by sound;
   * `storyWord` words of kin, time and address ("बेटा"), never read as a kind by an everyday sense ("son").
   */
  unitsIn(
    text: string,
    skip: (word: string) => boolean,
    gloss?: (word: string) => string[],
    specialised?: (word: string) => string[],
    englishWord?: (word: string) => boolean,
    isSpecialised?: (word: string) => boolean,
    storyWord?: (word: string) => boolean,
  ): ConceptUnit[] {
    const units: ConceptUnit[] = [];
    const groups = this.lexicon.beneficiariesIn(text);
    // the caller's words that named each group ("weavers", "बुनकर" of the artisans), in English stems
    const ownOf = new Map(groups.map((g) => [g, new Set<string>()]));
    for (const word of groups.length > 0 ? nativeTokens(text) : []) {
      if (skip(word)) continue;
      const named = this.lexicon.beneficiariesIn(word);
      if (named.length === 0) continue;
      const stems = this.ownStems(word);
      for (const g of named) stems.forEach((s) => ownOf.get(g)?.add(s));
    }
    for (const group of groups) units.push({ label: group, group, stems: [], own: [...(ownOf.get(group) ?? [])] });
    const seen = new Set<string>();
    const described = new Set<string>();
    // the words of an everyday description belong to the group it describes ("sell vegetables on the road"),
    // but a rare English word in it that schemes' own tags file a narrower kind under (a crop one grows, a
    // craft one works at) is that kind too, as a group's own narrower word is below: read on its own
    for (const span of this.lexicon.describedSpans(text)) {
      const of = this.lexicon.beneficiariesIn(span);
      // (the description's first word is what the group does, "grow", "study": the kind is what it is done to)
      nativeTokens(span).forEach((w, i) => {
        if (i > 0 && isSpecialised && this.narrowerKind(w, of, isSpecialised)) described.add(w);
        else seen.add(w);
      });
    }
    // words a question would pass over ("help", "self") that make a tag of several words with their
    // neighbours ("self help group") are that tag, one thing asked for
    const tokens = nativeTokens(text);
    for (const phrase of this.phrasesIn(tokens, skip)) {
      if (phrase.words.some((w) => seen.has(w))) continue;
      phrase.words.forEach((w) => seen.add(w));
      // its initials, where schemes are filed under them too ("SHG")
      const initials = phrase.words.map((w) => w[0]).join("");
      const stems = [phrase.key, ...(this.conceptCount(initials) >= MIN_CONCEPT_SCHEMES ? [initials] : [])];
      units.push({ label: phrase.words.join(" "), stems, own: stems });
    }
    // a term of the lexicon of several words, Hindi or romanised ("स्वयं सहायता समूह", a self help group), is
    // one thing asked for, whatever its words name alone (a group's own phrase is read as the group)
    for (const phrase of this.lexicon.termPhrasesIn(text)) {
      if (phrase.words.some((w) => seen.has(w)) || this.lexicon.beneficiariesIn(phrase.words.join(" ")).length > 0) continue;
      const stems = [
        ...new Set(
          phrase.en.flatMap((e) => {
            const words = nativeTokens(e);
            return words.length >= 2 ? [words.map(stemEnglish).join(" ")] : words.filter((w) => !skip(w)).flatMap((w) => this.expand(stemEnglish(w)));
          }),
        ),
      ];
      if (!stems.some((st) => this.conceptCount(st) >= MIN_CONCEPT_SCHEMES)) continue;
      phrase.words.forEach((w) => seen.add(w));
      units.push({ label: phrase.words.join(" "), stems, own: stems });
    }
    for (const glossed of gloss ? this.glossedIn(tokens, skip, gloss) : []) {
      const words = glossed.label.split(" ");
      if (words.some((w) => seen.has(w))) continue;
      words.forEach((w) => seen.add(w));
      units.push({ label: glossed.label, stems: glossed.stems, own: glossed.stems });
    }
    for (const word of tokens) {
      if (skip(word) || seen.has(word)) continue;
      seen.add(word);
      const latin = /^[a-z]+$/.test(word);
      const curated = latin ? [...this.lexicon.englishSynonyms(word), ...this.lexicon.englishFor(word)] : this.lexicon.englishFor(word);
      const dictionaryRead = specialised && readByDictionary(word, curated, englishWord, (w) => this.nameWords.has(w)) ? this.dictionaryMeanings(word, specialised, storyWord?.(word) ? undefined : gloss) : undefined;
      const byDictionary = dictionaryRead?.meanings ?? [];
      const english = byDictionary.length > 0 ? byDictionary : curated;
      // names keep Hindi words ("Awas", "Bima"): the romanised words of the same topic stand for it too
      const roman = this.lexicon.romanFor(english.join(" "));
      const read = [...new Set([...english, ...roman].flatMap((w) => nativeTokens(w)).filter((w) => !skip(w)).map(stemEnglish).flatMap((s) => this.expand(s)))];
      // a word nothing else reads that sounds like a word of schemes' names or tags (an Indian word a tag keeps,
      // "Anganwadi", written in Devanagari or spelt another way) is that word
      // (one the dictionary glosses is a Hindi word of its own that only sounds like one: "मूत्र" is not "Mudra")
      const glossed = gloss !== undefined && (latin ? gloss(word) : hindiForms(word).flatMap(gloss)).length > 0;
      const stems = read.length > 0 || glossed || !englishWord || (latin && this.conceptCount(stemEnglish(word)) > 0) ? read : this.soundStems(word, englishWord);
      const counts = stems.map((s) => this.conceptCount(s));
      // a word that names a group the caller spoke of is that group, not a second unit, unless far fewer
      // schemes are filed under it than under the group ("pregnant" among the schemes for women)
      const named = groups.filter((g) => this.lexicon.beneficiariesIn(word).includes(g));
      // (and only a word with a meaning of its own: a group's word met by its own spelling in a few names,
      // "bachchon" beside a name's "Bachcho", is the group)
      const meant = english.some((e) => e.toLowerCase() !== word);
      if (named.length && (!meant || !named.every((g) => Math.max(0, ...counts) <= (this.groupPostings.get(g)?.length ?? 0) * NARROWER_SHARE))) continue;
      const everyday = byDictionary.length > 0 && dictionaryRead!.everyday;
      if (counts.some((c) => c >= MIN_CONCEPT_SCHEMES)) units.push({ label: word, stems, own: this.ownStems(word), ...(byDictionary.length > 0 ? { dictionary: true } : {}), ...(everyday ? { everyday: true } : {}), ...(described.has(word) ? { described: true } : {}) });
    }
    return units;
  }

  /**
   * Whether a word said in a description of groups of people ("grow sugarcane" of a farmer) is a kind of its
   * own: an English word of specialised speech, no group's word itself, a scheme's own tag by itself ("Paddy"),
   * filed under at least MIN_CONCEPT_SCHEMES schemes and far fewer (NARROWER_SHARE) than each group described.
   */
  private narrowerKind(word: string, groups: readonly string[], isSpecialised: (word: string) => boolean): boolean {
    if (!/^[a-z]+$/.test(word) || !isSpecialised(word) || this.lexicon.beneficiariesIn(word).length > 0) return false;
    const stem = stemEnglish(word);
    const count = this.conceptCount(stem);
    return count >= MIN_CONCEPT_SCHEMES && (this.wholeTagDf.get(stem) ?? 0) > 0 && groups.every((g) => count <= (this.groupPostings.get(g)?.length ?? 0) * NARROWER_SHARE);
  }

  /**
   * The stems of the name and tag words of schemes a word sounds like and is spelt nearly as (in Devanagari: as
   * romanised), when filed under enough schemes: sound keys drop vowels and meet across unrelated words.
   */
  private soundStems(word: string, englishWord: (word: string) => boolean): string[] {
    // (Devanagari's nasal dot said as the nasal of the consonant after it: "आंगन" is "angan")
    const latin = /^[a-z]+$/.test(word) ? word : romanTokens(word.replace(/\u0902(?=[\u0915-\u0919])/g, "\u0919\u094d")).join("");
    if (latin.length < SOUND_WORD || phoneticKey(latin).length < SOUND_KEY) return [];
    const folded = foldSpelling(latin);
    // (an English word of a name, "guard", is met as a loanword, not by a Hindi word's sound: "गुर्दे", kidneys)
    const alike = [...(this.conceptSounds.get(nameSound(latin)) ?? [])].filter(([w]) => !englishWord(w) && distance(foldSpelling(w), folded) <= SOUND_SPELLING_EDITS);
    return [...new Set(alike.map(([, s]) => s))].filter((s) => this.conceptCount(s) >= MIN_CONCEPT_SCHEMES);
  }

  /**
   * A Devanagari word's dictionary meanings (its own and its stem's, `specialised`: none for a word of
   * everyday speech, "दिन", "छोटा", whose meanings are anything's) of one English word each: a meaning of
   * several words is a phrase of the dictionary's, not what the word alone is filed under. Of several
   * senses ("बीज": grain, pip, seed), those schemes are filed under about as often as the most (seed): the
   * sense a helpline caller means, where another (grain) belongs to other schemes' words. `everyday`: the word
   * has no specialised meaning, so any meanings are its senses read as the schemes' own kinds.
   */
  private dictionaryMeanings(word: string, specialised: (word: string) => string[], gloss?: (word: string) => string[]): { meanings: string[]; everyday: boolean } {
    const forms = dictionaryForms(word);
    // (a word everyday speech uses, "नाव", boat, "चाय", tea, still names one thing where its senses schemes are
    // filed under are all kinds they carry as a tag of their own: the records, not speech, say it is a kind
    // of help; one with a sense filed under only inside other words, "सुरक्षा", security and shelter, is not)
    // (in Devanagari only: a romanised word's meanings are met by its sound, which meets across everyday words)
    const senses = /^[a-z]+$/.test(word) ? [] : forms.flatMap((f) => gloss?.(f) ?? []).filter((m) => /^[a-z]+$/.test(m));
    const filedSenses = senses.filter((m) => this.expand(stemEnglish(m)).some((st) => this.conceptCount(st) > 0));
    const kinds = filedSenses.length > 0 && filedSenses.every((m) => this.isOwnKind(m)) ? filedSenses : [];
    const own = forms.flatMap(specialised);
    const meanings = [...new Set([...own, ...kinds])].filter((m) => /^[a-z]+$/.test(m));
    const filed = meanings.map((m) => Math.max(0, ...this.expand(stemEnglish(m)).map((s) => this.conceptCount(s))));
    const most = Math.max(0, ...filed);
    return { meanings: meanings.filter((_, i) => filed[i]! > 0 && filed[i]! >= most * SENSE_SHARE), everyday: own.length === 0 };
  }

  /** An English word some schemes carry as a whole tag of their own ("Tea", "Boat"), a kind of help by the records' word. */
  private isOwnKind(english: string): boolean {
    return /^[a-z]+$/.test(english) && (this.wholeTagDf.get(stemEnglish(english)) ?? 0) >= MIN_CONCEPT_SCHEMES;
  }

  /**
   * Runs of a caller's English words, longest first, that are a tag of several words of at least
   * MIN_CONCEPT_SCHEMES schemes and hold inside them a word the question would pass over (`skip`): the
   * words alone already say the rest.
   */
  private phrasesIn(tokens: string[], skip: (word: string) => boolean): { words: string[]; key: string }[] {
    const found: { words: string[]; key: string }[] = [];
    const used = new Set<number>();
    for (let n = PHRASE_WORDS; n >= 2; n--) {
      for (let i = 0; i + n <= tokens.length; i++) {
        const words = tokens.slice(i, i + n);
        if (words.some((w, j) => used.has(i + j) || !/^[a-z]+$/.test(w))) continue;
        const key = words.map(stemEnglish).join(" ");
        // a word passed over inside it ("help" of "self help group"), not at its edge ("pension scheme"), and no
        // word of a group ("women and child": the groups themselves are read)
        if ((this.phrasePostings.get(key)?.length ?? 0) < MIN_CONCEPT_SCHEMES || !words.slice(1, -1).some(skip)) continue;
        if (words.some((w) => this.lexicon.beneficiariesIn(w).length > 0)) continue;
        for (let j = 0; j < n; j++) used.add(i + j);
        found.push({ words, key });
      }
    }
    return found;
  }

  /**
   * Words the curated lexicon lacks, read by their dictionary meanings where a neighbour makes one of them
   * a tag of several words ("सिलाई मशीन": a sewing machine; "nirman mazdoor": construction workers): the
   * neighbour picks the sense ("निर्माण" is build, construction or structure). Two such words together are
   * the tag itself; one beside a word the lexicon knows is its sense in that tag, as the English word
   * would be read ("construction" beside the workers).
   */
  private glossedIn(tokens: string[], skip: (word: string) => boolean, gloss: (word: string) => string[]): { label: string; stems: string[] }[] {
    const lexical = (w: string) => (/^[a-z]+$/.test(w) ? this.lexicon.englishSynonyms(w).filter((s) => s !== w) : []).concat(this.lexicon.englishFor(w));
    const read = tokens.map((w) => {
      if (skip(w)) return { gap: false, senses: [] as string[][] };
      const known = lexical(w);
      const english = [...(/^[a-z]+$/.test(w) && gloss(w).length === 0 ? [w] : []), ...known, ...(/^[a-z]+$/.test(w) ? gloss(w) : hindiForms(w).flatMap(gloss))];
      return { gap: known.length === 0, senses: [...new Set(english)].map((m) => nativeTokens(m).map(stemEnglish)) };
    });
    const found: { label: string; stems: string[] }[] = [];
    for (let i = 0; i + 1 < tokens.length; i++) {
      const [a, b] = [read[i]!, read[i + 1]!];
      if (!a.gap && !b.gap) continue;
      const tags = new Map<string, [string[], string[]]>();
      for (const x of a.senses) for (const y of b.senses) {
        const key = [...x, ...y].join(" ");
        if (x.length + y.length <= PHRASE_WORDS && (this.phrasePostings.get(key)?.length ?? 0) >= MIN_CONCEPT_SCHEMES) tags.set(key, [x, y]);
      }
      if (tags.size === 0) continue;
      const [first, second] = [tokens[i]!, tokens[i + 1]!];
      if (a.gap && b.gap) found.push({ label: `${first} ${second}`, stems: [...tags.keys()] });
      else {
        const side = a.gap ? 0 : 1;
        const word = side ? second : first;
        // and the word as names keep it ("Nirmaan Shramik"), in Latin letters
        const own = (/^[a-z]+$/.test(word) ? [word] : romanTokens(word)).map(stemEnglish);
        found.push({ label: word, stems: [...new Set([...[...tags.values()].map((pair) => pair[side]!.join(" ")), ...own])] });
      }
    }
    return found;
  }

  /**
   * A caller's word as the concept stems it says itself: an English word by its own stem ("fishermen" →
   * "fisherman"), a Hindi or romanised one by its lexicon meanings, and a romanised word a name keeps
   * ("fasal" of "Fasal Bima") as written.
   */
  private ownStems(word: string): string[] {
    const english = [...(/^[a-z]+$/.test(word) ? [word] : []), ...this.lexicon.englishFor(word)];
    return [...new Set(english.flatMap((w) => nativeTokens(w)).map(stemEnglish).flatMap((s) => [...this.expand(s), ...this.derived(s)]))];
  }

  /**
   * Concept stems of one word family by derivation: a long shared start, each going on by at most a
   * couple of letters ("disabl" of "disabled" and "disabil" of "disability"), not a word for a person.
   */
  private derived(stem: string): string[] {
    if (stem.length < PREFIX_STEM) return [];
    const shared = (a: string, b: string): number => {
      let n = 0;
      while (n < a.length && a[n] === b[n]) n++;
      return n;
    };
    return this.startingAs(stem).filter((s) => {
      const n = shared(s, stem);
      return n >= PREFIX_STEM && s.length - n <= DERIVED_TAIL && stem.length - n <= DERIVED_TAIL && !/(?:er|or)$/.test(s);
    });
  }

  /**
   * How many of a unit's stems, and of the caller's own words for it, a scheme's name and tags say: a crop
   * insurance scheme says "crop", "farmer" and "agriculture", a coconut palm one only its category's
   * "agriculture"; a weavers' scheme says "weaver", an artisans' one only the group.
   */
  depth(schemeId: string, unit: ConceptUnit): number {
    const w = this.words.get(schemeId);
    if (!w) return 0;
    const says = (s: string) => w.nameStems.has(s) || w.tagStems.has(s) || w.namePhrases.has(s) || w.tagPhrases.has(s);
    return new Set([...unit.stems, ...(unit.own ?? [])].filter(says)).size;
  }

  /** Whether a scheme's name (2) or tags (1) hold a unit, or neither (0). */
  fit(schemeId: string, unit: ConceptUnit): 0 | 1 | 2 {
    const w = this.words.get(schemeId);
    if (!w) return 0;
    if (unit.group) return w.nameGroups.has(unit.group) ? 2 : w.groups.has(unit.group) ? 1 : 0;
    if (unit.stems.some((s) => w.nameStems.has(s) || w.namePhrases.has(s) || (s.length >= 4 && w.nameKeys.has(nameSound(s))))) return 2;
    return unit.stems.some((s) => w.tagStems.has(s) || w.tagPhrases.has(s)) ? 1 : 0;
  }

  /** Whether a scheme's name or its own tags hold a unit (`fit`: how it holds it), not only the name of a category it is filed in. */
  private firm(schemeId: string, unit: ConceptUnit, fit: 0 | 1 | 2): boolean {
    const w = this.words.get(schemeId);
    if (!w || fit !== 1 || unit.group) return fit > 0;
    return unit.stems.some((s) => w.ownTagStems.has(s) || w.tagPhrases.has(s));
  }

  /** Schemes whose names or tags hold at least one of the units, with how many they hold. */
  fitting(units: ConceptUnit[]): ConceptFit[] {
    const ids = new Set<string>();
    for (const u of units) {
      if (u.group) this.groupPostings.get(u.group)?.forEach((id) => ids.add(id));
      else for (const s of u.stems) (this.conceptPostings.get(s) ?? this.phrasePostings.get(s))?.forEach((id) => ids.add(id));
    }
    const out: ConceptFit[] = [];
    for (const schemeId of ids) {
      let matched = 0;
      let inName = 0;
      const fits = units.map((u) => this.fit(schemeId, u));
      const held = fits.map((f) => {
        if (f > 0) matched++;
        if (f === 2) inName++;
        return f > 0;
      });
      out.push({ schemeId, matched, inName, held, depth: units.map((u, i) => (held[i] ? this.depth(schemeId, u) : 0)), firm: units.map((u, i) => this.firm(schemeId, u, fits[i]!)) });
    }
    return out;
  }
}
