// A question in another Indian language, made readable to a dialogue that understands Hindi and English:
// its script written as Devanagari, so the names of schemes (the same proper nouns in every language)
// meet the names the knowledge base is matched by. The answer is given in English (language.ts).
import { hasOtherIndic, toDevanagari } from "../knowledge/indic.js";

/** The caller's words as the dialogue reads them. */
export function readableText(text: string): string {
  return hasOtherIndic(text) ? toDevanagari(text) : text;
}
