// One reading of a caller's words, everything the dialogue decides from: intents, the kind of fact asked
// for, the content words, the concepts they name, whether they call something a scheme or point at one
// by its kind, the state and who the caller is.
import type { BackgroundLanguage, ConceptUnit, SchemeConcepts } from "../knowledge/index.js";
import { escapeRegExp, nativeTokens, stemEnglish } from "../knowledge/text.js";
import { CENTRAL, DESIGNATOR, FOR_WHOM, FRAME_WORDS, HELP_WORDS, KIND_REFERENCE, PERSON_WORDS, OWN_ERRAND, PER_PERIOD, POSSESSIVE_WORDS, PLURAL_SCHEMES, REQUIREMENT, parseAge, parseMonthlyIncome, questionAsks, scoreIntents, type Asks, type IntentScores } from "./nlu.js";
import { isOrdinaryWord } from "./ordinary.js";
import { isCourtesyWord } from "./salutation.js";
import type { Intent } from "./types.js";

/** A word at most this many schemes mention (and none is named or filed under) is unfamiliar. */
const UNFAMILIAR_SCHEMES = 2;

export const FIELD_INTENTS: Intent[] = ["exclusions", "documents", "contact", "apply", "eligibility", "benefits", "related", "overview"];
export const CONTROL_INTENTS: Intent[] = ["human", "repeat", "more", "help", "goodbye", "greeting", "affirm", "deny"];
/** Field intents that only a question about a scheme asks. */
const SCHEME_FIELD_INTENTS: Intent[] = ["exclusions", "documents", "apply", "eligibility", "contact"];

const ANAPHORA = /(?:^|[^a-z])(it|its|this|that|this scheme|that scheme|the scheme|they|them|their|ve log|wo log|woh log|iske|iska|iski|uske|uska|uski|ismein|isme|usme|usmein|isse|usse)(?:$|[^a-z])|इसके|इसका|इसकी|उसके|उसका|उसकी|इसमें|उसमें|इससे|उससे|इस योजना|उस योजना|वे लोग|वो लोग/i;

const PERIODS = new RegExp(PER_PERIOD.source, "gi");

export interface Reading {
  text: string;
  nlu: IntentScores;
  fieldIntent?: Intent;
  control?: Intent;
  asks: Asks[];
  /** Words of the text, as written (lowercase). */
  tokens: string[];
  /** Words that carry a topic: not function words, not words of asking. */
  content: string[];
  units: ConceptUnit[];
  /** Calls something a scheme ("… yojana", "scheme", "योजना"). */
  designator: boolean;
  /** Points at a scheme by its kind ("the housing one", "bima wali yojana"). */
  kindReference: boolean;
  /** Asks for several schemes. */
  plural: boolean;
  anaphora: boolean;
  /** Asks for the central government's scheme. */
  central: boolean;
  /** Says whom something is for ("for farmers", "kisan ke liye"). */
  forWhom: boolean;
  /** Asks when something of the caller's own will come (an errand, not a scheme's rules). */
  errand: boolean;
  /**
   * Words neither everyday speech nor any scheme uses: a name the knowledge base does not hold, or one
   * garbled ("Sukanya", "ushmanbert").
   */
  unfamiliar: string[];
  /**
   * Pieces of a name said but not made out: words no one knows however short ("egp"), and letters said
   * one by one next to another letter or such a word ("m g", "m egp": an acronym spelt out, as recognised
   * speech writes one).
   */
  nameBits: string[];
  /** Asks for a scheme's field strongly (documents, who can apply, how to apply, how much). */
  strongField: boolean;
  /** Asks about a scheme's field, or calls it a scheme. */
  frame: boolean;
  state?: string;
  age?: number;
  monthlyIncome?: number;
  beneficiaries: string[];
}

export function pickIntent(nlu: IntentScores, among: Intent[]): Intent | undefined {
  let best: Intent | undefined;
  for (const intent of among) {
    const s = nlu.scores[intent];
    if (s !== undefined && (best === undefined || s > nlu.scores[best]!)) best = intent;
  }
  return best;
}

