// What a question asks, as opposed to the story it tells: the in-scope evidence that holds whatever setting the
// caller's words describe. Two general ways of asking the helpline's own subject, in English, romanised Hindi and
// Hindi: a scheme asked for as such ("which scheme", "koi yojana hai", "किस योजना में"), and something asked of the
// government as its giver ("sarkar se kya mil sakta hai", "what can the state give", "सरकार बाँटती है": call-talk.ts,
// beside the other readings of the government's help); and a scheme's name said with a government title. General
// language only: no scheme, place or story word.
import { nativeTokens } from "../knowledge/text.js";
import { turnSentences } from "./nlu.js";
import { askedOfGovernment } from "./call-talk.js";

/** A word asking which, or whether any, ("which", "any", "koi", "kaun si", "kis", "कौन सी", "कोई", "किस"). */
const WHICH_OR_ANY = new Set("which any koi kaunsi konsi kaun kon kis kisi कौनसी कौन कोई किस किसी".split(" "));
/** The words that call something a scheme, as asked of (not "card" or "mission": a bank's and a club's too). */
const SCHEME_WORD = /^(?:schemes?|yojanas?|yojnas?|योजना|योजनाएं|योजनाएँ|योजनाओं)$/;
/** "si"/"sa"/"se" after "kaun"/"kon" and "सी"/"सा"/"से" after "कौन": part of the asking word. */
const WHICH_TAIL = new Set("si sa se सी सा से".split(" "));

/**
 * A scheme asked for as such in one sentence: a word of which or whether any right before the word that
 * calls a scheme ("which scheme covers", "koi yojana hai?", "kaun si yojana", "किस योजना से मिलेगा"). A
 * scheme told of ("the club's festival scheme", "party ki yojana banai") is not asked for.
 */
export function schemeAskedAsSuch(text: string): boolean {
  return turnSentences(text).some((s) => {
    const tokens = nativeTokens(s);
    return tokens.some((w, i) => {
      if (!SCHEME_WORD.test(w)) return false;
      const before = tokens[i - 1] ?? "";
      const twoBefore = tokens[i - 2] ?? "";
      return WHICH_OR_ANY.has(before) || (WHICH_TAIL.has(before) && WHICH_OR_ANY.has(twoBefore));
    });
  });
}

/** The helpline's own subject asked, whatever story is told with it: a scheme asked for, or the government's giving. */
export function whatIsAsked(text: string): boolean {
  return schemeAskedAsSuch(text) || askedOfGovernment(text);
}

/** The titles a government scheme's name opens with ("Mukhyamantri …", "Pradhan Mantri …", "CM's …", "मुख्यमंत्री …"). */
const TITLE = new Set("mukhyamantri mukhymantri mukhya cm pradhanmantri pradhan pm chief prime मुख्यमंत्री प्रधानमंत्री प्रधान".split(" "));
/** Words of a title said in two ("pradhan mantri", "chief minister's"), not a word of the name itself. */
const TITLE_TAIL = new Set("mantri minister ministers s मंत्री".split(" "));
/** A name between its title and "yojana" is at most this many words (177 of the records' 189 titled names). */
const TITLED_NAME_WORDS = 5;

/**
 * A scheme's name said with the government's title before it and "yojana"/"scheme" after it ("mukhyamantri
 * <words> yojana", "the Chief Minister's <words> Scheme"): the caller's words for a government scheme, which
 * the knowledge base may lack; undefined when none is said. Its words may all be everyday ones ("family",
 * "progress"): the title and the scheme word around them make them a name.
 */
export function titledSchemeName(tokens: readonly string[]): string | undefined {
  for (let i = 0; i < tokens.length; i++) {
    if (!TITLE.has(tokens[i]!)) continue;
    // ("mukhya" alone is "main": a title only as "mukhya mantri")
    if (tokens[i] === "mukhya" && !TITLE_TAIL.has(tokens[i + 1] ?? "")) continue;
    let j = i + 1;
    while (j < tokens.length && TITLE_TAIL.has(tokens[j]!)) j++;
    const start = j;
    while (j < tokens.length && j - start < TITLED_NAME_WORDS && !SCHEME_WORD.test(tokens[j]!)) j++;
    if (j > start && j < tokens.length && SCHEME_WORD.test(tokens[j]!)) return tokens.slice(i, j + 1).join(" ");
  }
  return undefined;
}
