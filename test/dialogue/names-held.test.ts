// Which scheme a caller named, on made-up schemes: a greeting is no short form, a name's piece that only
// says its state names none, a name said whole counts its function words, a stub's short title names its
// fuller twin, and a name the knowledge base does not hold, beside one sharing a word, gets "no details".
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newContext, type DialogueEngine, type Reply } from "../../src/dialogue/index.js";
import type { KnowledgeBase } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir } from "../helpers.js";
import { engineOver, scheme } from "./engine-over.js";

const inState = (state: string) => ({ level: "state", state, applicableStates: [state] });

const records = [
  // a central scheme whose short form spells a greeting
  scheme({
    schemeId: "namaskar-test",
    shortTitle: "NAMASKAR",
    name: { en: "National Mission for Artisans' Skills, Kiln Automation and Retraining (NAMASKAR)" },
    benefits: { en: ["Kiln owners get a grant of ₹ 40,000 for automation."] },
  }),
  scheme({ schemeId: "dpk-test", name: { en: "Disability Pension - Tamil Nadu", hi: "विकलांग पेंशन - तमिल नाडु" }, ...inState("Tamil Nadu"), benefits: { en: ["₹ 1,600 a month for a disabled person."] } }),
  scheme({
    schemeId: "tvop-test",
    name: { en: "Tholvari (Old Age Pension) Scheme", hi: "थोलवारी (वृद्धावस्था पेंशन) योजना" },
    ...inState("Tamil Nadu"),
    benefits: { en: ["A monthly pension of ₹ 1,350 for old people of the hill tribes."], hi: ["पहाड़ी जनजातियों के बुज़ुर्गों को हर महीने ₹ 1,350 पेंशन।"] },
  }),
  scheme({
    schemeId: "mbhm-test",
    name: { en: "Meri Beti Hamara Maan", hi: "मेरी बेटी हमारा मान" },
    ...inState("Goa"),
    tags: ["Girl Child"],
    benefits: { en: ["A grant of ₹ 31,000 on the birth of the first daughter."], hi: ["पहली बेटी के जन्म पर ₹ 31,000 का अनुदान।"] },
  }),
  ...["Beti Padhao Goa", "Beti Vivah Goa", "Beti Shiksha Goa", "Beti Suraksha Goa", "Beti Poshan Goa"].map((n, i) =>
    scheme({ schemeId: `beti${i}-test`, name: { en: `${n} Yojana` }, ...inState("Goa"), tags: ["Girl Child"] }),
  ),
  // one scheme twice: a catalogue stub and the full record, the stub's short title its first word
  scheme({
    schemeId: "dpy-stub",
    shortTitle: "DOLVANI",
    detailLevel: "catalog",
    name: { en: "Dolvani Poshan Yojana", hi: "डोलवानी पोषण योजना" },
    description: { en: "Dolvani Poshan Yojana supports patients' nutrition." },
  }),
  scheme({
    schemeId: "dpy-full",
    name: { en: "Dolvani Poshan Yojana (Nutrition Support To Village Patients)" },
    benefits: { en: ["A cash incentive of ₹ 650 per month for each patient's food during treatment."] },
    eligibility: { criteria: { en: ["The patient must be registered on the Dolvani portal."] }, exclusions: {} },
    documents: { en: ["Aadhaar Card"] },
  }),
  scheme({
    schemeId: "gdss-test",
    name: { en: "Gaon Didi Sehat Seva Scheme", hi: "गाँव दीदी सेहत सेवा योजना" },
    ...inState("Goa"),
    applicationProcess: { en: [{ mode: "Offline", url: null, steps: ["Meet the village health worker."] }] },
  }),
  scheme({
    schemeId: "nkls-test",
    name: { en: "National Kutumb Labh Scheme", hi: "राष्ट्रीय कुटुंब लाभ योजना" },
    benefits: { en: ["₹ 20,000 once to the family when its earning member dies."], hi: ["कमाने वाले सदस्य की मृत्यु पर परिवार को एक बार ₹ 20,000।"] },
  }),
  ...["Kutumb Pension Scheme", "Kutumb Awas Yojana", "Kutumb Suraksha Scheme", "Kutumb Vikas Yojana"].map((n, i) => scheme({ schemeId: `kut${i}-test`, name: { en: n } })),
  scheme({ schemeId: "lbjk-test", name: { en: "Ladli Mata Scheme" }, ...inState("Jammu and Kashmir"), eligibility: { criteria: { en: ["The family's income must be below ₹ 90,000 a year."] }, exclusions: {} } }),
  scheme({ schemeId: "lbpy-test", name: { en: "Ladli Mata Scheme" }, ...inState("Puducherry"), eligibility: { criteria: { en: ["The family's income must be below ₹ 50,000 a year."] }, exclusions: {} } }),
  scheme({
    schemeId: "spb-test",
    name: { en: "Mukhyamantri - Sundar Pyari Bahna Yojana" },
    ...inState("Goa"),
    benefits: { en: ["Each woman gets ₹ 1,250 a month."] },
  }),
  scheme({ schemeId: "bsy-test", name: { en: "Bahna Suraksha Yojana" }, ...inState("Goa") }),
  scheme({ schemeId: "hbp-test", name: { en: "Haryana Budhapa Samman Pension" }, ...inState("Haryana"), benefits: { en: ["₹ 3,000 a month."] } }),
  // a central scheme named only by words of a kind of help (five schemes above are filed under "Girl Child")
  scheme({
    schemeId: "ngcy-test",
    name: { en: "National Girl Child Yojana", hi: "राष्ट्रीय बालिका योजना" },
    documents: { en: ["Birth certificate of the girl", "Bank passbook"], hi: ["बालिका का जन्म प्रमाण पत्र", "बैंक पासबुक"] },
  }),
];

