// What a question says of each sentence of a record (units.ts cuts a record into sentences), before any
// weight is put on it: whether the sentence holds the kind of fact asked for (an amount wants money, an age
// or a time limit wants numbers with years, days or months), how many of the caller's words it holds
// (stemmed, in both scripts, with the lexicon's translations, rarer words counting more), and how likely its
// field is to hold the answer. compose.ts weighs this evidence, chooses the sentences and says them.
import { distance } from "fastest-levenshtein";
import { nativeTokens, phoneticKey, romanTokens, stemEnglish } from "../knowledge/text.js";
import { stemHindi } from "../knowledge/lexicon.js";
import { namesShare, saysPercent, type Asks } from "./nlu.js";
import { incomeFits, statesIncome } from "./income.js";
import { hasMoney, PHONE, wordCount, type Unit } from "./units.js";
import type { AnswerLang, Field } from "./types.js";

const QUANTITY = /\d\s*(?:kg|kgs|kilo|kilos|kilograms?|litres?|liters?|किलो|लीटर|units?|acres?|hectares?|एकड़|हेक्टेयर|sq\.? ?m|वर्ग मीटर|square met)/i;
const AREA = /\d\s*(?:sq\.?\s?(?:m|mt|ft|feet|metres?|meters?)\b|square\s+(?:met|feet|foot)|वर्ग\s*(?:मीटर|फुट)|acres?|hectares?|एकड़|हेक्टेयर)/i;
// (a word of age whole: "Languages, Haryana on 07th", "percentage 50", "आयुष्मान … 5" hold none)
const YEARS = /\d\s*(?:-\s*\d+\s*)?(?:years?|yrs?|वर्ष|साल|aged?)|(?:\bages?\b|(?<![\u0900-\u097f])(?:आयु|उम्र)(?![\u0900-\u097f]))\D{0,25}\d/i;
/**
 * Years that are a span of time, not anyone's age: "loans in the past 5 years", "resident for 15 years",
 * "within 2 years", "पिछले 5 वर्षों में", "10 सालों से", and years of something held ("20 years of
 * experience", "10 years' service", "15 वर्ष का अनुभव"), though not "18 years of age".
 */
const YEARS_SPAN =
  /\b\d+\s*(?:years?|yrs?)\s+of\s+(?!age\b)(?=[a-z])|\b\d+\s*years?['’]\s+(?=[a-z])|\d+\s*(?:वर्ष|वर्षों|साल|सालों)\s+(?:का|की|के)\s+(?:अनुभव|सेवा|सेवाकाल|निवास|सदस्यता|कार्य|काम|नौकरी|रोजगार)|\b(?:past|last|previous|preceding)\s+(?:\d+|two|three|four|five|ten|fifteen)\s*(?:years?|yrs?)\b|\b(?:for|within)\s+(?:a\s+(?:period|minimum)\s+of\s+|at\s+least\s+|over\s+)?\d+\s*(?:years?|yrs?)\b|\b\d+\s*(?:years?|yrs?)\s+(?:ago|back)\b|पिछले\s+\d+\s*(?:वर्षों|सालों|वर्ष|साल)|\d+\s*(?:वर्षों|सालों)\s+(?:से|के\s+भीतर)(?![\u0900-\u097f])/gi;
/** A span counted in words ("six days", "two years", "तीन महीने"), as records write a small figure. */
const SPAN_IN_WORDS =
  /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety)[\s-]+(?:days?|weeks?|months?|years?|hours?)\b|(?<![\u0900-\u097f])(?:एक|दो|तीन|चार|पांच|पाँच|छह|छः|सात|आठ|नौ|दस|बारह|पंद्रह|बीस|तीस)\s+(?:दिन|दिनों|सप्ताह|हफ्ते|महीने|महीनों|माह|वर्ष|वर्षों|साल|सालों|घंटे)(?![\u0900-\u097f])/i;
const TIME_SPAN = /\d\s*(?:-\s*\d+\s*)?(?:days?|months?|weeks?|years?|hours?|hrs|दिन|दिनों|महीने|महीनों|माह|सप्ताह|हफ्ते|वर्ष|वर्षों|साल|सालों|घंटे)|\b(?:within|before|after|by|till|until)\s+(?:\d|a |one |two |three |fifteen |seven )|(?:january|february|march|april|may|june|july|august|september|october|november|december)\s*,?\s*\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+(?:january|february|march|april|may|june|july|august|september|october|november|december)|एक सप्ताह|पंद्रह दिन/i;

