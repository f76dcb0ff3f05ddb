// A recognised turn the helpline could not make out is not a question about something else. An English
// recogniser turns a Hindi name it does not know into words no one says ("pally", "gener"); beside them the
// caller's clear words ("ration", "pension") are too few for the scope decision to call the turn a scheme
// question, and the caller would be told the helpline only answers scheme questions — about a scheme. So a
// spoken turn whose content words are in good part of no language the helpline knows is asked again, never
// refused. Typed questions are not judged here: a typist's unknown word is a name or a brand, read as written.
import type { DialogueKnowledge } from "./knowledge.js";
import { prompts } from "./prompts.js";
import type { Reading } from "./reading.js";
import { say } from "./reply.js";
import type { AnswerLang, Intent, Reply, Utterance } from "./types.js";

/**
 * Share of a turn's content words above which, garbled, they make it not understood rather than out of
 * scope: more than one in three (one brand name beside two clear everyday words is an everyday question).
 */
const GARBLED_SHARE = 1 / 3;

/** A word no scheme's text uses, no dictionary glosses and everyday speech does not use often: a mishearing. */
export function isGarbledWord(k: DialogueKnowledge, word: string): boolean {
  if (!/^[a-z]+$/.test(word)) return false;
  if (k.concepts.df(word) > 0 || k.concepts.isNameWord(word)) return false;
  if (k.background.englishOf(word).length > 0 || k.kb.store.lexicon.englishFor(word).length > 0) return false;
  return !k.background.isFamiliar(word);
}

/** The recogniser's words for this turn are in good part no words at all: ask again, do not refuse. */
export function notMadeOut(k: DialogueKnowledge, r: Reading, utterance: Utterance): boolean {
  if (utterance.confidence === undefined || r.content.length === 0) return false;
  const garbled = r.content.filter((w) => isGarbledWord(k, w)).length;
  return garbled > 0 && garbled / r.content.length > GARBLED_SHARE;
}

/** "Say the name again", marked not made out: a call asks again as for unsure words, and in the end offers the keypad or a person. */
export function notMadeOutReply(lang: AnswerLang, intent: Intent): Reply {
  return { ...say(prompts.sayNameAgain[lang], lang, "clarify", intent), notMadeOut: true };
}
