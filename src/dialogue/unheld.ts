// A scheme the caller names that the knowledge base does not hold, though one it holds shares a word of
// the name ("<new word> Didi Yojana" beside "Dai Didi …"): the words that stand where a name stands (before
// "yojana", "scheme", "card", "khata", or a word no scheme uses and its neighbours) are weighed against the
// names of the scheme found. A name most of whose own words the scheme's names do not hold names another.
import { distance } from "fastest-levenshtein";
import { canonicalTokens, phoneticKey } from "../knowledge/text.js";
import type { DialogueKnowledge } from "./knowledge.js";
import { FRAME_WORDS } from "./nlu.js";
import type { Reading } from "./reading.js";

/** Words after which the words before are a name: what a scheme, its card or its account is called. */
const NAME_ENDS = /^(?:schemes?|yojanaa?|yojna|योजना|abhiyaa?n|अभियान|mission|मिशन|programme|program|karyakram|कार्यक्रम|cards?|कार्ड|khata|khaata|खाता|खाते)$/;
/** A name is read back from its end at most this many words. */
const NAME_MAX_WORDS = 4;
/** Phonetic keys this long may differ by one edit and still be one word misspelt ("Janni", "Janani"). */
const NEAR_KEY_LETTERS = 4;
/** A word of the name a sound off counts this much of one said as written: it may be another word. */
const NEAR_HELD = 0.5;

export interface NamePhrase {
  /** The caller's words for the name, as said, with the word that ends it. */
  said: string;
  /** Its own words: no function words, state, group of people, word of asking or kind of help. */
  own: string[];
  /** A word that ends a name followed it ("… yojana"). */
  ended: boolean;
}

/**
 * The caller's words that stand where a name stands: the words before a word that ends a name, or
 * (`unfamiliarToo`) the words no scheme or dictionary knows with their name-like neighbours. Its own words
 * leave out everyday words ("job card"), which a caller adds to a held name as often as not.
 */
export function namePhrase(k: DialogueKnowledge, r: Reading, isKindWord: (w: string) => boolean, unfamiliarToo = false): NamePhrase | undefined {
  const stop = (w: string) => k.background.isFunctionWord(w) || FRAME_WORDS.has(w) || /^\d+$/.test(w);
  let from = -1;
  let to = -1;
  const end = r.tokens.findIndex((w, i) => i > 0 && NAME_ENDS.test(w) && !stop(r.tokens[i - 1]!));
  if (end > 0) {
    to = end;
    from = end;
    while (from > 0 && end - from < NAME_MAX_WORDS && !stop(r.tokens[from - 1]!)) from--;
  } else if (unfamiliarToo && r.unfamiliar.length > 0) {
    from = r.tokens.indexOf(r.unfamiliar[0]!);
    to = from;
    while (to + 1 < r.tokens.length && to - from + 1 < NAME_MAX_WORDS && !stop(r.tokens[to + 1]!) && r.content.includes(r.tokens[to + 1]!)) to++;
    if (to + 1 < r.tokens.length && NAME_ENDS.test(r.tokens[to + 1]!)) to++;
  }
  if (from < 0) return undefined;
  const words = r.tokens.slice(from, to + 1);
  const everyday = (w: string) => k.background.isEveryday(w) || k.background.isEveryday(k.background.loanwordOf(w) ?? "");
  const own = words.filter((w) => !NAME_ENDS.test(w) && !stop(w) && !everyday(w) && !k.kb.search.stateIn(w) && k.kb.store.lexicon.beneficiariesIn(w).length === 0 && !isKindWord(w));
  return own.length > 0 ? { said: words.join(" "), own, ended: NAME_ENDS.test(words.at(-1)!) } : undefined;
}

/** How much of the phrase's own words a scheme's names hold: a word said as written counts whole, a sound off half. */
function heldShare(k: DialogueKnowledge, phrase: NamePhrase, schemeId: string): number {
  const meta = k.kb.store.metaOf(schemeId);
  if (!meta) return 0;
  const tokens = canonicalTokens([meta.name, meta.nameHi, meta.shortTitle, ...meta.aliases].join(" "));
  // two words of a name are said as one too ("Maan Dhan", "Maan-Dhan" → "Maandhan")
  const keys = new Set([...tokens, ...tokens.slice(1).map((t, i) => tokens[i] + t)].map(phoneticKey).filter(Boolean));
  const near = (key: string) => key.length >= NEAR_KEY_LETTERS && [...keys].some((n) => n.length >= NEAR_KEY_LETTERS && distance(n, key) <= 1);
  const held = (w: string) => {
    const wordKeys = canonicalTokens(w).map(phoneticKey);
    return wordKeys.some((key) => keys.has(key)) ? 1 : wordKeys.some(near) ? NEAR_HELD : 0;
  };
  return phrase.own.reduce((sum, w) => sum + held(w), 0);
}

/**
 * The caller's words for a name the knowledge base does not hold, when the scheme found holds less of the
 * name's own words than it leaves out (as much, when the scheme's name itself was not said: it was found
 * by a rare word); `bySound`: the scheme was found by how the words sound, which the name must then too.
 */
export function unheldName(k: DialogueKnowledge, r: Reading, found: { schemeId: string; nameScore: number; bySound: boolean }, isKindWord: (w: string) => boolean): string | undefined {
  const phrase = namePhrase(k, r, isKindWord, found.bySound);
  if (!phrase) return undefined;
  if (found.bySound) {
    const [top] = k.kb.search.soundMatch(phrase.own.join(" "), 1);
    return top?.schemeId === found.schemeId ? undefined : phrase.said;
  }
  const held = heldShare(k, phrase, found.schemeId);
  const unheld = phrase.own.length - held;
  const named = found.nameScore >= k.config.nameThreshold;
  return unheld > held || (!named && unheld > 0 && unheld >= held) ? phrase.said : undefined;
}

/** A name before a name's end ("… khata") with a word no scheme or dictionary knows: one the knowledge base lacks. */
export function unknownNameSaid(k: DialogueKnowledge, r: Reading, isKindWord: (w: string) => boolean): string | undefined {
  const phrase = namePhrase(k, r, isKindWord);
  return phrase?.ended && phrase.own.some((w) => r.unfamiliar.includes(w)) ? phrase.said : undefined;
}