const PERCENTAGE = /\d+(?:\.\d+)?\s*(?:%|per ?cent|प्रतिशत)/gi;
/** The same, tested for (a global pattern would carry its lastIndex from one test to the next). */
const PERCENT = new RegExp(PERCENTAGE.source, "i");
const FREQUENCY = /\b(?:daily|weekly|fortnightly|monthly|quarterly|half-yearly|half yearly|yearly|annually|every (?:day|week|month|quarter|year)|per (?:month|annum|year))\b|प्रति माह|प्रति वर्ष|मासिक|तिमाही|छमाही|वार्षिक|हर महीने|हर साल/i;
const EVENT = /\b(?:in case of|in the event of|upon|on (?:attaining|reaching|completion|the death))\b|के मामले में|की स्थिति में|होने पर/i;

/**
 * "There will be no income ceiling", "no upper age limit", "आय की कोई सीमा नहीं", "does not require any
 * minimum balance", "किसी भी न्यूनतम शेष राशि की आवश्यकता नहीं": the answer to "how much at most (at least)".
 */
const NO_LIMIT =
  /\bno\s+(?:[a-z-]+\s+){0,2}(?:ceiling|limit|cap|bar|minimum)s?\b|\bwithout\s+(?:any\s+)?(?:[a-z-]+\s+){0,2}(?:ceiling|limit|cap|minimum)s?\b|\bnot\s+(?:require|need)s?\s+(?:any\s+)?minimum\b|\bzero\s+balance\b|कोई\s+(?:\S+\s+){0,2}सीमा\s+नहीं|(?:कोई|किसी भी)\s+न्यूनतम\s+(?:\S+\s+){0,6}(?:आवश्यकता|ज़रूरत|जरूरत)\s+नहीं|शून्य\s+(?:शेष|बैलेंस)/i;

/**
 * A bound stated ("limited to the maximum amount of ₹6.25 lakhs", "up to ₹50,000", "at least 2 acres",
 * "अधिकतम ₹1 लाख", "न्यूनतम 5 वर्ष", or under a heading "Minimum Pension"): of a record's figures, the one a
 * question of the most (least) asks.
 */
const BOUND =
  /\b(?:maximum|minimum|max\.|min\.|limits?|up ?to|limited to|subject to|ceiling|cap(?:ped)? (?:at|of)|not (?:exceeding|more than|less than)|at (?:most|least)|whichever is (?:less|lower|higher|more))\b|अधिकतम|न्यूनतम|सीमा|(?:से|सेे) (?:अधिक|ज़्यादा|ज्यादा|कम) नहीं/i;

/** A short line with no figure and no full stop ("Maximum Pension", "Loan Limit"): a title of what follows. */
const TITLE_WORDS = 4;
function isTitleLine(text: string): boolean {
  return !/\d|[.।]\s*$/.test(text) && wordCount(text) <= TITLE_WORDS;
}

/** Where a caller goes or whom they see: an office, a centre, a bank, an officer, a portal. */
const PLACE =
  /\b(?:visit|approach|contact|offices?|centres?|centers?|branch|branches|banks?|hospitals?|panchayats?|csc|officers?|kiosks?|post office|portal|website|agency|agencies|camps?|counters?)\b|कार्यालय|केंद्र|केन्द्र|शाखा|बैंक|अस्पताल|पंचायत|अधिकारी|सीएससी|पोर्टल|वेबसाइट|एजेंसी|डाकघर|शिविर|संपर्क/i;

/** How far someone has studied: a class or standard, a pass, a degree ("8th standard", "आठवीं कक्षा उत्तीर्ण"). */
const SCHOOLING =
  /\b(?:\d+(?:st|nd|rd|th)?\s*(?:standard|std|class|grade)|(?:class|standard|std)\s+(?:\d+|[ivx]+|eight|ten|twelve)|matric\w*|sslc|graduat\w*|post-?graduat\w*|diploma|degree|literate|educational qualifications?)\b|\bpassed\b|कक्षा|उत्तीर्ण|स्नातक|मैट्रिक|डिप्लोमा|डिग्री|साक्षर|शैक्षिक योग्यता/i;

/** A paper one holds or gives: a licence, card, certificate, proof, passbook. */
const PAPER = /\b(?:licen[cs]es?|certificates?|cards?|proofs?|passbooks?|documents?|photographs?)\b|लाइसेंस|प्रमाण|कार्ड|पासबुक|दस्तावेज़|दस्तावेज/i;

/** An account held at a bank or post office: named by the place, it is no place to go. */
const ACCOUNT =
  /\b(?:banks?|post office)(?:\s*\/\s*(?:banks?|post office))?\s+(?:savings\s+)?(?:accounts?|a\/c|passbooks?)\b|(?:बैंक|डाकघर)(?:\s*\/\s*(?:बैंक|डाकघर))?\s+(?:बचत\s+)?(?:खाता|खाते|खातों|पासबुक)(?![\u0900-\u097f])/gi;

