// Whether the caller asks if there is any help of a kind, or which, rather than about one scheme: a word of which
// or whether any said right before a word of the matched name ("koi scholarship", "any grant", "kaun si pension",
// "कोई पेंशन"). Beside the plural ("scholarships") and a kind pointed at ("<kind> wali yojana"), it makes a name
// met only through words many schemes are filed under a kind of help (identify.ts: generalisedName), whichever
// scheme's title the words happen to be in. General language only: the which/any words of scheme-asked.ts.
import { canonicalTokens, nativeTokens } from "../knowledge/text.js";
import { WHICH_OR_ANY, WHICH_TAIL } from "./scheme-asked.js";

/**
 * A which/any word (or "kaun si", "कौन सी") right before a word whose key (`key`, as names' words are compared)
 * is among `nameKeys`.
 */
export function asksAnyOfKind(text: string, nameKeys: ReadonlySet<string>, key: (word: string) => string): boolean {
  const tokens = nativeTokens(text);
  // (as written, and romanised as the caller's words are compared with names: a Hindi name's word, an English one's)
  const ofName = (w: string) => [w, ...canonicalTokens(w)].some((c) => nameKeys.has(key(c)));
  return tokens.some((w, i) => {
    if (i === 0 || !ofName(w)) return false;
    const before = tokens[i - 1]!;
    return WHICH_OR_ANY.has(before) || (WHICH_TAIL.has(before) && WHICH_OR_ANY.has(tokens[i - 2] ?? ""));
  });
}
