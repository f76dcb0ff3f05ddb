// What the caller asks for, when it is a thing or a service no scheme gives: which product to take or buy
// ("which seeds should we buy", "कौन सा फ़ोन लूँ"), which of two sellers is better, a good or cheap place to be
// told of, a purchase price ("on-road price", "कीमत"), a booking, how to take someone to court, or how to do a
// thing with one's own hands ("kaise sajaun"). Such a
// request is an errand of the caller's own however many words of schemes the story around it holds (a
// farmer, a daughter's wedding, fees): the story tells who asks, the sentence that asks says what is
// wanted. Unless that sentence itself speaks of schemes — calls something a scheme, asks for help or the
// government's, or names what schemes give (a subsidy, a loan, a pension) — which keeps it in scope.
// General language for asking, in English, romanised Hindi and Devanagari; never a product's name.
import { canonicalTokens, nativeTokens, phoneticKey } from "../knowledge/text.js";
import { GOVERNMENT_WORDS } from "./call-talk.js";
import type { DialogueKnowledge } from "./knowledge.js";
import { ownNameWords } from "./name-words.js";
import { DESIGNATOR, FOR_WHOM, HELP_WORDS, scoreIntents, turnSentences } from "./nlu.js";
import { AGENT, GENITIVE } from "./scheme-maker.js";

/** A Devanagari word ends here (no letter or sign of the script follows). */
const END = "(?![\\u0900-\\u097f])";
/** A Devanagari word starts here. */
const START = "(?<![\\u0900-\\u097f])";

/** "Which one" in romanised Hindi and Devanagari. */
const WHICH_LATIN = "(?:kaun|kon)\\s*(?:sa|si|se)|kaunsa|kaunsi|konsa|konsi";
const WHICH_HINDI = "कौन\\s*(?:सा|सी|से)|कौनसा|कौनसी";
/** "Should I take / give / buy" said in the first person, romanised and in Devanagari ("lun", "दूँ", "खरीदूँ"). */
const TAKE_LATIN = "lu|lun|loon|du|dun|doon|khareedu|khareedun|kharidu|kharidun|lagau|lagaun";
const TAKE_HINDI = "लूँ|लूं|दूँ|दूं|खरीदूँ|खरीदूं|ख़रीदूँ|ख़रीदूं|लगाऊँ|लगाऊं";
/** Good, better, cheap: what a choice between sellers or products is asked by. */
const GOOD_LATIN = "accha|achha|acha|acchi|achhi|achi|behtar|badhiya|sasta|sasti|saste";
const GOOD_HINDI = "अच्छा|अच्छी|अच्छे|बेहतर|बढ़िया|सस्ता|सस्ती|सस्ते";
/** "Tell me" in romanised Hindi and Devanagari. */
const TELL_LATIN = "bataiye|batao|bataen|batayen|bataye|bataeye";
const TELL_HINDI = "बताइए|बताइये|बताओ|बताएं|बताएँ|बताये";

/**
 * Which thing to take, give or buy for oneself, which of several is better, or a good or cheap one to be
 * told of ("which brand should we use", "which one is cheaper", "kaun sa khaad lun", "कोई अच्छा दर्ज़ी बताइए").
 */
const CHOICE_FOR_SELF = new RegExp(
  [
    "\\bwhich\\b(?:\\s+\\S+){0,4}?\\s+(?:should|shall|must)\\s+(?:i|we)\\s+(?:take|give|buy|use|choose|pick|purchase)\\b",
    "\\bwhich\\b(?:\\s+one)?\\s+is\\s+(?:better|best|cheaper|cheapest)\\b",
    "\\b(?:suggest|recommend)\\b",
    `\\b(?:${WHICH_LATIN})\\s+(?:\\S+\\s+){0,2}?(?:${TAKE_LATIN})\\b`,
    `\\b(?:${WHICH_LATIN})\\s+(?:\\S+\\s+)?(?:${GOOD_LATIN})\\b`,
    `\\b(?:${GOOD_LATIN})\\s+(?:kaun|kon)\\b`,
    `\\bkoi\\s+(?:${GOOD_LATIN})\\s+\\S+\\s+(?:${TELL_LATIN})\\b`,
    `(?:${WHICH_HINDI})\\s+(?:\\S+\\s+){0,2}?(?:${TAKE_HINDI})${END}`,
    `(?:${WHICH_HINDI})\\s+(?:\\S+\\s+)?(?:${GOOD_HINDI})${END}`,
    `${START}(?:${GOOD_HINDI})\\s+कौन`,
    `कोई\\s+(?:${GOOD_HINDI})\\s+\\S+\\s+(?:${TELL_HINDI})${END}`,
  ].join("|"),
  "i",
);