describe("names held and not held", () => {
  const dir = tempDir("sahayak-names-held-");
  let made: { kb: KnowledgeBase; engine: DialogueEngine };
  before(async () => (made = await engineOver(dir.path, [...sampleRecords(), ...records])));
  after(() => made.kb.close().finally(() => dir.cleanup()));
  const ask = (text: string): Promise<Reply> => made.engine.respond({ text }, newContext("h"));

  for (const text of ["Namaskar. My mother is 70, how much is the old age pension each month?", "नमस्कार, बुढ़ापा पेंशन में हर महीने कितना मिलता है?", "namaskar ji, budhapa pension me har mahine kitna milta hai"]) {
    it(`a greeting is not the short form it spells: "${text}"`, async () => {
      const reply = await ask(text);
      assert.ok(!reply.schemeIds.includes("namaskar-test"), reply.text);
    });
  }

  for (const text of ["In Tamil Nadu there is the Tholvari pension for old tribal people. How much is it monthly?", "तमिल नाडु में थोलवारी पेंशन हर महीने कितनी मिलती है?", "Tamil Nadu me tholvari pension har mahine kitni milti hai"]) {
    it(`a name's piece that only says the state names no scheme: "${text}"`, async () => {
      const reply = await ask(text);
      assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "tvop-test"], reply.text);
      assert.match(reply.text, /1,350/);
    });
  }

  it("the state alone is not a whole name of its scheme whose name ends with it", () => {
    for (const text of ["In Tamil Nadu, how much is the pension?", "तमिल नाडु में पेंशन कितनी है?", "Tamil Nadu me pension kitni hai"]) {
      const named = made.kb.search.matchNames(text, 5).find((m) => m.schemeId === "dpk-test");
      assert.ok((named?.score ?? 0) < 0.9, `${text}: ${JSON.stringify(named)}`);
    }
  });

  it("a Hindi name's short words are met as said ('labh')", () => {
    for (const text of ["rashtriya kutumb labh yojana", "राष्ट्रीय कुटुंब लाभ योजना"]) {
      const named = made.kb.search.matchNames(text, 5).find((m) => m.schemeId === "nkls-test");
      assert.ok((named?.score ?? 0) >= 0.9, `${text}: ${JSON.stringify(named)}`);
    }
  });

  it("one place of a territory named for two is that territory", () => {
    assert.equal(made.kb.search.stateIn("hum jammu me rehte hain"), "Jammu and Kashmir");
    assert.equal(made.kb.search.stateIn("हम जम्मू में रहते हैं"), "Jammu and Kashmir");
    assert.equal(made.kb.search.stateIn("we live in Jammu"), "Jammu and Kashmir");
  });

  for (const text of ["Goa Meri Beti Hamara Maan, how much grant comes on the first daughter?", "गोवा की मेरी बेटी हमारा मान योजना में कितना अनुदान मिलता है?", "Goa meri beti hamara maan me kitna paisa milta hai"]) {
    it(`a state's name said whole with its state counts its function words: "${text}"`, async () => {
      const reply = await ask(text);
      assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "mbhm-test"], reply.text);
      assert.match(reply.text, /31,000/);
    });
  }

  it("the function words alone do not name the scheme that holds them", async () => {
    const names = made.kb.search.matchNames("hamari beti ke liye koi yojana hai kya", 5);
    assert.ok((names.find((m) => m.schemeId === "mbhm-test")?.score ?? 0) < 0.6, JSON.stringify(names));
  });

  for (const text of ["My father is registered on Dolvani. Is there some money every month for his food?", "dolvani me registered hai, khane ke liye har mahine kitna paisa milta hai"]) {
    it(`a stub's short title names its fuller twin, which answers: "${text}"`, async () => {
      const reply = await ask(text);
      assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "dpy-full"], reply.text);
      assert.match(reply.text, /650/);
    });
  }

  for (const text of ["How do I join the Zorbati Didi scheme?", "ज़ोरबती दीदी योजना से कैसे जुड़ें?", "zorbati didi yojana me kaise judna hai"]) {
    it(`a name the knowledge base lacks, sharing a word with one it holds, gets "no details": "${text}"`, async () => {
      const reply = await ask(text);
      assert.deepEqual([reply.action, reply.schemeIds], ["no_info", []], reply.text);
      assert.match(reply.text, /zorbati|ज़ोरबती/i);
    });
  }

  for (const text of ["How do I join the Gaon Didi scheme?", "गाँव दीदी योजना से कैसे जुड़ें?", "gaon didi yojana me kaise judna hai"]) {
    it(`a held name said short is still answered: "${text}"`, async () => {
      const reply = await ask(text);
      assert.equal(reply.schemeIds[0], "gdss-test", reply.text);
    });
  }

  for (const text of ["How much interest does the Zorbati Samriddhi account give?", "ज़ोरबती समृद्धि खाते में कितना ब्याज मिलता है?", "zorbati samriddhi khata me kitna byaj milta hai"]) {
    it(`an account or card by a name no one knows gets "no details": "${text}"`, async () => {
      const reply = await ask(text);
      assert.deepEqual([reply.action, reply.schemeIds], ["no_info", []], reply.text);
    });
  }

  for (const text of ["rashtriya kutumb labh yojana me kitna paisa milta hai", "राष्ट्रीय कुटुंब लाभ योजना में कितना पैसा मिलता है?", "How much does the Rashtriya Kutumb Labh Yojana give?"]) {
    it(`a central scheme named by its Hindi name: "${text}"`, async () => {
      const reply = await ask(text);
      assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "nkls-test"], reply.text);
    });
  }

  for (const text of ["How much does the Pyari Bahna scheme give each month?", "प्यारी बहना योजना में हर महीने कितना पैसा मिलता है?", "pyari bahna yojana me har mahine kitna paisa milta hai"]) {
    it(`a name said by its later words before "yojana", all of them one scheme's: "${text}"`, async () => {
      const reply = await ask(text);
      assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "spb-test"], reply.text);
      assert.match(reply.text, /1,250/);
    });
  }

  it("a state written in Devanagari is met by sound", () => {
    assert.equal(made.kb.search.stateIn("हरियाणा में बुढ़ापा पेंशन कितनी है"), "Haryana");
    assert.equal(made.kb.search.stateIn("पंच को कितना मिलता है"), undefined);
  });

  for (const text of ["national girl child yojana me kaun kaun se documents lagenge", "राष्ट्रीय बालिका योजना में कौन-कौन से कागज़ लगेंगे?", "Which are all the documents for the National Girl Child Yojana?"]) {
    it(`"which all documents" asks several documents of the scheme named, not several schemes: "${text}"`, async () => {
      const reply = await ask(text);
      assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "ngcy-test"], reply.text);
    });
  }

  for (const text of ["We live in Jammu. For the Ladli Mata scheme what is the income limit?", "हम जम्मू में रहते हैं, लाडली माता योजना में आय सीमा कितनी है?", "hum jammu me rehte hain, ladli mata yojana me income limit kitni hai"]) {
    it(`one place of a territory named for two names it: "${text}"`, async () => {
      const reply = await ask(text);
      assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "lbjk-test"], reply.text);
    });
  }
});
