// The caller's state's own scheme for a central one named: the records hold many central schemes again as a
// state's ("National Family Benefit Scheme - <State>"), and states run schemes whose names share a central
// one's words ("<State> Arogya Nidhi" beside "Rashtriya Arogya Nidhi"). A caller who lives in that state
// and names the scheme by words both names hold means their state's: it is the one they can apply to.
import { phoneticKey, canonicalTokens } from "../knowledge/text.js";
import type { SearchHit } from "../knowledge/index.js";
import type { DialogueKnowledge } from "./knowledge.js";
import { ownNameWords } from "./name-words.js";
import type { Reading } from "./reading.js";

/** Words that say the central government runs a scheme (general words of office, keyed as spoken). */
const OFFICE_WORDS: ReadonlySet<string> = new Set(["pradhan", "mantri", "prime", "minister", "pm", "central"].map(phoneticKey));

/** All of a name's words' keys. */
const keysOfAll = (name: string): Set<string> => new Set(canonicalTokens(name).map(phoneticKey));

/** A name's own words' keys, past the words of its state ("Uttar Pradesh", which no one word of names as a place). */
function keysOf(k: DialogueKnowledge, name: string, state?: string): Set<string> {
  const stateKeys = new Set(canonicalTokens(state ?? "").map(phoneticKey));
  return new Set(ownNameWords(k, name).map(phoneticKey).filter((w) => w && !stateKeys.has(w)));
}

/**
 * Of a central scheme named (`schemeId`, by the name search matched: `hits`), the one scheme of the caller's
 * state that is it there: its name's own words are the central name's (its version for the state, the
 * state's name aside), or the caller said every own word of the state's name and of the central name only
 * words the state's name holds too (its namesake, said no further). None when the state is not known, the
 * scheme named is a state's, or the state has no such scheme or more than one.
 */
export function ownStatesScheme(k: DialogueKnowledge, schemeId: string, hits: readonly SearchHit[], r: Reading): string | undefined {
  const state = r.state;
  const meta = k.kb.store.metaOf(schemeId);
  if (!state || !meta || meta.level !== "central") return undefined;
  const same = new Set([schemeId, ...meta.duplicates]);
  const central = keysOf(k, meta.name);
  const said = new Set(canonicalTokens(r.text).map(phoneticKey));
  const alias = hits.find((h) => h.schemeId === schemeId)?.nameAlias;
  // the central name's own words the caller said (by the name search matched, in whichever script, and of its
  // full name: "<Group> <Group> <Kind> <Kind>" said of "<Kind> Based Schemes For <Group> <Group> - <Kind> <Kind>"
  // says more of the central name than a state's "<Kind> <Kind> Scheme" holds)
  const centralSaid = alias ? [...new Set([...keysOf(k, alias), ...central])].filter((w) => said.has(w)) : [];
  // the caller who said who runs the central one ("Pradhan Mantri", "PM") named it, not a state's without those words
  const office = [...OFFICE_WORDS].filter((w) => said.has(w) && (keysOfAll(meta.name).has(w) || (alias !== undefined && keysOfAll(alias).has(w))));
  const theirs = k.kb.store.meta().filter((m) => m.level !== "central" && m.states.includes(state) && !same.has(m.schemeId) && !meta.duplicates.includes(m.schemeId));
  const fits = theirs.filter((m) => {
    const own = keysOf(k, m.name, state);
    if (own.size === 0 || office.some((w) => !keysOfAll(m.name).has(w))) return false;
    const version = central.size > 0 && own.size === central.size && [...own].every((w) => central.has(w));
    const namesake = centralSaid.length > 0 && centralSaid.every((w) => own.has(w)) && [...own].every((w) => said.has(w));
    return version || namesake;
  });
  return fits.length === 1 ? fits[0]!.schemeId : undefined;
}
