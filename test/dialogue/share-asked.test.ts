// A share asked for ("the interest on the loan", "ब्याज कितना", "kitne pratishat") is answered by the
// percentage of that share, not by the first percentage of the record (a margin, a share of the cost), nor by
// the loan's sum in rupees. A made-up scheme no code has seen.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newContext, type DialogueEngine, type Reply } from "../../src/dialogue/index.js";
import type { KnowledgeBase } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir } from "../helpers.js";
import { engineOver, scheme } from "./engine-over.js";

const loan = scheme({
  schemeId: "zkry-test",
  name: { en: "Zorvani Beej Sahayata Yojana", hi: "ज़ोरवानी बीज सहायता योजना" },
  description: { en: "The Zorvani Beej Sahayata Yojana lends farmers money for tools.", hi: "ज़ोरवानी बीज सहायता योजना किसानों को औज़ार के लिए पैसा उधार देती है।" },
  benefits: {
    en: [
      "A loan of up to ₹ 2,00,000 is given for seed, fertiliser and tools.",
      "The farmer puts in a margin of 10% of the cost of the tools bought with the loan.",
      "The loan carries interest at 6% per annum when it is repaid on time.",
    ],
    hi: [
      "बीज, खाद और औज़ार के लिए ₹ 2,00,000 तक का ऋण दिया जाता है।",
      "ऋण से खरीदे गए औज़ारों की लागत का 10 प्रतिशत मार्जिन किसान देता है।",
      "समय पर चुकाने पर ऋण पर 6 प्रतिशत प्रति वर्ष ब्याज लगता है।",
    ],
  },
  eligibility: {
    criteria: { en: ["A farmer of the state who owns or tills land.", "A farmer with at least 40 percent of the land under crops."], hi: ["राज्य का किसान जो ज़मीन का मालिक हो या उसे जोतता हो।", "जिस किसान की कम से कम 40 प्रतिशत ज़मीन पर फसल हो।"] },
    exclusions: {},
  },
});

describe("a share asked for is answered by its percentage", () => {
  const dir = tempDir("sahayak-share-asked-");
  let kb: KnowledgeBase;
  let engine: DialogueEngine;
  before(async () => ({ kb, engine } = await engineOver(dir.path, [...sampleRecords(), loan])));
  after(async () => {
    await kb.close();
    dir.cleanup();
  });
  const talk = (text: string): Promise<Reply> => engine.respond({ text }, newContext("s"));
  /** The answer's first sentence after the scheme's name says the fact. */
  const leadsWith = async (q: string, fact: RegExp) => {
    const r = await talk(q);
    assert.equal(r.action, "answer", `${q}: ${r.text}`);
    assert.deepEqual(r.schemeIds, ["zkry-test"], `${q}: ${r.text}`);
    const first = r.text.slice(r.text.indexOf(":") + 1).split(/(?<=[.।])\s/)[0] ?? "";
    assert.match(first, fact, `${q}: ${r.text}`);
  };

  it("answers the interest with the interest's percentage, not the margin's", async () => {
    await leadsWith("What is the interest on the Zorvani Beej Sahayata Yojana loan?", /6% per annum/);
    await leadsWith("ज़ोरवानी बीज सहायता योजना के लोन पर ब्याज कितना लगता है?", /6 प्रतिशत/);
    await leadsWith("zorvani beej sahayata yojana ke loan pe byaj kitna lagta hai", /6 प्रतिशत/);
  });

  it("answers how many percent with a percentage, not with the loan's sum", async () => {
    await leadsWith("For the Zorvani Beej Sahayata Yojana loan, how many percent margin must the farmer put in?", /10%/);
    await leadsWith("ज़ोरवानी बीज सहायता योजना के लोन में किसान को कितने प्रतिशत मार्जिन देना पड़ता है?", /10 प्रतिशत/);
    await leadsWith("zorvani beej sahayata yojana ke loan me kisan ko kitne pratishat margin dena padta hai", /10 प्रतिशत/);
  });
});
