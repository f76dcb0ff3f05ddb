// The knowledge base's names as the name spotter listens for them: each name tokenised as its words' tokens
// one after another (sentencepiece splits on spaces; a spelt acronym's letters count as one word), every
// distinct word tokenised once, and each word's information (its inverse document frequency among the
// schemes' names).
import type { SentencePieceEncoder } from "./sentencepiece.js";

export interface NameEntry {
  schemeId: string;
  /** Spoken form in upper-case words ("ATAL PENSION"). */
  text: string;
}

export interface SpottableName {
  schemeId: string;
  text: string;
  tokens: Int32Array;
  /** Indices of its words in the spotter's word list, in order (a spelt acronym is one word). */
  words: number[];
  /** Each word's information: its inverse document frequency among the schemes' names. */
  wordInfo: Float64Array;
  /** For each token: its word's position in the name, and whether it opens or closes that word. */
  tokenWord: Int32Array;
  opensWord: Uint8Array;
  closesWord: Uint8Array;
  /** The name's log-probability under the decoder's internal language model (0 until the spotter sets it). */
  lm: number;
  /** How many schemes have a name of this text. */
  shared: number;
}

/**
 * The names that can be tokenised (the others are left out), each text once per scheme; the distinct
 * words' tokens (SpottableName.words index them); and each scheme's names (indices into names).
 */
export function tokeniseNames(entries: readonly NameEntry[], encoder: Pick<SentencePieceEncoder, "encode">): { names: SpottableName[]; words: Int32Array[]; byScheme: Map<string, number[]> } {
  const schemesOfText = new Map<string, Set<string>>();
  const wordSchemes = new Map<string, Set<string>>();
  for (const e of entries) {
    const owners = schemesOfText.get(e.text) ?? new Set<string>();
    owners.add(e.schemeId);
    schemesOfText.set(e.text, owners);
    for (const w of idfGroups(e.text).texts) {
      const set = wordSchemes.get(w) ?? new Set<string>();
      set.add(e.schemeId);
      wordSchemes.set(w, set);
    }
  }
  const schemes = new Set(entries.map((e) => e.schemeId)).size || 1;
  const idf = (w: string) => Math.log(schemes / (wordSchemes.get(w)?.size ?? 1));
  const names: SpottableName[] = [];
  const byScheme = new Map<string, number[]>();
  const wordIds = new Map<string, number>();
  const wordTokens: Int32Array[] = [];
  const seen = new Set<string>();
  for (const e of entries) {
    const key = `${e.schemeId}\t${e.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // sentencepiece splits on spaces, so a name's tokens are its words' tokens one after another; a
    // spelt acronym's letters count as one word here
    const groups = idfGroups(e.text);
    const ids: number[] = [];
    for (const [g, text] of groups.texts.entries()) {
      const spoken = groups.sizes[g]! > 1 ? text.split("").join(" ") : text;
      let id = wordIds.get(spoken);
      if (id === undefined) {
        const tokens = encoder.encode(spoken);
        if (!tokens?.length) break;
        id = wordTokens.length;
        wordIds.set(spoken, id);
        wordTokens.push(Int32Array.from(tokens));
      }
      ids.push(id);
    }
    if (ids.length !== groups.texts.length) continue;
    const tokens = Int32Array.from(ids.flatMap((id) => Array.from(wordTokens[id]!)));
    const tokenWord = Int32Array.from(ids.flatMap((id, j) => Array.from(wordTokens[id]!, () => j)));
    const opensWord = Uint8Array.from(tokenWord, (j, u) => (u === 0 || tokenWord[u - 1] !== j ? 1 : 0));
    const closesWord = Uint8Array.from(tokenWord, (j, u) => (u === tokenWord.length - 1 || tokenWord[u + 1] !== j ? 1 : 0));
    const wordInfo = Float64Array.from(groups.texts, (w) => idf(w));
    byScheme.set(e.schemeId, [...(byScheme.get(e.schemeId) ?? []), names.length]);
    names.push({ schemeId: e.schemeId, text: e.text, tokens, lm: 0, words: ids, wordInfo, tokenWord, opensWord, closesWord, shared: schemesOfText.get(e.text)!.size });
  }
  return { names, words: wordTokens, byScheme };
}

/**
 * A name's words as the spotter counts them: a spelt acronym ("P M A Y") is one word ("PMAY"). Returns
 * the words and how many spoken words each stands for.
 */
function idfGroups(text: string): { texts: string[]; sizes: number[] } {
  const texts: string[] = [];
  const sizes: number[] = [];
  let letters = false;
  for (const w of text.split(" ")) {
    const letter = w.length === 1;
    if (letter && letters) {
      texts[texts.length - 1] += w;
      sizes[sizes.length - 1]!++;
    } else {
      texts.push(w);
      sizes.push(1);
    }
    letters = letter;
  }
  return { texts, sizes };
}
