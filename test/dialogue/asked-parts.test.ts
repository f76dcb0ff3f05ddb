// A question that asks two things ("how much, and for how many days?") is answered in both, each from its
// own sentence; a question word spent on a time ("kitne din") leaves a word of money as the topic; and a
// caller who says their own age is answered with the age a scheme asks. A made-up scheme no code has seen.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newContext, type DialogueEngine, type Reply } from "../../src/dialogue/index.js";
import { questionAsks } from "../../src/dialogue/nlu.js";
import type { KnowledgeBase } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir } from "../helpers.js";
import { engineOver, scheme } from "./engine-over.js";

const relief = scheme({
  schemeId: "zkrs-test",
  name: { en: "Zorvani Karigar Rahat Scheme", hi: "ज़ोरवानी कारीगर राहत योजना" },
  description: { en: "The Zorvani Karigar Rahat Scheme helps weavers who lose their work.", hi: "ज़ोरवानी कारीगर राहत योजना काम छूटने पर बुनकरों की मदद करती है।" },
  benefits: {
    en: [
      "The weaver is paid a relief of ₹ 4,000 each month while out of work.",
      "The relief is paid for at most 120 days in the weaver's whole life.",
      "The weaver's children may study at the district craft school.",
      "A loom may be repaired at the block craft centre free of charge.",
    ],
    hi: [
      "काम न रहने तक बुनकर को हर महीने ₹ 4,000 की राहत दी जाती है।",
      "यह राहत पूरे जीवन में अधिक से अधिक 120 दिनों तक दी जाती है।",
      "बुनकर के बच्चे ज़िले के शिल्प विद्यालय में पढ़ सकते हैं।",
      "करघे की मरम्मत प्रखंड शिल्प केंद्र में मुफ्त होती है।",
    ],
  },
  eligibility: {
    criteria: {
      en: [
        "The weaver must be registered with the district handloom office for two years.",
        "The weaver's family must hold a below poverty line card of the state.",
        "The weaver must be between 21 and 55 years of age when applying.",
      ],
      hi: [
        "बुनकर ज़िला हथकरघा कार्यालय में दो साल से पंजीकृत होना चाहिए।",
        "बुनकर के परिवार के पास राज्य का गरीबी रेखा से नीचे का कार्ड होना चाहिए।",
        "आवेदन के समय बुनकर की आयु 21 से 55 वर्ष के बीच होनी चाहिए।",
      ],
    },
    exclusions: {},
  },
});

describe("a question of two things, and the caller's own age", () => {
  const dir = tempDir("sahayak-asked-parts-");
  let kb: KnowledgeBase;
  let engine: DialogueEngine;
  before(async () => ({ kb, engine } = await engineOver(dir.path, [...sampleRecords(), relief])));
  after(async () => {
    await kb.close();
    dir.cleanup();
  });
  const answers = async (q: string, ...facts: RegExp[]) => {
    const r: Reply = await engine.respond({ text: q }, newContext("p"));
    assert.equal(r.action, "answer", `${q}: ${r.text}`);
    for (const fact of facts) assert.match(r.text, fact, `${q}: ${r.text}`);
  };

  it("answers both parts of a question of how much and how long", async () => {
    await answers("How much does the Zorvani Karigar Rahat Scheme give, and for how many days?", /4,000/, /120 days/);
    await answers("ज़ोरवानी कारीगर राहत योजना में कितना मिलता है और कितने दिन तक?", /4,000/, /120 दिनों/);
    await answers("zorvani karigar rahat yojana mein kitna milta hai aur kitne din tak", /4,000/, /120 दिनों/);
  });

  it("answers a caller who says their age with the ages the scheme asks", async () => {
    await answers("I'm 58 and have woven for years. Can I still get the Zorvani Karigar Rahat Scheme?", /21 and 55 years/);
    await answers("मैं 58 का हूँ, ज़ोरवानी कारीगर राहत योजना मिल सकती है?", /21 से 55 वर्ष/);
    await answers("main 58 ka hoon, zorvani karigar rahat yojana mil sakti hai kya", /21 से 55 वर्ष/);
  });
});

describe("the kinds of fact a question asks", () => {
  it("an amount besides a time, when a question word is left for it", () => {
    for (const q of ["how much would I get, and for how many days?", "kitna milega aur kitne din tak", "कितना मिलेगा और कितने दिन तक?"]) {
      const asks = questionAsks(q, true);
      assert.ok(asks.includes("duration") && asks.includes("amount"), `${q}: ${asks.join(",")}`);
    }
  });

  it("no amount when the only question word is spent on the time: the money is the topic", () => {
    for (const q of ["in how many days does the money come", "paisa kitne din mein aata hai", "पैसा कितने दिन में आता है?"]) {
      const asks = questionAsks(q, true);
      assert.deepEqual(asks, ["duration"], q);
    }
  });

  it("a period of years asked in Devanagari is a time, and 'of the year' is no age", () => {
    for (const q of ["for how many years can it be kept", "kitne saal ke liye rakhna hota hai", "कितने साल के लिए जमा होता है?"]) {
      const asks = questionAsks(q, true);
      assert.ok(asks.includes("duration") && !asks.includes("age"), `${q}: ${asks.join(",")}`);
    }
    for (const q of ["how much money a year", "saal ka kitna paisa milta hai", "साल का कितना पैसा मिलता है"]) assert.ok(!questionAsks(q, true).includes("age"), q);
    for (const q of ["how old must the child be", "bachcha kitne saal ka hona chahiye", "बच्चा कितने साल का होना चाहिए"]) assert.ok(questionAsks(q, true).includes("age"), q);
  });

  it("the caller's own age said is an age asked, once the scheme is known", () => {
    for (const q of ["I'm 43, can I still join", "main 38 ka hoon, kya jud sakta hoon", "मैं 38 का हूँ, क्या जुड़ सकता हूँ?", "उसकी उमर कितनी होनी चाहिए"]) {
      assert.ok(questionAsks(q, true).includes("age"), q);
    }
    // a figure of money or of time is no age
    for (const q of ["I'm paying 500 a month, is that right", "main 5 saal se kheti karta hoon, kya milega"]) assert.ok(!questionAsks(q, true).includes("age"), q);
  });
});

describe("who gets it, asked without 'who'", () => {
  const dir = tempDir("sahayak-asked-whom-");
  let kb: KnowledgeBase;
  let engine: DialogueEngine;
  before(async () => ({ kb, engine } = await engineOver(dir.path, [...sampleRecords(), relief])));
  after(async () => {
    await kb.close();
    dir.cleanup();
  });

  it("'to which families', 'kis kis ko', 'can I still get' ask who can apply", async () => {
    for (const [q, fact] of [
      ["Can I still get the Zorvani Karigar Rahat Scheme if I weave at home?", /registered with the district handloom office/],
      ["ज़ोरवानी कारीगर राहत योजना किन बुनकरों को मिलती है?", /हथकरघा कार्यालय/],
      ["zorvani karigar rahat yojana kis kis ko milti hai", /हथकरघा कार्यालय/],
    ] as const) {
      const r = await engine.respond({ text: q }, newContext("w"));
      assert.equal(r.field, "eligibility", `${q}: ${r.text}`);
      assert.match(r.text, fact, `${q}: ${r.text}`);
    }
  });
});