/** A purchase price asked ("the price of", "on-road", "kimat", "कीमत", "दाम"). */
const PRICE = new RegExp(`\\b(?:price|prices|on-road|ex-showroom|kimat|keemat|kimmat|daam|bhaav)\\b|${START}(?:क़ीमत|कीमत|दाम)${END}`, "i");

/** Taking someone to court or the police ("sue", "file a case", "case kaise karoon", "मुकदमा कैसे करूँ"). */
const LEGAL_ACTION = new RegExp(
  [
    "\\b(?:sue|lawsuit)\\b",
    "\\bfile\\s+(?:a\\s+)?(?:case|suit|fir)\\b",
    "\\b(?:case|fir)\\s+against\\b",
    "\\b(?:case|kes|mukadma|mukadama|mukaddama|fir)\\s+(?:kaise|karun|karoon|karu|karna|darj|file)\\b",
    `${START}(?:केस|मुकदमा|मुक़दमा|एफआईआर)\\s+(?:कैसे|करूँ|करूं|करना|दर्ज)${END}`,
  ].join("|"),
  "i",
);

/** A booking asked how to make ("how do I book", "booking kaise karen", "बुकिंग कैसे करें"). */
const BOOKING = new RegExp(`\\bhow\\s+(?:do|can|should|to)\\s+(?:i\\s+|we\\s+)?book\\b|\\b(?:booking|bukking|book)\\s+(?:kaise|karni|karna|karu|karoon|karen|karein)\\b|${START}(?:बुकिंग|बुक)\\s+(?:कैसे|करें|करूँ|करूं|करनी|करना)${END}`, "i");

/**
 * How to do a thing oneself ("ghar pe kaise jodun", "kaise sajaun", "कैसे बनाऊँ"): "how" and a verb in the first
 * person's wish form (-un, -ऊँ), the caller's own hands at work. Not a causative ("banwaun", "बनवाऊँ": got done
 * by an office, as a card is), nor "karun" (to do: "apply kaise karun" asks a scheme's rule).
 */
const HOW_SELF_LATIN = /\b(?:kaise|kese|kaisey|kaese)\s+(?:[a-z]+\s+)?([a-z]+(?:aun|aoon|oon|un|au))\b/i;
const HOW_SELF_HINDI = new RegExp(`कैसे\\s+(?:\\S+\\s+)?(\\S+(?:ऊँ|ऊं|ूँ|ूं))${END}`);
/** The verb is "to do" or a causative: not the caller's own doing. */
const NOT_OWN_DOING = /^(?:kar|kr)(?:un|oon|u)$|w(?:a|aa)(?:un|oon|u)$|^कर(?:ूँ|ूं)$|वाऊँ$|वाऊं$/;

/** Papers an office makes ("card", "certificate", "praman patra", "खाता"): made for the caller, however it is asked. */
const PAPERS = /\b(?:cards?|certificates?|praman|patra|khata|account|passbook|licen[cs]e)\b|कार्ड|प्रमाण|पत्र|खाता|लाइसेंस/i;

/** The caller asks how to do a thing with their own hands. */
function howToOwnHands(part: string): boolean {
  if (PAPERS.test(part)) return false;
  const verb = (HOW_SELF_LATIN.exec(part) ?? HOW_SELF_HINDI.exec(part))?.[1];
  return verb !== undefined && !NOT_OWN_DOING.test(verb.toLowerCase());
}

