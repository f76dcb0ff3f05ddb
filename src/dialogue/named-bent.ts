// A name said before "yojana" with a word of it bent, as a caller hears or types it a sound off ("<Bema>" of
// "<Bima>"): namedByPhrase (unheld.ts) wants every word held as the records write it, and a name so bent was
// told as one the knowledge base lacks. The one record whose names hold most of the words as written and the
// rest a sound and a letter off, leaving none of its own words unsaid, is named by them. A word no record's
// name comes that near, or a record's own word left out beside one bent ("<Gruha> <Jyoti>" of "<Atal> <Graha>
// <Jyoti>"), still names a scheme the records lack: a bent name differs from the record's by one thing.
import { distance } from "fastest-levenshtein";
import { spellingForm } from "../knowledge/name-score.js";
import { canonicalTokens, phoneticKey } from "../knowledge/text.js";
import { distinctSchemes, type DialogueKnowledge } from "./knowledge.js";
import { ownNameWords } from "./name-words.js";
import { heldShares, NAME_MIN_WORDS, NEAR_KEY_LETTERS, type NamePhrase } from "./unheld.js";

/** Of the words said for a name, at least this share are held as written: the rest may each be a sound off. */
const WRITTEN_SHARE_MIN = 0.5;
/** A bent word is spelt within this many edits of a word of the name (one more from LONG_WORD_LETTERS letters). */
const BENT_EDITS = 1;
const LONG_WORD_LETTERS = 7;

/** The one scheme whose names hold the phrase's words, at least half as written and the rest a sound and a letter off. */
export function namedByBentPhrase(k: DialogueKnowledge, phrase: NamePhrase | undefined): string | undefined {
  if (!phrase?.ended || phrase.words.length < NAME_MIN_WORDS) return undefined;
  const fits = k.kb.search.matchNames(phrase.words.join(" ")).filter((m) => {
    const shares = heldShares(k, phrase.words, m.schemeId);
    const written = shares.filter((s) => s === 1).length;
    if (!shares.every((s) => s > 0) || written < phrase.words.length * WRITTEN_SHARE_MIN) return false;
    const names = namesOf(k, m.schemeId);
    const spelt = names.flatMap((n) => canonicalTokens(n));
    return phrase.words.every((w, i) => shares[i] === 1 || spelt.some((s) => spelledNear(s, [w]))) && names.some((n) => ownNameWords(k, n).every((own) => saidNear(own, phrase.words)));
  });
  // (a scheme and its versions are one: "<Name>" and "<Name> 2.0")
  const [only, other] = distinctSchemes(k, fits);
  return only && !other ? only : undefined;
}

/** A scheme's names, without a part in parentheses (a short form or whom it is for, said apart from the name). */
function namesOf(k: DialogueKnowledge, schemeId: string): string[] {
  const meta = k.kb.store.metaOf(schemeId);
  if (!meta) return [];
  return [meta.name, meta.nameHi, meta.shortTitle, ...meta.aliases].filter((n): n is string => !!n).map((n) => n.replace(/\([^)]*\)/g, " ").trim());
}

/** A word of a name spelt within BENT_EDITS of one of the words. */
const spelledNear = (nameWord: string, said: string[]): boolean =>
  said.some((w) => canonicalTokens(w).some((t) => distance(spellingForm(t), spellingForm(nameWord)) <= BENT_EDITS + (nameWord.length >= LONG_WORD_LETTERS ? 1 : 0)));

/** A word of a name said by one of the words, as written, a sound off or a letter off. */
function saidNear(nameWord: string, said: string[]): boolean {
  const key = phoneticKey(nameWord);
  const soundNear = (t: string) => phoneticKey(t) === key || (key.length >= NEAR_KEY_LETTERS && distance(phoneticKey(t), key) <= 1);
  return said.some((w) => canonicalTokens(w).some(soundNear)) || spelledNear(nameWord, said);
}
