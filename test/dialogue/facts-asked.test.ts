// The fact asked for, when the record holds it somewhere other than where a Hindi answer first looks: the
// English of a passage its Hindi transcription cut, a way of applying the Hindi lacks, a figure the Hindi
// has wrong (said once, not twice); a limit answered by there being none; a misspelt word; a word that only
// sounds like the name's; how far one must have studied; an amount by the month. Made-up schemes no code
// has seen.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { rankUnits } from "../../src/dialogue/compose.js";
import { questionWords } from "../../src/dialogue/unit-evidence.js";
import { newContext, type DialogueEngine, type Reply } from "../../src/dialogue/index.js";
import { questionAsks } from "../../src/dialogue/nlu.js";
import { unitPool } from "../../src/dialogue/units.js";
import type { KnowledgeBase } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir } from "../helpers.js";
import { engineOver, scheme } from "./engine-over.js";

const CUT = "[... remainder not transcribed ...]";

/** A Hindi transcription cut after two items (flagged and marked), and a way of applying only in English. */
const cutShort = scheme({
  schemeId: "zkby-test",
  name: { en: "Zarimba Karigar Bima Yojana", hi: "ज़रिम्बा कारीगर बीमा योजना" },
  description: { en: "The Zarimba Karigar Bima Yojana insures craftspeople.", hi: "ज़रिम्बा कारीगर बीमा योजना कारीगरों का बीमा करती है।" },
  benefits: {
    en: ["A cover of ₹ 1,00,000 on accidental death.", "A cover of ₹ 50,000 on permanent disability.", "A hearing machine is given free to a member who loses hearing at work."],
    hi: ["दुर्घटना में मृत्यु पर ₹ 1,00,000 का कवर।", "स्थायी विकलांगता पर ₹ 50,000 का कवर।", CUT],
  },
  eligibility: { criteria: { en: ["The member must be a registered craftsperson."], hi: ["सदस्य पंजीकृत कारीगर होना चाहिए।"] }, exclusions: {} },
  applicationProcess: {
    en: [
      { mode: "Online", url: null, steps: ["Open the Zarimba portal and fill in the form."] },
      { mode: "Offline - via Kiosk", url: null, steps: ["Visit the nearest Seva Kiosk with the member's card.", "The kiosk operator fills in the form for the member."] },
    ],
    hi: [{ mode: "Online", steps: ["ज़रिम्बा पोर्टल खोलें और फॉर्म भरें।"] }],
  },
  qualityFlags: [{ type: "hi_transcription_truncated", fields: ["benefitsMd"] }],
});

/** Hindi whose headline figure is flagged as wrong, beside figures that are right. */
const wrongFigure = scheme({
  schemeId: "zgay-test",
  name: { en: "Zarimba Gramin Awaas Yojana", hi: "ज़रिम्बा ग्रामीण आवास योजना" },
  description: { en: "The Zarimba Gramin Awaas Yojana helps village families build a pucca house.", hi: "ज़रिम्बा ग्रामीण आवास योजना गाँव के परिवारों को पक्का घर बनाने में मदद करती है।" },
  benefits: {
    en: ["Financial assistance of ₹ 1,40,000 per unit in the plains and ₹ 1,50,000 per unit in the hills.", "A loan of up to ₹ 60,000 can be taken from a bank to build a bigger house.", "₹ 15,000 is given for a toilet."],
    hi: ["मैदानों में ₹40,000 प्रति इकाई और पहाड़ों में ₹50,000 प्रति इकाई की वित्तीय सहायता।", "बड़ा घर बनाने के लिए बैंक से ₹ 60,000 तक का ऋण लिया जा सकता है।", "शौचालय के लिए ₹ 15,000 दिए जाते हैं।", "भुगतान सीधे बैंक खाते में होता है।"],
  },
  qualityFlags: [{ type: "hi_amount_not_in_en", values: [40000, 50000] }],
});

