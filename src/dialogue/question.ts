// What a question asks of the scheme it names, once the scheme is known: the caller's words for choosing
// sentences and the kind of fact asked for, both without the words of the scheme's own name. A name says
// which scheme, not what about it: "exit before 60" of "Atal Pension Yojana" asks for no amount, though
// "pension" is a word of money; "how much is the pension" still does.
import type { BackgroundLanguage, Lexicon, SchemeRecord } from "../knowledge/index.js";
import { canonicalTokens, nativeTokens, phoneticKey } from "../knowledge/text.js";
import { questionWords, type QuestionWords } from "./unit-evidence.js";
import { amountsAsked, FRAME_WORDS, questionAsks, saysPercent, scoreIntents, toldTimeWords, type Asks } from "./nlu.js";
import { withLoanwords, type Reading } from "./reading.js";
import { NUMBER_WORDS_0_TO_99 } from "../ops/number-words.js";

/** Number words of English and Hindi (both scripts), as a caller says a figure. */
const NUMBER_WORD =
  /^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|ek|do|teen|char|paanch|panch|das|bees|tees|chalis|pachas|pachaas|saath|sattar|assi|nabbe|sau|एक|दो|तीन|चार|पाँच|पांच|दस|बीस|तीस|चालीस|पचास|साठ|सत्तर|अस्सी|नब्बे|सौ)$/i;
const isFigure = (w: string): boolean => /^\d+(?:\.\d+)?$/.test(w) || NUMBER_WORD.test(w);

/**
 * Words for a person of one sex, kin included ("husband", "पति", "beti"): a rule for men or for women ("male
 * members cannot apply", "an adult woman") is about them, though it names neither.
 */
const MALE = new Set("man men male husband father son brother boy aadmi admi mard purush pati pita papa beta bete bhai ladka ladke आदमी मर्द पुरुष पति पिता पापा बेटा बेटे भाई लड़का लड़के".split(" "));
const FEMALE = new Set("woman women female wife mother daughter sister girl aurat mahila stri patni mata maa beti behen bahan ladki औरत महिला स्त्री पत्नी माता माँ मां बेटी बहन लड़की".split(" "));
export const sexOf = (w: string): string[] => (MALE.has(w) ? ["man", "male"] : FEMALE.has(w) ? ["woman", "female"] : []);

/** A clause asking yes or no: led by a verb or क्या/kya, or ended by kya/क्या. */
const YES_NO_CLAUSE = /^(?:can|could|may|is|are|will|would|does|do|kya)\b|\bkya$|^क्या|क्या$/i;
/** Being able or allowed ("can", "sakta", "सकती"). */
const MAY = /\b(?:can|could|may|allowed|sakta|sakti|sakte|sakega|sakegi|sakenge)\b|सकता|सकती|सकते|सकेगा|सकेगी|सकेंगे/i;
/** A clause asking how or where is about the way, not whether ("can I apply online?"). */
const WAY = /\b(?:how|where|online|offline|kaise|kahan|kahaan)\b|कैसे|कहाँ|कहां|ऑनलाइन|ऑफलाइन/i;

/**
 * Whether a question asks if someone may have the scheme or apply for it ("can a man take it in his own
 * name?", "क्या पति के नाम से आवेदन हो सकता है?", "widow ko mil sakta hai kya"): a yes/no clause of being
 * able or allowed that names a person of a sex or a group the schemes are for. Its answer is the rule of who
 * may, or who may not.
 */
export function asksWhetherMay(text: string, lexicon: Lexicon): boolean {
  return text
    .toLowerCase()
    .split(/[,.?!।;]+/)
    .map((c) => c.trim())
    .some((c) => YES_NO_CLAUSE.test(c) && MAY.test(c) && !WAY.test(c) && (nativeTokens(c).some((w) => sexOf(w).length > 0) || lexicon.beneficiariesIn(c).length > 0));
}

/** Words of age ("umar", "उम्र", "age"), and of years after a figure ("62 साल", "bāsaṭh saal"). */
const AGE_WORD = /^(?:age|aged|umar|umr|umra|उम्र|उमर|आयु)$/;
const YEARS_WORD = /^(?:years?|yrs?|saal|sal|varsh|baras|साल|वर्ष|बरस)$/;

/**
 * An age asked outright: a question word on the age ("kitni umar", "umar kitni honi chahiye", "उम्र क्या",
 * "how old", "what age"), or its limit ("age limit", "आयु सीमा"). An age word without one, beside an age the
 * caller tells ("at this age", "इस उम्र में"), points back at the age told.
 */
const AGE_QUESTION =
  /\b(?:how old|(?:what|which) age|age (?:limit|criteria|group|bar)|(?:minimum|maximum|max|min) age|(?:kitne|kitni|kitna)\s+(?:\S+\s+)?(?:umar|umr|umra)|(?:age|umar|umr|umra)\s+(?:\S+\s+)?(?:kitne|kitni|kitna|kya))\b|(?:कितने|कितनी|कितना)\s+(?:\S+\s+)?(?:उम्र|उमर|आयु)|(?:उम्र|उमर|आयु)\s+(?:\S+\s+)?(?:कितने|कितनी|कितना|क्या)|(?:आयु|उम्र)\s*सीमा/i;

/**
 * The age the caller tells ("82 साल", "I am 61", "उम्र बासठ साल"): the reading's figure, else a number word
 * after a word of age and before years.
 */
