// A scheme named surely beside a name written with capitals ("<Town> <Bank>", "<Founder> <Ashram>"): the
// caller named the scheme, and the capitalised words are where their loan, work or shop is, not a scheme the
// knowledge base lacks. A caller asking of a scheme it lacks says that scheme's words, not most of a held
// name's or a word only a few held schemes use.
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

/** A name said by this many of its first own words names it ("Zarimba Kheti"); here, by as many anywhere, more than half. */
export const LEADING_WORDS = 2;

/** The scheme's names (English, Hindi, aliases), each as its own words. */
function ownWordsOfNames(k: DialogueKnowledge, schemeId: string): string[][] {
  const meta = k.kb.store.metaOf(schemeId);
  if (!meta) return [];
  return [meta.name, meta.nameHi, ...meta.aliases]
    .filter((name): name is string => Boolean(name))
    .map((name) => ownNameWords(k, name.replace(/\([^)]*\)/g, " ")).filter((w) => !isOptionalWord(w) && !k.background.isFunctionWord(w)));
}

/**
 * The scheme was found by its name surely (a strong name score) and the caller said it past the words of
 * `run`: by a telling word of its names (one TELLING_WORD_LETTERS long or more that at most RARE_WORD_SCHEMES
 * schemes use anywhere), or by most of one of its names' own words.
 */
export function namedBeside(k: DialogueKnowledge, r: Reading, run: readonly string[], found: { schemeId: string; nameScore: number }): boolean {
  if (found.nameScore < STRONG_MATCH) return false;
  const inRun = new Set(run.map(formKey));
  const said = new Set(canonicalTokens(r.text).map(formKey).filter((key) => !inRun.has(key)));
  return ownWordsOfNames(k, found.schemeId).some((own) => {
    const saidOwn = own.filter((w) => said.has(formKey(w)));
    const telling = saidOwn.some((w) => w.length >= TELLING_WORD_LETTERS && k.concepts.df(w) >= 1 && k.concepts.df(w) <= RARE_WORD_SCHEMES);
    return telling || (saidOwn.length >= LEADING_WORDS && saidOwn.length * 2 > own.length);
  });
}
