// How far a kind of help asked by a word the records carry reaches a choice of schemes carrying it, measured
// on the records rather than on evaluation lines: every own tag of the records carried by MIN–MAX schemes
// (sampled evenly, --sample, when there are more) is asked in romanised Hindi and English frames (below), each
// with no state; a probe is reached when the reply is a choice of 2–3 schemes each of which carries
// the tag (among its tags, or as whole words in its name, short title or tags: bench/eval/set.ts
// `categoryHolds`). Prints N of M for each frame and how the others went (one scheme answered, a choice with
// a scheme not carrying it, asked who, refused); --verbose lists the probes missed.
// The "any" frames ask whether there is any scheme of the tag ("koi <tag> yojana"), the tag a word of some
// schemes' titles as often as not: a kind asked, which one title holding the word does not answer. The "hindi" frames ask for each one-word tag by its Hindi words from the English–Hindi dictionary (the
// words whose first sense it is), in Devanagari and romanised as callers write (no final short "a"): how many
// of the tags a caller saying the kind in Hindi reaches. The "town" frames ask what the kind's schemes pay, without
// and with the small town the caller lives in said first (a town of India too small for the gazetteer's main bar, `places.minPopulation`,
// and no word a dictionary knows, as hill districts' headquarters are): a word nothing else knows, which must be
// read as where the caller is, not as the name of a scheme the knowledge base lacks ("no details of <town>").
//   SAHAYAK_SHARED=… node --import tsx bench/kind-reach.ts [--sample 300] [--frames plain|broad|hindi|any|town] [--verbose]
import { newContext, type Reply } from "../src/dialogue/index.js";
import { categoryHolds, loadSchemeRecords } from "./eval/set.js";
import { schemesFile } from "./eval/validate.js";
import { categoryMissStage, stageCounts } from "./dialogue-misses.js";
import { withEngine } from "./fit/engine-run.js";
import { sharedDir } from "./questions.js";
import { BackgroundLanguage } from "../src/knowledge/background.js";
import { foldLatin, romanise } from "../src/knowledge/text.js";
import { indianPlaceRows } from "../src/knowledge/places.js";
import { loadConfig } from "../src/config.js";

/** Tags carried by fewer schemes are a name's, by more a broad kind's. */
const MIN_CARRIERS = 3;
const MAX_CARRIERS = 30;
const CHOICE_SIZE = { min: 2, max: 3 };
const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const sample = Number(arg("--sample") ?? 300);
const verbose = process.argv.includes("--verbose");

/**
 * The frames a tag is asked in, general words any caller would use, no evaluation line's: the tag alone, and
 * beside a broad kind of help ("subsidy", "loan", which far more schemes carry): the choice must still be of
 * the schemes carrying the tag, the broad word only ordering them. --frames plain|broad (both by default).
 */