/** The field a text asks about; how much an applicant must have is about who can apply, not about what is given. */
export function fieldIntentOf(text: string, nlu: IntentScores = scoreIntents(text)): Intent | undefined {
  const picked = pickIntent(nlu, FIELD_INTENTS);
  return picked === "benefits" && REQUIREMENT.test(text) ? "eligibility" : picked;
}

/** "Does" and "am/is/are" after a noun: what the caller does for a living ("सिलाई का काम करती हूँ", "kheti karta hai"). */
const DOES = new Set("करता करती करते karta karti karte".split(" "));
const IS = new Set("हूँ हूं है हैं हो hoon hun hu hai hain ho".split(" "));

/**
 * The nouns of what the caller says they do for a living ("काम" of "सिलाई का काम करती हूँ"): it says who
 * they are, not the help they ask for (who they are is read as a group where the lexicon has one).
 */
function livelihoodWords(tokens: string[]): Set<string> {
  return new Set(tokens.filter((_, i) => i + 2 < tokens.length && DOES.has(tokens[i + 1]!) && IS.has(tokens[i + 2]!)));
}

/** Hindi's genitive postpositions, as in "<trade> ka kaam": the work of that trade. */
const OF_WORK = new Set("ka ki ke का की के".split(" "));

/**
 * The caller's trade said as the work they do ("<trade> ka kaam karte hain", "<trade> का काम करती हूँ"): the
 * word before a genitive and the noun of their livelihood. A word no one knows said so is the trade, never
 * a scheme's name asked about.
 */
function tradeWords(tokens: string[], livelihood: ReadonlySet<string>): Set<string> {
  return new Set(tokens.filter((_, i) => i + 2 < tokens.length && OF_WORK.has(tokens[i + 1]!) && livelihood.has(tokens[i + 2]!)));
}

/** An English adverb of manner ("specially", "directly"): an everyday word and "-ly". */
const MANNER = /^([a-z]{4,})ly$/;

/**
 * An English word of how something is done ("specially", "directly", "freely"), made of an everyday word
 * and "-ly": it says how, not what help is asked for ("special" schemes are another thing).
 */
function isMannerWord(word: string, background: BackgroundLanguage): boolean {
  const base = MANNER.exec(word)?.[1];
  return base !== undefined && background.isEveryday(base);
}

/** A Devanagari word (the danda and digits apart). */
const DEVANAGARI_WORD = /[\u0900-\u0963\u0971-\u097f]+/g;

/**
 * The English word a caller wrote in Devanagari ("डॉक्यूमेंट", "लिमिट", "बैलेंस"). A word of Hindi's own
 * dictionary stays Hindi ("काम" is work, whatever English word it sounds like).
 */
function borrowedEnglish(word: string, background: BackgroundLanguage): string | undefined {
  return background.englishOf(word).length === 0 && !background.isFunctionWord(word) ? background.loanwordOf(word) : undefined;
}

/** The text with the English of each English word written in Devanagari said after it: what it asks is read as the English would be. */
export function withLoanwords(text: string, background: BackgroundLanguage): string {
  return text.replace(DEVANAGARI_WORD, (w) => {
    const english = borrowedEnglish(w, background);
    return english ? `${w} ${english}` : w;
  });
}

/** A letter and a dot before more letters: an abbreviation's initial ("B.Sc", "M.Tech"). */
const INITIAL = /\b([A-Za-z])\.(?=[A-Za-z]{1,4}\b)/g;

/**
 * The text with abbreviations written with dots as one word ("B.Sc" as "BSc"): their parts are no words of
 * their own ("Sc" of a degree is not the Scheduled Castes).
 */
export function initialsJoined(text: string): string {
  return text.replace(INITIAL, "$1");
}

