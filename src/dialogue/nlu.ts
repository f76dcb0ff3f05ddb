// Understanding a caller's words without an LLM: intent from weighted patterns in English, Hindi and
// romanised Hindi (plus question words of other Indian languages), and entities: age, income, state,
// beneficiary group, and whether the text is about government schemes at all.
import type { Lexicon } from "../knowledge/index.js";
import { canonicalTokens, nativeTokens, phoneticKey } from "../knowledge/text.js";
import type { Intent } from "./types.js";

interface Pattern {
  intent: Intent;
  re: RegExp;
  weight: number;
}

// \b does not work around Devanagari letters, so Hindi alternatives are matched as plain substrings.
const P = (intent: Intent, weight: number, latin: string, native = ""): Pattern[] => [
  { intent, weight, re: new RegExp(`(?:^|[^a-z])(?:${latin})(?:$|[^a-z])`, "i") },
  ...(native ? [{ intent, weight, re: new RegExp(native) }] : []),
];

const PATTERNS: Pattern[] = [
  ...P("human", 5, "agent|human|real person|(?:talk|speak) (?:to|with) a person|operator|customer care|talk to someone|speak to someone|insaan|insan|vyakti se baat|kisi se baat|officer se baat", "इंसान|इन्सान|व्यक्ति से|एजेंट|ऑपरेटर|किसी से बात"),
  ...P("goodbye", 4, "bye|goodbye?|good bye?|that'?s all|that is all|nothing else|no more questions|bas|alvida|band karo|rakhta hoon|rakhti hoon", "अलविदा|बस इतना|बस,|^बस$|फ़ोन रखता|फोन रखता"),
  ...P("goodbye", 2, "thank you|thanks|dhanyavad|dhanyawad|shukriya", "धन्यवाद|शुक्रिया"),
  ...P("greeting", 2, "hi|hello|namaste|namaskar|good morning|good evening|good afternoon|hey", "नमस्ते|नमस्कार|हेलो|हैलो"),
  ...P("repeat", 5, "repeat|say that again|say it again|pardon|once more|dobara|phir se|fir se|again", "दोबारा|फिर से|दोहराइए|दोहराओ"),
  ...P("more", 4, "more|tell me more|continue|go on|aur batao|aur bataiye|aage|next|rest", "और बताइए|और बताओ|आगे|^और$|बाकी"),
  ...P("help", 3, "help|what can i ask|how does this work|madad|sahayata", "मदद|सहायता"),
  ...P("affirm", 3, "yes|yeah|yep|ok|okay|sure|haan|han|ha|ji haan|theek hai|thik hai|bilkul|correct|right", "हाँ|हां|जी हाँ|ठीक है|बिल्कुल"),
  ...P("deny", 3, "no|nope|nahi|nahin|na|not now", "नहीं|^ना$"),
  ...P("exclusions", 6, "who cannot|who can ?not|who can'?t|(?:cannot|can ?not|can'?t) (?:apply|join|avail|get it)|not allowed|not eligible|ineligible|excluded|exclusions?|cannot get|can'?t get|won'?t get|will not get|nahi milega|nahin milega|nahi mil sakta|(?:apply|aavedan|avedan) nahi?n? kar sakt\\w*", "नहीं मिलेगा|नहीं मिलता|नहीं मिल सकता|पात्र नहीं|लाभ नहीं|आवेदन नहीं कर सकत"),
  ...P("documents", 6, "documents?|document list|papers?|kagaz|kagaj|kaagaz|kagzat|dastavez|dastavej|certificates?|proofs?|id proof", "दस्तावेज़|दस्तावेज|कागज़|कागज|कागजात|प्रमाण पत्र"),
  ...P("contact", 6, "helpline|help line|toll[- ]?free|phone number|contact|customer care number|call centre|call center|website|portal|number kya hai", "हेल्पलाइन|टोल फ्री|टोल-फ्री|संपर्क|वेबसाइट|नंबर"),
  ...P("apply", 5, "apply|applying|application|register|registration|enrol|enroll|enrolment|sign up|form|procedure|process|aavedan|avedan|offline|online|where do i go|kahan jaye|kahan jana", "आवेदन|पंजीकरण|रजिस्ट्रेशन|फॉर्म|फार्म|कहाँ जाएं|कहां जाएं|कहाँ जाना|कहां जाना"),
  // whom to go to is where to apply ("kisse milna hoga", "किससे मिलें", "whom should I contact")
  ...P("apply", 5, "whom (?:should|do|must|to|can) (?:i |we )?(?:meet|contact|approach|see)|who (?:should|do|must) (?:i|we) (?:meet|contact|approach|see)|kis ?se (?:mil|sampark)|kiske paas (?:jana|jaye|jaun)", "किससे मिल|किस से मिल|किससे संपर्क|किसके पास जा"),
  // "how" with a verb of doing ("kaise bharein", "कैसे बनवाएं"): the way to get it
  ...P("apply", 3, "kaise \\w+|how (?:do|can|to|should) (?:i|we|one)? ?(?:get|make|open|check|register|avail|claim)", "कैसे \\S+"),
  ...P("eligibility", 7, "who can apply|who all can apply|who can join|who can get|who is eligible|who are eligible|who gets it|can a|can an|can the|kaun apply kar sakta|kaun aavedan kar sakta", "कौन .{0,12}आवेदन|आवेदन कर सकत|कौन .{0,12}ले सकत|किस उम्र|उम्र के लोग"),
  ...P("eligibility", 4, "eligible|eligibility|who can|who all can|who is entitled|can i get|can i join|can he|can she|can we|can my|can someone|can anyone|can a person|qualify|qualifies|criteria|age limit|age criteria|income limit|limit for|who gets|who will get|join|kaun|kisko|kise|patra|patrata|yogya|mil sakta|le sakta|le sakti|kis kis ko|kin (?:\\w+ )?ko|kinko|kinhe|kinhen|can (?:i|we|he|she) (?:still|also|really|even) (?:get|join|apply|avail|take)", "पात्र|पात्रता|योग्य|कौन|किसको|किसे|किस किस को|किन \\S+ को|किनको|किन्हें|ले सकता|ले सकती|मिल सकता|उम्र सीमा|आयु सीमा|उम्र क्या|उम्र कितनी"),
  ...P("benefits", 6, "how much|how many|kitna|kitni|kitne", "कितना|कितनी|कितने"),
  ...P("benefits", 4, "benefits?|how much|how many|amount|money|what do i get|what will i get|what does it give|what do we get|cover|coverage|premium|subsidy|interest|instal?ments?|kitna|kitni|kitne|labh|fayda|faida|paisa|paise|rashi|milta|milti|milega|milegi", "लाभ|फायदा|फ़ायदा|कितना|कितनी|कितने|राशि|पैसा|पैसे|सब्सिडी|किश्त|किस्त|मिलता|मिलती"),
  ...P("overview", 2, "what is|what's|what are|tell me about|about|explain|details|information|jankari|kya hai|batao|bataiye|baare|purpose", "क्या है|के बारे में|जानकारी|बताइए|बताओ|बताएं"),
  ...P("list", 5, "schemes for|which schemes|what schemes|list of schemes|all schemes|any schemes?|schemes? in|schemes? available|kaun si yojana|kaun kaun si|konsi yojana|yojanaye|yojanayen", "कौन सी योजनाएँ|कौन सी योजनाएं|कौन-कौन सी|योजनाएँ|योजनाएं|कौनसी योजना"),
  ...P("eligibility_check", 5, "i am a|i'm a|i am an|i am \\d+|i'm \\d+|my age is|my income|i earn|what can i get|am i eligible|which schemes? (can|should) i|anything for me|for me|main .{1,30} hoon|main .{1,30} hu|mai .{1,30} hu|mujhe kya milega|meri umar|meri umra", "मैं .{1,30} हूँ|मैं .{1,30} हूं|मुझे क्या मिल|मेरी उम्र|मेरे लिए"),
  ...P("related", 5, "similar|related|other schemes?|schemes like|like this|aur koi yojana|dusri yojana|doosri yojana", "मिलती-जुलती|मिलती जुलती|दूसरी योजना|और कोई योजना"),
  // question words of other Indian languages (answered in English)
  { intent: "benefits", weight: 3, re: /எவ்வளவு|ಎಷ್ಟು|എത്ര|ఎంత|কত|કેટલ|ਕਿੰਨ|किती/ },
  // "who" and "to whom" ("কারা", "ఎవరికి", "કોને", "कोणाला"): who can get it
  { intent: "eligibility", weight: 5, re: /யார்|ಯಾರು|ಯಾರಿಗೆ|ആർക്ക|ആര്|ఎవరు|ఎవరికి|কে |কারা|কাদের|કોણ|કોને|ਕੌਣ|ਕਿਸ ਨੂੰ|कोण|कोणाला|କିଏ|କାହାକୁ/ },
  { intent: "documents", weight: 4, re: /ஆவணம்|ದಾಖಲೆ|രേഖ|పత్రాలు|নথি|દસ્તાવેજ|ਦਸਤਾਵੇਜ਼|कागदपत्र/ },
  { intent: "apply", weight: 4, re: /விண்ணப்ப|ಅರ್ಜಿ|അപേക്ഷ|దరఖాస్తు|আবেদন|અરજી|ਅਰਜ਼ੀ|अर्ज/ },
];

