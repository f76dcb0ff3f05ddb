// A scheme named by its own telling word beside a name written with capitals ("<Town> <Bank>", "<Founder>
// <Ashram>"): the caller named the scheme, and the capitalised words are where their loan, work or shop is,
// not a scheme the knowledge base lacks. A caller asking of a scheme it lacks says that scheme's words, not
// a word only one held scheme uses.
import { isOptionalWord } from "../knowledge/name-parts.js";
import { STRONG_MATCH } from "../knowledge/name-score.js";
import { canonicalTokens } from "../knowledge/text.js";
import { formKey } from "../knowledge/word-forms.js";
import type { DialogueKnowledge } from "./knowledge.js";
import { ownNameWords } from "./name-words.js";
import type { Reading } from "./reading.js";

/** A word of the caller's that at most this many schemes use names a thing of one of them ("Agniveer"). */
export const RARE_WORD_SCHEMES = 5;
/** Shorter words are as often a stray syllable or an everyday word as a name's own. */
const TELLING_WORD_LETTERS = 4;

/** The scheme's own name words (its English and Hindi names, its aliases) that few schemes use anywhere: the words that tell it. */
function tellingWords(k: DialogueKnowledge, schemeId: string): Set<string> {
  const meta = k.kb.store.metaOf(schemeId);
  if (!meta) return new Set();
  const words = [meta.name, meta.nameHi, ...meta.aliases]
    .filter((name): name is string => Boolean(name))
    .flatMap((name) => ownNameWords(k, name.replace(/\([^)]*\)/g, " ")))
    .filter((w) => w.length >= TELLING_WORD_LETTERS && !isOptionalWord(w) && !k.background.isFunctionWord(w));
  return new Set(words.filter((w) => k.concepts.df(w) >= 1 && k.concepts.df(w) <= RARE_WORD_SCHEMES).map(formKey));
}

/**
 * The scheme was found by its name surely (a strong name score: most of its words said) and the caller said,
 * past the words of `run`, a telling word of its names (tellingWords).
 */
export function namedBeside(k: DialogueKnowledge, r: Reading, run: readonly string[], found: { schemeId: string; nameScore: number }): boolean {
  if (found.nameScore < STRONG_MATCH) return false;
  const schemeId = found.schemeId;
  const telling = tellingWords(k, schemeId);
  if (telling.size === 0) return false;
  const inRun = new Set(run.map(formKey));
  return canonicalTokens(r.text).some((w) => !inRun.has(formKey(w)) && telling.has(formKey(w)));
}