/**
 * Children or pregnancies counted or put in order ("up to two pregnancies", "02 deliveries", "the second girl
 * child", "दूसरे बच्चे"): the rule a question of the third child, or the second daughter, is answered by.
 */
const CHILDREN_COUNTED =
  /\b(?:\d+|one|two|three|four|five|single)\s+(?:\S+\s+)?(?:pregnanc(?:y|ies)|deliver(?:y|ies)(?!\s+points?)|(?:live\s+)?births?)\b|\b(?:first|second|third|1st|2nd|3rd)\s+(?:\S+\s+)?(?:child|children|daughters?|sons?|girls?|pregnancy|delivery|birth)\b|(?:\d+|एक|दो|तीन)\s+(?:ही\s+)?(?:प्रसव|प्रसवों|गर्भावस्था|गर्भावस्थाओं|जन्म)(?![\u0900-\u097f])|(?<![\u0900-\u097f])(?:पहले|पहली|दूसरे|दूसरी|तीसरे|तीसरी)\s+(?:\S+\s+)?(?:बच्चे|बच्चों|बच्चा|बेटी|बेटे|संतान|प्रसव|गर्भावस्था)(?![\u0900-\u097f])/;

/** People counted ("one member per family", "2 persons", "two daughters", "एक परिवार से केवल एक व्यक्ति", "do log"). */
const PERSONS_COUNTED =
  /\b(?:\d+|one|two|three|four|five|single)\s+(?:\S+\s+)?(?:persons?|people|members?|individuals?|beneficiar(?:y|ies)|applicants?|child(?:ren)?|daughters?|sons?|girls?|boys?)\b|(?:\d+|एक|दो|तीन|चार|पांच|पाँच)\s+(?:ही\s+)?(?:व्यक्ति|सदस्य|सदस्यों|लोग|लोगों|लाभार्थी|लाभार्थियों|आवेदक|बच्चे|बच्चों|बेटी|बेटियों|बेटियां|लड़की|लड़कियों|लड़कियां|बेटे|बेटों)(?![\u0900-\u097f])|\b(?:ek|do|teen|char|paanch)\s+(?:hi\s+)?(?:vyakti|sadasya|log|bachche|bacche|bachchon|betiyan|betiyon|ladkiyan|ladkiyon)\b/i;

/** A time limit: "within 2 weeks of sowing", "15 दिनों के भीतर", "not later than 30 days after". */
const DEADLINE =
  /\b(?:within|not later than|no later than)\s+(?:a\s+(?:period\s+of\s+)?)?(?:\d+|a|one|two|three|four|five|six|seven|ten|fifteen|thirty|fortnight)\b|\b\d+\s*(?:days?|weeks?|months?)\s+(?:of|from|after)\s+the\b|(?:\d+|एक|दो|तीन|सात|पंद्रह|तीस)\s*(?:दिन|दिनों|सप्ताह|सप्ताहों|हफ्ते|महीने|महीनों|माह)\s+(?:के\s+)?(?:भीतर|अंदर)(?![\u0900-\u0963\u0966-\u097f])/i;

const AGE_FIGURE = "(\\d{1,3})\\s*(?:years?|yrs?|वर्ष|वर्षों|साल)";
/** Ages from one figure to another ("40 से 79 वर्ष", "60 years – 69 years", "between 18 and 40 years"). */
const AGE_RANGE = new RegExp(`(\\d{1,3})\\s*(?:years?\\s*|yrs?\\s*|वर्ष\\s*|साल\\s*)?(?:-|–|to|and|से)\\s*${AGE_FIGURE}`, "gi");
/** An age and above ("80 years and above", "70 years +", "80 वर्ष और उससे अधिक", "above 60 years"). */
const AGE_FLOOR = new RegExp(
  `${AGE_FIGURE}\\s*(?:of age\\s*)?(?:\\+|(?:and|or)\\s+(?:above|more|older|over)|(?:और|या)\\s+(?:उससे\\s+)?(?:अधिक|ऊपर|ज़्यादा|ज्यादा)|से\\s+(?:अधिक|ऊपर|ज़्यादा|ज्यादा))|\\b(?:above|over|more than|at least|not less than)\\s+(?:the\\s+age\\s+of\\s+)?${AGE_FIGURE}`,
  "gi",
);
/** An age and below ("below 60 years", "up to 40 years", "60 वर्ष से कम"). */
const AGE_CEILING = new RegExp(`\\b(?:below|under|up to|upto|less than|not more than|not exceeding)\\s+(?:the\\s+age\\s+of\\s+)?${AGE_FIGURE}|${AGE_FIGURE}\\s*(?:से\\s+कम|तक)`, "gi");