/** When two field intents tie, the more specific one wins. */
const PRIORITY: Intent[] = [
  "human", "exclusions", "documents", "contact", "apply", "eligibility_check", "list", "related", "eligibility", "benefits",
  "repeat", "more", "overview", "help", "goodbye", "greeting", "affirm", "deny",
];

export interface IntentScores {
  best: Intent | null;
  scores: Partial<Record<Intent, number>>;
}

export function scoreIntents(text: string): IntentScores {
  const scores: Partial<Record<Intent, number>> = {};
  const lower = text.toLowerCase();
  for (const p of PATTERNS) if (p.re.test(lower)) scores[p.intent] = Math.max(scores[p.intent] ?? 0, p.weight);
  let best: Intent | null = null;
  for (const intent of PRIORITY) {
    const s = scores[intent];
    if (s !== undefined && (best === null || s > scores[best]!)) best = intent;
  }
  return { best, scores };
}

const NUMBER_WORDS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30,
  forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};

const SMALL_NUMBER = "\\d+|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen";
const numberOf = (w: string): number => (/^\d+$/.test(w) ? Number(w) : NUMBER_WORDS[w.toLowerCase()]!);

/** Halves said in words ("three and a half lakh", "dhai lakh", "डेढ़ लाख", "saadhe teen"): the figure in digits. */
function halvesToDigits(text: string): string {
  return text
    .replace(new RegExp(`\\b(${SMALL_NUMBER})\\s+and\\s+a\\s+half\\b`, "gi"), (_m, a: string) => `${numberOf(a) + 0.5}`)
    .replace(new RegExp(`(?:\\b(?:saadhe|sadhe|saade)|(?<![\u0900-\u097f])साढ़े)\\s+(\\d+)`, "gi"), (_m, a: string) => `${Number(a) + 0.5}`)
    .replace(/\b(?:dhai|dhaai|adhai)\b|(?<![\u0900-\u097f])ढाई(?![\u0900-\u097f])/gi, "2.5")
    .replace(/\b(?:dedh|derh)\b|(?<![\u0900-\u097f])डेढ़?(?![\u0900-\u097f])/gi, "1.5");
}

/** "thirty five" → "35", "three and a half lakh" → "3.5 lakh", so that speech-recognised numbers read like digits. */
export function englishNumbersToDigits(text: string): string {
  return halvesToDigits(text).replace(/\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)(?:[\s-]+(one|two|three|four|five|six|seven|eight|nine))?\b(?:\s+(thousand|lakh|hundred))?/gi, (_m, a: string, b: string | undefined, scale: string | undefined) => {
    let n = NUMBER_WORDS[a.toLowerCase()]! + (b ? NUMBER_WORDS[b.toLowerCase()]! : 0);
    if (scale) n *= scale.toLowerCase() === "thousand" ? 1000 : scale.toLowerCase() === "lakh" ? 100000 : 100;
    return String(n);
  });
}

