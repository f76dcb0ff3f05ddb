// A scheme's name as a caller says it: its words past function words, and its own words past those callers
// leave out ("Pradhan Mantri", "Yojana"), its state and numbers; what the name checks (identify.ts,
// own-state.ts) compare with the caller's words.
import { canonicalTokens, foldSpelling, nativeTokens } from "../knowledge/text.js";
import type { DialogueKnowledge } from "./knowledge.js";
import { FRAME_WORDS } from "./nlu.js";

/** Words a name may have that callers leave out ("Pradhan Mantri …", "National …"). */
export const OPTIONAL_NAME_WORDS = new Set(["pradhan", "mantri", "mukhyamantri", "chief", "minister", "prime", "national", "rashtriya", "state", "central", "yojna", "pm", "cm", "dr"]);

/** A name's words as a caller may say it short: each word's folded start ("Nirmaan", "Nirman"). */
export const wordKey = (w: string): string => foldSpelling(w).slice(0, 5);

/** Names romanised (a Hindi name's transliteration is slow, and every turn reads some dozens of names). */
const NAME_TOKENS_CACHE = 20_000;
export interface NameTokens {
  all: string[];
  /** Past function words, a Hindi name's too as its romanised words read them ("लिए" → "lie"). */
  content: string[];
}
const nameTokens = new Map<string, NameTokens>();
// (function words are general language, the same whatever the knowledge base: a name's are kept with it)
export function nameTokensOf(k: DialogueKnowledge, alias: string): NameTokens {
  let tokens = nameTokens.get(alias);
  if (!tokens) {
    if (nameTokens.size >= NAME_TOKENS_CACHE) nameTokens.clear();
    const all = canonicalTokens(alias);
    // a postposition the caller also said is no word of the name said
    const hindiFunctionWords = /[\u0900-\u097f]/.test(alias) ? new Set(nativeTokens(alias).filter((w) => k.background.isFunctionWord(w)).flatMap((w) => canonicalTokens(w))) : undefined;
    tokens = { all, content: all.filter((w) => !k.background.isFunctionWord(w) && !hindiFunctionWords?.has(w)) };
    nameTokens.set(alias, tokens);
  }
  return tokens;
}

/** A name's own words: past the words callers leave out, its state, "Yojana" and (unless `withFunctionWords`) function words. */
export function ownNameWords(k: DialogueKnowledge, alias: string, withFunctionWords = false): string[] {
  const { all, content } = nameTokensOf(k, alias);
  return (withFunctionWords ? all : content).filter((w) => w.length > 1 && !FRAME_WORDS.has(w) && !OPTIONAL_NAME_WORDS.has(w) && !/^\d+$/.test(w) && !k.kb.search.isPlace(w));
}
