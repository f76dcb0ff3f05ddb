// Is a word no dictionary lists as it stands still an ordinary word of speech, not a name? Hindi bends its
// words ("lagenge", "पड़ेगा", "दवाई"), glues case endings to them ("सबने", "किससे") and writes English
// words in its own letters ("परसेंट"); such a word says nothing of a scheme the knowledge base lacks.
import type { BackgroundLanguage } from "../knowledge/index.js";

/** Endings of Hindi verbs and nouns (future, infinitive, participle, oblique and its plural, feminine), longest first. */
const ROMAN_ENDINGS = ["enge", "engi", "unga", "ungi", "iyon", "ega", "egi", "oge", "ogi", "ane", "ate", "ati", "aon", "yon", "ne", "ni", "na", "ta", "ti", "te", "ya", "ye", "yi", "on", "i", "e", "a", "o"];
const DEVANAGARI_ENDINGS = ["ेंगे", "ेंगी", "ूँगा", "ूंगा", "ूँगी", "ूंगी", "ियों", "ेगा", "ेगी", "ोगे", "ोगी", "वाने", "वाना", "वानी", "ाओं", "ाने", "ने", "नी", "ना", "ता", "ती", "ते", "या", "ये", "यी", "ों", "ई", "ी", "े", "ा"];
/** What a stem is looked up as: itself, or the dictionary's infinitive of it. */
const ROMAN_FORMS = ["", "na", "ana", "a"];
const DEVANAGARI_FORMS = ["", "ना", "ाना", "ा"];
/** Case endings written together with the word before them. */
const CASE_ENDINGS = ["ने", "से", "को", "का", "की", "के", "में", "ne", "se", "ko", "ka", "ki", "ke", "me", "mein"];
/** A stem this short could be any word's start. */
const MIN_STEM = 2;
/** The honorific written together with a word of kin or address ("पिताजी", "mataji"). */
const HONORIFICS = ["जी", "ji"];
/** Each word of a compound written as one ("राजमिस्त्री") has at least this many letters. */
const MIN_COMPOUND_PART = 3;

export function isOrdinaryWord(word: string, background: BackgroundLanguage): boolean {
  const w = word.toLowerCase();
  const devanagari = /[\u0900-\u097f]/.test(w);
  // an English word in Devanagari letters ("परसेंट" is "percent")
  if (devanagari && background.loanwordOf(w) !== undefined) return true;
  if (!devanagari && background.spellsHindiWord(w)) return true;
  // a Hindi word the spelling dictionary lists, its meaning unknown to us ("देहांत")
  if (devanagari ? background.isHindiWord(w) : background.soundsListedHindi(w)) return true;
  // a case ending glued to a function word ("सबने")
  for (const ending of CASE_ENDINGS) if (w.length - ending.length >= MIN_STEM && w.endsWith(ending) && background.isFunctionWord(w.slice(0, -ending.length))) return true;
  const listed = (form: string) => background.englishOf(form).length > 0 || dictionaryForm(form, background) !== undefined;
  // a word of kin or address with the honorific glued on ("पिताजी": father)
  for (const h of HONORIFICS) if (w.length - h.length >= MIN_STEM + 1 && w.endsWith(h) && listed(w.slice(0, -h.length))) return true;
  return dictionaryForm(w, background) !== undefined || (devanagari && isCompound(w, background));
}

/** Two dictionary words written as one ("राजमिस्त्री": राज + मिस्त्री, a mason). */
function isCompound(word: string, background: BackgroundLanguage): boolean {
  for (let i = MIN_COMPOUND_PART; i + MIN_COMPOUND_PART <= word.length; i++) {
    const [head, tail] = [word.slice(0, i), word.slice(i)];
    // a part never starts with a vowel sign or a virama
    if (/^[\u093e-\u094d\u0901-\u0903]/.test(tail)) continue;
    // the first word as a compound shortens it ("राज" of "राजा")
    const headListed = [head, `${head}ा`].some((h) => background.englishOf(h).length > 0);
    if (headListed && background.englishOf(tail).length > 0) return true;
  }
  return false;
}

/** The form the dictionary lists a bent Hindi word under ("पड़ेगा" → "पड़ना", "lagenge" → "lagna"), if it lists it. */
export function dictionaryForm(word: string, background: BackgroundLanguage): string | undefined {
  const w = word.toLowerCase();
  const devanagari = /[\u0900-\u097f]/.test(w);
  const known = (form: string) => background.isFunctionWord(form) || background.englishOf(form).length > 0 || (!devanagari && background.spellsHindiWord(form));
  // a form whose meaning is known first; else one the spelling dictionary only lists ("पड़" before "पड़ना" would lose its meaning)
  return formUnder(w, devanagari, known) ?? (devanagari ? formUnder(w, devanagari, (form) => background.isHindiWord(form)) : undefined);
}

/** The first form of the word, past one of its endings, that `listed` holds. */
function formUnder(w: string, devanagari: boolean, listed: (form: string) => boolean): string | undefined {
  const [endings, forms] = devanagari ? [DEVANAGARI_ENDINGS, DEVANAGARI_FORMS] : [ROMAN_ENDINGS, ROMAN_FORMS];
  for (const ending of endings) {
    if (!w.endsWith(ending)) continue;
    const stem = w.slice(0, -ending.length);
    // a Latin stem needs a letter more: "ba" + "na" could be any word
    if ([...stem].length < MIN_STEM + (devanagari ? 0 : 1)) continue;
    const form = forms.map((f) => stem + f).find(listed);
    if (form !== undefined) return form;
  }
  return undefined;
}
