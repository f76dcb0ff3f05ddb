// Words a recogniser ran together ("themudra", "kisancredit") or broke apart ("ujj wala"): speech
// recognition emits its word pieces with a boundary missing or misplaced as often as a word garbled, so
// one unknown token may be a name's word between everyday words, and a name's word may come in two pieces.
// Only the names can tell which reading is right, so every plausible one is offered to the name matcher.
import { phoneticKey } from "./text.js";

/** Tokens shorter than this are not read as several words (a name's word of four letters and two more). */
const GLUED_MIN_LETTERS = 6;
/** Tokens longer than this are left whole: the splits tried grow with the square of the length. */
const GLUED_MAX_LETTERS = 24;
/** A function word beside a name's word has at least this many letters ("to", "ka"). */
const FUNCTION_MIN_LETTERS = 2;
/** An everyday word beside a name's word has at least this many letters: shorter ones are any fragment. */
const EVERYDAY_MIN_LETTERS = 3;
/** The piece no dictionary knows must be this long to be a word of a name, not a fragment. */
const UNKNOWN_MIN_LETTERS = 4;
/** Words longer than this are not a fragment of a name broken in two. */
const BROKEN_MAX_LETTERS = 6;

/** How a matcher judges a caller's word (background.ts): callbacks, so that this module stays pure text. */
export interface WordJudge {
  /** A word that carries no name: a function word, or noise the lexicon drops. */
  isNoise(word: string): boolean;
  /** A word everyday speech uses often (by its own count, not by a sound-alike). */
  isEveryday(word: string): boolean;
  /** A word everyday speech knows, in English or by sound in Hindi: never a misheard name. */
  isFamiliar(word: string): boolean;
}

/**
 * The words a run-together token may hide between everyday words: of each split into two or three pieces
 * where every piece but one is a known word, the one left (of at least UNKNOWN_MIN_LETTERS) and the known
 * words beside it. Every such split is kept, not the likeliest: which holds a name ("the|mudra" or
 * "them|udra") only the names can tell. A split into known words only is everyday speech run together
 * ("not|working"): it adds nothing.
 */
export function gluedSplits(token: string, isWord: (piece: string) => boolean): { unknown: string; known: string[] }[] {
  if (token.length < GLUED_MIN_LETTERS || token.length > GLUED_MAX_LETTERS || !/^[a-z]+$/.test(token)) return [];
  const memo = new Map<string, boolean>();
  const known = (p: string): boolean => {
    let v = memo.get(p);
    if (v === undefined) memo.set(p, (v = isWord(p)));
    return v;
  };
  const splits: { unknown: string; known: string[] }[] = [];
  const consider = (pieces: string[]): void => {
    const unknown = pieces.filter((p) => !known(p));
    if (unknown.length === 1 && unknown[0]!.length >= UNKNOWN_MIN_LETTERS) splits.push({ unknown: unknown[0]!, known: pieces.filter(known) });
  };
  const min = FUNCTION_MIN_LETTERS;
  for (let i = min; i <= token.length - min; i++) consider([token.slice(0, i), token.slice(i)]);
  for (let i = min; i <= token.length - 2 * min; i++) {
    for (let j = i + min; j <= token.length - min; j++) consider([token.slice(0, i), token.slice(i, j), token.slice(j)]);
  }
  return splits;
}

/**
 * Keys of the words unknown Latin words may hide (gluedSplits): `unknown`, the pieces no dictionary knows
 * (a name's word, garbled or not); `known`, the everyday words beside them, no function word among them
 * (a name's other words, "kisan|credit", or what else the caller said).
 */
export function gluedPieceKeys(words: readonly string[], judge: WordJudge): { unknown: string[]; known: string[] } {
  // a known piece is a function word, or an everyday word of a few letters: the looser familiarity of
  // words met by sound would make a word of any fragment ("udra")
  const isWord = (p: string): boolean => (p.length >= FUNCTION_MIN_LETTERS && judge.isNoise(p)) || (p.length >= EVERYDAY_MIN_LETTERS && judge.isEveryday(p));
  const unknown = new Set<string>();
  const known = new Set<string>();
  for (const w of words) {
    if (judge.isFamiliar(w)) continue;
    for (const split of gluedSplits(w, isWord)) {
      unknown.add(phoneticKey(split.unknown));
      for (const p of split.known) if (!judge.isNoise(p)) known.add(phoneticKey(p));
    }
  }
  return { unknown: [...unknown].filter(Boolean), known: [...known].filter(Boolean) };
}

/**
 * A name broken where one piece sounds like a function word ("ujj wala" of "Ujjwala"), which reading
 * drops as noise: the keys of each unknown Latin word joined with the noise word beside it.
 */
export function keysBrokenAtNoise(words: readonly string[], judge: WordJudge): string[] {
  const keys: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const [a, b] = [words[i]!, words[i + 1]!];
    if (!/^[a-z]+$/.test(a + b) || a.length > BROKEN_MAX_LETTERS || b.length > BROKEN_MAX_LETTERS) continue;
    const noiseA = judge.isNoise(a);
    if (noiseA !== judge.isNoise(b) && !judge.isFamiliar(noiseA ? b : a)) keys.push(phoneticKey(a + b));
  }
  return keys;
}

/**
 * What a query's words may hold besides themselves: `pieces`, keys of a name's word hidden in an unknown
 * word between everyday ones, or broken at a function word, each to be matched only by the sound of a
 * name's word (where to split was one guess already; a near sound would be a second); `support`, keys of
 * the everyday words glued to such a piece, which only support a name another word names ("kisan|credit").
 * `words`: the query's words past noise; `all`: all of them; `said`: the keys of the words as said.
 */
export function wordsRejoined(words: readonly string[], all: readonly string[], said: ReadonlySet<string>, judge: WordJudge): { pieces: string[]; support: string[] } {
  const glued = gluedPieceKeys(words, judge);
  const pieces = [...new Set([...glued.unknown, ...keysBrokenAtNoise(all, judge)])].filter((k) => !said.has(k));
  return { pieces, support: glued.known.filter((k) => !said.has(k) && !pieces.includes(k)) };
}