/** A limit that does not exist, beside a figure of another kind. */
const noCeiling = scheme({
  schemeId: "zuvy-test",
  name: { en: "Zarimba Udyami Vikas Yojana", hi: "ज़रिम्बा उद्यमी विकास योजना" },
  description: { en: "The Zarimba Udyami Vikas Yojana lends to new small units.", hi: "ज़रिम्बा उद्यमी विकास योजना नई छोटी इकाइयों को ऋण देती है।" },
  eligibility: {
    criteria: {
      en: ["Any person above 18 years of age.", "For a new unit costing above ₹ 5,00,000 the applicant must have passed class eight.", "There will be no income ceiling for assistance."],
      hi: ["18 वर्ष से अधिक आयु का कोई भी व्यक्ति।", "₹ 5,00,000 से अधिक लागत वाली नई इकाई के लिए आवेदक का आठवीं कक्षा पास होना आवश्यक है, यह शैक्षिक योग्यता है।", "सहायता के लिए आय की कोई सीमा नहीं होगी।"],
    },
    exclusions: {},
  },
  benefits: {
    en: ["A loan of up to ₹ 10,00,000 with a subsidy of 25%.", "The unit's income pays back the loan over seven years.", "Income tax is not charged on the subsidy."],
    hi: ["25% सब्सिडी के साथ ₹ 10,00,000 तक का ऋण।", "इकाई की आय से ऋण सात वर्षों में चुकाया जाता है।", "सब्सिडी पर आय कर नहीं लगता।"],
  },
});

/** A health cover whose name holds "Jan" (people); its way of applying is to go somewhere. */
const janCover = scheme({
  schemeId: "zjsy-test",
  name: { en: "Zarimba Jan Swasthya Yojana", hi: "ज़रिम्बा जन स्वास्थ्य योजना" },
  description: { en: "The Zarimba Jan Swasthya Yojana pays for hospital care.", hi: "ज़रिम्बा जन स्वास्थ्य योजना अस्पताल के इलाज का खर्च देती है।" },
  benefits: {
    en: ["Hospital care of up to ₹ 3,00,000 a year for each family.", "Covers all pre-existing illnesses from the first day.", "Medicines after discharge are paid for 10 days."],
    hi: ["हर परिवार को साल में ₹ 3,00,000 तक का अस्पताल इलाज।", "पहले से मौजूद सभी बीमारियाँ पहले दिन से कवर।", "छुट्टी के बाद 10 दिन की दवाइयों का भुगतान।"],
  },
  applicationProcess: {
    en: [{ mode: "Offline", url: null, steps: ["To get the health card, go to the nearest Lok Seva Kendra with your ration card."] }],
    hi: [{ mode: "Offline", steps: ["स्वास्थ्य कार्ड के लिए अपने राशन कार्ड के साथ नज़दीकी लोक सेवा केंद्र जाएँ।"] }],
  },
});

