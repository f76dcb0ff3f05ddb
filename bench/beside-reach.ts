// How many records a caller reaches by name when the question also names a firm or a centre of their story,
// written with capitals ("… my account is with <Aaa> <Bbb> Bank"): every STEP-th record whose English name (or
// Hindi name) singles it out is asked a fact of, in carriers written for this measure (no evaluation line), with
// and without the story. Counted, per carrier: answered for the record, and where the rest stopped
// (bench/dialogue-misses.ts stages). The story's capitalised words are words of scheme names that no record's
// name holds together, so that they are read as a name the knowledge base may lack (unheld.ts).
//
//   node --import tsx bench/beside-reach.ts [--step 4] [--verbose]
import { namesSingleOut, ownKeys, ReachTally, withReachEngine } from "./reach-tools.js";

/** The story's firm, written as names are: words that scheme names use, held together by none. */
const FIRM = "Gramin Vikas Sahakari Bank";
const CARRIERS = {
  "en plain": (name: string) => `what are the benefits of ${name}?`,
  "en with a firm": (name: string) => `My account is with ${FIRM}. What are the benefits of ${name}?`,
  "hi-Latn with a firm": (name: string) => `mera khata ${FIRM} me hai, ${name} me kya labh milta hai?`,
  "hi with a firm": (name: string) => `मेरा खाता ${FIRM} में है, ${name} के क्या लाभ हैं?`,
};

const argStep = process.argv.indexOf("--step");
const STEP = argStep > 0 ? Number(process.argv[argStep + 1]) : 4;

await withReachEngine("beside-reach", async (engine, kb) => {
  const singles = namesSingleOut(kb);
  const firmKeys = new Set(ownKeys(FIRM));
  const tally = new ReachTally(engine);
  for (const [i, m] of kb.store.meta().entries()) {
    if (i % STEP !== 0) continue;
    // (a name that holds a word of the firm's would be said in part by the story itself)
    if (ownKeys(m.name).some((k) => firmKeys.has(k)) || !singles(m.schemeId, m.duplicates, ownKeys(m.name))) continue;
    const accepted = [m.schemeId, ...m.duplicates];
    for (const [variant, ask] of Object.entries(CARRIERS)) {
      const name = variant.startsWith("hi ") && m.nameHi ? m.nameHi : m.name;
      await tally.ask(variant, ask(name), accepted);
    }
  }
  for (const line of tally.report()) console.log(line);
});
