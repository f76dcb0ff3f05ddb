// How many records a caller reaches by name, measured on the knowledge base itself rather than on question lines:
// every record (or every STEP-th) asked a fact by its English name whole, by that name with one of its own words
// left out (each in turn), and by its Hindi name whole and with one word left out. A variant counts only when the
// words left still single the record out: no other record's name (either script, by sound) holds them all, so the
// right reply is that record's answer. Prints, per variant, how many were answered for the record and where the
// rest stopped (bench/dialogue-misses.ts stages). `--forms`: only the English name with its own words in another
// form, as callers say them: each plural own word in the singular, and each long own word said apart in two
// (split after a vowel, nearest its middle: "Abhaya kiranam" of "Abhayakiranam").
//
//   node --import tsx bench/name-reach.ts [--step 4] [--verbose] [--forms]
import { singular } from "../src/knowledge/word-forms.js";
import { namesSingleOut, ownKeys, ReachTally, withReachEngine } from "./reach-tools.js";

/** Carriers written for this measure (no evaluation line): a fact asked of a name, in each script. */
const ASK = { en: (name: string) => `what are the benefits of ${name}?`, hi: (name: string) => `${name} के क्या लाभ हैं?` };

const argStep = process.argv.indexOf("--step");
const STEP = argStep > 0 ? Number(process.argv[argStep + 1]) : 1;
const FORMS = process.argv.includes("--forms");
/** A long word this long or longer is said apart; each part keeps at least SPLIT_MIN letters. */
const SPLIT_WORD_MIN = 10;
const SPLIT_MIN = 4;

/** A word said apart in two, after a vowel nearest its middle, or undefined. */
function apart(word: string): string | undefined {
  const cuts = [...word.matchAll(/[aeiou](?=[^aeiou])/gi)].map((m) => m.index! + 1).filter((c) => c >= SPLIT_MIN && word.length - c >= SPLIT_MIN);
  const cut = cuts.sort((a, b) => Math.abs(a - word.length / 2) - Math.abs(b - word.length / 2))[0];
  return cut === undefined ? undefined : `${word.slice(0, cut)} ${word.slice(cut).toLowerCase()}`;
}

await withReachEngine("reach", async (engine, kb) => {
  const metas = kb.store.meta();
  const singles = namesSingleOut(kb);
  const tally = new ReachTally(engine);
  const ask = (variant: string, text: string, accepted: string[]) => tally.ask(variant, text, accepted);
  for (const [i, m] of metas.entries()) {
    if (i % STEP !== 0) continue;
    const accepted = [m.schemeId, ...m.duplicates];
    if (FORMS) {
      const words = m.name.replace(/\([^)]*\)/g, " ").split(/\s+/).filter(Boolean);
      for (const [j, w] of words.entries()) {
        if (ownKeys(w).length !== 1 || !/^[A-Za-z]+$/.test(w)) continue;
        const lower = w.toLowerCase();
        const one = singular(lower) !== lower ? singular(lower) : undefined;
        const two = w.length >= SPLIT_WORD_MIN ? apart(w) : undefined;
        for (const [variant, form] of [["en plural word in the singular", one], ["en long word said apart", two]] as const) {
          if (!form) continue;
          const said = words.map((x, i) => (i === j ? form : x)).join(" ");
          if (singles(m.schemeId, m.duplicates, ownKeys(m.name))) await ask(variant, ASK.en(said), accepted);
        }
      }
      continue;
    }
    for (const [lang, name] of [["en", m.name], ["hi", m.nameHi]] as const) {
      if (!name) continue;
      const words = name.replace(/\([^)]*\)/g, " ").split(/\s+/).filter(Boolean);
      if (singles(m.schemeId, m.duplicates, ownKeys(name))) await ask(`${lang} whole`, ASK[lang](name), accepted);
      // each own word left out in turn, where the rest still single the record out
      for (const [j, w] of words.entries()) {
        if (ownKeys(w).length !== 1 || words.length < 3) continue;
        const rest = words.filter((_, x) => x !== j).join(" ");
        if (singles(m.schemeId, m.duplicates, ownKeys(rest))) await ask(`${lang} one word left out`, ASK[lang](rest), accepted);
      }
    }
  }
  for (const line of tally.report()) console.log(line);
});
