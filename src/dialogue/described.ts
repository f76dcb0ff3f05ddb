// A scheme the caller calls by what it does ("the <kind> <thing> wali yojana", "the <thing> help") rather than
// by its name: before the words are answered as a name the records lack ("no details of …"), they are read as
// a description. Every word of it (as said, or by its English meanings: the records are written in English) is
// a word of one scheme's names or tags, central or of the caller's state; of several, the one the caller's other
// words fit best. The words and their meanings come from the records and the dictionaries, for every scheme alike.
import { canonicalTokens, detectScript, nativeTokens, stemEnglish } from "../knowledge/text.js";
import type { DialogueKnowledge } from "./knowledge.js";
import type { Reading } from "./reading.js";
import { NAME_ENDS } from "./unheld.js";

/** A description is at least this many of the caller's words: one word is a kind of help, not one scheme. */
const MIN_DESCRIBING_WORDS = 2;
/** English words are compared by this many first letters of their stem ("agricultur-e", "agricultural"). */
const KEY_LETTERS = 6;

const keyOf = (english: string): string => stemEnglish(english.toLowerCase()).slice(0, KEY_LETTERS);

interface SchemeWords {
  id: string;
  central: boolean;
  state: string;
  duplicates: readonly string[];
  keys: Set<string>;
}

/** Each scheme's words as descriptions are compared (its English names and tags by key, its Hindi name as written), per store generation. */
const indexes = new WeakMap<object, { generation: number; built: Promise<SchemeWords[]> }>();

async function schemeWords(k: DialogueKnowledge): Promise<SchemeWords[]> {
  const generation = k.kb.store.readerGeneration;
  let built = indexes.get(k.kb)?.generation === generation ? indexes.get(k.kb)!.built : undefined;
  if (!built) {
    built = (async () => {
      const metas = k.kb.store.meta();
      const records = await k.kb.store.getMany(metas.map((m) => m.schemeId));
      return metas.map((m) => {
        const english = [m.name, m.shortTitle, ...m.aliases, ...(records.get(m.schemeId)?.tags ?? [])].join(" ");
        const keys = new Set([...canonicalTokens(english).filter((w) => /^[a-z]+$/.test(w)).map(keyOf), ...nativeTokens(m.nameHi ?? "").filter((w) => detectScript(w) === "devanagari")]);
        return { id: m.schemeId, central: m.level === "central", state: m.state, duplicates: m.duplicates, keys };
      });
    })();
    indexes.set(k.kb, { generation, built });
  }
  return built;
}

/** A caller's word as the records may hold it: itself (English by key, Hindi as written) and its English meanings. */
function wordKeys(k: DialogueKnowledge, w: string): string[] {
  const meanings = [...k.background.englishOf(w), ...k.kb.store.lexicon.englishFor(w)].flatMap((m) => canonicalTokens(m));
  // (an English word written in Devanagari, "<इंजीनियरिंग>", is that word)
  const loan = k.background.loanwordOf(w);
  const own = /^[a-z]+$/.test(w) ? [keyOf(w)] : loan ? [w, keyOf(loan)] : [w];
  return [...own, ...meanings.filter((m) => /^[a-z]+$/.test(m)).map(keyOf)];
}

/**
 * The scheme the caller's words for a name (`said`, as read where a name stands) describe, if one does: every
 * one of its describing words held by that scheme's names or tags (central, or of the caller's `state`); of
 * several, the only one holding most of the caller's other words.
 */
export async function describedScheme(k: DialogueKnowledge, r: Reading, said: string, state: string | undefined): Promise<string | undefined> {
  const content = new Set(r.content);
  const describing = [...new Set(nativeTokens(said))].filter((w) => content.has(w) && !NAME_ENDS.test(w) && !NAME_ENDS.test(k.background.loanwordOf(w) ?? "") && !k.kb.search.isPlace(w));
  if (describing.length < MIN_DESCRIBING_WORDS) return undefined;
  const keysOf = new Map(describing.map((w) => [w, wordKeys(k, w)]));
  const all = await schemeWords(k);
  const holding = all.filter((s) => (s.central || s.state === state) && describing.every((w) => keysOf.get(w)!.some((key) => s.keys.has(key))));
  if (holding.length === 0) return undefined;
  // (of several, the caller's other words decide: "<group>-wali national pension yojana")
  // (the caller's words for whom and what kind of help, not for what is asked of it: "age" asked is no "old age")
  const told = new Set(r.units.flatMap((u) => nativeTokens(u.label)));
  const tells = (w: string) => told.has(w) || k.kb.store.lexicon.beneficiariesIn(w).length > 0;
  const others = [...content].filter((w) => !describing.includes(w) && tells(w) && !NAME_ENDS.test(w) && !k.kb.search.isPlace(w)).map((w) => wordKeys(k, w));
  const fit = (s: SchemeWords) => others.filter((keys) => keys.some((key) => s.keys.has(key))).length;
  const ranked = holding.map((s) => ({ s, fit: fit(s) })).sort((a, b) => b.fit - a.fit);
  const [first, second] = ranked;
  if (!first) return undefined;
  const twins = (a: SchemeWords, b: SchemeWords) => a.duplicates.includes(b.id) || b.duplicates.includes(a.id);
  return !second || second.fit < first.fit || twins(first.s, second.s) ? first.s.id : undefined;
}