export function ageTold(r: Reading): number | undefined {
  if (r.age !== undefined) return r.age;
  for (let i = 1; i + 1 < r.tokens.length; i++) {
    const n = NUMBER_WORDS_0_TO_99.get(r.tokens[i]!);
    if (n !== undefined && n > 0 && AGE_WORD.test(r.tokens[i - 1]!) && YEARS_WORD.test(r.tokens[i + 1]!)) return n;
  }
  return undefined;
}

export interface SchemeQuestion {
  words: QuestionWords;
  asks: Asks[];
  /** The question's text without the words of the scheme's name. */
  rest: string;
  /**
   * The question's text without the name's words as written: a word that only sounds like one of the
   * name's ("jana", to go, beside "Jan") still says what is asked ("kahan jana" → where to apply).
   */
  asking: string;
  /**
   * The age the caller tells where they ask another fact ("she is 82: how much is the pension?"): it chooses
   * among the figures a record gives by age, and is not asked.
   */
  age?: number;
}

/** The question's words beyond the scheme's name (its names, short title, state and aliases). */
export function schemeQuestion(r: Reading, record: SchemeRecord, aliases: string[], lexicon: Lexicon, background: BackgroundLanguage): SchemeQuestion {
  const nameText = [record.name.en, record.name.hi ?? "", record.shortTitle ?? "", record.state ?? "", ...aliases].join(" ");
  const nameKeys = new Set(canonicalTokens(nameText).map(phoneticKey));
  const nameWords = new Set(nativeTokens(nameText));
  // what the name's words mean ("Awaas" → house): a caller's word for the same thing names the scheme too
  const nameMeanings = new Set([...nameWords].flatMap((w) => lexicon.englishFor(w)));
  // a name said in pieces ("PM-JAY" → "pm", "jay") is the name, not a word of the question
  const joinedName = new Set<number>();
  r.tokens.forEach((w, i) => {
    const next = r.tokens[i + 1];
    if (next && (nameWords.has(w + next) || nameKeys.has(phoneticKey(w + next)))) joinedName.add(i).add(i + 1);
  });
  const ofName = (w: string, i: number) =>
    joinedName.has(i) ||
    nameWords.has(w) ||
    // a word the name says in Hindi ("housing" of "Awaas") names the scheme, it asks about nothing
    lexicon.romanFor(w).some((x) => nameKeys.has(phoneticKey(x))) ||
    lexicon.englishFor(w).some((e) => nameMeanings.has(e)) ||
    canonicalTokens(w).some((t) => nameKeys.has(phoneticKey(t)));
  // a name's word said twice, once within the name ("… Pension Yojana") and once alone away from it ("the
  // pension"), asks about what that word says alone
  const inName = r.tokens.map((w, i) => ofName(w, i));
  const alone = (i: number) => !inName[i - 1] && !inName[i + 1];
  const askedToo = (w: string, i: number) => alone(i) && r.tokens.some((x, j) => j !== i && x === w && inName[j] && !alone(j));
  // a percentage the caller tells of themselves ("ninety percent disabled", "90 प्रतिशत") is their measure,
  // not a share asked of the scheme: its word does not make the figure asked a percentage
  const told = (i: number) => saysPercent(r.tokens[i]!) && i > 0 && isFigure(r.tokens[i - 1]!);
  const rest = r.tokens.filter((w, i) => (!inName[i] || askedToo(w, i)) && !told(i));
  // only the plainest function words go: "work", "home", "given" say what a question is about
  // a word that frames a question without asking for a field ("status", "check") still says what about
  const said = rest.filter((w) => !lexicon.isNoise(w) && !background.isHindiFunctionWord(w) && (!FRAME_WORDS.has(w) || /^\d+$/.test(w) || (!background.isFunctionWord(w) && scoreIntents(w).best === null)));
  // an age told and another fact asked ("she is 82; at this age, how much a month?"): the age word points back
  // at the age told and asks nothing; the fact asked is the one for that age
  // (the marks that part a story from its question are gone from the words: a time told is left out here)
  const storyTimes = toldTimeWords(r.text);
  let asks = questionAsks(withLoanwords(rest.filter((w) => !storyTimes.has(w)).join(" "), background), true);
  const age = ageTold(r);
  const ageOnlyTold = age !== undefined && asks.some((a) => a !== "age" && a !== "place") && !AGE_QUESTION.test(r.tokens.join(" "));
  if (ageOnlyTold) asks = asks.filter((a) => a !== "age");
  return {
    words: questionWords(
      said,
      // a word the knowledge base's lexicon lacks has the everyday dictionary's meaning ("दिन" → day)
      (w) => {
        const meanings = lexicon.englishFor(w);
        return [...(meanings.length ? meanings : background.englishOf(w)), ...sexOf(w)];
      },
      (w) => lexicon.hindiFor(w),
      (w) => lexicon.englishSynonyms(w).filter((s) => s !== w),
    ),
    asks,
    rest: rest.join(" "),
    asking: withLoanwords(r.tokens.filter((w, i) => !(joinedName.has(i) || nameWords.has(w)) || askedToo(w, i)).join(" "), background),
    // (two figures asked, "how much at first, and how much later?": the figures of more than the caller's own age)
    ...(ageOnlyTold && amountsAsked(r.text) < 2 ? { age } : {}),
  };
}