/**
 * Whether the ages a sentence gives its figures for hold the caller's age ("80 years and above: ₹500" for
 * 82, not "40 to 79 years: ₹300"); undefined when it gives none. Years of something held ("20 years of
 * service") are no age.
 */
export function ageFits(text: string, age: number): boolean | undefined {
  const t = text.replace(YEARS_SPAN, " ");
  const bands: [number, number][] = [];
  for (const m of t.matchAll(AGE_RANGE)) bands.push([Number(m[1]), Number(m[2])]);
  for (const m of t.matchAll(AGE_FLOOR)) bands.push([Number(m[1] ?? m[2]), Infinity]);
  for (const m of t.matchAll(AGE_CEILING)) bands.push([0, Number(m[1] ?? m[2])]);
  const sane = bands.filter(([lo, hi]) => lo < hi && lo < 120);
  if (sane.length === 0) return undefined;
  return sane.some(([lo, hi]) => age >= lo && age <= hi);
}

/** A kind of fact: what a question asks for, or a percentage where it asks a figure of a share by its word. */
export type Kind = Asks | "rate";

/**
 * A rule on a benefit had from another scheme: "any other pension scheme", "who are getting ₹300 as a
 * disability pension", "किसी अन्य योजना का लाभ", "पहले से प्राप्त".
 */
const OTHER_BENEFIT =
  /\b(?:any other|another|other)\s+(?:\S+\s+){0,4}?(?:pensions?|schemes?|scholarships?|assistance|benefits?|allowances?|stipends?)\b|\b(?:who (?:is|are)|already|currently|simultaneously)\s+(?:\S+\s+){0,2}?(?:getting|receiving|availing|drawing)\b|(?:अन्य|दूसरी|दूसरे)\s+(?:\S+\s+){0,4}?(?:पेंशन|योजना|योजनाओं|छात्रवृत्ति|सहायता|लाभ)|पहले से\s+(?:\S+\s+){0,3}?(?:प्राप्त|मिल|ले)/i;

/** Whether a unit holds the kind of fact a question asks for. */
export function answersKind(text: string, asks: Kind): boolean {
  switch (asks) {
    case "limit":
      // the figure of a limit is the sum's; there being none is an answer too
      return NO_LIMIT.test(text);
    case "amount":
      // a word of money without a figure ("राशि (रुपये में)", "digital rupee app") gives no amount
      return (hasMoney(text) && /\d/.test(text)) || QUANTITY.test(text);
    case "sum":
      // a sum lent or paid is said in rupees: a rate alone ("0.5% interest", "25 प्रतिशत") does not say it
      return (hasMoney(text.replace(PERCENTAGE, " ")) && /\d/.test(text)) || QUANTITY.test(text);
    case "rate":
      // a share is said as a percentage ("4% per annum", "80 प्रतिशत")
      return PERCENT.test(text);
    case "age":
      // "not availed a loan in the past 5 years" holds years, and no age
      return YEARS.test(text.replace(YEARS_SPAN, " "));
    case "income":
      return statesIncome(text);
    case "duration":
      // "when" is answered by a time, by how often ("monthly, quarterly"), or by the event it waits on ("in
      // case of remarriage", "पुनर्विवाह के मामले में"); "how often" only by how often
      return TIME_SPAN.test(text) || SPAN_IN_WORDS.test(text) || FREQUENCY.test(text) || EVENT.test(text);
    case "frequency":
      return FREQUENCY.test(text);
    case "deadline":
      return DEADLINE.test(text);
    case "count":
      return /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|hundred)\b/i.test(text);
    case "persons":
      // how many people may have it: a number of persons, members, beneficiaries, in figures or words
      return PERSONS_COUNTED.test(text) || CHILDREN_COUNTED.test(text);
    case "distance":
      return /\d\s*(?:km|kms|kilomet|किलोमीटर|कि\.मी)/i.test(text);
    case "size":
      return AREA.test(text);
    case "place":
      // a bank or post office account ("बैंक/डाकघर खाता संख्या") is a paper to give, not a place to go
      return PLACE.test(text.replace(ACCOUNT, " "));
    case "schooling":
      return SCHOOLING.test(text);
    case "phone":
      return PHONE.test(text);
    case "paper":
      return PAPER.test(text);
    case "another":
      return OTHER_BENEFIT.test(text);
  }
}

