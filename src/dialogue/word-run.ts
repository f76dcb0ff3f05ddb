// How much of a scheme's name a caller said in a row: the name's own words in order, its other words
// (function words, numbers, "scheme") said between them or left out; loosely, a word of it said a sound
// or two off, or in two pieces ("Maha Samman" of "Mahasanman").
import { distance } from "fastest-levenshtein";
import { phoneticKey } from "../knowledge/text.js";

/** Keys this long may be a sound off and still be the name's word said (loosely). */
const NEAR_KEY_LETTERS = 4;
/** …and two sounds off from this long, between words of the name said as written ("Utkarsh" of "Utkrisht"). */
const TWO_OFF_KEY_LETTERS = 5;

/**
 * How many of a name's own words (`own`), from its first, the caller said in a row (`said`: their words'
 * phonetic keys), the name's other words ("for", "two", "scheme") said between them or left out. `loose`:
 * after a first word said as written, a word may be said a sound off (two when the next is said as
 * written too), or as two words run together ("maha samman").
 */
export function runOfOwnWords(said: readonly string[], nameWords: readonly string[], own: ReadonlySet<string>, loose = false): number {
  const keys = nameWords.map(phoneticKey);
  const first = nameWords.findIndex((w) => own.has(w));
  if (first < 0) return 0;
  const near = (a: string | undefined, b: string, most: number) => a !== undefined && Math.min(a.length, b.length) >= NEAR_KEY_LETTERS && distance(a, b) <= most;
  let best = 0;
  for (let start = 0; start < said.length; start++) {
    if (said[start] !== keys[first]) continue;
    let pos = start;
    let n = 0;
    for (let i = first; i < nameWords.length && pos < said.length; i++) {
      const key = keys[i]!;
      // how many of the caller's words this word of the name takes: one, two run together, or none
      let took = said[pos] === key ? 1 : 0;
      if (!took && loose && own.has(nameWords[i]!) && n > 0) {
        const joined = pos + 1 < said.length ? said[pos]! + said[pos + 1]! : undefined;
        const nextSaid = (after: number) => i + 1 >= keys.length || said[pos + after] === keys[i + 1];
        if (joined !== undefined && (joined === key || near(joined, key, 1))) took = 2;
        else if (near(said[pos], key, 1) || (Math.min(said[pos]!.length, key.length) >= TWO_OFF_KEY_LETTERS && near(said[pos], key, 2) && nextSaid(1))) took = 1;
      }
      if (took) {
        pos += took;
        if (own.has(nameWords[i]!)) n++;
      } else if (own.has(nameWords[i]!)) break;
    }
    best = Math.max(best, n);
  }
  return best;
}

/**
 * The longest run of a name's own words the caller said in a row from any of them, not only its first
 * (`runOfOwnWords` from each): a long name said without its leading words of a kind of help ("Financial
 * Assistance under …", "Loan Based Schemes For …"), by its distinctive middle and end; with the run's own words
 * in the name's order (what kind of words they are is for the caller to judge).
 */
export function longestRunOfOwnWords(said: readonly string[], nameWords: readonly string[], own: ReadonlySet<string>, loose = false): { n: number; words: string[] } {
  let best = { n: 0, words: [] as string[] };
  for (let i = 0; i < nameWords.length; i++) {
    if (!own.has(nameWords[i]!)) continue;
    const rest = nameWords.slice(i);
    const n = runOfOwnWords(said, rest, own, loose);
    if (n > best.n) best = { n, words: rest.filter((w) => own.has(w)).slice(0, n) };
  }
  return best;
}