/** What schemes give, named in the asking sentence: a request for it is the helpline's, whatever else is asked. */
const SCHEME_GIVES = new RegExp(`\\b(?:subsidy|subsidies|anudan|loan|loans|pension|scholarship|scholarships|chhatravritti|grant|stipend|free|muft|concession)\\b|सब्सिडी|अनुदान|(?:${START})(?:लोन|ऋण|पेंशन|छात्रवृत्ति|मुफ्त|मुफ़्त)${END}`, "i");

/** A field intent this strong asks a scheme's rules (documents, how to apply, whom to contact). */
export const STRONG_FIELD = 5;
/** The fields a choice may be asked of ("which documents should I take", "which form should I fill"). */
const RULE_FIELDS = ["documents", "exclusions", "apply", "contact"] as const;

/** The sentences of a turn that ask (marked with "?"), or its last sentence when none is marked. */
export function askingSentences(text: string): string {
  const sentences = turnSentences(text);
  const asking = sentences.filter((s) => /[?？]$/.test(s));
  return (asking.length > 0 ? asking : sentences.slice(-1)).join(" ");
}

/** The asking sentence speaks of schemes: calls something one, asks for help or the government's, names what they give. */
function speaksOfSchemes(part: string): boolean {
  const tokens = nativeTokens(part);
  return DESIGNATOR.test(part) || SCHEME_GIVES.test(part) || tokens.some((w) => HELP_WORDS.has(w) || GOVERNMENT_WORDS.has(w));
}

/**
 * The turn asks for a thing or a service of no scheme: a product or seller chosen, a price, a booking, a
 * case in court — in the sentence that asks, which does not itself speak of schemes. A choice asked of a
 * scheme's rules ("which documents should I take") is a question of its fields, not of a product.
 */
export function asksPrivateThing(text: string): boolean {
  const part = askingSentences(text);
  if (speaksOfSchemes(part)) return false;
  if (PRICE.test(part) || LEGAL_ACTION.test(part) || BOOKING.test(part)) return true;
  if (!CHOICE_FOR_SELF.test(part) && !howToOwnHands(part)) return false;
  const scores = scoreIntents(part).scores;
  return !RULE_FIELDS.some((f) => (scores[f] ?? 0) >= STRONG_FIELD);
}

/**
 * A scheme's name (the alias it was found by) is said in the sentence that asks, not only in the story
 * before it ("main kisan hoon, …" finds a farmers' scheme by the caller's trade): some of its own words
 * are there, as said or as they sound. A name of no words of its own counts as said.
 */
export function nameSaidIn(k: DialogueKnowledge, alias: string, part: string): boolean {
  const keys = new Set(canonicalTokens(part).map(phoneticKey));
  const own = ownNameWords(k, alias);
  return own.length === 0 || own.some((w) => keys.has(phoneticKey(w)));
}

/**
 * Sellers who are always private (a company, a builder, an app, a shop, a dealer): the word alone says so.
 * Banks, schools, colleges and hospitals are private only when called so ("private school"): the
 * government runs them too, and tells of its schemes through them.
 */
const PRIVATE_SELLERS = new Set(
  "company companies builder builders developer developers app apps shop shopkeeper store showroom dealer dealers mall agency jeweller jewellers dukan dukaan dukandar कंपनी बिल्डर ऐप दुकान दुकानदार शोरूम डीलर".split(" "),
);
/** Institutions the government runs too: a seller's only when the word for the private sector marks them. */
const MARKED_PRIVATE = new Set("bank school college university academy coaching hospital clinic स्कूल कॉलेज अस्पताल".split(" "));
const PRIVATE_MARK = new Set(["private", "pvt", "प्राइवेट", "निजी", "niji"]);
/** The private sector's word stands at most this many words before the institution it marks. */
const MARK_REACH = 2;
/**
 * What a seller does with its offer, said right after it: offers it, tells of it, runs it ("is offering",
 * "bol raha hai", "de rahe hain", "चला रहे हैं"), or has it in it ("<private school> me", "में").
 */
