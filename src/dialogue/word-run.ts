// How much of a scheme's name a caller said in a row: the name's own words in order, its other words
// (function words, numbers, "scheme") said between them or left out.
import { phoneticKey } from "../knowledge/text.js";

/**
 * How many of a name's own words (`own`), from its first, the caller said in a row (`said`: their words'
 * phonetic keys), the name's other words ("for", "two", "scheme") said between them or left out.
 */
export function runOfOwnWords(said: readonly string[], nameWords: readonly string[], own: ReadonlySet<string>): number {
  const keys = nameWords.map(phoneticKey);
  const first = nameWords.findIndex((w) => own.has(w));
  if (first < 0) return 0;
  let best = 0;
  for (let start = 0; start < said.length; start++) {
    if (said[start] !== keys[first]) continue;
    let pos = start;
    let n = 0;
    for (let i = first; i < nameWords.length && pos < said.length; i++) {
      if (said[pos] === keys[i]) {
        pos++;
        if (own.has(nameWords[i]!)) n++;
      } else if (own.has(nameWords[i]!)) break;
    }
    best = Math.max(best, n);
  }
  return best;
}
