// What a caller says of the call itself, not of what they need: a check of the line ("can you hear me?",
// "आवाज़ आ रही है?"), and how they came to call ("my son gave me this number, he said you tell about
// government schemes"). Such a sentence says only that the caller wants the helpline's own help; its other
// words (who gave the number, where) are no topic. Read past like the courtesies a question opens with, so
// that what is asked ("can you help me?", "मुझे कुछ पूछना है") is judged alone: a request for help with
// government schemes, met with the guided choice, never refused for the giver's words. General telephone
// language in English, Hindi and romanised Hindi.
import { nativeTokens } from "../knowledge/text.js";
import { DESIGNATOR, FOR_WHOM, HELP_WORDS, PLURAL_SCHEMES, scoreIntents, turnSentences } from "./nlu.js";

/** The line checked ("can you hear me", "awaaz aa rahi hai", "सुनाई दे रहा है"), or the caller asking if anyone is there. */
const LINE_CHECK =
  /(?:^|[^a-z])(?:(?:can|do|could) you hear me|are you there|is anyone there|(?:awaaz|aawaz|awaz|avaaz|avaj|awaj) (?:aa|a) (?:rahi|rhi)|sunai (?:de|pad) (?:raha|rahi|rha))(?:$|[^a-z])|(?:आवाज़|आवाज) (?:आ रही|आ रहा)|सुनाई (?:दे|पड़) (?:रहा|रही)/i;
/** A check of the line is a short sentence: a longer one says something more. */
const LINE_CHECK_WORDS = 8;

/** The helpline's telephone, as the caller speaks of it. */
const PHONE_WORDS = new Set("number numbers phone call calling helpline नंबर नम्बर फोन फ़ोन कॉल हेल्पलाइन".split(" "));
/** "This" and "here" that point at the helpline being called ("this number", "yahan phone karo"). */
const THIS_OR_HERE = new Set("this here ye yeh yah yahan yahaan yahin यह ये इस यहाँ यहां यहीं".split(" "));
/** The government, whose help the helpline tells of. */
export const GOVERNMENT_WORDS: ReadonlySet<string> = new Set("government govt sarkar sarkari सरकार सरकारी".split(" "));

/**
 * The words of scheme a sentence uses name no scheme: each "yojana"/"scheme" is led by the government's word,
 * stands first, or is plural ("schemes", "योजनाओं की जानकारी"): schemes in general, a name is of one.
 */
function namesNoScheme(tokens: string[]): boolean {
  return tokens.every((w, i) => !DESIGNATOR.test(w) || i === 0 || GOVERNMENT_WORDS.has(tokens[i - 1]!) || PLURAL_SCHEMES.test(w));
}

/** A sentence about the call itself: a check of the line, or the helpline's number spoken of as one for government help. */
export function isCallTalk(sentence: string): boolean {
  const tokens = nativeTokens(sentence);
  if (LINE_CHECK.test(sentence) && tokens.length <= LINE_CHECK_WORDS) return true;
  // (the caller's own need of help said with it, "I want help; a shopkeeper handed me this number", is what they ask)
  if (needsHelp(sentence)) return false;
  const aboutTheLine = tokens.some((w) => PHONE_WORDS.has(w)) && tokens.some((w) => THIS_OR_HERE.has(w));
  // (said to be for the government's help or schemes, none named: "<name> yojana" is what the caller asks of)
  const governmentHelp = tokens.some((w) => GOVERNMENT_WORDS.has(w) || DESIGNATOR.test(w));
  return aboutTheLine && governmentHelp && namesNoScheme(tokens);
}

/** The turn without the sentences about the call itself; unchanged when nothing else is said. */
export function withoutCallTalk(text: string): string {
  const all = turnSentences(text);
  const kept = all.filter((s) => !isCallTalk(s));
  return kept.length === 0 || kept.length === all.length ? text : kept.join(" ");
}

/**
 * Words of being put through to someone or of asking for them ("talk", "connect", "baat karao", "जोड़िए",
 * "chahiye", "please"): general telephone language in English, romanised Hindi and Hindi.
 */
const ASKING_FOR_SOMEONE = new Set(
  ("talk speak speaking connect transfer through please want need " +
    "baat karao karaiye karwao karwaiye karwa kara jodo jodiye jod milao milaiye milwao milwa chahiye chaiye chahie dijiye " +
    "बात जोड़ें जोड़िए जोड़ो जोड़ दीजिए कराइए करवाइए कराओ करवाओ मिलाइए चाहिए").split(" "),
);
/** A person asked for in so few words ("agent", "human agent please", "ऑपरेटर") is asked for, whatever the verb. */
const BARE_REQUEST_WORDS = 3;

/**
 * The sentence asks to be put through to a person ("let me talk to a human", "agent please", "एजेंट से बात
 * कराइए"): a word for one, said with a word of asking for someone or nearly alone. A person told of in the
 * caller's story ("the agent has stopped answering", "उनका ऑपरेटर फोन नहीं उठाता") is someone else's, not a
 * request for the helpline's own.
 */
export function asksForPerson(sentence: string): boolean {
  if (scoreIntents(sentence).scores.human === undefined) return false;
  const tokens = nativeTokens(sentence);
  return tokens.length <= BARE_REQUEST_WORDS || tokens.some((w) => ASKING_FOR_SOMEONE.has(w));
}

