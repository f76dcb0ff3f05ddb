// How many of the caller's words a name's own words say, a word the record runs together said as two counting
// two ("<Megha> <Dhanush>" of "Meghadhanush"): names compared by how much of what was said each explains.
import { canonicalTokens, phoneticKey } from "../knowledge/text.js";
import { formKey } from "../knowledge/word-forms.js";

/** Of a name's own words (`own`), the caller's words (`text`) they say: one each said as it is or in another number, two each said apart. */
export function callerWordsSaid(own: Iterable<string>, text: string): number {
  const words = canonicalTokens(text);
  const keys = new Set(words.map(phoneticKey));
  const forms = new Set(words.map(formKey));
  const apart = new Set(words.slice(1).map((w, i) => formKey(words[i]! + w)));
  let said = 0;
  for (const word of own) {
    const w = word.toLowerCase();
    said += keys.has(phoneticKey(w)) || forms.has(formKey(w)) ? 1 : apart.has(formKey(w)) ? 2 : 0;
  }
  return said;
}
