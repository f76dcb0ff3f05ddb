// Kinds of question a record answers in its own words: English words written in Devanagari ("डॉक्यूमेंट",
// "एज लिमिट") read as the English, a bound asked for ("minimum balance", "कम से कम") answered by there
// being none, and where to go or whom to see answered by a sentence that names an office or an officer.
// A made-up scheme no code has seen.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newContext, type DialogueEngine, type Reply } from "../../src/dialogue/index.js";
import { rankUnits } from "../../src/dialogue/compose.js";
import { questionWords } from "../../src/dialogue/unit-evidence.js";
import { questionAsks } from "../../src/dialogue/nlu.js";
import { unitPool } from "../../src/dialogue/units.js";
import type { KnowledgeBase } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir } from "../helpers.js";
import { engineOver, scheme } from "./engine-over.js";

const savings = scheme({
  schemeId: "zobky-test",
  name: { en: "Zorvani Bachat Khata Yojana", hi: "ज़ोरवानी बचत खाता योजना" },
  description: { en: "The Zorvani Bachat Khata Yojana opens savings accounts for village families.", hi: "ज़ोरवानी बचत खाता योजना गाँव के परिवारों के बचत खाते खोलती है।" },
  benefits: {
    en: ["A free debit card with an accident cover of ₹ 1,00,000 is given.", "The account does not require any minimum balance to be kept.", "An overdraft of up to ₹ 5,000 is allowed after six months.", "Money can be drawn at any bank branch or post office in the state."],
    hi: ["₹ 1,00,000 के दुर्घटना कवर के साथ एक मुफ्त डेबिट कार्ड दिया जाता है।", "इस खाते में किसी भी न्यूनतम शेष राशि को रखने की आवश्यकता नहीं है।", "छह महीने बाद ₹ 5,000 तक का ओवरड्राफ्ट मिलता है।", "राज्य की किसी भी बैंक शाखा या डाकघर से पैसा निकाला जा सकता है।"],
  },
  eligibility: {
    criteria: { en: ["A resident of a village in the state.", "Any citizen aged 10 to 65 years may open the account."], hi: ["राज्य के किसी गाँव का निवासी।", "10 से 65 वर्ष की आयु का कोई भी नागरिक खाता खोल सकता है।"] },
    exclusions: {},
  },
  documents: { en: ["Aadhaar card", "Two passport size photographs"], hi: ["आधार कार्ड", "दो पासपोर्ट आकार के फोटो"] },
  applicationProcess: {
    en: [{ mode: "Offline", url: null, steps: ["Fill in the form with your name, mobile number and the names of your family.", "Meet the block savings officer at the tehsil office, who checks the form and opens the account."] }],
    hi: [{ mode: "Offline", steps: ["फॉर्म में अपना नाम, मोबाइल नंबर और परिवार के नाम भरें।", "तहसील कार्यालय में प्रखंड बचत अधिकारी से मिलें, जो फॉर्म जाँचकर खाता खोलते हैं।"] }],
  },
});

/** A record with no Hindi: a Hindi question is answered from its English. */
const englishOnly = scheme({
  schemeId: "zfry-test",
  name: { en: "Zorvani Fasal Raksha Yojana", hi: "ज़ोरवानी फसल रक्षा योजना" },
  description: { en: "The Zorvani Fasal Raksha Yojana pays farmers for crops they lose." },
  benefits: {
    en: [
      "Crops lost to hail or a storm in the field are paid for within two months of the claim being made at the block office.",
      "Crops lost to pests or a disease that the district officer has declared are paid for at half of the sum insured for the season.",
      "Crops lost to drought are paid for at the full sum insured, once the district is declared hit by drought.",
    ],
  },
});