/** How likely each field is to hold the answer, by the field the question is about. */
const FIELD_PRIOR: Record<Field, Partial<Record<Field, number>>> = {
  description: { description: 1, benefits: 0.55, eligibility: 0.35, application: 0.15, documents: 0.1, exclusions: 0.1, contact: 0.1 },
  benefits: { benefits: 1, description: 0.55, eligibility: 0.25, exclusions: 0.15, application: 0.1, documents: 0.05, contact: 0.05 },
  eligibility: { eligibility: 1, exclusions: 0.75, description: 0.35, benefits: 0.25, documents: 0.15, application: 0.1, contact: 0.05 },
  exclusions: { exclusions: 1, eligibility: 0.75, description: 0.2, benefits: 0.15, documents: 0.05, application: 0.05, contact: 0.05 },
  documents: { documents: 1, application: 0.45, eligibility: 0.2, benefits: 0.05, description: 0.05, exclusions: 0.05, contact: 0.05 },
  application: { application: 1, documents: 0.35, contact: 0.4, eligibility: 0.15, description: 0.15, benefits: 0.05, exclusions: 0.05 },
  contact: { contact: 1, application: 0.55, description: 0.1, documents: 0.05, eligibility: 0.05, benefits: 0.05, exclusions: 0.05 },
};

/**
 * The kinds of fact a question can ask for at once, each to be answered: a sum is an amount, and a limit
 * only says which amount.
 */
const KIND_OF_ASKS: Partial<Record<Kind, Kind>> = { amount: "amount", sum: "sum", rate: "rate", age: "age", income: "income", duration: "duration", deadline: "deadline", frequency: "frequency", count: "count", persons: "persons", distance: "distance", size: "size", place: "place", schooling: "schooling", phone: "phone", paper: "paper", another: "another" };

/**
 * How a word sounds, loosely enough to meet across scripts: its consonants ("digital" and डिजिटल,
 * "cashback" and कैशबैक, "pehle" and पहले), or its whole key when fewer than three consonants remain.
 */
function soundOf(roman: string): string {
  const key = phoneticKey(roman);
  const consonants = key.replace(/[aeiou]/g, "").replace(/c/g, "k");
  return consonants.length >= 3 ? consonants : key;
}

/** The caller's words, ready to meet a unit's words in either script. */
export interface QuestionWords {
  /** English stems (the caller's English words and the lexicon's English for their Hindi ones). */
  english: string[];
  /** Devanagari stems of the caller's Hindi words. */
  hindi: string[];
  /** Sound keys of the caller's romanised and Devanagari words, to meet the other script. */
  sounds: string[];
  /**
   * The forms of each of the caller's words (sound keys marked "~"): a word counts once for a sentence
   * however many of its forms the sentence holds ("श्रेणी" by its stem and by its sound, "loan" as "ऋण").
   */
  groups?: string[][];
}

export function questionWords(
  words: string[],
  englishFor: (word: string) => string[],
  hindiFor: (word: string) => string[] = () => [],
  synonyms: (word: string) => string[] = () => [],
): QuestionWords {
  const english = new Set<string>();
  const hindi = new Set<string>();
  const sounds = new Set<string>();
  const groups: string[][] = [];
  for (const w of words) {
    const forms = new Set<string>();
    const toEnglish = (x: string) => (english.add(x), forms.add(x));
    const toHindi = (x: string) => (hindi.add(x), forms.add(x));
    if (/^[a-z]+$/.test(w)) toEnglish(stemEnglish(w));
    else if (/^\d+$/.test(w)) toEnglish(w);
    else if (/[\u0900-\u097f]/.test(w)) toHindi(stemHindi(w));
    for (const e of englishFor(w)) {
      for (const t of nativeTokens(e)) toEnglish(stemEnglish(t));
      // a Hindi word, in either script, meets the record's Hindi words for the same thing through its
      // English ("लोन" → "ऋण", "aurat" → "महिला")
      if (!/^\d+$/.test(w)) for (const h of hindiFor(e)) toHindi(stemHindi(h));
    }
    // an English word of the caller's meets the record's Hindi through the lexicon ("premium" → प्रीमियम)
    if (/^[a-z]+$/.test(w)) for (const h of hindiFor(w)) toHindi(stemHindi(h));
    // and the record's own English for the same thing ("money" → "financial assistance")
    if (/^[a-z]+$/.test(w)) for (const e of synonyms(w)) for (const t of nativeTokens(e)) toEnglish(stemEnglish(t));
    const [roman] = romanTokens(w);
    const sound = roman && roman.length >= 3 && !/^\d+$/.test(roman) ? soundOf(roman) : "";
    if (sound.length >= 3) {
      sounds.add(sound);
      forms.add(`~${sound}`);
    }
    if (forms.size) groups.push([...forms]);
  }
  return { english: [...english], hindi: [...hindi], sounds: [...sounds], groups };
}

/** Letters said one by one and written with dots ("एल. आई. जी.", "L.I.G."): one word as a caller writes it. */
const SPELT_OUT = /(?:(?<![\p{L}\p{M}])[\p{L}\p{M}]{1,3}\.\s?){2,}/gu;

