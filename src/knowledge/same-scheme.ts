// One scheme the data holds twice without saying so: a catalogue stub (a name and a line of description)
// beside a fuller record of the same level and state whose name says the same and more. Both the search
// (a kind of scheme is not two of them) and the dialogue (which of the two answers) tell them as one.
import type { SchemeMeta } from "./tables.js";
import { foldSpelling, nativeTokens } from "./text.js";

/** The record's detail level that holds a name and a brief description only. */
export const CATALOGUE = "catalog";

const nameWords = (name: string): Set<string> => new Set(nativeTokens(name).map(foldSpelling));

/** One a catalogue stub, the other a fuller record of the same level and state whose name holds every word of the stub's. */
export function sameScheme(a: SchemeMeta, b: SchemeMeta): boolean {
  const [stub, other] = a.detailLevel === CATALOGUE ? [a, b] : [b, a];
  if (stub.detailLevel !== CATALOGUE || other.detailLevel === CATALOGUE || stub.level !== other.level || stub.state !== other.state) return false;
  const words = nameWords(other.name);
  return [...nameWords(stub.name)].every((w) => words.has(w));
}
