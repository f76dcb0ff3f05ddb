// Which of a caller's words the English–Hindi dictionary is asked to read, and in what forms. A Hindi word
// the curated lexicon lacks is read by its dictionary meanings whether it is written in Devanagari ("नारियल")
// or romanised ("nariyal"): the dictionary meets a romanised word by its sound (BackgroundLanguage.englishOf),
// and a caller names a crop, a trade or a disease in either script. An English word never is (its own
// meaning stands), nor a word some scheme's name keeps as written ("Kisan", "Awas"): a name's words are met
// as the name's, and sound-alike meanings would take them from it.
import { hindiForms, romanForms } from "./lexicon.js";

const LATIN = /^[a-z]+$/;

/**
 * Whether a word is read by its dictionary meanings: the curated lexicon gives it none (`curated`: its
 * meanings there; a romanised word stands for itself, as an English word would, when the lexicon lacks it).
 */
export function readByDictionary(word: string, curated: readonly string[], englishWord: ((word: string) => boolean) | undefined, nameWord: (word: string) => boolean): boolean {
  if (!LATIN.test(word)) return curated.length === 0;
  return curated.every((c) => c === word) && englishWord !== undefined && !englishWord(word) && !nameWord(word);
}

/** The forms of a word the dictionary is asked for: a Devanagari word's dictionary forms, a romanised one's without its plural ending. */
export function dictionaryForms(word: string): string[] {
  return LATIN.test(word) ? romanForms(word) : hindiForms(word);
}

/** A unit read by the dictionary meaning of a romanised word, met by its sound (lossy: "mausam" and a rarer word may share one). */
export const readBySound = (unit: { label: string; dictionary?: boolean }): boolean => unit.dictionary === true && LATIN.test(unit.label);