/** Words run together with a capital at each ("BeneficiaryStatus"; not "eKYC", which opens in lower case). */
const CAMEL_CASE = /\b\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}+)+/gu;

/** The unit's own words in the three forms a question's words are compared in. */
function unitWords(unit: Unit): Set<string> {
  const out = new Set<string>();
  const text = `${unit.text} ${unit.about ?? ""} ${unit.under ?? ""}`;
  const spelt = [...text.matchAll(SPELT_OUT)].map((m) => m[0].replace(/[.\s]+/g, ""));
  // a link says what its page is for in words run together ("…/BeneficiaryStatus_New.aspx"): those words too
  const apart = (text.match(CAMEL_CASE) ?? []).map((w) => w.replace(/(\p{Ll})(?=\p{Lu})/gu, "$1 ")).join(" ");
  for (const t of [...nativeTokens(text), ...nativeTokens(spelt.join(" ")), ...nativeTokens(apart)]) {
    if (/^[a-z]+$/.test(t)) out.add(stemEnglish(t));
    else if (/^\d+$/.test(t)) out.add(t);
    else if (/[\u0900-\u097f]/.test(t)) {
      out.add(stemHindi(t));
      const [roman] = romanTokens(t);
      if (roman) out.add(`~${soundOf(roman)}`);
    }
  }
  return out;
}

function meets(word: string, words: Set<string>): boolean {
  if (words.has(word)) return true;
  // stems of five letters or more meet by prefix ("disabl" ~ "disabil")
  if (word.length < 5) return false;
  for (const w of words) if (w.length >= 5 && (w.startsWith(word) || word.startsWith(w))) return true;
  return false;
}

/** A question that names no field but asks for a kind of fact ("how far", "how long") may find it in any. */
const ANY_FIELD: Partial<Record<Field, number>> = { description: 0.8, benefits: 0.9, eligibility: 0.8, exclusions: 0.5, application: 0.5, documents: 0.3, contact: 0.3 };

/** A question of whether someone may have it: who may and who may not answer it alike. */
const WHO_MAY: Partial<Record<Field, number>> = { ...FIELD_PRIOR.eligibility, exclusions: 1 };

/** A pair of the caller's words said together in a sentence counts this share of the rarer one again. */
const PHRASE_WEIGHT = 0.5;
/** Words this many places apart or fewer are said together ("one hand", "use of hand"). */
const PHRASE_SPAN = 2;

/** A word of a sentence in the forms the caller's words are compared in (as unitWords gives them). */
function formsOf(token: string): string[] {
  if (/^[a-z]+$/.test(token)) return [stemEnglish(token)];
  if (!/[\u0900-\u097f]/.test(token)) return [token];
  const [roman] = romanTokens(token);
  return [stemHindi(token), ...(roman ? [`~${soundOf(roman)}`] : [])];
}

/** Whether a form of `a` comes shortly before a form of `b` in a sentence's words. */
function saidTogether(seq: string[][], a: string[], b: string[]): boolean {
  const at = (forms: string[]) => seq.flatMap((ts, i) => (forms.some((w) => ts.some((t) => w === t || (w.length >= 5 && t.length >= 5 && (t.startsWith(w) || w.startsWith(t))))) ? [i] : []));
  const bs = at(b);
  return at(a).some((i) => bs.some((j) => j > i && j - i <= PHRASE_SPAN));
}

/** English stems this long or longer may be misspelt by a letter and still be the record's word. */
const NEAR_SPELLING_MIN = 5;

/** Groups of the caller's words, each that meets no unit given the record's English words one edit away. */
function withNearSpellings(groups: string[][], words: Set<string>[], spreadOf: (w: string) => number): string[][] {
  let vocabulary: string[] | undefined;
  return groups.map((g) => {
    if (g.some((w) => spreadOf(w) > 0)) return g;
    vocabulary ??= [...new Set(words.flatMap((ws) => [...ws]))].filter((w) => w.length >= NEAR_SPELLING_MIN && /^[a-z]+$/.test(w));
    const near = g.filter((w) => w.length >= NEAR_SPELLING_MIN && /^[a-z]+$/.test(w)).flatMap((w) => vocabulary!.filter((v) => v[0] === w[0] && Math.abs(v.length - w.length) <= 1 && distance(v, w) === 1));
    return near.length ? [...g, ...near] : g;
  });
}

