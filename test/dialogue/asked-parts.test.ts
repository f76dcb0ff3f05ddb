// A question that asks two things ("how much, and for how many months?") is answered in both, each from its
// own sentence; a question word spent on a time ("kitne din") leaves a word of money as the topic; and a
// caller who says their own age is answered with the age a scheme asks, and one who says their income with
// the income limit that holds it. Made-up schemes no code has seen.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newContext, type DialogueEngine, type Reply } from "../../src/dialogue/index.js";
import { rankUnits } from "../../src/dialogue/compose.js";
import { questionWords } from "../../src/dialogue/unit-evidence.js";
import { incomeFits } from "../../src/dialogue/income.js";
import { englishNumbersToDigits, parseMonthlyIncome, questionAsks } from "../../src/dialogue/nlu.js";
import { unitPool } from "../../src/dialogue/units.js";
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

const homes = scheme({
  schemeId: "zghy-test",
  name: { en: "Zorvani Griha Yojana", hi: "ज़ोरवानी गृह योजना" },
  eligibility: {
    criteria: {
      en: [
        "The family must have lived in the town for five years.",
        "Lower Group: families with an annual income between ₹4,00,001 and ₹8,00,000.",
        "Upper Group: families with an annual income between ₹8,00,001 and ₹15,00,000.",
        "Poorest Group: families with an annual income up to ₹4,00,000.",
      ],
      hi: [
        "परिवार कम से कम पाँच साल से शहर में रहता हो।",
        "निम्न वर्ग: ₹4,00,001 से ₹8,00,000 तक की वार्षिक आय वाले परिवार।",
        "उच्च वर्ग: ₹8,00,001 से ₹15,00,000 तक की वार्षिक आय वाले परिवार।",
        "सबसे गरीब वर्ग: ₹4,00,000 तक की वार्षिक आय वाले परिवार।",
      ],
    },
    exclusions: {},
  },
});

describe("a question of two things, and the caller's own age", () => {
  const dir = tempDir("sahayak-asked-parts-");
  let kb: KnowledgeBase;
  let engine: DialogueEngine;
  before(async () => ({ kb, engine } = await engineOver(dir.path, [...sampleRecords(), relief, homes])));
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

  it("answers a caller who says their income with the limit that holds it, not the others", async () => {
    for (const [q, fits, other] of [
      ["We together earn three and a half lakh per year. Is the Zorvani Griha Yojana for us?", /Poorest Group/, /Upper Group/],
      ["हमारी सालाना आय साढ़े 3 लाख है, ज़ोरवानी गृह योजना मिलेगी?", /सबसे गरीब वर्ग/, /उच्च वर्ग/],
      ["hamari kamai saadhe 3 lakh saal hai, zorvani griha yojana milegi", /सबसे गरीब वर्ग/, /उच्च वर्ग/],
    ] as const) {
      const r = await engine.respond({ text: q }, newContext("i"));
      assert.match(r.text, fits, `${q}: ${r.text}`);
      assert.doesNotMatch(r.text, other, `${q}: ${r.text}`);
    }
  });
});

describe("the caller's income in words and a sentence's limits", () => {
  it("reads halves said in words", () => {
    assert.equal(englishNumbersToDigits("three and a half lakh"), "3.5 lakh");
    assert.equal(parseMonthlyIncome("we earn three and a half lakh a year"), 29167);
    assert.equal(parseMonthlyIncome("meri kamai dhai lakh saal hai"), 20833);
    assert.equal(parseMonthlyIncome("मेरी आय डेढ़ लाख सालाना है"), 12500);
    assert.equal(parseMonthlyIncome("हमारी सालाना आय 3 लाख है"), 25000);
  });

  it("holds an income within a range, under a ceiling, above a floor; by the month where the sentence says so", () => {
    const monthly = 30000;
    assert.equal(incomeFits("households with annual income between ₹3,00,001 and ₹6,00,000", monthly), true);
    assert.equal(incomeFits("annual income up to ₹2,50,000", monthly), false);
    assert.equal(incomeFits("परिवार की वार्षिक आय 2 लाख रुपये से अधिक नहीं होनी चाहिए।", monthly), false);
    assert.equal(incomeFits("monthly income should be less than ₹30,000", monthly), true);
    assert.equal(incomeFits("The applicant must be 18 years old.", monthly), undefined);
  });

  it("where no limit holds the caller's income, says the limits they miss", () => {
    for (const [lang, q, said] of [
      ["en", "we earn twenty lakh a year, can we get it", ["earn", "lakh", "year"]],
      ["hi", "हमारी सालाना आय 20 लाख है, मिलेगी?", ["सालाना", "आय", "लाख"]],
      ["hi", "hamari kamai 20 lakh saal hai, milegi", ["kamai", "lakh", "saal"]],
    ] as const) {
      const pool = unitPool(homes, lang, 40);
      const ranking = rankUnits(pool, "eligibility", questionWords([...said], () => []), questionAsks(q, true), 40, lang, true, parseMonthlyIncome(q));
      const picked = ranking.order.slice(0, ranking.picked).map((i) => pool[i]!.text);
      assert.ok(picked.filter((t) => /annual income|वार्षिक आय/.test(t)).length >= 2, `${q}: ${picked.join(" | ")}`);
    }
  });
});

describe("the kinds of fact a question asks", () => {
  it("an amount besides a time, when a question word is left for it", () => {
    for (const q of ["how much is paid, and for how many weeks?", "kitna milega aur kitne hafte tak", "कितना मिलेगा और कितने हफ्ते तक?"]) {
      const asks = questionAsks(q, true);
      assert.ok(asks.includes("duration") && asks.includes("amount"), `${q}: ${asks.join(",")}`);
    }
  });

  it("no amount when the only question word is spent on the time: the money is the topic", () => {
    for (const q of ["in how many weeks does the instalment come", "kisht kitne hafte mein aati hai", "किश्त कितने हफ्ते में आती है?"]) {
      const asks = questionAsks(q, true);
      assert.deepEqual(asks, ["duration"], q);
    }
  });

  it("a period of years asked in Devanagari is a time, and 'of the year' is no age", () => {
    for (const q of ["for how many years can it be kept", "kitne saal ke liye rakhna hota hai", "कितने साल के लिए जमा होता है?"]) {
      const asks = questionAsks(q, true);
      assert.ok(asks.includes("duration") && !asks.includes("age"), `${q}: ${asks.join(",")}`);
    }
    for (const q of ["how much allowance a year", "saal ka kitna bhatta milega", "साल का कितना भत्ता मिलेगा"]) assert.ok(!questionAsks(q, true).includes("age"), q);
    for (const q of ["how old must the child be", "bachcha kitne saal ka hona chahiye", "बच्चा कितने साल का होना चाहिए"]) assert.ok(questionAsks(q, true).includes("age"), q);
  });

  it("the caller's own age said is an age asked, once the scheme is known", () => {
    for (const q of ["I'm 61, can I still join", "main 47 ki hoon, kya jud sakti hoon", "मैं 47 की हूँ, क्या जुड़ सकती हूँ?", "उसकी उमर कितनी होनी चाहिए"]) {
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
