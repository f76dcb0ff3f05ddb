// A name's word said in another form than the record writes it: in the singular where the name has the
// plural or the other way round (a word no dictionary knows: "lifejacket" of "Lifejackets"), or as two of the caller's
// words where the name runs them into one, however long each ("<Sneha> <Sparsham>" of "Snehasparsham"):
// one lookup of the form's key. The matcher (matcher.ts) counts a name word met so as nearly said.
import { phoneticKey } from "./text.js";

/** Words shorter than this are not put in the singular ("bus", "gas"): too many are singular already. */
const SINGULAR_MIN_LETTERS = 4;
/** Two words joined must be this long together to be a name's one word ("pm" + "ay" is a short form's business). */
const JOINED_MIN_LETTERS = 8;

/** An English word's singular: "-ies" as "-y", a last "s" dropped (not of "-ss", "-us", "-is"); other words as they are. */
export function singular(word: string): string {
  if (word.length < SINGULAR_MIN_LETTERS || !/^[a-z]+$/.test(word)) return word;
  if (word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (/(ss|us|is)$/.test(word) || !word.endsWith("s")) return word;
  return word.slice(0, -1);
}

/** A name word met in another form counts this much: as one spelt otherwise (name-score.ts), above a near spelling. */
export const FORM_MATCH = 0.9;

/** The key a word is looked up by: its singular's sound. */
export const formKey = (word: string): string => phoneticKey(singular(word));

/** Name words' keys by their form's key (formKey): plain data, kept in the matcher's snapshot as it is. */
export type WordForms = Map<string, string[]>;

/** Files a name's word (romanised, as written; Latin words only) and its key in the matcher under its form. */
export function addForm(forms: WordForms, word: string, key: string): void {
  if (!/^[a-z]+$/.test(word) || word.length < SINGULAR_MIN_LETTERS) return;
  const form = formKey(word);
  const keys = forms.get(form) ?? forms.set(form, []).get(form)!;
  if (!keys.includes(key)) keys.push(key);
}

/**
 * Keys of name words the caller's Latin words (`words`, in order, function words left out) say in another
 * form: a word in the other number, or two words in a row written apart. Not a name word said as it is
 * (`said`): that is matched already.
 */
export function keysSaidOtherwise(forms: WordForms, words: readonly string[], said: ReadonlySet<string>, isFamiliar: (word: string) => boolean = () => false): Set<string> {
  const out = new Set<string>();
  const look = (word: string) => {
    for (const key of forms.get(formKey(word)) ?? []) if (!said.has(key)) out.add(key);
  };
  for (const [i, word] of words.entries()) {
    if (!/^[a-z]+$/.test(word)) continue;
    // (a familiar word is that word, never a name's in the other number: "girl" asks for girls' help, not
    // for the one scheme named "<Place> Girls <Kind>")
    if (!isFamiliar(word)) look(word);
    const next = words[i + 1];
    if (next && /^[a-z]+$/.test(next) && word.length + next.length >= JOINED_MIN_LETTERS) look(word + next);
  }
  return out;
}