export function readWords(
  text: string,
  deps: {
    concepts: SchemeConcepts;
    background: BackgroundLanguage;
    stateIn(text: string): string | undefined;
    beneficiariesIn(text: string): string[];
    /** English meanings of a Hindi or romanised word from the lexicon. */
    meanings(word: string): string[];
    /** The words name a state or a town of any size (the gazetteer): where the caller is, never an unknown name. */
    isPlace?(words: string): boolean;
  },
): Reading {
  // what is asked, read with the English words written in Devanagari as English
  const asking = withLoanwords(text, deps.background);
  const nlu = scoreIntents(asking);
  const fieldIntent = fieldIntentOf(asking, nlu);
  const tokens = nativeTokens(text);
  const state = deps.stateIn(text);
  // the state's words as the caller wrote them ("हरियाणा" as well as "Haryana")
  const stateWords = new Set(state ? [...nativeTokens(state), ...tokens.filter((w) => deps.stateIn(w) === state), ...stateNameRuns(tokens, state, deps.stateIn)] : []);
  // the period an amount is counted by ("per month", "हर महीने") says how it is paid, not a kind of help
  const periodWords = new Set([...text.matchAll(PERIODS)].flatMap((m) => nativeTokens(m[0])));
  const skip = (w: string): boolean =>
    deps.background.isFunctionWord(w) || FRAME_WORDS.has(w) || PERSON_WORDS.has(w) || (isCourtesyWord(w) && !deps.concepts.isNameWord(w)) || /^\d+$/.test(w) || stateWords.has(w) || periodWords.has(w);
  const livelihood = livelihoodWords(tokens);
  // "my mother", "meri maa": the person the caller speaks of, whose group is read; not a kind of help
  const ownPersons = new Set(tokens.filter((w, i) => i > 0 && POSSESSIVE_WORDS.has(tokens[i - 1]!) && deps.beneficiariesIn([w, ...deps.meanings(w)].join(" ")).length > 0));
  const units = deps.concepts.unitsIn(initialsJoined(text), (w) => skip(w) || HELP_WORDS.has(w) || livelihood.has(w) || ownPersons.has(w) || isMannerWord(w, deps.background), (w) => deps.background.englishOf(w), (w) => (deps.background.isSpecialised(w) ? deps.background.englishOf(w) : []), (w) => deps.background.isEnglishWord(w), (w) => deps.background.isSpecialised(w), (w) => deps.background.isStoryWord(w));
  const readAsUnit = new Set(units.filter((u) => !u.group && !u.label.includes(" ")).map((u) => u.label));
  // the words of a tag of several words the caller said ("self help group") are content, however passed over alone
  const phraseWords = new Set(units.filter((u) => u.label.includes(" ")).flatMap((u) => u.label.split(" ")));
  const content = [...new Set(tokens.filter((w) => (!skip(w) || phraseWords.has(w)) && w.length > 1))];
  // "स्कीम" calls a scheme as "scheme" does: read with the English words written in Devanagari as English
  const designator = DESIGNATOR.test(asking);
  const asks = questionAsks(asking);
  // a word no dictionary, no everyday speech and (almost) no scheme knows, nor a Hindi word bent; nor one
  // the lexicon reads as a group of people ("दिहाड़ी", a day labourer): who the caller is, not a name
  const unknown = (w: string) =>
    !/\d/.test(w) &&
    !deps.background.commonness(w).known &&
    deps.meanings(w).length === 0 &&
    deps.concepts.df(w) <= UNFAMILIAR_SCHEMES &&
    deps.concepts.conceptCount(stemEnglish(w)) === 0 &&
    deps.beneficiariesIn(w).length === 0 &&
    // (nor one read as a word of schemes' names or tags by its sound, "आंगनवाड़ी": a kind of help, not a name unheard of)
    !readAsUnit.has(w);
  const places = placeWords(tokens, text, stateWords, (w) => w.length >= 4 && unknown(w), deps.isPlace ?? (() => false));
  const trades = tradeWords(tokens, livelihood);
  return {
    text,
    nlu,
    fieldIntent,
    control: pickIntent(nlu, CONTROL_INTENTS),
    asks,
    tokens,
    content,
    units,
    designator,
    kindReference: KIND_REFERENCE.test(text),
    // "schemes", or a kind of help asked for in the plural ("which scholarships", "loans for business")
    plural: PLURAL_SCHEMES.test(text) || (asks.length === 0 && units.some((u) => !u.group && isPlural(u.label) && deps.background.commonness(u.label.slice(0, -1)).known)),
    anaphora: ANAPHORA.test(text),
    central: CENTRAL.test(text),
    forWhom: FOR_WHOM.test(text),
    errand: OWN_ERRAND.test(text),
    unfamiliar: content.filter((w) => w.length >= 4 && unknown(w) && !places.has(w) && !trades.has(w)),
    nameBits: nameBits(tokens, (w) => content.includes(w) && unknown(w) && !isOrdinaryWord(w, deps.background) && !trades.has(w)),
    strongField: FIELD_INTENTS.some((i) => i !== "overview" && i !== "related" && (nlu.scores[i] ?? 0) >= 5),
    frame: designator || SCHEME_FIELD_INTENTS.some((i) => (nlu.scores[i] ?? 0) >= 5),
    state,
    age: parseAge(text),
    monthlyIncome: parseMonthlyIncome(text),
    beneficiaries: deps.beneficiariesIn(text),
  };
}