const AGE_RE = [
  /\b(\d{1,3})\s*(?:years?|yrs?|saal|sal|varsh|baras)\b/i,
  /(\d{1,3})\s*(?:वर्ष|साल|बरस)/,
  /\b(?:i am|i'm|age is|age|aged|umar|umra|umr)\s*(?:is\s*)?(\d{1,3})\b/i,
  /(?:उम्र|आयु)\s*(?:है\s*)?(\d{1,3})/,
];

export function parseAge(text: string): number | undefined {
  const t = englishNumbersToDigits(text);
  for (const re of AGE_RE) {
    const m = re.exec(t);
    if (m) {
      const age = Number(m[1]);
      if (age > 0 && age < 120) return age;
    }
  }
  return undefined;
}

/** An income said to be by the year before it is named ("annual income", "सालाना आय"), this close before. */
const YEARLY_BEFORE = /\b(?:annual|yearly|saalana|salana|salaana)\b|सालाना|वार्षिक/i;
const PERIOD_BEFORE_CHARS = 16;

/** Monthly income in rupees from "earn about 10,000 a month", "income 1.2 lakh a year", "कमाई 8000 महीना". */
export function parseMonthlyIncome(text: string): number | undefined {
  const t = englishNumbersToDigits(text);
  const m = /(?:earn|earning|make|makes|making|get paid|income|salary|kamata|kamati|kamai|aay|आय|कमाई|कमाता|कमाती|तनख्वाह|वेतन)\D{0,25}?(\d[\d,]*(?:\.\d+)?)\s*(lakh|लाख|thousand|hazar|हज़ार|हजार)?\s*(?:rupees?|rs\.?|₹|रुपये|रुपए)?\s*(a month|per month|monthly|every month|mahina|mahine|mahine ka|महीना|महीने|a year|per year|yearly|annually|annual|saal|sal|साल|वार्षिक)?/i.exec(t);
  if (!m) return undefined;
  let amount = Number(m[1]!.replace(/,/g, ""));
  const scale = m[2]?.toLowerCase();
  if (scale === "lakh" || scale === "लाख") amount *= 100000;
  else if (scale) amount *= 1000;
  const period = m[3]?.toLowerCase() ?? "";
  // the year may be said before the income ("annual income", "सालाना आय")
  const before = t.slice(Math.max(0, m.index - PERIOD_BEFORE_CHARS), m.index + 1);
  if (/year|annual|saal|sal|साल|वार्षिक/.test(period) || YEARLY_BEFORE.test(before)) amount = amount / 12;
  return Number.isFinite(amount) && amount > 0 ? Math.round(amount) : undefined;
}

/** The sentences of a caller's turn, each with the mark that ends it (a full stop too: a story is told in sentences before the one that asks). */
export function turnSentences(text: string): string[] {
  return text.split(/(?<=[.?？!।])\s+/).map((s) => s.trim()).filter(Boolean);
}

/** Words of time, romanised, in Devanagari and English ("is saal", "ek baar", "आज"): when something is, never a thing or a name. */
export const TIME_WORDS: ReadonlySet<string> = new Set("saal sal varsh mahine mahina hafte hafta din baar bar abhi ab aaj kal year month week day time now today साल वर्ष महीने महीना हफ्ते हफ़्ते दिन बार अभी अब आज कल".split(" "));

/** The plural of "yojana" in each way callers romanise it ("yojanaen", "yojanayein", "yojnaon"). */
const YOJANA_PLURALS = "yojanaen yojanayen yojanaye yojanayein yojnaen yojnayen yojnaye yojnayein yojanaon yojnaon".split(" ");

/** Words that name a scheme as a scheme: what precedes them is a scheme's name or kind. */
export const DESIGNATOR = new RegExp(
  `(?:^|[^a-z])(?:schemes?|yojanas?|yojna|yojnas|${YOJANA_PLURALS.join("|")}|abhiyan|abhiyaan|mission|programme|program|karyakram|nidhi)(?:$|[^a-z])|(?<![\\u0900-\\u097f])(?:योजना|योजनाएं|योजनाएँ|योजनाओं|अभियान|मिशन|कार्यक्रम)`,
  "i",
);

/** The caller's own ("my", "hamari", "मेरी"), romanised and in Devanagari: the word after one names someone of theirs. */
const POSSESSIVES_LATIN = ["my", "our", "mera", "meri", "mere", "hamara", "hamari", "hamare"];
const POSSESSIVES_DEVANAGARI = ["मेरा", "मेरी", "मेरे", "हमारा", "हमारी", "हमारे"];
export const POSSESSIVE_WORDS: ReadonlySet<string> = new Set([...POSSESSIVES_LATIN, ...POSSESSIVES_DEVANAGARI]);
/** The caller speaks of someone of their own ("my son", "meri maa", "हमारे पिताजी"): telling who, not asking of a kind. */
export const OWN_PERSON = new RegExp(`(?:^|[^a-z])(?:${POSSESSIVES_LATIN.join("|")})(?:$|[^a-z])|${POSSESSIVES_DEVANAGARI.join("|")}`, "i");

/**
 * The caller's own errand: when something of theirs will come or where it is ("my gas cylinder", "mera
 * parcel kahan hai", "can you tell me where my parcel is"). The helpline tells what schemes give, not where
 * a delivery is, unless a scheme is named with it.
 */
export const OWN_ERRAND = /(?:^|[^a-z])(?:my|mera|meri|mere|hamara|hamari|hamare)\b.{0,40}(?:kab (?:aayega|aayegi|aaega|aaegi|ayega|ayegi|milega|milegi|pahunchega)|when will (?:it|they|\w+) (?:come|arrive|be delivered)|where is|(?:kahan|kahaan|kaha) (?:hai|pahuncha|pahunchi))|(?:^|[^a-z])where (?:my|our) (?:[a-z]+ ){1,4}(?:is|are)(?:$|[^a-z'])|(?:मेरा|मेरी|मेरे|हमारा|हमारी|हमारे).{0,40}(?:कब आएगा|कब आएगी|कब मिलेगा|कब मिलेगी|कब पहुँचेगा|कहाँ है)/i;

/** Several schemes asked for at once ("which schemes", "योजनाएं"). */
export const PLURAL_SCHEMES = new RegExp(`(?:^|[^a-z])(?:schemes|yojanas|${YOJANA_PLURALS.join("|")}|kaun kaun|konsi konsi)(?:$|[^a-z])|योजनाएं|योजनाएँ|योजनाओं|कौन-कौन|कौन कौन`, "i");

/**
 * An open question over what help there is ("what help is there for …", "which scheme", "kya kya", "कौन सी
 * योजना"), or for any help at all ("is there any government help for …", "koi madad milti hai kya"): it asks
 * what the schemes are, so the choice it gets settles none of them, unlike "is there a pension?" or "tell me
 * about the <kind> scheme", which point at one.
 */
export const OPEN_SCHEME_QUESTION =
  /(?:^|[^a-z])(?:(?:what|which)\s+(?:[a-z]+\s+){0,3}?(?:help|helps|schemes?|yojanas?|yojnas?|benefits?|support|assistance|options?)|(?:any|koi)\s+(?:[a-z]+\s+){0,2}?(?:help|schemes?|yojanas?|yojnas?|madad|sahayata|sahayta|support|assistance)|what\s+(?:is|are)\s+there|kya[- ]kya|kaun ?si|kon ?si|konsi|kaunsi)(?:$|[^a-z])|क्या[- ]क्या|कौन ?सी|कौनसी|कोई\s+(?:\S+\s+){0,2}?(?:योजना|मदद|सहायता)(?![\u0900-\u097f])/i;

/** A scheme pointed at by its kind ("the housing one", "bima wali yojana", "छात्रवृत्ति वाली योजना"). */
export const KIND_REFERENCE = /(?:^|[^a-z])(?:the \w+ (?:one|scheme|yojana)|\w+ (?:wali|wala|wale|vali|vala|waali|waala) (?:(?:koi|kaun ?si|kon ?si|konsi) )?(?:yojana|yojna|scheme)|what about the)(?:$|[^a-z])|\S+ (?:वाली|वाला|वाले) (?:(?:कोई|कौन सी|कौनसी) )?योजना/i;

/** Says whom something is for ("for farmers", "kisan ke liye", "किसानों के लिए"). */
export const FOR_WHOM = /(?:^|[^a-z])(?:for|ke liye|ke liya|keliye|ke lie|ke liyee)(?:$|[^a-z])|के लिए|के लिये/i;
/** Of those, Hindi's postposition, said after whom ("kisan ke liye", "किसानों के लिए"). */
export const HINDI_FOR = /(?:^|[^a-z])(?:ke liye|ke liya|keliye|ke lie|ke liyee)(?:$|[^a-z])|के लिए|के लिये/i;

/** The caller wants the central government's scheme. */
export const CENTRAL = /(?:^|[^a-z])(?:central government|central govt|from the centre|from the center|centre's|center's|central scheme|kendra sarkar|kendriya|kendra ki)(?:$|[^a-z])|केंद्र सरकार|केंद्रीय|केन्द्र/i;

/**
 * Words that say what is asked (documents, who can apply, how much) or that it is about a scheme, not
 * what about: they never name a kind of help or a scheme.
 */
export const FRAME_WORDS = new Set(
  ("eligible eligibility who can cannot documents document papers paper apply application applying register registration " +
    "benefits benefit how much many what which where when tell about details detail information info helpline number numbers " +
    "scheme schemes yojana yojna yojanas yojnas " +
    YOJANA_PLURALS.join(" ") +
    " abhiyan mission programme programmes program programs " +
    "karyakram get give gives join need needed chahiye chahie chaiye " +
    "required kaun kya kaise kitna kitni kitne patra labh dastavez kagaz kagaj aavedan avedan milta milti milega milegi " +
    "registered require joining avail gets getting given provide provides offer also still under with from please want know " +
    "government govt central state sarkar sarkari centre center kendra kendriya rajya process procedure form forms status check " +
    "india indian bharat bharatiya national rashtriya baare bare jaankari jankari jaanna janna jaanana puchna poochna " +
    // the words for asking itself ("I have a question"): they say that something is asked, never what
    "ask asking question questions query queries sawal sawaal savaal prashn prashna puchhna poochhna " +
    "mil sakta sakti sakte paana pana paane pane " +
    "सरकार सरकारी आवेदन पात्र पात्रता लाभ दस्तावेज़ दस्तावेज कागज़ कागज मिलता मिलती मिलेगा मिलेगी कौन सकता सकती सकते " +
    "चाहिए करें कैसे कितना कितनी कितने योजना योजनाएं योजनाएँ योजनाओं जानकारी बारे फॉर्म जानना पूछना मिल पाना पाने " +
    "सवाल सवालों प्रश्न प्रश्नों पूछनी पूछने").split(" "),
);

/**
 * Words for people in general ("people", "families", "लोग"): they say who asks, not what kind of help nor
 * which group of people, so they never make a concept a choice of schemes must hold.
 */
export const PERSON_WORDS = new Set(
  ("people peoples person persons family families citizen citizens individual individuals someone anyone everyone household households " +
    "log logon logo logon parivar parivaron pariwar nagrik nagrikon vyakti " +
    "लोग लोगों परिवार परिवारों नागरिक नागरिकों व्यक्ति व्यक्तियों").split(" "),
);

/**
 * Words for help in general ("support", "welfare", "madad", "सहायता"): every scheme is one, so they never
 * make a concept a choice of schemes must hold.
 */
export const HELP_WORDS = new Set(
  ("help helps support supports supported assistance assist aid aids welfare facility facilities " +
    "madad sahayata sahaita sahyog kalyan suvidha suvidhayen " +
    "मदद सहायता सहयोग कल्याण सुविधा सुविधाएं सुविधाएँ").split(" "),
);

/**
 * Words that say who runs a scheme ("Chief Minister", "Pradhan Mantri"): part of many names, they are no
 * sign that a question is about schemes (a question about who holds an office is general knowledge), though they may choose
 * among schemes once it is.
 */
export const RUNNER_WORDS = new Set(
  ("chief minister ministers prime pradhan mantri mukhyamantri mukhya cm pm " + "मुख्यमंत्री प्रधानमंत्री प्रधान मंत्री मुख्य").split(" "),
);

// Devanagari words are matched with their own boundaries: "आयु" (age) is not "आयुष्मान", "आय" (income) not "आयु"
const D = (word: string) => `(?<![\u0900-\u097f])${word}(?![\u0900-\u097f])`;
// "age" is written in Devanagari as often as said in Hindi ("एज लिमिट")
// "saal ka" alone is "of the year" ("saal ka kitna bhatta"), "kitne saal ke liye" a period: an age is
// "kitne saal ka", "17 saal ki"
const AGE_ASKED = new RegExp(
  `\\b(?:(?<!old )age|aged|ages|umar|umr|umra|years? old|how old|(?:kitne|kitni|\\d{1,3})\\s+(?:saal|sal|varsh)\\s+(?:ka|ki))\\b|${D("उम्र")}|${D("उमर")}|${D("आयु")}|${D("एज")}|${D("ऐज")}|(?:कितने|कितनी|\\d{1,3})\\s+(?:साल|वर्ष)\\s+${D("(?:का|की)")}`,
  "i",
);
/**
 * The caller's own age said ("I am 61 and …", "he is 29", "main 52 saal ki hoon", "मैं 47 की हूँ"): a scheme's
 * age limit is what they must meet, though they ask nothing of it.
 */
const AGE_STATED = new RegExp(
  `\\b(?:i m|i'm|i am|he is|she is|he s|she s|aged?)\\s+(?:about\\s+|around\\s+|only\\s+|now\\s+)?\\d{1,2}(?:\\s+(?:years?|yrs?)(?:\\s+old)?)?\\s*(?:$|[,.;?!]|and\\b|now\\b|but\\b|so\\b)` +
    `|\\b\\d{1,2}\\s+(?:saal\\s+|sal\\s+|varsh\\s+)?(?:ka|ki)\\s+(?:hoon|hun|hu|hai|hain|ho)\\b` +
    `|\\d{1,2}\\s+(?:साल\\s+|वर्ष\\s+)?(?:का|की)\\s+${D("(?:हूँ|हूं|हूॅं|है|हैं|हो)")}`,
  "i",
);
/** A figure of years in words as well as digits ("61", "sixty-one"). */
const YEARS_FIGURE = "(?:\\d{1,3}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine)";
/**
 * Someone's age said with its figure ("sixty-one years old", "20 saal ka hai", "20 साल का है"): the
 * caller telling it, not asking it ("17 saal ka hona chahiye?" asks it). What they ask beside it ("how much
 * is the pension?") is the question; alone it asks, like AGE_STATED, whether they are old enough.
 */
const AGE_TOLD = new RegExp(
  `\\b${YEARS_FIGURE}\\s+(?:years?|yrs?)\\s+old\\b` +
    `|\\b\\d{1,3}\\s+(?:saal|sal|varsh)\\s+(?:ka|ki|ke)\\b(?!\\s+(?:hona|honi|hone|hoga|hogi)\\b)` +
    `|\\d{1,3}\\s+(?:साल|वर्ष)\\s+(?:का|की|के)(?![\u0900-\u097f])(?!\\s+(?:होना|होनी|होने|होगा|होगी)(?![\u0900-\u097f]))`,
  "gi",
);
/** The same, tested for (a global pattern would carry its lastIndex from one test to the next). */
const HAS_AGE_TOLD = new RegExp(AGE_TOLD.source, "i");
/** The caller's own income: like an age, a measure a scheme asks of who can apply. */
const INCOME_ASKED = new RegExp(`\\b(?:income|incomes|aay|aamdani|amdani|kamai|earnings?)\\b|${D("आय")}|${D("आमदनी")}|${D("कमाई")}`, "i");
/** Whether a question speaks of the caller's income ("income limit", "सालाना आय कितनी"). */
export const asksOfIncome = (text: string): boolean => INCOME_ASKED.test(text);
// "padha likha" (lettered, schooled) is how far one has studied as much as "padhai" is, and so is "padha"
// alone, studied ("kitna padha likha ho", "कितना पढ़ा होना ज़रूरी")
const SCHOOLING_ASKED = new RegExp(`\\b(?:education|educational|qualifications?|literate|schooling|padhai|padhayi|shiksha|class pass|padh[aei]\\s+likh[aei]|padh[aei])\\b|${D("पढ़ाई")}|${D("शिक्षा")}|${D("शैक्षिक")}|${D("योग्यता")}|पढ़[ाेी][\\s-]+लिख[ाेी](?![\u0900-\u097f])|${D("(?:पढ़|पढ)[ाेी]")}`, "i");
/** Whether a question speaks of how far the caller has studied ("कितनी पढ़ाई होनी चाहिए", "education needed"). */
export const asksOfSchooling = (text: string): boolean => SCHOOLING_ASKED.test(text);
const TIME_ASKED = /\b(?:when|how long|how soon|how many years|kab|kitne din|kitne mahine|kitne saal|days?|din|months?|mahine|mahina|weeks?|hafte|hours?|ghante|period|deadline|date|tarikh|tareekh|tarik|tithi|time ?limit|till|until|within|lock-?in)\b|कब|कितने दिन|कितने महीने|कितने साल|कितने वर्ष|कितने सालों|दिन|दिनों|महीने|सप्ताह|हफ्ते|घंटे|तारीख|अवधि/i;
/**
 * A time the caller tells of what has happened ("he died last month", "पिछले साल", "do saal pehle"): part
 * of their story, no time asked of the scheme.
 */
const TIME_TOLD =
  /\b(?:last|past|previous|pichhle|pichle|pichhli|pichli|pichhla|pichla)\s+(?:month|year|week|mahine|mahina|saal|sal|varsh|hafte|hafta)\b|\b(?:\d+|a|one|two|three|ek|do|teen)\s+(?:days?|months?|years?|weeks?|din|mahine|saal|sal|hafte)\s+(?:ago|back|pehle|pahle)\b|(?:पिछले|पिछली|पिछला)\s+(?:महीने|साल|वर्ष|हफ्ते|सप्ताह)(?![\u0900-\u097f])|(?:\d+|एक|दो|तीन)\s+(?:दिन|महीने|साल|वर्ष|हफ्ते)\s+पहले(?![\u0900-\u097f])/gi;
/**
 * A routine or a rate the caller tells ("we cook twice each day", "paid ₹250 daily", "हर दिन", "प्रतिदिन"): how often
 * they do something or how a sum is counted, no time asked of the scheme.
 */
const ROUTINE_TOLD =
  /\b(?:every|each|per|har|prati)\s+(?:day|week|din|hafte|hafta)\b|(?:हर|प्रति)\s+(?:दिन|सप्ताह|हफ्ते)(?![\u0900-\u097f])|(?<![\u0900-\u097f])प्रतिदिन(?![\u0900-\u097f])/gi;
/**
 * The part of a question that asks: of several sentences, those ended by "?" or holding a question word. A
 * sentence that only tells ("Our daughter-in-law is six months along.", "bahu ka chhatha mahina hai") is the caller's
 * story; a time in it is not asked. One sentence, or none that asks, is the whole question.
 */
function sentencesOf(text: string): { asking: string[]; telling: string[] } {
  const parts = turnSentences(text);
  const asking = parts.filter((p) => /[?]\s*$/.test(p) || QUESTION_WORD.test(p) || HOW_MUCH.test(p) || YES_NO.test(p.trim()));
  return parts.length < 2 || !asking.length ? { asking: [text], telling: [] } : { asking, telling: parts.filter((p) => !asking.includes(p)) };
}
/** The sentences of a question that ask, as one text. */
function askingPart(text: string): string {
  return sentencesOf(text).asking.join(" ");
}
/**
 * The words of time in the sentences of a question that only tell ("bahu ka chhatha mahina hai"), and in no
 * sentence that asks: the caller's story. Read where the question's marks are gone (a scheme's name taken out).
 */
export function toldTimeWords(text: string): Set<string> {
  const { asking, telling } = sentencesOf(text.toLowerCase());
  const asked = new Set(asking.flatMap((p) => nativeTokens(p)));
  return new Set(telling.flatMap((p) => nativeTokens(p)).filter((w) => !asked.has(w) && TIME_ASKED.test(w)));
}
/**
 * A time limit asked ("by when", "within how many days", "kitne din ke andar", "कितने दिन के भीतर", "कब तक"):
 * a deadline, which a condition of applying may set as often as a benefit.
 */
const DEADLINE_ASKED =
  /\b(?:by when|till when|until when|within how (?:many|long|much time)|how soon|kab tak|(?:last|closing|due|final) dates?|deadlines?|time ?limits?|(?:aakhri|akhri|aakhiri|antim) (?:tareekh|tarikh|tarik|tithi|date)|samay ?(?:seema|sima)|(?:kitne|kitni)\s+(?:\S+\s+)?(?:din|dino|dinon|mahine|mahino|hafte|saal|sal)\s+(?:ke\s+)?(?:andar|bhitar))\b|(?:कितने|कितनी)\s+(?:\S+\s+)?(?:दिन|दिनों|महीने|महीनों|हफ्ते|सप्ताह|साल|वर्ष)\s+(?:के\s+)?(?:अंदर|भीतर)|कब तक|(?:आखिरी|आख़िरी|अंतिम)\s+(?:तारीख|तारीख़|तिथि|डेट)|समय\s*सीमा/i;
/** A period an amount is counted by ("per month", "हर महीने", "mahine ka"). */
export const PER_PERIOD = /\b(?:per|a|every|each|har|prati)\s+(?:month|year|mahine|mahina|saal|sal|varsh)\b|\bmonthly\b|(?:हर|प्रति)\s+(?:महीने|माह|साल|वर्ष)|(?<!(?:kitne|kitni|kitna|कितने|कितनी|कितना)\s)(?:\bmahine|\bmahina|महीने|माह)\s+(?:ka|ki|ke|का|की|के)(?![\u0900-\u097f])/i;
/** A bound asked for, above ("maximum") or below ("at least", "कम से कम"): either may be that there is none. */
const LIMIT_ASKED = /\b(?:limits?|ceiling|cap|maximum|max|minimum|min|seema|sima|at least|at most|the most|up ?to how (?:much|many)|(?:kitne|kitna|kitni) tak|kam se kam|(?:zyada|jyada|ziyada|jada) se (?:zyada|jyada|ziyada|jada)|adhiktam|nyuntam)\b|सीमा|लिमिट|अधिकतम|न्यूनतम|कम से कम|(?:ज़्यादा|ज्यादा|अधिक) से (?:ज़्यादा|ज्यादा|अधिक)/i;
const OFTEN_ASKED = /\b(?:how often|how frequently|how many times|kitni (?:baar|bar|dafa|martaba)|kitne (?:baar|bar))\b|कितनी बार|कितनी दफा|कितने बार|कितनी मर्तबा/i;
const DISTANCE_ASKED = /\b(?:how far|kitni door|kitni dur|distance|kilomet\w*|km)\b|कितनी दूर|(?<![\u0900-\u097f])दूरी|किलोमीटर/i;
/**
 * A size asked of money ("how large a grant", "kitna bada karza", "कितना बड़ा ऋण"): the question word is spent on the
 * sum, as "how much loan" is, not on an area.
 */
const SIZE_OF_MONEY =
  /\b(?:how big|how large|kitna bada|kitni badi|kitne bade)(?=\s+(?:an?\s+)?(?:\S+\s+)?(?:loans?|grants?|subsid(?:y|ies)|amounts?|sums?|pensions?|scholarships?|stipends?|karz|karza|rin)\b)|(?:कितना बड़ा|कितनी बड़ी|कितने बड़े)(?=\s+(?:\S+\s+)?(?:लोन|ऋण|कर्ज|कर्ज़|अनुदान|राशि|सब्सिडी|पेंशन|छात्रवृत्ति)(?![\u0900-\u097f]))/gi;
/**
 * How far one must have studied, asked by its level rather than "how much" ("till what class", "what
 * standard", "कौन सी कक्षा", "kitvi pass"): a class or degree answers it.
 */
const SCHOOLING_LEVEL_ASKED =
  /\b(?:which|what)\s+(?:\S+\s+)?(?:class|standard|std|grade|qualifications?)\b|\bhow (?:much|far) (?:\S+\s+){0,3}studied\b|\b(?:kaun ?si|kon ?si|konsi|kaunsi|kitni|kitvi|kitvin)\s+(?:class|kaksha|kaksa|pass)\b|(?:कौन\s*सी|कौनसी|कितनी|कितवीं)\s+(?:कक्षा|क्लास)(?![\u0900-\u097f])|कितवीं\s+पास/i;
const SIZE_ASKED = /\b(?:how big|how large|size|kitna bada|kitni badi|kitne bade)\b|कितना बड़ा|कितनी बड़ी|कितने बड़े|(?<![\u0900-\u097f])आकार|क्षेत्रफल/i;
const MONEY_ASKED = /\b(?:amount|rashi|paisa|paise|money|rupees?|rupaye|rs|premium|subsidy|rate|interest|fees?|cost|price|contribution|stipend|grant|salary|package|pension|loan|income|wages?|mazdoori|majduri|scholarship|instal?ments?|kisht|kist|overdraft|invest\w*|deposits?|jama)\b|राशि|जमा|पैसा|पैसे|रुपये|रुपए|सब्सिडी|प्रीमियम|ब्याज|(?<![\u0900-\u097f])आय(?![\u0900-\u097f])|लोन|ऋण|पेंशन|मजदूरी|किश्त|किस्त|छात्रवृत्ति/i;
/**
 * What the scheme pays out, asked ("what would it pay a widow", "what will they pay", "what does the fund give"): an amount. Not
 * what the caller pays in ("what must I pay" asks a fee or premium by its own word).
 */
const PAYOUT_ASKED = /\bwhat\s+(?:does|do|will|would|did)\s+(?!(?:i|we|you)\b)(?:\S+\s+){0,6}?(?:pay|give)\b|\bpay(?:s|ing)?\s+out\b|\bpayouts?\b|\bcompensation\b/i;
/** Money asked for as a sum paid or lent ("how much loan", "kitna paisa"): a rate ("2%") does not say it. */
const SUM_ASKED = /\b(?:loan|pension|paisa|paise|money|rupees?|rupaye|rashi|amount|stipend|salary|wages?|mazdoori|majduri|instal?ments?|kisht|kist|overdraft|deposits?|jama)\b|जमा|लोन|ऋण|पेंशन|पैसा|पैसे|रुपये|रुपए|राशि|मजदूरी|किश्त|किस्त/i;
/** Money asked for as a rate or a share ("how much interest", "kitni subsidy"): a percentage says it. */
const RATE_ASKED = /\b(?:rates?|interest|premium|subsidy|percent\w*|contribution|share|byaj)\b|ब्याज|प्रीमियम|सब्सिडी|प्रतिशत|(?<![\u0900-\u097f])दर(?![\u0900-\u097f])/i;
/**
 * A word of a share as such ("interest", "byaj", "pratishat", "ब्याज दर"): a figure asked of it is a
 * percentage, not a sum in rupees. Subsidy and premium are said either way, so not here.
 */
const PERCENT_ASKED = /\b(?:rates?|interest|percent\w*|pratishat|pratisat|byaj|byaaj|biyaj)\b|%|ब्याज|प्रतिशत|फीसदी|(?<![\u0900-\u097f])दर(?![\u0900-\u097f])/i;
/** Whether a word of the caller's names a share ("interest", "ब्याज", "pratishat"): its figure is a percentage of it. */
export const namesShare = (word: string): boolean => PERCENT_ASKED.test(word);
/** Whether a word says "percent" itself: a percentage written "%" says it too. */
export const saysPercent = (word: string): boolean => /^(?:percent\w*|pratishat|pratisat|%)$|^(?:प्रतिशत|फीसदी)$/i.test(word);
const QUANTITY_ASKED = /\b(?:kilos?|kgs?|kilograms?|litres?|liters?|quintals?|grams?|acres?|hectares?)\b|किलो|लीटर|क्विंटल/i;
const HOW_MUCH = /\b(?:how much|how many|kitna|kitni|kitne|maximum|minimum|limit|(?:what(?:'s| is| would be| will be)?|how much is) the most)\b|कितना|कितनी|कितने|अधिकतम|न्यूनतम|सीमा|எவ்வளவு|ಎಷ್ಟು|എത്ര|ఎంత|কত|કેટલ|ਕਿੰਨ|किती/i;
/**
 * A requirement of the applicant asked for ("how much disability must a person have"). Hindi's "होना
 * चाहिए" says nothing of whom ("घर कितना बड़ा होना चाहिए" asks what is given): only a person named counts.
 */
export const REQUIREMENT = /\b(?:must|should) (?:i|one|he|she|we|you|a person|the applicant|an applicant|the family|my family) (?:have|be)\b|\b(?:applicants?|persons?|i|we) (?:needs?|required) to (?:have|be)\b/i;

/** The question words of an amount ("how much", "कितना"), without a bound ("maximum") that may be of an age. */
const HOW_MUCH_WORD = /\b(?:how much|how many|kitna|kitni|kitne)\b|कितना|कितनी|कितने/i;
/**
 * A question word spent on a measure other than money ("how many days", "kitni umar", "कितने साल तक"), or
 * following the measure it asks ("umar kitni", "आकार कितना"); a time before it counts an amount by the
 * period ("mahine ka kitna bhatta").
 */
const MEASURED_QUESTION =
  /\b(?:how many|how much|kitne|kitni|kitna)\s+(?:\S+\s+)?(?:days?|months?|years?|weeks?|hours?|times|din|dino|dinon|mahine|mahino|saal|sal|varsh|hafte|ghante|baar|bar|dafa|umar|umr|umra|door|dur|km|kilomet\w*|bada|badi|bade|big|large)\b|(?:कितने|कितनी|कितना)\s+(?:\S+\s+)?(?:दिन|दिनों|महीने|महीनों|साल|सालों|वर्ष|वर्षों|सप्ताह|हफ्ते|घंटे|बार|दफा|उम्र|उमर|आयु|दूर|किलोमीटर|बड़ा|बड़ी|बड़े)(?![\u0900-\u097f])|\b(?:age|umar|umr|umra|aakar|size|doori|duri|distance)\s+(?:\S+\s+)?(?:kitne|kitni|kitna)\b|(?:उम्र|उमर|आयु|आकार|क्षेत्रफल|दूरी)\s+(?:\S+\s+)?(?:कितने|कितनी|कितना)/gi;

/**
 * How many figures of amount a question asks, each by its own question word ("how much is the pension, and
 * how much after the third year?", "पहले साल कितना, फिर कितना"); a word spent on a time or a count
 * of people is not one.
 */
export function amountsAsked(text: string): number {
  return (text.replace(MEASURED_QUESTION, " ").replace(PERSONS_ASKED, " ").match(new RegExp(HOW_MUCH_WORD.source, "gi")) ?? []).length;
}

/**
 * A count of people asked ("how many people of one family", "kitne log", "कितने सदस्य", "how many daughters"): the question word
 * is spent on the people, and a word of money beside it ("loan") names the topic.
 */
const PERSONS_ASKED = /\b(?:how many|kitne|kitni)\s+(?:\S+\s+)?(?:people|persons?|members?|individuals?|beneficiaries|children|kids|daughters|sons|girls|boys|log|logon|logo|vyakti|sadasya|bachche|bacche|bachchon|betiyan|betiyon|ladkiyan|ladkiyon)\b|(?:कितने|कितनी)\s+(?:\S+\s+)?(?:लोग|लोगों|व्यक्ति|सदस्य|सदस्यों|लाभार्थी|बच्चे|बच्चों|बेटियां|बेटियों|लड़कियां|लड़कियों)(?![\u0900-\u097f])/gi;

/**
 * A child (a daughter, a pregnancy) named by its order ("the third child", "doosri beti", "तीसरे बच्चे"): whether
 * it is had for that one is answered by the rule that counts children ("up to two pregnancies").
 */
const CHILD_ORDER_ASKED =
  /\b(?:second|third|fourth|fifth|2nd|3rd|4th|5th|dusr[aei]|doosr[aei]|teesr[aei]|tisr[aei]|chauth[aei]|paanchv[aei])\s+(?:\S+\s+)?(?:child|baby|kid|daughter|son|girl|pregnancy|delivery|bac+h+[aeo]n?|bachch[aeo]n?|beti|beta|bete|ladki|santan|prasav)\b|(?<![\u0900-\u097f])(?:दूसर|तीसर|चौथ|पांचव|पाँचव)[ाेी]\s+(?:\S+\s+)?(?:बच्चे|बच्चा|बच्ची|बेटी|बेटा|बेटे|लड़की|संतान|प्रसव|गर्भावस्था)(?![\u0900-\u097f])/i;

/** A question word that asks for a fact (what, how, when, who), not the particle of a yes/no question (kya, क्या). */
const WH_WORD = /\b(?:what|which|how|when|who|whom|where|kab|kaun|kitna|kitni|kitne|kaise|kahan)\b|कब|कौन|कितन|कैसे|कहाँ|कहां/i;

/** "when" in a yes/no question is a condition ("does it pay when crops are lost?"), not a time asked for. */
const CONDITIONAL_WHEN = /\b(?:when|jab)\b|(?<![\u0900-\u097f])जब(?![\u0900-\u097f])/gi;

/** A yes/no question: led by a verb ("is there", "does it") or by क्या/kya, or ended by kya ("milta hai kya"). */
const YES_NO = /^(?:is|are|does|do|did|can|could|will|would|should|has|have|kya)\b|\bkya\s*\??$|^क्या|क्या\s*[?।]?$/i;
// "kis umar", "kin logon", "किस उम्र": Hindi's "which" before a noun asks as "kaun" does
const QUESTION_WORD = /\b(?:what|which|how|when|kya|kab|kaun|kitna|kitni|kitne|kis|kin)\b|क्या|कब|कौन|कितन|(?<![\u0900-\u097f])(?:किस|किन)(?![\u0900-\u097f])/i;

/** Fields whose questions ask for a list or a way, not a figure, and the score that says a question asks for one. */
const OTHER_FIELDS: Intent[] = ["documents", "apply", "contact", "exclusions"];
const STRONG_INTENT = 5;

/** The kind of fact a question asks for, beyond its field. */
/** "age" and "income" are asked by a caller saying their own too: what a scheme asks of them is the answer. */
export type Asks = "amount" | "sum" | "age" | "income" | "duration" | "deadline" | "frequency" | "count" | "persons" | "distance" | "size" | "limit" | "place" | "schooling" | "phone" | "paper" | "another";

/**
 * A number to call asked ("is there a helpline", "toll free number", "फ़ोन नंबर"): answered by a phone number,
 * wherever the record writes it. ("number" alone is marks or a count: "kitne number chahiye".)
 */
const PHONE_ASKED = /\b(?:helplines?|help line|toll[- ]?free|phone|telephone|(?:contact|mobile|call|calling|customer care)\s+(?:numbers?|no))\b|हेल्पलाइन|हेल्प लाइन|टोल फ्री|टोल-फ्री|फोन|फ़ोन|(?<![\u0900-\u097f])संपर्क\s+(?:नंबर|नम्बर|सूत्र)/i;

/**
 * A paper asked by its kind beside another fact ("what is the least age, and which licence is needed?"): a
 * sentence naming a licence, card or certificate answers that part. (Asked alone, the documents field does.)
 */
const PAPER_ASKED =
  /\b(?:what|which|kaun|kaunsa|kaunsi|konsa|konsi|kya)\s+(?:\S+\s+)?(?:licen[cs]es?|certificates?|cards?|documents?|papers?|proofs?|kagaz\w*|kagaj\w*|praman\s*patra)\b|(?:कौन|कौनसा|कौनसी|कौन सा|कौन सी|क्या)\s+(?:\S+\s+)?(?:लाइसेंस|प्रमाणपत्र|प्रमाण पत्र|कार्ड|दस्तावेज़|दस्तावेज|कागज़|कागज)(?![\u0900-\u097f])/i;

/** A word that says a benefit is already had: "already", "pehle se", "पहले से". */
const ALREADY = /\b(?:already|currently|pehle se|pahle se|pehle hi se)\b|(?<![\u0900-\u097f])पहले से(?![\u0900-\u097f])/gi;
/** A benefit of a scheme by its kind ("pension", "scholarship", "bhatta", "योजना"). */
const BENEFIT_HELD = /\b(?:pensions?|scholarships?|allowances?|stipends?|bhatta|bhatte|vazifa|schemes?|yojana|yojna|benefits?)\b|पेंशन|छात्रवृत्ति|भत्ता|भत्ते|वजीफा|योजना|लाभ/i;
/** Being given something, now ("gets", "is receiving", "milti hai", "मिल रही है"). */
const GETTING = /\b(?:gets?|getting|receives?|receiving|draws?|drawing|availing|avails|milti|milta|milte|mil rahi|mil raha|mil rahe|le rahe|le rahi|le raha|leta|leti|lete)\b|मिलती|मिलता|मिलते|मिल रही|मिल रहा|मिल रहे|ले रहे|ले रही|ले रहा|लेता|लेती|लेते/i;
/** A word that starts a question: what the caller has is told before it. */
const ASKING_WORD = /^(?:how|what|which|when|whether|can|will|kya|kitna|kitni|kitne|kab|kaun|kaise)$|^(?:क्या|कितना|कितनी|कितने|कब|कौन|कैसे)$/i;
/** The words after "already" that tell what is had: up to the end of its sentence, and no further than this. */
const HELD_SPAN_WORDS = 10;

/**
 * A benefit the caller (or their kin) already has from a scheme ("my mother already draws a widow pension",
 * "chacha pehle se viklang bhatta le rahe hain", "पहले से छात्रवृत्ति मिल रही है"): the span that tells it, to be
 * read as the story. Asked beside it, whether this scheme may be had too is answered by the record's rule on
 * other schemes; its word of money is no sum asked.
 */
export function benefitHeld(text: string): string | undefined {
  for (const m of text.matchAll(ALREADY)) {
    // up to the end of its sentence, or the word that starts asking (words come without marks after a name is taken out)
    const words = (text.slice(m.index).split(/[.?!।;]/)[0] ?? "").split(/\s+/).slice(0, HELD_SPAN_WORDS + 1);
    const asking = words.findIndex((w, i) => i > 0 && ASKING_WORD.test(w));
    const span = (asking > 0 ? words.slice(0, asking) : words).join(" ");
    if (BENEFIT_HELD.test(span) && GETTING.test(span)) return span;
  }
  return undefined;
}

/**
 * Whether a scheme's name (`alias`) is said only in what the caller tells they already have ("she already
 * draws the <kind> pension; what would this one pay?"): the scheme they have is part of their story, not the
 * one asked about.
 */
export function namedOnlyAsHeld(text: string, alias: string): boolean {
  const lower = text.toLowerCase();
  const held = benefitHeld(lower);
  if (!held) return false;
  const keys = new Set(canonicalTokens(alias).filter((w) => !FRAME_WORDS.has(w)).map(phoneticKey));
  const names = (part: string) => canonicalTokens(part).some((w) => keys.has(phoneticKey(w)));
  return names(held) && !names(lower.replace(held, " "));
}

/** Where to go, or whom to see ("kahan jana padega", "किससे मिलें", "where do I apply"). */
const PLACE_ASKED = /\b(?:where|whom|kahan|kahaan|kaha|kidhar|kis ?se (?:mil|sampark)|kiske paas)\b|कहाँ|कहां|किधर|किससे मिल|किस से मिल|किससे संपर्क|किसके पास/i;

/**
 * The kind of fact a question asks for: an age, a time or period, how often, a distance, an amount (a sum
 * in rupees, or any figure of money), or a count. "kitne din" asks for a time, "kitni baar" how often,
 * "kitni umar" an age, "kitna paisa" a sum, "how much subsidy" an amount (a rate says it too).
 */
export function questionAsks(text: string, schemeKnown = false): Asks[] {
  // "how large a grant" asks its sum as "how much loan" does; a benefit already had is told, not asked
  const lower = text.toLowerCase();
  const held = schemeKnown ? benefitHeld(lower) : undefined;
  const t = (held ? lower.replace(held, " ") : lower).replace(SIZE_OF_MONEY, "how much");
  // once the scheme is known, a request without a question word ("money for a pregnant woman") may still ask
  // for its figure; before, a word of money names a kind of help as often as it asks for an amount
  // once the scheme is known, "where" asks for a place of its own: an office, a centre, a portal
  const place = schemeKnown && PLACE_ASKED.test(t);
  // so is a number to call, asked whether or not with a question word ("is there a helpline?")
  const phone = schemeKnown && PHONE_ASKED.test(t);
  // a caller who says their age or income asks, when nothing else, whether they are old (young, poor) enough
  const ageStated = schemeKnown && (AGE_STATED.test(t) || HAS_AGE_TOLD.test(t));
  const incomeStated = schemeKnown && parseMonthlyIncome(t) !== undefined;
  const stated: Asks[] = [...(ageStated ? (["age"] as const) : []), ...(incomeStated ? (["income"] as const) : [])];
  const another: Asks[] = held ? ["another"] : [];
  // whether it is had for a child of an order ("is it given for the third child too?"), no figure or fact
  // asked by a question word: the rule counting children answers it
  const childOrder = schemeKnown && CHILD_ORDER_ASKED.test(t) && !WH_WORD.test(t) && !HOW_MUCH.test(t);
  if (childOrder && !QUESTION_WORD.test(t)) return [...stated, ...another, "persons"];
  // a last date or a time limit asked is a time asked, in a yes/no question too ("is there a last date?")
  const deadline = schemeKnown && DEADLINE_ASKED.test(t);
  if (!QUESTION_WORD.test(t) && !HOW_MUCH.test(t) && !(schemeKnown && MONEY_ASKED.test(t)) && !place && !phone && !deadline) return [...stated, ...another];
  const asks: Asks[] = [...(place ? (["place"] as const) : []), ...(phone ? (["phone"] as const) : []), ...another];
  // "kitni baar" asks how often, not how much
  const howMuch = HOW_MUCH.test(t.replace(new RegExp(OFTEN_ASKED.source, "gi"), " "));
  // "how many days" is spent on the time it asks: a "how much" left ("how much is paid, and for how
  // many weeks?") asks an amount as well; none left, a word of money is the topic ("किश्त कितने हफ्ते में")
  const howMuchLeft = howMuch && HOW_MUCH_WORD.test(t.replace(MEASURED_QUESTION, " ").replace(PERSONS_ASKED, " "));
  if (AGE_ASKED.test(t.replace(AGE_TOLD, " "))) asks.push("age");
  // "how often" wants how often ("monthly, quarterly"), not any time ("upon exit at 60 years")
  if (OFTEN_ASKED.test(t)) asks.push("frequency");
  // "how much a month" asks for an amount by the month, not for a time
  // a time in the caller's story (a sentence that only tells, a routine, a time gone by) is not asked
  else if (TIME_ASKED.test((howMuch ? askingPart(t).replace(new RegExp(PER_PERIOD.source, "gi"), " ") : askingPart(t)).replace(YES_NO.test(t.trim()) ? CONDITIONAL_WHEN : /$^/, " ").replace(TIME_TOLD, " ").replace(ROUTINE_TOLD, " "))) asks.push("duration");
  if (deadline && !asks.includes("duration")) asks.push("duration");
  if (asks.includes("duration") && DEADLINE_ASKED.test(t)) asks.push("deadline");
  if (DISTANCE_ASKED.test(t)) asks.push("distance");
  if (SIZE_ASKED.test(t)) asks.push("size");
  if (t.replace(PERSONS_ASKED, " ") !== t) asks.push("persons");
  else if (childOrder) asks.push("persons");
  // a word of money in a yes/no question ("is there a penalty on the loan?") asks whether, not how much;
  // in a question for documents or the way to apply ("loan ke liye kya document"), or of who gets it
  // ("loan kisko milta hai", "who can take the loan"), it names the topic
  const intents = scoreIntents(t);
  const scores = intents.scores;
  const otherField = OTHER_FIELDS.some((i) => (scores[i] ?? 0) >= STRONG_INTENT) || intents.best === "eligibility";
  // a caller's own income said is no amount asked, unless "how much" is
  const money = (MONEY_ASKED.test(t) || QUANTITY_ASKED.test(t) || PAYOUT_ASKED.test(t)) && (howMuch || (!YES_NO.test(t.trim()) && !otherField && !incomeStated));
  if (money && (howMuchLeft || !asks.length)) {
    asks.push(SUM_ASKED.test(t) && !RATE_ASKED.test(t) ? "sum" : "amount");
    // two figures of money asked with a question word each, a share and a sum ("how much interest, and how
    // much can I deposit"): the sum is asked as well as the share
    if (asks.includes("amount") && SUM_ASKED.test(t) && (t.match(new RegExp(HOW_MUCH_WORD.source, "gi")) ?? []).length >= 2) asks.push("sum");
  }
  else if (howMuch && (!asks.length || howMuchLeft)) asks.push(/\bhow many\b/i.test(asks.length ? t.replace(MEASURED_QUESTION, " ") : t) ? "count" : "amount");
  // a sum asked for as a limit ("income limit", "आय की सीमा") may be that there is none
  if ((asks.includes("sum") || asks.includes("amount")) && LIMIT_ASKED.test(t)) asks.push("limit");
  // "kitna padha likha", "how much education": how far one has studied, the question word spent on it
  // rather than on money (beside a word of money, "education loan", or without "how much", "पढ़ाई के लिए
  // … मिलता है क्या", schooling is the topic)
  if (schemeKnown && ((howMuch && SCHOOLING_ASKED.test(t) && !MONEY_ASKED.test(t)) || SCHOOLING_LEVEL_ASKED.test(t))) {
    for (const a of ["amount", "count"] as const) if (asks.includes(a)) asks.splice(asks.indexOf(a), 1);
    asks.push("schooling");
  }
  // a paper asked beside another fact asked (not an age or income the caller tells) is a part of the answer of its own
  const paper = schemeKnown && asks.some((a) => a !== "place" && a !== "phone" && a !== "limit") && PAPER_ASKED.test(t);
  if (!asks.some((a) => a !== "place" && a !== "age" && a !== "phone")) for (const a of stated) if (!asks.includes(a)) asks.push(a);
  if (paper) asks.push("paper");
  return asks;
}
