// How many records a caller reaches by describing them, measured on the knowledge base itself rather than on
// question lines. Two variants:
// - "described": every STEP-th record asked a fact by its state (for a state's scheme) and up to DESCRIBE_WORDS
//   of the words of its own tags (what myScheme files it under: what it does, for whom) that its name does not
//   hold, rarest first (no name said);
// - "by part of its name": every STEP-th record with three own words of a name or more, asked by two of them before
//   "wali yojana" with its state (romanised), or, for a Hindi name, its last two before "योजना" and its first
//   told apart as whom it is for (a description made of the name's ordinary words, not the name);
// - "sibling": of every STEP-th pair of close siblings (two records whose English names differ in one word,
//   same level and state), each asked by its name.
// A variant counts as answered only when the reply answers for the record (or a duplicate slug of it); the
// rest are counted by where they stopped (bench/dialogue-misses.ts stages).
//
//   SAHAYAK_SHARED=/work/shared node --import tsx bench/described-reach.ts [--step 12] [--verbose]
import type { SchemeRecord } from "../src/knowledge/index.js";
import { nativeTokens } from "../src/knowledge/text.js";
import { ReachTally, withReachEngine } from "./reach-tools.js";

/** Carriers written for this measure (no evaluation line). */
const ASK = {
  described: (state: string | undefined, words: string[]) => `${state ? `I live in ${state}. ` : ""}The scheme about ${words.join(" ")}: how much money does it give?`,
  named: (name: string) => `how much money does ${name} give?`,
  partRoman: (state: string | undefined, words: string[]) => `${state ? `main ${state} se hoon. ` : ""}${words.join(" ")} wali yojana mein kitna paisa milta hai?`,
  partHindi: (first: string, words: string[]) => `${words.join(" ")} योजना में ${first} को कितना पैसा मिलता है?`,
};
/** How many of a record's tag words describe it: at most, and at least. */
const DESCRIBE_WORDS = 4;
const MIN_DESCRIBE_WORDS = 2;
/** A word this long or longer is a content word worth saying (shorter ones are mostly function words). */
const MIN_WORD = 4;

const argStep = process.argv.indexOf("--step");
const STEP = argStep > 0 ? Number(process.argv[argStep + 1]) : 12;

await withReachEngine("described", async (engine, kb) => {
  const metas = kb.store.meta();
  const records = await kb.store.getMany(metas.map((m) => m.schemeId));
  // how many records' descriptions and names use a word: what makes a word of one record's rare
  const df = new Map<string, number>();
  const wordsOf = (r: SchemeRecord) => new Set(nativeTokens(`${r.name.en} ${r.description.en}`).filter((w) => /^[a-z]+$/.test(w) && w.length >= MIN_WORD));
  for (const r of records.values()) for (const w of wordsOf(r)) df.set(w, (df.get(w) ?? 0) + 1);
  const tally = new ReachTally(engine);
  const ask = (variant: string, text: string, accepted: string[]) => tally.ask(variant, text, accepted);
  for (const [i, m] of metas.entries()) {
    if (i % STEP !== 0) continue;
    const record = records.get(m.schemeId);
    if (!record) continue;
    const named = new Set(nativeTokens(`${m.name} ${m.shortTitle}`));
    // the record's tag words its name does not hold, rarest first among all records' names and descriptions
    const rare = [...new Set(nativeTokens((record.tags ?? []).join(" ")))].filter((w) => /^[a-z]+$/.test(w) && w.length >= MIN_WORD && !named.has(w)).sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0) || a.localeCompare(b));
    if (rare.length < MIN_DESCRIBE_WORDS) continue;
    await ask("described", ASK.described(m.level === "central" ? undefined : m.state, rare.slice(0, DESCRIBE_WORDS)), [m.schemeId, ...m.duplicates]);
  }
  // by part of its name: its own words (past function words, the state's and "scheme" words)
  for (const [i, m] of metas.entries()) {
    if (i % STEP !== 0) continue;
    const state = m.level === "central" ? undefined : m.state;
    const stateWords = new Set(nativeTokens(state ?? ""));
    const own = (name: string) => nativeTokens(name.replace(/\([^)]*\)/g, " ")).filter((w) => w.length >= MIN_WORD - 1 && !stateWords.has(w) && !/^(?:scheme|yojana|योजना|for|the|and|with|से|के|लिए|और|की|का)$/.test(w));
    const en = own(m.name).filter((w) => /^[a-z]+$/.test(w));
    if (en.length >= 3) await ask("by part of its name", ASK.partRoman(state, en.slice(-2)), [m.schemeId, ...m.duplicates]);
    const hi = m.nameHi ? own(m.nameHi) : [];
    if (hi.length >= 3) await ask("by part of its Hindi name", ASK.partHindi(hi[0]!, hi.slice(-2)), [m.schemeId, ...m.duplicates]);
  }
  // close siblings: same level and state, English names of the same length differing in one word
  const byPattern = new Map<string, string[]>();
  for (const m of metas) {
    const words = nativeTokens(m.name);
    if (words.length < 3) continue;
    for (const j of words.keys()) {
      const pattern = `${m.level}|${m.state}|${words.map((w, x) => (x === j ? "*" : w)).join(" ")}`;
      (byPattern.get(pattern) ?? byPattern.set(pattern, []).get(pattern)!).push(m.schemeId);
    }
  }
  const pairs = [...byPattern.values()].filter((ids) => ids.length === 2).map(([a, b]) => [a!, b!] as const);
  for (const [i, pair] of pairs.entries()) {
    if (i % Math.max(1, Math.floor(STEP / 4)) !== 0) continue;
    for (const id of pair) {
      const m = kb.store.metaOf(id)!;
      if (m.duplicates.includes(pair[0] === id ? pair[1] : pair[0])) continue;
      await ask("sibling by its name", ASK.named(m.level === "central" ? m.name : `${m.name} of ${m.state}`), [id, ...m.duplicates]);
    }
  }
  for (const line of tally.report()) console.log(line);
});
