// Names found by how they sound across word boundaries, as speech recognition splits and garbles them ("at
// lension you again" → "Atal Pension Yojana"): each name said as words (not letters) is kept run together, by
// its letter trigrams, and the query's sound keys, run together too, are aligned with the names sharing enough
// of them. Plain data (the name matcher keeps it in its snapshot) and the two functions that build and read it.
import type { NameMatch } from "./matcher.js";
import { sayableAsWord } from "./name-parts.js";
import { RAW, type Alias } from "./name-score.js";
import { canonicalTokens, joinSpelledLetters, phoneticKey, substringDistance, trigrams } from "./text.js";

/** Words left out of a name's sound: who runs it and what kind of programme it is. */
const SOUND_DROPPED = new Set(["pm", "cm", "pradhan", "mantri", "mukhyamantri", "yojana", "yojna", "scheme", "programme", "program", "abhiyan", "mission", "karyakram"]);
/**
 * Of those, who runs it ("pm", "cm", as canonicalTokens writes every spelling of it): kept in the sound of a
 * name whose other words are too short to be found by sound alone ("<Mukhmantri> <Sehat> <Bima>").
 */
const DESIGNATORS = new Set(["pm", "cm"]);
/** Names shorter than this many sound letters, run together, are too short to find by sound alone. */
export const SOUND_MIN_LETTERS = 8;
/** Sound letters a name must keep beyond the words heard as they are, to be found by the rest's sound. */
const SOUND_REST_MIN = 3;
/** Share of a name's trigrams the query must share before the name is aligned with it. */
const SOUND_GRAM_SHARE = 0.3;

/** One name as it sounds: its own words' keys, and them run together. */
export interface SoundName {
  schemeId: string;
  text: string;
  joined: string;
  keys: string[];
}

/** The sound index: names, and each trigram's names (indices). */
export interface SoundIndex {
  sounds: SoundName[];
  soundGrams: Map<string, number[]>;
}

/** Names said as words (not letters), run together, indexed by their letter trigrams; a step per name (`pausing`). */
export function* buildSoundIndex(index: SoundIndex, aliases: readonly Alias[], pausing: boolean): Generator<void> {
  const seen = new Set<string>();
  for (const a of aliases) {
    if (pausing) yield;
    if (a.kind === "acronym" || a.runTogether || a.keys.some((k) => k.startsWith(RAW))) continue;
    // the name's own words: "Yojana", "Pradhan Mantri" sound like half of every name; capitals that
    // cannot be read as a word ("MAYNSKFDC") are said letter by letter, never heard as words
    const capitals = a.text.match(/\b[A-Z]{3,}\b/g);
    const spelt = capitals ? new Set(capitals.map((w) => w.toLowerCase()).filter((w) => !sayableAsWord(w))) : new Set<string>();
    const kept = (keepDesignator: boolean) => a.keys.filter((_, i) => (!SOUND_DROPPED.has(a.words[i]!) || (keepDesignator && DESIGNATORS.has(a.words[i]!))) && a.words[i]!.length > 1 && !spelt.has(a.words[i]!));
    let own = kept(false);
    if (own.length === 0) continue;
    if (own.join("").length < SOUND_MIN_LETTERS) own = kept(true);
    const joined = own.join("");
    const signature = `${a.schemeId}|${joined}`;
    if (joined.length < SOUND_MIN_LETTERS || seen.has(signature)) continue;
    seen.add(signature);
    const at = index.sounds.push({ schemeId: a.schemeId, text: a.text, joined, keys: own }) - 1;
    for (const g of trigrams(joined)) (index.soundGrams.get(g) ?? index.soundGrams.set(g, []).get(g)!).push(at);
  }
}

/**
 * Names the words sound like across word boundaries: the query's sound keys run together, and each name's
 * run-together keys found in them with the fewest edits. Scores are 1 − edits / name length.
 */
export function soundMatchIn(index: SoundIndex, query: string, limit: number): NameMatch[] {
  // every word counts: a garbled name comes back as common words ("you again" for "Yojana")
  const queryKeys = canonicalTokens(joinSpelledLetters(query)).map(phoneticKey);
  const text = queryKeys.join("");
  if (text.length < SOUND_MIN_LETTERS) return [];
  const said = new Set(queryKeys);
  const counts = new Map<number, number>();
  for (const g of new Set(trigrams(text))) for (const i of index.soundGrams.get(g) ?? []) counts.set(i, (counts.get(i) ?? 0) + 1);
  const best = new Map<string, NameMatch>();
  for (const [i, shared] of counts) {
    const name = index.sounds[i]!;
    // a name must share a fair part of its trigrams before it is aligned
    if (shared < Math.max(2, (name.joined.length - 2) * SOUND_GRAM_SHARE)) continue;
    let score = 1 - substringDistance(name.joined, text) / name.joined.length;
    // words of the name heard as they are ("scholarship") are no sign of the rest ("KALIA"): the score
    // is the mean (geometric) of the whole name's and of how the rest sounds like what else was said
    const heard = name.keys.filter((k) => said.has(k));
    if (heard.length > 0 && heard.length < name.keys.length) {
      const rest = name.keys.filter((k) => !said.has(k)).join("");
      const others = queryKeys.filter((k) => !name.keys.includes(k)).join("");
      score = rest.length < SOUND_REST_MIN ? 0 : Math.sqrt(score * Math.max(0, 1 - substringDistance(rest, others) / rest.length));
    }
    const prev = best.get(name.schemeId);
    if (score > 0 && (!prev || score > prev.score)) best.set(name.schemeId, { schemeId: name.schemeId, score, alias: name.text, kind: "name" });
  }
  return [...best.values()].sort((a, b) => b.score - a.score || (a.schemeId < b.schemeId ? -1 : 1)).slice(0, limit);
}