const FRAMES: { set: "plain" | "broad" | "hindi" | "any" | "town"; lang: "hi" | "hi-Latn" | "en"; ask: (tag: string) => string | undefined }[] = [
  { set: "plain", lang: "hi-Latn", ask: (tag) => `${tag} ke liye koi yojana hai?` },
  { set: "plain", lang: "en", ask: (tag) => `Which schemes are there for ${tag}?` },
  { set: "broad", lang: "hi-Latn", ask: (tag) => `${tag} ke liye subsidy ya loan milta hai kya?` },
  { set: "broad", lang: "en", ask: (tag) => `Can I get a subsidy or a loan for ${tag}?` },
  { set: "any", lang: "hi-Latn", ask: (tag) => `koi ${tag} yojana hai kya?` },
  { set: "any", lang: "en", ask: (tag) => `Is there any ${tag} scheme I could get?` },
  { set: "hindi", lang: "hi", ask: (tag) => hindiOf(tag).map((h) => `${h} के लिए कोई योजना है?`)[0] },
  { set: "hindi", lang: "hi-Latn", ask: (tag) => hindiOf(tag).map((h) => `${spokenRoman(h)} ke liye koi yojana hai?`)[0] },
  { set: "town", lang: "hi-Latn", ask: (tag) => `${tag} ke liye yojana me kitna paisa milta hai?` },
  { set: "town", lang: "hi-Latn", ask: (tag) => `hum ${townFor(tag).toLowerCase()} me rehte hai, ${tag} ke liye yojana me kitna paisa milta hai?` },
  { set: "town", lang: "en", ask: (tag) => `How much money do the schemes for ${tag} give?` },
  { set: "town", lang: "en", ask: (tag) => `We live in ${townFor(tag)}. How much money do the schemes for ${tag} give?` },
];
const background = BackgroundLanguage.load();
/** India's towns below the gazetteer's main bar, one word each, that no dictionary knows as a word. */
const smallTowns = (() => {
  const { minPopulation, cacheFile } = loadConfig().knowledge.places;
  return [...new Set(indianPlaceRows(cacheFile).filter((p) => p.population < minPopulation && /^[A-Za-z]{5,}$/.test(p.name)).map((p) => p.name))]
    .filter((name) => !background.commonness(name.toLowerCase()).known)
    .sort();
})();
/** A town for a tag, the same each run: spread over the towns by the tag's letters. */
const townFor = (tag: string): string => smallTowns[[...tag].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1_000_003, 7) % smallTowns.length]!;
/** A one-word tag's Hindi words in the dictionary, shortest first (the everyday word before a learned compound). */
const hindiOf = (tag: string): string[] => (tag.includes(" ") ? [] : background.hindiWordsFor(tag).sort((a, b) => a.length - b.length));
/** A Devanagari word romanised as callers write it: without the unspoken final short "a" ("kisana" → "kisan"). */
const spokenRoman = (hindi: string): string => foldLatin(romanise(hindi).replace(/([^aeiouAEIOU])a$/, "$1")).replace(/ /g, "");
const frames = FRAMES.filter((f) => !arg("--frames") || f.set === arg("--frames"));

const records = loadSchemeRecords(schemesFile(sharedDir));
const carriers = new Map<string, number>();
for (const r of records.values()) for (const t of new Set((r.tags ?? []).map((x) => x.toLowerCase().trim()))) if (/^[a-z][a-z -]*$/.test(t)) carriers.set(t, (carriers.get(t) ?? 0) + 1);
const tags = [...carriers].filter(([, n]) => n >= MIN_CARRIERS && n <= MAX_CARRIERS).map(([t]) => t).sort();
const step = Math.max(1, tags.length / sample);
const probed = Array.from({ length: Math.min(sample, tags.length) }, (_, i) => tags[Math.floor(i * step)]!);

await withEngine("kind-reach", async (engine) => {
  for (const frame of frames) {
    let reached = 0;
    let asked = 0;
    const misses: string[] = [];
    for (const tag of probed) {
      const predicate = { match: [{ tags: [tag], words: [tag] }] };
      const fits = (id: string) => {
        const record = records.get(id);
        return record !== undefined && categoryHolds(record, predicate);
      };
      const text = frame.ask(tag);
      if (text === undefined) continue;
      asked++;
      const reply: Reply = await engine.respond({ text, lang: frame.lang }, newContext(`kind-reach-${tag}`));
      const ok = reply.action === "clarify" && reply.schemeIds.length >= CHOICE_SIZE.min && reply.schemeIds.length <= CHOICE_SIZE.max && reply.schemeIds.every(fits);
      if (ok) reached++;
      else {
        misses.push(categoryMissStage(reply, fits, CHOICE_SIZE));
        if (verbose) console.log(`miss ${frame.lang} "${text}" → ${reply.action} [${reply.schemeIds.join(",")}]`);
      }
    }
    console.log(`${frame.set} ${frame.lang}: ${reached} of ${asked} tags asked (${probed.length} probed, of ${tags.length} carried by ${MIN_CARRIERS}–${MAX_CARRIERS} schemes) get a choice whose schemes all carry the tag; the others: ${stageCounts(misses)}`);
  }
});
