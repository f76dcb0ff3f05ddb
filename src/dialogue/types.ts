// The dialogue's contract: an utterance and a context in, a reply out. Pure data, no audio.

/** Languages the helpline speaks answers in; other Indian languages are recognised but answered in English. */
export type AnswerLang = "en" | "hi";

export type Action =
  | "answer" // facts about a scheme
  | "list" // several schemes for a category, state or beneficiary
  | "clarify" // one short question before answering
  | "confirm" // a scheme heard by sound alone, offered for a yes/no
  | "more" // the continuation of the last answer
  | "repeat" // the last reply again
  | "help" // what can be asked
  | "greet"
  | "out_of_scope"
  | "no_info" // the scheme is known but the record lacks this detail
  | "transfer" // to a human
  | "end"; // goodbye

export type Intent =
  | "overview"
  | "eligibility"
  | "exclusions"
  | "benefits"
  | "documents"
  | "apply"
  | "contact"
  | "list"
  | "eligibility_check"
  | "related"
  | "repeat"
  | "more"
  | "help"
  | "human"
  | "goodbye"
  | "greeting"
  | "affirm"
  | "deny"
  | "out_of_scope";

/** A scheme field an answer is drawn from. */
export type Field = "description" | "eligibility" | "exclusions" | "benefits" | "documents" | "application" | "contact";

/** A piece of reply text and the language it is in (speech synthesis switches voice on it). */
export interface Segment {
  text: string;
  lang: string;
}

export interface Utterance {
  text: string;
  /** Language the recogniser or caller chose, when known. */
  lang?: string;
  /** Recogniser confidence 0–1, when from speech. */
  confidence?: number;
  /** A keypad digit pressed instead of speaking. */
  dtmf?: string;
  /** The recogniser's other readings of the same speech (n-best beyond the first), best first. */
  alternatives?: string[];
  /**
   * Schemes whose names the acoustic scorer heard, best first: a calibrated 0–1 probability that this
   * scheme's name was said (from the recogniser's own model scoring each name against the audio).
   */
  heardNames?: { schemeId: string; score: number }[];
}

export interface Reply {
  text: string;
  lang: string;
  segments: Segment[];
  action: Action;
  intent: Intent;
  schemeIds: string[];
  field?: Field;
  /** More of this answer is left for "more". */
  hasMore?: boolean;
  /** Where the words came from: the record's fields or a checked LLM rewording. */
  source: "composed" | "llm" | "prompt";
  /**
   * The recognised words were not made out (misheard.ts): a call asks again as for words heard unsure, and in
   * the end offers the keypad or a person, rather than speaking this reply turn after turn.
   */
  notMadeOut?: boolean;
}

export interface Profile {
  age?: number;
  /** Monthly income in rupees. */
  monthlyIncome?: number;
  state?: string;
  beneficiaries: string[];
}

/** Where the last answer stopped, so "more" can continue. */
export interface Cursor {
  schemeId: string;
  field: Field;
  lang: AnswerLang;
  /** Chunk indices in the order they are spoken. */
  order: number[];
  position: number;
}

export type Pending =
  /** A choice of schemes by name or number; `candidates` are all that fitted (what the caller says next may narrow them). */
  | { kind: "choose"; options: string[]; candidates: string[]; intent: Intent; turn: number; question: string }
  /** "Did you mean …?": yes, 1, no, 2, or the name again. */
  | { kind: "confirm"; schemeId: string; intent: Intent; turn: number; question: string }
  /** "Who is it for?": beneficiary groups by name or number. */
  | { kind: "topic"; options: string[]; turn: number };

export interface DialogueContext {
  sessionId: string;
  turn: number;
  lang: AnswerLang;
  /** The scheme the conversation is about, and the turn it was last spoken of. */
  currentScheme?: { id: string; turn: number };
  mentioned: { id: string; turn: number }[];
  lastIntent?: Intent;
  lastField?: Field;
  profile: Profile;
  pending?: Pending;
  cursor?: Cursor;
  lastReply?: Reply;
  /** How many replies in a row failed to help (out of scope, no scheme found). */
  misses: number;
}

/**
 * Whether respond() answers two utterances alike: the same words, key, language, other readings and names
 * heard. Confidence only says the words were spoken (identify.ts), so its value does not count.
 */
export function answeredAlike(a: Utterance, b: Utterance): boolean {
  const key = (u: Utterance) => JSON.stringify([u.text, u.dtmf ?? null, u.lang ?? null, u.confidence !== undefined, u.alternatives ?? [], u.heardNames ?? []]);
  return key(a) === key(b);
}

export function newContext(sessionId: string, lang: AnswerLang = "en"): DialogueContext {
  return { sessionId, turn: 0, lang, mentioned: [], profile: { beneficiaries: [] }, misses: 0 };
}