describe("kinds of question a record answers in its own words", () => {
  const dir = tempDir("sahayak-asked-kinds-");
  let kb: KnowledgeBase;
  let engine: DialogueEngine;
  before(async () => ({ kb, engine } = await engineOver(dir.path, [...sampleRecords(), savings, englishOnly])));
  after(async () => {
    await kb.close();
    dir.cleanup();
  });
  const talk = (text: string): Promise<Reply> => engine.respond({ text }, newContext("k"));
  const answers = async (q: string, fact: RegExp, field?: string) => {
    const r = await talk(q);
    assert.equal(r.action, "answer", `${q}: ${r.text}`);
    if (field) assert.equal(r.field, field, `${q}: ${r.text}`);
    assert.match(r.text, fact, `${q}: ${r.text}`);
  };

  it("reads an English word written in Devanagari as the English word: the documents", async () => {
    await answers("Which documents are needed for the Zorvani Bachat Khata Yojana?", /Aadhaar card/, "documents");
    await answers("ज़ोरवानी बचत खाता खुलवाने के लिए डाकूमेंट क्या क्या चाहिए", /आधार कार्ड/, "documents");
    await answers("zorvani bachat khata kholne ke liye document kya kya chahiye", /आधार कार्ड/, "documents");
  });

  it("hears 'age' written in Devanagari as a question of who can apply", async () => {
    await answers("What is the age limit of Zorvani Bachat Khata Yojana?", /10 to 65 years/, "eligibility");
    await answers("ज़ोरवानी बचत खाता योजना की एज लिमिट क्या है", /10 से 65 वर्ष/, "eligibility");
    await answers("zorvani bachat khata yojana ki age limit kya hai", /10 से 65 वर्ष/, "eligibility");
  });

  it("answers a question of the least to be kept with there being no minimum", async () => {
    await answers("Is there a minimum balance to keep in the Zorvani Bachat Khata?", /does not require any minimum balance/);
    await answers("ज़ोरवानी बचत खाते में कम से कम कितना पैसा रखना पड़ता है?", /न्यूनतम शेष राशि/);
    await answers("ज़ोरवानी बचत खाते में क्या न्यूनतम बैलेंस रखना ज़रूरी है?", /न्यूनतम शेष राशि/);
    await answers("zorvani bachat khate me kam se kam kitna paisa rakhna padta hai", /न्यूनतम शेष राशि/);
  });

  it("meets the record's English through the everyday dictionary where the lexicon lacks a word", async () => {
    await answers("Does the Zorvani Fasal Raksha Yojana pay when crops are lost to drought?", /lost to drought/);
    await answers("ज़ोरवानी फसल रक्षा योजना में सूखा पड़ने पर फसल का पैसा मिलता है?", /lost to drought/);
    await answers("zorvani fasal raksha yojana me sookha padne par fasal ka paisa milta hai", /lost to drought/);
  });

  it("answers where to go or whom to see with the office and the officer", async () => {
    await answers("Whom should I meet to open the Zorvani Bachat Khata?", /block savings officer/, "application");
    await answers("ज़ोरवानी बचत खाता खुलवाने के लिए किससे मिलना पड़ेगा?", /प्रखंड बचत अधिकारी/, "application");
    await answers("zorvani bachat khata khulwane ke liye kahan jana padega", /प्रखंड बचत अधिकारी/, "application");
    // "where", with no field named, is where to go to apply
    await answers("Where is the Zorvani Bachat Khata opened?", /block savings officer/, "application");
    await answers("ज़ोरवानी बचत खाता कहाँ खुलेगा?", /प्रखंड बचत अधिकारी/, "application");
    await answers("zorvani bachat khata kahan khulega", /प्रखंड बचत अधिकारी/, "application");
  });
});

describe("the kind of fact asked for", () => {
  it("a place, once the scheme is known, in three ways of writing", () => {
    for (const q of ["where do I apply", "kahan jana padega", "किससे मिलना पड़ेगा"]) assert.ok(questionAsks(q, true).includes("place"), q);
    // before the scheme is known "where" names no kind of fact: it may still be a question of which scheme
    assert.deepEqual(questionAsks("where can I get a loan"), []);
  });

  it("a word of money in a question of who gets it names the topic, not an amount asked for", () => {
    for (const q of ["who can take the loan", "loan kisko milta hai", "लोन कौन ले सकता है"]) assert.deepEqual(questionAsks(q, true), [], q);
    for (const q of ["how much loan can I take", "kitna loan milta hai", "कितना लोन मिलता है"]) assert.ok(questionAsks(q, true).includes("sum"), q);
  });

  it("'when' in a yes/no question is a condition, not a time asked for", () => {
    for (const q of ["does it pay when crops are lost to drought", "kya jab fasal sookh jaye tab paisa milta hai", "क्या जब फसल सूख जाए तब पैसा मिलता है"]) assert.ok(!questionAsks(q, true).includes("duration"), q);
    for (const q of ["when will the money come", "paisa kab milega", "पैसा कब मिलेगा"]) assert.ok(questionAsks(q, true).includes("duration"), q);
  });

  it("a bound from below is a limit, which there may be none of", () => {
    for (const q of ["what is the minimum balance", "kam se kam kitna paisa", "न्यूनतम राशि कितनी है"]) assert.ok(questionAsks(q, true).includes("limit"), q);
  });

  it("says there being no minimum, beside figures of something else", () => {
    for (const [lang, q, said] of [
      ["en", "how much money must be kept at least", ["money", "kept"]],
      ["hi", "कम से कम कितना पैसा रखना पड़ता है", ["पैसा", "रखना"]],
      ["hi", "kam se kam kitna paisa rakhna padta hai", ["paisa", "rakhna"]],
    ] as const) {
      const pool = unitPool(savings, lang, 40);
      const ranking = rankUnits(pool, "benefits", questionWords([...said], () => []), questionAsks(q, true), 40, lang);
      const picked = ranking.order.slice(0, ranking.picked).map((i) => pool[i]!.text);
      assert.ok(picked.some((t) => /does not require any minimum|न्यूनतम शेष राशि/.test(t)), `${q}: ${picked.join(" | ")}`);
    }
  });
});