describe("the fact asked for, wherever the record holds it", () => {
  const dir = tempDir("sahayak-facts-asked-");
  let kb: KnowledgeBase;
  let engine: DialogueEngine;
  before(async () => ({ kb, engine } = await engineOver(dir.path, [...sampleRecords(), cutShort, wrongFigure, noCeiling, janCover])));
  after(async () => {
    await kb.close();
    dir.cleanup();
  });
  const talk = (text: string): Promise<Reply> => engine.respond({ text }, newContext("a"));
  const says = async (cases: [string, RegExp][]) => {
    for (const [q, fact] of cases) {
      const r = await talk(q);
      assert.equal(r.action, "answer", `${q}: ${r.text}`);
      assert.match(r.text, fact, `${q}: ${r.text}`);
    }
  };

  it("says the English of a passage the Hindi transcription cut, when that is what is asked", async () => {
    await says([
      ["Does Zarimba Karigar Bima Yojana give a hearing machine?", /hearing machine is given free/],
      ["ज़रिम्बा कारीगर बीमा योजना में सुनने की मशीन hearing machine मिलती है क्या?", /hearing machine is given free/],
      ["zarimba karigar bima yojana me hearing machine milti hai kya", /hearing machine is given free/],
    ]);
  });

  it("says a way of applying that only the English gives", async () => {
    await says([
      ["Can I apply for Zarimba Karigar Bima Yojana at a kiosk?", /nearest Seva Kiosk/],
      ["ज़रिम्बा कारीगर बीमा योजना का आवेदन kiosk से हो जाएगा क्या?", /nearest Seva Kiosk/],
      ["zarimba karigar bima yojana ka aavedan kiosk se ho jayega kya", /nearest Seva Kiosk/],
    ]);
  });

  it("says the English figure for a Hindi one flagged as wrong once, and a figure the Hindi has right not again in English", async () => {
    for (const q of ["ज़रिम्बा ग्रामीण आवास योजना में पहाड़ों में कितनी वित्तीय सहायता मिलती है?", "zarimba gramin awaas yojana me pahadon me kitni vittiya sahayata milti hai"]) {
      const r = await talk(q);
      assert.match(r.text, /1,50,000/, `${q}: ${r.text}`);
      assert.doesNotMatch(r.text, /₹50,000/, `${q}: ${r.text}`);
    }
    const pool = unitPool(wrongFigure, "hi", 40);
    assert.ok(!pool.some((u) => u.lang === "en" && /60,000|15,000/.test(u.text)), pool.map((u) => u.text).join(" | "));
    assert.equal(pool.filter((u) => u.lang === "en" && u.field === "benefits").length, 1);
    const english = await talk("How much financial assistance does Zarimba Gramin Awaas Yojana give in the hills?");
    assert.match(english.text, /1,50,000/, english.text);
  });

  it("answers a question of a limit with there being none", async () => {
    await says([
      ["Is there any income limit for taking a new unit under Zarimba Udyami Vikas Yojana?", /no income ceiling/],
      ["ज़रिम्बा उद्यमी विकास योजना में नई इकाई के लिए आय की सीमा कितनी है?", /आय की कोई सीमा नहीं/],
      ["zarimba udyami vikas yojana me nayi ikai ke liye income ki limit kitni hai", /आय की कोई सीमा नहीं/],
    ]);
  });

  it("hears how far one must have studied as a question of who can apply", async () => {
    for (const [q, fact] of [
      ["How much education is needed for Zarimba Udyami Vikas Yojana?", /passed class eight/],
      ["ज़रिम्बा उद्यमी विकास योजना के लिए कितनी पढ़ाई होनी चाहिए?", /आठवीं कक्षा/],
      ["zarimba udyami vikas yojana ke liye kitni padhai honi chahiye", /आठवीं कक्षा/],
    ] as [string, RegExp][]) {
      const r = await talk(q);
      assert.equal(r.field, "eligibility", `${q}: ${r.text}`);
      assert.match(r.text, fact, `${q}: ${r.text}`);
    }
  });

  it("hears a word that only sounds like a word of the name ('jana', to go, beside 'Jan') as part of the question", async () => {
    for (const q of ["zarimba jan swasthya yojana ka card banwane ke liye kahan jana padega", "zarimba jan swasthya card ke liye kahan jana hai"]) {
      const r = await talk(q);
      assert.equal(r.field, "application", `${q}: ${r.text}`);
      assert.match(r.text, /लोक सेवा केंद्र/, q);
    }
    // English and Hindi ask it in words of their own
    assert.match((await talk("Where do I go to get the Zarimba Jan Swasthya Yojana card?")).text, /Lok Seva Kendra/);
    assert.match((await talk("ज़रिम्बा जन स्वास्थ्य योजना का कार्ड बनवाने कहाँ जाना पड़ेगा?")).text, /लोक सेवा केंद्र/);
  });
});

