// Who makes what the caller calls a "yojana" or a "scheme": Hindi's "yojana" is also an everyday plan, and a
// scheme is also what a private body sets up for itself. Readings of general Hindi grammar, romanised and in
// Devanagari: (1) "<…> ki yojana banai / bana rahe hain" — "yojana" as the object of "banana" (to make) is
// making a plan ("a party", "a trip"), not a scheme, unless the government, a title of its office or a place
// is said with it ("sarkar ne yojana banai"); (2) "<maker> (wale) ne … yojana nikali / rakhi / shuru ki" — the
// one who brought the scheme out is the ergative "ne" before it — or "<maker> wale ka … scheme", the trade's
// person whose it is; when that maker is an everyday word no scheme is filed under (not the government, a
// title, nor a group or kind schemes are for), the scheme is the maker's own offer. Either way the turn is no
// question about government schemes. No word of a story.
import { stemEnglish, nativeTokens } from "../knowledge/text.js";
import { GOVERNMENT_WORDS } from "./call-talk.js";
import type { DialogueKnowledge } from "./knowledge.js";
import { FOR_WHOM, turnSentences } from "./nlu.js";
import { GOVERNMENT_TITLES } from "./scheme-asked.js";

/** The word that calls something a yojana (the Hindi word only: "scheme" in English is no plan). */
const YOJANA = /^(?:yojana|yojna|yojanaa|योजना)$/;
/** The words that call something a scheme, as a maker's own is called ("yojana", "scheme", "स्कीम"). */
const SCHEME_WORD = /^(?:yojana|yojna|yojanaa|योजना|schemes?|skeem|skim|स्कीम)$/;
/** "Banana" (to make), as a plan is made: the forms that follow its object ("banai", "बना रहे", "बनानी"). */
const MAKE = /^(?:bana|banai|banayi|banaya|banaye|banaen|banayen|banayenge|banaenge|banani|banana|banane|बना|बनाई|बनायी|बनाया|बनाए|बनाये|बनानी|बनाना|बनाने|बनाएँगे|बनाएंगे|बनाएं|बनाएँ)$/;
/** Bringing a scheme out or running it ("nikali", "rakhi", "shuru ki", "चलाई"), besides making it. */
const BRING_OUT = /^(?:nikali|nikala|nikale|nikaali|nikaala|rakhi|rakha|rakhe|chalayi|chalai|chalaya|chalaye|shuru|launch|laayi|layi|lai|laaye|निकाली|निकाला|निकाले|रखी|रखा|रखे|चलाई|चलायी|चलाया|चलाए|शुरू|लॉन्च|लाई|लायी|लाए)$/;
/** The ergative "ne" that marks who did it. */
const ERGATIVE = new Set(["ne", "ने"]);
/** Words between a maker and its "ne" that are not the maker ("cable wale ne", "<name> ji ne"). */
const MAKER_TAIL = new Set("wale wala wali walon waale waala ji जी वाले वाला वाली वालों".split(" "));
/**
 * A maker filed under at most this many schemes' concepts is no institution the government works through
 * ("committee" 7, "tailor" 4, "club" 1 against "hospital" 24, "society" 30, "school" 103, "bank" 260).
 */
const OWNER_CONCEPTS = 10;
/** The maker's deed follows the word "yojana" within this many words ("yojana nikali", "'<name>' yojana rakhi hai"). */
const DEED_REACH = 2;

/** The government or a title of its office: a maker or planner whose yojana is a scheme. */
function governmentSaid(tokens: readonly string[]): boolean {
  return tokens.some((w) => GOVERNMENT_WORDS.has(w) || GOVERNMENT_TITLES.has(w));
}

/** An everyday word no scheme is filed under, in itself or by its English meaning ("cable", "committee", "केबल"). */
function everydayOwner(k: DialogueKnowledge, word: string): boolean {
  const bg = k.background;
  const english = [word, bg.loanwordOf(word) ?? "", ...bg.englishOf(word)].filter((w) => /^[a-z]+$/.test(w));
  if (!english.some((w) => bg.isEveryday(w))) return false;
  return english.every((w) => k.concepts.conceptCount(stemEnglish(w)) <= OWNER_CONCEPTS) && k.kb.store.lexicon.beneficiariesIn(word).length === 0;
}

/** The genitive after a maker's "wale" ("<maker> wale ka … scheme", "<maker> वाले की योजना"). */
const GENITIVE = new Set("ka ki ke का की के".split(" "));
/**
 * The agentive "wala" that makes a word its trade's person, singular ("cable wale ka", "दुकान वाले की"): the
 * plural "walon ki yojana" is a trade's people's scheme, the one made for them.
 */
const AGENT = new Set("wale wala wali waale waala वाले वाला वाली".split(" "));

/** The maker of the scheme at `at`: "<maker> (wale) ne … yojana <brought out>", or "<maker> wale ka … scheme". */
function makerOf(tokens: readonly string[], at: number): string | undefined {
  for (let i = at - 2; i >= 1; i--) {
    if (AGENT.has(tokens[i]!) && GENITIVE.has(tokens[i + 1]!)) return tokens[i - 1];
  }
  if (!tokens.slice(at + 1, at + 1 + DEED_REACH).some((w) => MAKE.test(w) || BRING_OUT.test(w))) return undefined;
  let ne = at - 1;
  while (ne >= 0 && !ERGATIVE.has(tokens[ne]!)) ne--;
  if (ne < 1) return undefined;
  let maker = ne - 1;
  while (maker > 0 && MAKER_TAIL.has(tokens[maker]!)) maker--;
  return tokens[maker];
}

/** How a clause that calls something a scheme reads: a plan made, a private maker's offer, or (undefined) a scheme. */
function schemeOf(k: DialogueKnowledge, tokens: readonly string[]): "plan" | "maker" | undefined {
  const at = tokens.findIndex((w) => SCHEME_WORD.test(w));
  // (a plan is made where no place is said: "<state> me yojana banai gayi" is the state's scheme)
  if (YOJANA.test(tokens[at]!) && MAKE.test(tokens[at + 1] ?? "")) return tokens.some((w) => k.kb.search.isPlace(w)) ? undefined : "plan";
  const maker = makerOf(tokens, at);
  return maker !== undefined && everydayOwner(k, maker) ? "maker" : undefined;
}

/**
 * The turn's "yojana" is a plan the caller makes or a private maker's own scheme, in every clause that says
 * it, with no government, title or place said and no one it is for ("… ke liye"): "plan" or "maker", else
 * undefined (and undefined when no clause says "yojana").
 */
export function privateYojana(k: DialogueKnowledge, text: string): "plan" | "maker" | undefined {
  const clauses = turnSentences(text)
    .flatMap((s) => s.split(/[,;:]/))
    .map((c) => ({ text: c, tokens: nativeTokens(c) }))
    .filter((c) => c.tokens.some((w) => SCHEME_WORD.test(w)));
  if (clauses.length === 0) return undefined;
  if (governmentSaid(nativeTokens(text)) || clauses.some((c) => FOR_WHOM.test(c.text))) return undefined;
  const readings = clauses.map((c) => schemeOf(k, c.tokens));
  return readings.every((r) => r !== undefined) ? readings[0] : undefined;
}
