// A state named in Devanagari, met by sound: romanised, its words keep vowels and sounds that the English
// spelling drops or writes otherwise ("hariyana", "chhattisagadha"), so the exact match misses them.
import { distance } from "fastest-levenshtein";
import { BackgroundLanguage } from "./background.js";
import { canonicalTokens, detectScript, nativeTokens, phoneticKey } from "./text.js";

/** A state's name written in Devanagari may be this many sounds off its English spelling ("हरियाणा", "छत्तीसगढ़"). */
const STATE_SOUND_EDITS = 1;
/** …when its sound is at least this long: shorter ones are any word's. */
const STATE_SOUND_MIN = 5;

/**
 * A state named in Devanagari, met by sound: the romanised word keeps vowels and sounds English drops
 * or writes otherwise ("hariyana", "chhattisagadha"), so each word of the state's name is matched by its
 * phonetic key, one sound off when long enough.
 */
export function stateBySound(states: ReadonlyMap<string, string>, text: string): string | undefined {
  const words = nativeTokens(text).filter((w) => detectScript(w) !== "latin");
  const said = canonicalTokens(words.join(" ")).map(phoneticKey);
  if (said.length === 0) return undefined;
  // an English word written in Devanagari, and no Hindi word, is that word, not a state a sound off
  // ("स्कीम" is "scheme", not Sikkim; "उत्तर" is Hindi, whatever English word it sounds like); looked up
  // only for a match, which few turns have
  let borrowedKeys: Set<string> | undefined;
  const borrowed = (key: string): boolean => {
    if (!borrowedKeys) {
      borrowedKeys = new Set(words.filter((w) => isBorrowed(states, w)).flatMap((w) => canonicalTokens(w).map(phoneticKey)));
    }
    return borrowedKeys.has(key);
  };
  const near = (state: string, word: string) =>
    Math.max(state.length, word.length) >= STATE_SOUND_MIN &&
    Math.min(state.length, word.length) >= STATE_SOUND_MIN - 1 &&
    distance(state, word) <= STATE_SOUND_EDITS &&
    !anotherWord(state, word);
  for (const { keys, state } of stateSounds(states)) {
    // the same sounds: long enough over the whole name ("uttar pradesh" as "utr prtes"), not each word
    const exactEnough = keys.join("").length >= STATE_SOUND_MIN - 1;
    const alike = (a: string, b: string) => (a === b && exactEnough) || near(a, b);
    for (let i = 0; i + keys.length <= said.length; i++) if (keys.every((w, j) => alike(w, said[i + j]!) && !borrowed(said[i + j]!))) return state;
  }
  return undefined;
}

/** Sound letters Hindi adds or drops in a state's name as written ("hariyana": a vowel, a glide). */
const SOFT_SOUNDS = /[aeiouyhw]/;

/**
 * Whether a said word one sound off a state's is another word, not the state's name written otherwise
 * ("hariyana" for "haryana" differs by a vowel inside it): the state's sound cut short ("गुजर", passed away,
 * its nukta left out, is no "Gujarat"), or a whole consonant more or less ("नालंदा", a district, is not
 * Nagaland), where a vowel or glide more or less is a spelling.
 */
function anotherWord(state: string, word: string): boolean {
  if (state.length === word.length) return false;
  const [long, short] = state.length > word.length ? [state, word] : [word, state];
  let i = 0;
  while (i < short.length && long[i] === short[i]) i++;
  // (but for an English spelling's last glide the Devanagari leaves unsaid: "puducherry" is "पुदुचेरी")
  if (short === word && i === short.length) return !(i === long.length - 1 && /[yw]/.test(long[i]!));
  return !SOFT_SOUNDS.test(long[i] ?? "");
}

/** The English word each Devanagari word writes, when it is no Hindi word (null: none); asked of again and again. */
const borrowedWords = new Map<string, string | null>();
const BORROWED_CACHE = 10_000;

/** An English word written in Devanagari, not a state's name and no Hindi word. */
function isBorrowed(states: ReadonlyMap<string, string>, word: string): boolean {
  let english = borrowedWords.get(word);
  if (english === undefined) {
    const background = BackgroundLanguage.load();
    english = background.englishOf(word).length === 0 ? (background.loanwordOf(word) ?? null) : null;
    if (borrowedWords.size >= BORROWED_CACHE) borrowedWords.clear();
    borrowedWords.set(word, english);
  }
  return english !== null && !states.has(english);
}

/** Each state's words as phonetic keys, once per list of states (a turn asks of many words). */
const soundsOfStates = new WeakMap<ReadonlyMap<string, string>, { keys: string[]; state: string }[]>();
function stateSounds(states: ReadonlyMap<string, string>): { keys: string[]; state: string }[] {
  let sounds = soundsOfStates.get(states);
  if (!sounds) {
    sounds = [...states].filter(([, state]) => state !== "All").map(([key, state]) => ({ keys: key.split(" ").map(phoneticKey), state }));
    soundsOfStates.set(states, sounds);
  }
  return sounds;
}