describe("sentences for the caller's words", () => {
  it("meets a misspelt English word with the record's word one letter away", () => {
    const pool = unitPool(janCover, "en", 40);
    for (const said of [["old", "illneses"], ["purani", "ilness"]]) {
      const ranking = rankUnits(pool, "benefits", questionWords(said, () => []), [], 40, "en");
      assert.match(pool[ranking.order[0]!]!.text, /pre-existing illnesses/, said.join(" "));
    }
  });

  it("says there being no limit for a question of a limit, beside a figure of something else", () => {
    for (const [lang, q, said] of [
      ["en", "Is there any income limit?", ["income", "limit"]],
      ["hi", "क्या आय की कोई सीमा है, कितनी?", ["आय", "सीमा"]],
      ["hi", "income ki limit kitni hai", ["income", "limit"]],
    ] as const) {
      const pool = unitPool(noCeiling, lang, 40);
      const ranking = rankUnits(pool, "eligibility", questionWords([...said], () => []), questionAsks(q, true), 40, lang);
      const picked = ranking.order.slice(0, ranking.picked).map((i) => pool[i]!.text);
      assert.ok(picked.some((t) => /no income ceiling|आय की कोई सीमा नहीं/.test(t)), `${q}: ${picked.join(" | ")}`);
    }
  });

  it("counts two of the caller's words again where a sentence says them together ('one hand'), not apart ('one eye … a hand')", () => {
    const record = scheme({
      schemeId: "zsb-test",
      name: { en: "Zarimba Suraksha Bima", hi: "ज़रिम्बा सुरक्षा बीमा" },
      benefits: {
        en: ["Total and lasting loss of both eyes, or of the use of both hands or both feet, or of the sight of one eye and the use of a hand or a foot, in an accident while the cover lasts: the member or the nominee named in the form gets ₹ 2,00,000.", "Loss of the use of one hand or of one foot: the member gets ₹ 1,00,000."],
        hi: ["दोनों आँखों की पूरी और स्थायी हानि, या दोनों हाथों या दोनों पैरों के उपयोग की हानि, या एक आँख की दृष्टि और पैर या हाथ के उपयोग की हानि, बीमा के दौरान किसी दुर्घटना में: सदस्य या फॉर्म में नामित व्यक्ति को ₹ 2,00,000 मिलते हैं।", "एक हाथ या एक पैर के उपयोग की हानि: सदस्य को ₹ 1,00,000 मिलते हैं।"],
      },
    });
    // (romanised Hindi meets the record's Hindi through the lexicon and words' sounds, which "ek" is too short for)
    for (const [lang, said] of [["en", ["one", "hand", "lost"]], ["hi", ["एक", "हाथ", "कटा"]]] as const) {
      const pool = unitPool(record, lang, 40);
      const ranking = rankUnits(pool, "benefits", questionWords([...said], () => []), [], 40, lang);
      const picked = ranking.order.slice(0, ranking.picked).map((i) => pool[i]!.text);
      assert.ok(picked.some((t) => /1,00,000/.test(t)) && !picked.some((t) => /2,00,000/.test(t)), `${lang} ${said.join(" ")}: ${picked.join(" | ")}`);
    }
  });

  it("leaves a word alone that is only a letter away when the record holds the word itself", () => {
    const pool = unitPool(janCover, "en", 40);
    const ranking = rankUnits(pool, "benefits", questionWords(["medicines"], () => []), [], 40, "en");
    assert.match(pool[ranking.order[0]!]!.text, /Medicines after discharge/);
  });
});

describe("the kind of fact asked for", () => {
  it("hears 'how much a month' as an amount by the month, and 'in how many months' still as a time", () => {
    for (const q of ["How much pension will I get per month?", "बुढ़ापे में कितनी पेंशन मिलेगी महीने की", "budhape me kitni pension milegi mahine ki", "har mahine kitna paisa milta hai"]) {
      assert.ok(!questionAsks(q, true).includes("duration"), q);
    }
    for (const q of ["In how many months does the money come?", "पैसा कितने महीने में आता है?", "paisa kitne mahine me aata hai"]) assert.ok(questionAsks(q, true).includes("duration"), q);
  });

  it("hears a limit asked of a sum, which there being none answers", () => {
    for (const q of ["What is the income limit?", "आय की सीमा कितनी है?", "income ki limit kitni hai"]) assert.ok(questionAsks(q, true).includes("limit"), q);
    assert.deepEqual(questionAsks("What is the age limit?", true), ["age"]);
  });
});
