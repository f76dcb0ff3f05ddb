// The scheme names the acoustic scorer heard in a spoken turn's audio, weighed against the scheme its
// recognised words point to. The scorer matches each name's tokens against the sound itself; the words
// are the recogniser's one guess, which on a garbled name is as often another scheme's name, a word that
// only sounds alike, or a search hit on the question's other words. So a name the audio supports well
// enough to offer, where it hardly supports the words' scheme, is offered for a yes/no instead.
import type { DialogueKnowledge } from "./knowledge.js";
import type { Utterance } from "./types.js";

export interface HeardGuess {
  schemeId: string;
  score: number;
}

/** The first scheme the scorer heard that the knowledge base holds. */
function firstHeard(k: DialogueKnowledge, utterance: Utterance): HeardGuess | undefined {
  return utterance.heardNames?.find((h) => k.kb.store.has(h.schemeId));
}

/** One scheme under two records (a catalogue stub and its full record, or listed duplicates). */
function twins(k: DialogueKnowledge, a: string, b: string): boolean {
  return a === b || (k.kb.store.metaOf(a)?.duplicates.includes(b) ?? false) || (k.kb.store.metaOf(b)?.duplicates.includes(a) ?? false);
}

/**
 * The scheme the audio supports instead of `schemeId` (the words' pick): the scorer's first, heard at
 * least as surely as a name is offered for a yes/no (dialogue.heardNameConfirm), where the words' scheme
 * was heard less surely than that. Undefined when the audio agrees with the words, or says too little.
 */
export function heardInstead(k: DialogueKnowledge, utterance: Utterance, schemeId: string): HeardGuess | undefined {
  const top = firstHeard(k, utterance);
  if (!top || top.score < k.config.heardNameConfirm || twins(k, top.schemeId, schemeId)) return undefined;
  const words = utterance.heardNames?.find((h) => twins(k, h.schemeId, schemeId))?.score ?? 0;
  return words < k.config.heardNameConfirm ? { schemeId: top.schemeId, score: top.score } : undefined;
}
