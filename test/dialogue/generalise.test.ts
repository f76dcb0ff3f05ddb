// A scheme added to the knowledge base benefits from everything without a code change: it is named in
// either script and by sound, its facts answer the question asked, and it is offered for its kind of help.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newContext, type DialogueEngine, type Reply, type Utterance } from "../../src/dialogue/index.js";
import type { KnowledgeBase, SchemeRecord } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir } from "../helpers.js";
import { engineOver } from "./engine-over.js";

/** A scheme no code, lexicon or alias list has ever seen, made from a real record's shape. */
function newScheme(): SchemeRecord {
  const [base] = sampleRecords(["apy"]);
  return {
    ...base!,
    schemeId: "zpjs-test",
    shortTitle: "ZPJS",
    name: { en: "Zarimba Pani Jal Seva Yojana", hi: "ज़रिम्बा पानी जल सेवा योजना" },
    description: { en: "The Zarimba Pani Jal Seva Yojana brings piped drinking water to households in drought-hit villages." },
    detailedDescription: { en: "A drinking water scheme for villages that run dry every summer." },
    tags: ["Drinking Water", "Village", "Drought"],
    categories: ["utility-sanitation"],
    categoryLabels: ["Utility & Sanitation"],
    subCategories: [],
    benefits: { en: ["A household tap connection is given free of cost.", "Each household gets 55 litres of water per person per day.", "A grant of ₹ 3,500 is paid for a storage tank."] },
    eligibility: { criteria: { en: ["The household must live in a village declared drought-hit.", "The applicant must be at least 21 years of age."] }, exclusions: {} },
    documents: { en: ["Aadhaar Card", "Ration Card", "Proof of residence in the village"] },
    applicationProcess: { en: [{ mode: "Offline", url: null, steps: ["Step 1: Apply at the Gram Panchayat office on plain paper."] }] },
    faqs: [],
    relatedSchemes: [],
    qualityFlags: [],
    aliases: undefined,
  } as unknown as SchemeRecord;
}

/** A scheme whose machine-translated Hindi gives a wrong amount in words ("5 लाख"), as flagged in the data. */
function mistranslatedScheme(): SchemeRecord {
  const base = newScheme();
  return {
    ...base,
    schemeId: "zkby-test",
    shortTitle: "ZKBY",
    name: { en: "Zarimba Kosh Bachat Yojana", hi: "ज़रिम्बा कोष बचत योजना" },
    description: { en: "The Zarimba Kosh Bachat Yojana opens savings accounts for village households.", hi: "ज़रिम्बा कोष बचत योजना गाँव के परिवारों के बचत खाते खोलती है।" },
    tags: ["Savings", "Bank Account"],
    benefits: {
      en: ["Zero Balance Account", "The account needs no minimum balance.", "Loan Facility", "Account holders can take a loan of up to Rs. 10,000/-.", "Free passbook is given."],
      hi: ["खाते में न्यूनतम शेष राशि की आवश्यकता नहीं है।", "ऋण सुविधा खाताधारक 5 लाख रुपये तक का ऋण ले सकते हैं।", "मुफ्त पासबुक दी जाती है।"],
    },
    qualityFlags: [{ type: "hi_amount_not_in_en", values: [500000], note: "money amount in the Hindi text that does not occur in the English text" }],
  } as unknown as SchemeRecord;
}

describe("a scheme added to the knowledge base benefits without code changes", () => {
  const dir = tempDir("sahayak-generalise-");
  let kb: KnowledgeBase;
  let engine: DialogueEngine;
  before(async () => ({ kb, engine } = await engineOver(dir.path, [...sampleRecords(), newScheme(), mistranslatedScheme()])));
  after(async () => {
    await kb.close();
    dir.cleanup();
  });
  const talk = (text: string, extra: Omit<Utterance, "text"> = {}, ctx = newContext("g")): Promise<Reply> => engine.respond({ text, ...extra }, ctx);

  it("is named in English, in Hindi, and by its own words without 'Yojana'", async () => {
    for (const q of ["What is Zarimba Pani Jal Seva Yojana?", "ज़रिम्बा जल सेवा योजना क्या है?", "zarimba pani jal seva kya hai"]) {
      const r = await talk(q);
      assert.deepEqual([r.action, r.schemeIds[0]], ["answer", "zpjs-test"], q);
      assert.match(r.segments[0]!.text, /^Zarimba Pani Jal Seva Yojana:|^ज़रिम्बा पानी जल सेवा योजना:/, q);
    }
  });

  it("answers the fact asked for from its own fields", async () => {
    const grant = await talk("how much money does zarimba jal seva give for a tank");
    assert.match(grant.text, /3,500/);
    const age = await talk("what is the age limit for zarimba pani jal seva");
    assert.match(age.text, /21 years/);
    const where = await talk("where do I apply for zarimba pani jal seva");
    assert.match(where.text, /Gram Panchayat/);
    assert.doesNotMatch(where.text, /Step 1/);
  });

  it("is found by sound in recognised speech and offered for a yes or no", async () => {
    const ctx = newContext("s");
    const r = await talk("zar imba paani jail say va", { confidence: 0.4 }, ctx);
    assert.deepEqual([r.action, r.schemeIds[0]], ["confirm", "zpjs-test"]);
    const yes = await talk("yes", {}, ctx);
    assert.deepEqual([yes.action, yes.schemeIds[0]], ["answer", "zpjs-test"]);
  });

  it("is a kind of help its tags name", async () => {
    const r = await talk("which schemes give drinking water to villages");
    assert.ok(r.schemeIds.includes("zpjs-test"), r.text);
  });

  it("never says a Hindi amount the record flags as wrong, even written in words ('5 लाख'): the English figure of the same item stands in", async () => {
    const r = await talk("ज़रिम्बा कोष बचत योजना में कितने रुपये तक का ऋण मिलता है?");
    assert.equal(r.schemeIds[0], "zkby-test", r.text);
    assert.doesNotMatch(r.text, /5 लाख/);
    assert.match(r.text, /10,000/);
  });
});