/**
 * Of the words no one knows (`unknown`), those that name a place: a town the gazetteer holds, or a word written
 * before the state's name as an address is ("<town>, <state>"). (A word alone: the gazetteer finds a town
 * anywhere in a longer text, so a span would take a name's unknown word beside a town for the town.)
 */
function placeWords(tokens: string[], text: string, stateWords: ReadonlySet<string>, unknown: (w: string) => boolean, isPlace: (words: string) => boolean): Set<string> {
  const found = new Set<string>();
  tokens.forEach((w, i) => {
    if (!unknown(w) || found.has(w)) return;
    const next = tokens[i + 1];
    const address = next !== undefined && stateWords.has(next) && new RegExp(`(?:^|[^\\p{L}])${escapeRegExp(w)}\\s*,\\s*${escapeRegExp(next)}`, "iu").test(text);
    if (address || isPlace(w)) found.add(w);
  });
  return found;
}

/** The longest a state's name runs, in words ("अरुणाचल प्रदेश", "दादरा और नगर हवेली"). */
const STATE_NAME_WORDS = 4;

/**
 * The words of runs that name the state only together ("मध्य प्रदेश": "मध्य" alone is "middle", a
 * word schemes are filed under), however the caller wrote them: the place, never a kind of help. (Not a
 * run one of whose words names the state alone, a town: "<town> <word>" leaves the word its own.)
 */
function stateNameRuns(tokens: string[], state: string, stateIn: (text: string) => string | undefined): string[] {
  const found: string[] = [];
  for (let n = 2; n <= STATE_NAME_WORDS; n++) {
    for (let i = 0; i + n <= tokens.length; i++) {
      const run = tokens.slice(i, i + n);
      // (the shortest such run: "मध्य प्रदेश <word>" leaves the word its own)
      const names = (words: string[]) => stateIn(words.join(" ")) === state;
      if (names(run) && !names(run.slice(1)) && !names(run.slice(0, -1)) && run.every((w) => !names([w]))) found.push(...run);
    }
  }
  return found;
}

/** A Latin letter said alone ("a" and "i" are words of their own). */
const LETTER = /^[b-hj-z]$/;

/** The unknown words, and the letters said alone next to another letter or an unknown word. */
function nameBits(tokens: string[], unknown: (w: string) => boolean): string[] {
  const bit = (i: number) => i >= 0 && i < tokens.length && (LETTER.test(tokens[i]!) || unknown(tokens[i]!));
  return [...new Set(tokens.filter((w, i) => unknown(w) || (LETTER.test(w) && (bit(i - 1) || bit(i + 1)))))];
}

/** An English plural of a word ("loans", "scholarships"; not "business", "bus"). */
function isPlural(word: string): boolean {
  return /^[a-z]{4,}s$/.test(word) && !/(?:ss|us|is)$/.test(word) && stemEnglish(word) === stemEnglish(word.slice(0, -1));
}