const SELLER_DOES = new Set(
  ("offering offers offered offer says said told telling selling sells gives giving running runs has have had " +
    "bol bolta bolti keh kah kehta kehti de deta deti chala chalata chalati me mein " +
    "बोल बोलता बोलती कह कहता कहती दे देता देती चला चलाता में").split(" "),
);
/** "At" the seller, said right after it ("<dukaan> pe … scheme"); further on it is when, "dukan kholne par" (on opening one). */
const AT_SELLER = new Set("pe par पे पर".split(" "));
/** The seller's deed follows it within this many words. */
const DEED_REACH = 4;
/** Words that call an offer a scheme or a subsidy, as a seller's advertisement does. */
const OFFER_CALLED = /^(?:schemes?|yojana|yojna|योजना|स्कीम|subsidy|subsidies|सब्सिडी)$/;

/**
 * A "scheme" or "subsidy" that is a private seller's own offer: in one sentence, a seller (a company, a
 * builder, an app, a shop, or a "private" school, bank, hospital) offers it, tells of it or has it ("a
 * builder is offering a … scheme", "<app> bol raha hai … yojana", "private school me … scheme"), before the
 * word that calls it one, the government not spoken of and no one it is for said between ("private school
 * me padhne wale bachon ke liye" is a scheme for pupils). Its advice asked ("is it a good deal", "sach me
 * milta hai") is not the helpline's to give. The seller's word, or undefined; undefined too when another
 * clause calls something a scheme with no seller beside it (the government's own, asked of as well).
 */
export function privateOffer(text: string): string | undefined {
  // (each clause that calls something a scheme must be a seller's: "…, should I join <a scheme> too?" speaks
  // of another, the government's)
  const clauses = turnSentences(text).flatMap((s) => s.split(/[,;:]/)).map(nativeTokens).filter((t) => t.some((w) => OFFER_CALLED.test(w)));
  const sellers = clauses.map(sellerOf);
  return sellers.length > 0 && sellers.every((w) => w !== undefined) ? sellers[0] : undefined;
}

/** The seller who offers, tells of or has what a clause calls a scheme, if one does. */
function sellerOf(tokens: string[]): string | undefined {
  if (tokens.some((w) => GOVERNMENT_WORDS.has(w))) return undefined;
  const called = tokens.findIndex((w) => OFFER_CALLED.test(w));
  for (let i = 0; i < called; i++) {
    const w = tokens[i]!;
    const marked = MARKED_PRIVATE.has(w) && tokens.slice(Math.max(0, i - MARK_REACH), i).some((m) => PRIVATE_MARK.has(m));
    if (!PRIVATE_SELLERS.has(w) && !marked) continue;
    // (or the scheme is the seller's own, by its person's genitive, "<seller> wale ki <festival> scheme" — a bare
    // genitive is as often what a scheme is for, "dukan ka bima" —, or runs at it, "<seller> pe")
    const own = (AGENT.has(tokens[i + 1]!) && GENITIVE.has(tokens[i + 2]!)) || AT_SELLER.has(tokens[i + 1]!);
    if (!own && !tokens.slice(i + 1, i + 1 + DEED_REACH).some((d) => SELLER_DOES.has(d))) continue;
    if (FOR_WHOM.test(tokens.slice(i + 1, called).join(" "))) continue;
    return w;
  }
  return undefined;
}

/**
 * A scheme of the knowledge base named by its own name in full, one of the words said a word of schemes'
 * names with no meaning of a kind of help ("Mudra", "Ayushman", not "kisan": farmers): the government's
 * scheme, even told of by a seller. A name said in words of what it gives ("savings scheme") is what any
 * seller calls its own offer too.
 */
export function nameSaidInFull(k: DialogueKnowledge, alias: string, text: string): boolean {
  const own = new Set(ownNameWords(k, alias).map(phoneticKey));
  // the caller's words that say the name, as they said them
  const said = nativeTokens(text).filter((t) => canonicalTokens(t).some((c) => own.has(phoneticKey(c))));
  const saidKeys = new Set(said.flatMap((t) => canonicalTokens(t).map(phoneticKey)));
  const ownWord = (t: string) => k.kb.store.lexicon.englishFor(t).length === 0 && canonicalTokens(t).some((c) => k.concepts.isNameWord(c));
  return own.size > 0 && [...own].every((w) => saidKeys.has(w)) && said.some(ownWord);
}
