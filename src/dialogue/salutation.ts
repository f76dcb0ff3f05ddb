// The courtesies a caller opens with ("Namaste ji", "hello madam", "haan bhaiya"): greetings, words of
// address and of assent said before the question. They carry no topic, so the question is read without
// them; a greeting is never the name of a scheme that happens to be spelt like it ("NAMASTE"), unless the
// caller calls it one ("namaste yojana").
import { OPENING_GREETINGS } from "../knowledge/index.js";
import { nativeTokens } from "../knowledge/text.js";
import { DESIGNATOR } from "./nlu.js";

/** Greetings (the knowledge base's, and spellings of them) and words of address in English, romanised Hindi and Hindi (general speech). */
const GREETING_WORDS = new Set([
  ...OPENING_GREETINGS,
  ...("hallo helo namashkar ram sir sirji madam maam mam ji bhaiya bhaiyya bhaia bhaiyaji didi didiji behenji bahenji behen " +
    "good morning afternoon evening राम सर मैडम जी भैया भइया दीदी बहनजी बहन").split(" "),
]);
/** Words of assent said before a question ("haan", "achha"); inside one they may say what is good. */
const ASSENT_WORDS = "yes haan haanji han ha ok okay achha accha acha हाँ हां हा अच्छा ओके".split(" ");
const COURTESY_WORDS = new Set([...GREETING_WORDS, ...ASSENT_WORDS]);
/** Words of a courtesy that are also everyday content alone ("good", "ram", "behen"): only inside a run of courtesies. */
const ONLY_WITH_OTHERS = new Set(["good", "morning", "afternoon", "evening", "ram", "behen", "बहन", "राम"]);

/** A greeting or word of address said anywhere ("bataiye na bhaiya"): no topic of the question. */
export const isCourtesyWord = (word: string): boolean => GREETING_WORDS.has(word) && !ONLY_WITH_OTHERS.has(word);

/**
 * The question without the courtesies it opens with; the text unchanged when nothing but courtesies was
 * said (a bare "haan ji" answers a question, "namaste" greets), or when the words after them call them a
 * scheme.
 */
export function withoutCourtesies(text: string): string {
  // the opening words one by one, as written, each with the punctuation that follows it
  const words = [...text.matchAll(/\S+/g)];
  let at = 0;
  while (at < words.length && isCourtesy(words, at)) at++;
  if (at === 0 || at === words.length) return text;
  const rest = text.slice(words[at]!.index).trim();
  // "namaste yojana": the courtesy's word is the name the caller asks about
  if (DESIGNATOR.test(nativeTokens(rest)[0] ?? "")) return text;
  return rest;
}

function isCourtesy(words: RegExpMatchArray[], at: number): boolean {
  const tokens = nativeTokens(words[at]![0]);
  if (tokens.length !== 1 || !COURTESY_WORDS.has(tokens[0]!)) return false;
  if (!ONLY_WITH_OTHERS.has(tokens[0]!)) return true;
  // "good morning", "ram ram", "haan ji": a word of a courtesy next to another courtesy
  const neighbour = (i: number) => (i >= 0 && i < words.length ? nativeTokens(words[i]![0]) : []);
  return [...neighbour(at - 1), ...neighbour(at + 1)].some((w) => COURTESY_WORDS.has(w));
}