/** The last sentence of a turn: where a request made after a story is (a story tells, the last sentence asks). */
export function lastSentence(text: string): string {
  return turnSentences(text).at(-1) ?? text;
}

/** The government as a giver: its noun in each way callers say it (not the adjective, "sarkari", of a job or a hospital). */
const GOVERNMENT_GIVER: ReadonlySet<string> = new Set("government govt sarkar सरकार".split(" "));
/** Giving, as callers ask what is given ("deti hai", "देती है", "gives", "pays"). */
const GIVING_WORDS: ReadonlySet<string> = new Set("give gives giving pay pays provide provides deti deta dete degi dega denge देती देता देते देगी देगा देंगे".split(" "));

/** Words that may stand between the government's word and its schemes ("sarkar ki yojana", "सरकार की योजनाएँ"). */
const OF_WORDS: ReadonlySet<string> = new Set("ki ke ka की के का".split(" "));

/**
 * The government's help asked for in one sentence ("sarkar se koi madad milegi?", "government help for …",
 * "सरकारी सहायता"), or its schemes named as such ("government schemes", "sarkari yojana", "सरकार की योजनाएँ"):
 * a question about schemes as surely as one that says "yojana", whatever story is told with it. (The
 * government's schemes are the helpline's whole subject: no scheme's own name starts with the word.)
 */
export function asksGovernmentHelp(text: string): boolean {
  return turnSentences(text).some((s) => {
    const tokens = nativeTokens(s);
    const governmentsSchemes = tokens.some((w, i) => GOVERNMENT_WORDS.has(w) && (DESIGNATOR.test(tokens[i + 1] ?? "") || (OF_WORDS.has(tokens[i + 1] ?? "") && DESIGNATOR.test(tokens[i + 2] ?? ""))));
    // (or what the government itself gives asked, "sarkar kitna deti hai", "what does the government pay": the
    // government as the giver, its noun, not "sarkari" of a job, a hospital or a channel)
    const governmentGives = tokens.some((w) => GOVERNMENT_GIVER.has(w)) && tokens.some((w) => GIVING_WORDS.has(w));
    return governmentsSchemes || governmentGives || (tokens.some((w) => GOVERNMENT_WORDS.has(w)) && tokens.some((w) => HELP_WORDS.has(w)));
  });
}

// (asked as got from it or handed out by it, beside asksGovernmentHelp's "what does it give"; kept apart from
// that one, which is also the scope model's frame evidence, outside.ts)
/** "From" after the government's noun: what comes from it ("sarkar se", "सरकार से", "from the government"). */
const FROM = new Set("se से".split(" "));
/** Getting something, as callers ask what comes from the government ("milta", "milega", "मिलती", "get"). */
const GETTING = new Set("get gets getting milta milti milte milega milegi milenge मिलता मिलती मिलते मिलेगा मिलेगी मिलेंगे".split(" "));
/** Giving out to many ("baant", "बाँटती", "distributes"). */
const HANDING_OUT = new Set("distribute distributes distributing baant baantti bantti baatti baantegi बाँटती बांटती बाँटता बांटता बाँटते बांटते बाँटेगी बांटेगी".split(" "));

/**
 * Something asked of the government as its giver in one sentence: got from it ("sarkar se kuchh mil jayega",
 * "can the state give me anything") or handed out by it ("सरकार … बाँटती है").
 */
export function askedOfGovernment(text: string): boolean {
  return turnSentences(text).some((s) => {
    const tokens = nativeTokens(s);
    const at = tokens.findIndex((w) => GOVERNMENT_GIVER.has(w));
    if (at < 0) return false;
    const fromIt = FROM.has(tokens[at + 1] ?? "") || tokens[at - 1] === "from" || (tokens[at - 1] === "the" && tokens[at - 2] === "from");
    return tokens.some((w) => HANDING_OUT.has(w)) || (fromIt && tokens.some((w) => GETTING.has(w)));
  });
}

/** Words of the caller's own need ("need", "want", "chahiye", "चाहिए"). */
const NEED = new Set("need needs want wanted chahiye chaiye chahie चाहिए".split(" "));

/** A sentence that says the caller needs help ("I need help with money", "madad chahiye"), whatever else it tells. */
export function needsHelp(sentence: string): boolean {
  const tokens = nativeTokens(sentence);
  return tokens.some((w) => NEED.has(w)) && tokens.some((w) => HELP_WORDS.has(w));
}

/** Any help asked of ("is there any help", "koi madad milti hai", "कोई सहायता मिलती है"): whether there is help at all. */
const ANY_HELP = /(?:^|[^a-z])(?:any|koi)\s+(?:[a-z]+\s+)?(?:help|support|assistance|madad|sahayata|sahaita)(?:$|[^a-z])|कोई\s+(?:\S+\s+)?(?:मदद|सहायता)(?![\u0900-\u097f])/i;

/**
 * Help asked for someone in one sentence ("is there any help for <people>?", "<log> ke liye koi madad", "<लोगों>
 * के लिए सहायता"): the words of asking what schemes there are for them, weighed as asking of a scheme is.
 */
export function asksHelpFor(text: string): boolean {
  // (or any help asked of at all, "koi madad hoti hai?", "is there any support for this": what help there is)
  return turnSentences(text).some((s) => (FOR_WHOM.test(s) || ANY_HELP.test(s)) && nativeTokens(s).some((w) => HELP_WORDS.has(w)));
}