/** What a question's words and kinds say of each unit of a pool, before any weight is put on it. */
export interface UnitEvidence {
  /** The question's words a unit holds, as a share of the rarest word's weight. */
  overlap: number[];
  /** Whether a unit holds a kind of fact asked for. */
  kind: boolean[];
  /** How likely the unit's field is to hold the answer. */
  fieldPrior: number[];
  /** An English unit in a Hindi answer where the record has Hindi. */
  foreign: boolean[];
  /** The unit's place among its field's sentences. */
  rankInField: number[];
  /** Income limits (or ages) that leave out the caller's own income (age) where another holds it. */
  leavesOut: boolean[];
  /** The caller's words name the heading this unit is said under. */
  namesUnder: boolean[];
  /** The kinds of fact asked, each to be answered. */
  kindsAsked: Kind[];
  /** Whether the question asks for any kind of fact. */
  asksKind: boolean;
  /** Nothing to go by: the field is said in its own order. */
  unguided: boolean;
}

/** The evidence of every unit of a pool for a question about `field` asking for `asks` with these words. */
export function unitEvidence(pool: Unit[], field: Field, q: QuestionWords, asks: Asks[], lang: AnswerLang = "en", fieldAsked = true, callerIncome?: number, whether = false, callerAge?: number): UnitEvidence {
  // a question that names no field but has words of its own ("is transport free?") may be answered anywhere;
  // one of whether someone may have it ("can a man apply?") as well by who may not as by who may
  const priors = !fieldAsked && (asks.length > 0 || q.english.length + q.hindi.length + q.sounds.length > 0) ? ANY_FIELD : whether ? WHO_MAY : FIELD_PRIOR[field];
  const words = pool.map(unitWords);
  // a word many units share says little about which one answers
  const spreads = new Map<string, number>();
  const spread = (w: string, sound = false): number => {
    const key = sound ? `~${w}` : w;
    let n = spreads.get(key);
    if (n === undefined) spreads.set(key, (n = words.filter((ws) => meets(key, ws)).length));
    return n;
  };
  const weights = new Map<string, number>();
  for (const w of [...q.english, ...q.hindi]) weights.set(w, Math.log(1 + pool.length / (1 + spread(w))));
  for (const k of q.sounds) weights.set(`~${k}`, Math.log(1 + pool.length / (1 + spread(k, true))));
  // each of the caller's words counts once, by the best of its forms a unit holds; a misspelt word no
  // sentence holds ("diseese") meets the record's word one letter away ("disease")
  const groups = withNearSpellings(q.groups ?? [...weights.keys()].map((w) => [w]), words, (w) => (w.startsWith("~") ? spread(w.slice(1), true) : spread(w)));
  for (const g of groups) for (const w of g) if (!weights.has(w)) weights.set(w, Math.log(1 + pool.length / (1 + spread(w))));
  const maxWeight = Math.max(1e-9, ...[...weights.values()]);
  const weightIn = (g: string[], ws: Set<string>): number => Math.max(0, ...g.map((w) => (meets(w, ws) ? (weights.get(w) ?? 0) : 0)));
  // two of the caller's words said together ("one hand") count again where the sentence says them together
  // too, not apart ("one eye … of hand")
  const phrasesOf = (unit: Unit, ws: Set<string>): number => {
    let sum = 0;
    let seq: string[][] | undefined;
    for (let i = 0; i + 1 < groups.length; i++) {
      const [a, b] = [groups[i]!, groups[i + 1]!];
      const pair = Math.min(weightIn(a, ws), weightIn(b, ws));
      if (pair <= 0) continue;
      seq ??= nativeTokens(unit.text).map(formsOf);
      if (saidTogether(seq, a, b)) sum += PHRASE_WEIGHT * pair;
    }
    return sum;
  };
  const overlapOf = (ws: Set<string>, unit?: Unit): number => groups.reduce((sum, g) => sum + weightIn(g, ws), 0) + (unit ? phrasesOf(unit, ws) : 0);
  // a percentage answers a share asked for ("the interest on the loan") where it is of that share: the
  // unit says the caller's word of it ("interest", "ब्याज", or the lexicon's word for it), or none was said
  // ("kitne pratishat" names no share but the percentage itself, which "10%" says in no word)
  // (the caller's own word, first of its forms: "subsidy" is no share though the lexicon gives it "interest")
  const ofShare = groups.filter((g) => g[0] !== undefined && !g[0].startsWith("~") && namesShare(g[0]));
  const shareSaid = ofShare.length > 0;
  const shareGroups = ofShare.filter((g) => !g.some(saysPercent));
  const holdsShare = (ws: Set<string>): boolean => shareGroups.length === 0 || shareGroups.some((g) => weightIn(g, ws) > 0);
  // a figure asked of a share ("how much interest", "kitne pratishat") is its percentage, not a sum in rupees
  // (a sum asked beside it, "how much interest, and how much may I deposit", stays a sum)
  const shares: Kind[] = asks.map((a) => (shareSaid && (a === "amount" || (a === "sum" && !asks.includes("amount")) || a === "count") ? "rate" : a));
  // a sum asked of a record that states none in rupees ("relief of 50% of the average daily wage") is answered
  // by the figure of money it does give
  const noSum = shares.includes("sum") && !pool.some((u) => answersKind(u.text, "sum"));
  const kinds: Kind[] = noSum ? shares.map((a) => (a === "sum" ? "amount" : a)) : shares;
  // a Hindi answer prefers the record's Hindi where a field has it
  const hindiFields = new Set(pool.filter((u) => u.lang === "hi").map((u) => u.field));
  // a record puts what matters first: within a field, earlier sentences lead a little
  const rankInField: number[] = [];
  const seenInField = new Map<string, number>();
  pool.forEach((u) => {
    const key = `${u.field}|${u.faq}`;
    const n = seenInField.get(key) ?? 0;
    rankInField.push(n);
    seenInField.set(key, n + 1);
  });
  // a heading's words live on in the items under it, which say something; the heading alone says nothing
  const headingsOfItems = new Set(pool.filter((u) => u.under).map((u) => `${u.field}|${u.under}`));
  // the caller's own income said: where a limit holds it, income limits that leave it out are of someone
  // else's case, and do not follow the answer (where none holds it, the limit they miss is the answer)
  const income = callerIncome !== undefined && asks.includes("income") ? callerIncome : undefined;
  const fits = income === undefined ? [] : pool.map((u) => incomeFits(u.text, income));
  // the caller's age told where another fact is asked ("she is 82: how much a month?"): where a sentence's ages
  // hold it, the figures given for other ages are someone else's, as with an income
  const ageFit = callerAge === undefined || asks.includes("age") ? [] : pool.map((u) => ageFits(u.text, callerAge));
  const leavesOut = pool.map((_, i) => (fits.includes(true) && fits[i] === false) || (ageFit.includes(true) && ageFit[i] === false));
  const overlap = pool.map((u, index) => (u.heading && headingsOfItems.has(`${u.field}|${u.text}`) ? 0 : overlapOf(words[index]!, u) / maxWeight));
  // a limit asked only says which figure: where some of the record's figures are stated as bounds, those answer
  // it, the record's other figures of money (a share, a cost, a turnover) do not
  // (a bound may title the lines after it, "Minimum Pension" then "Rs. 1,000 per month", as a heading would)
  const titledBy = (i: number): string => {
    const before = pool[i - 1];
    return before && before.field === pool[i]!.field && isTitleLine(before.text) ? before.text : "";
  };
  const bounded = kinds.includes("limit") ? pool.map((u, i) => BOUND.test(u.text) || BOUND.test(u.under ?? "") || BOUND.test(titledBy(i))) : [];
  const boundSaid = bounded.some((b, i) => b && answersKind(pool[i]!.text, "amount"));
  const kind = pool.map((u, index) => kinds.some((a) => answersKind(u.text, a) && (a !== "rate" || holdsShare(words[index]!)) && (!boundSaid || (a !== "amount" && a !== "sum") || bounded[index]!)));
  // a time limit asked ("within how many days after sowing") is a condition of applying as often as a term of
  // the benefit: a sentence that sets one may answer it in whatever field it is written
  const fieldPrior = pool.map((u) => Math.max(priors[u.field] ?? 0.05, kinds.includes("deadline") && answersKind(u.text, "deadline") ? (ANY_FIELD[u.field] ?? 0) : 0));
  const foreign = pool.map((u) => lang === "hi" && u.lang === "en" && !u.standIn && (u.faq || hindiFields.has(u.field)));
  // the caller named the heading a unit's list is said under ("special category"): another heading's items
  // are for someone else when the best unit is under it
  const named = new Map<string, boolean>();
  const names = (u: Unit, under: string): boolean => {
    let n = named.get(under);
    if (n === undefined) named.set(under, (n = [...weights.keys()].some((w) => meets(w, unitWords({ ...u, text: under, about: "", under: "" })))));
    return n;
  };
  const namesUnder = pool.map((u) => u.under !== undefined && names(u, u.under));
  const kindsAsked = [...new Set(kinds.map((a) => KIND_OF_ASKS[a]).filter((a) => a !== undefined))];
  const matched = pool.filter((_, i) => overlap[i]! > 0 || kind[i]).length;
  const unguided = matched === 0 || (q.english.length + q.hindi.length + q.sounds.length === 0 && asks.length === 0);
  return { overlap, kind, fieldPrior, foreign, rankInField, leavesOut, namesUnder, kindsAsked, asksKind: asks.length > 0, unguided };
}
