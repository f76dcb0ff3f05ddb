// Answers that hold the fact asked for, on made-up schemes no code has seen: a catalogue stub beside the
// full record of the same scheme, list items under a heading, a Hindi field that lacks the figure asked for,
// romanised Hindi full of English nouns.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { DialogueEngine, newContext, type Reply } from "../../src/dialogue/index.js";
import { KnowledgeStore, openKnowledgeBase, type KnowledgeBase, type SchemeRecord } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir, testConfig } from "../helpers.js";

/** A record of the real records' shape with only what a test gives. */
function scheme(fields: Partial<Record<keyof SchemeRecord, unknown>> & { schemeId: string; name: Record<string, string> }): SchemeRecord {
  const [base] = sampleRecords(["apy"]);
  return {
    ...base!,
    shortTitle: null,
    description: { en: `${fields.name.en} is a scheme of the Government of India.` },
    detailedDescription: null,
    tags: [],
    categories: [],
    categoryLabels: [],
    subCategories: [],
    benefits: {},
    eligibility: { criteria: {}, exclusions: {} },
    documents: {},
    applicationProcess: {},
    faqs: [],
    relatedSchemes: [],
    qualityFlags: [],
    aliases: undefined,
    detailLevel: "full",
    ...fields,
  } as unknown as SchemeRecord;
}

/** A catalogue stub: a line of description, and Hindi detail without English. */
const stub = scheme({
  schemeId: "zpy-stub",
  shortTitle: "ZPY",
  detailLevel: "catalog",
  name: { en: "Zarimba Poshan Yojana", hi: "ज़रिम्बा पोषण योजना" },
  description: { en: "The Zarimba Poshan Yojana gives nutrition support to patients.", hi: "ज़रिम्बा पोषण योजना मरीज़ों को पोषण सहायता देती है।" },
  benefits: { hi: ["इलाज के दौरान हर मरीज़ को ₹750 प्रति माह पोषण सहायता दी जाती है।"] },
  eligibility: { criteria: { hi: ["मरीज़ का नाम ज़रिम्बा पोर्टल पर दर्ज होना चाहिए।"] }, exclusions: {} },
});

/** The full record of the same scheme, its name saying more, unflagged as a duplicate. */
const full = scheme({
  schemeId: "zpy-full",
  shortTitle: "ZPYNS",
  name: { en: "Zarimba Poshan Yojana (Nutrition Support To Village Patients)" },
  description: { en: "An incentive scheme that supports the nutrition of village patients during their treatment." },
  benefits: { en: ["A cash incentive of ₹750 per month is paid to each notified patient for the duration of the treatment.", "The amount is paid into the patient's bank account."] },
  eligibility: { criteria: { en: ["The patient must be notified on the Zarimba portal.", "The patient must have a bank account."] }, exclusions: {} },
  documents: { en: ["Aadhaar Card", "Bank passbook"] },
  applicationProcess: { en: [{ mode: "Offline", url: null, steps: ["The treating health centre registers the patient."] }] },
});

describe("answers that hold the fact asked for", () => {
  const dir = tempDir("sahayak-answers-");
  let kb: KnowledgeBase;
  let engine: DialogueEngine;
  before(async () => {
    const config = testConfig(dir.path);
    const writer = await KnowledgeStore.open({ dataDir: dir.path, knowledge: config.knowledge });
    await writer.apply({ upserts: [...sampleRecords(), stub, full], deletes: [] }, { actor: "test", reason: "test", op: "import" });
    writer.close();
    kb = await openKnowledgeBase(config);
    engine = await DialogueEngine.create(kb, config);
  });
  after(async () => {
    await kb.close();
    dir.cleanup();
  });
  const talk = (text: string): Promise<Reply> => engine.respond({ text }, newContext("a"));

  it("answers a catalogue stub's name from the full record of the same scheme when that has more in the caller's language", async () => {
    const english = await talk("How much does Zarimba Poshan Yojana give each month?");
    assert.deepEqual([english.action, english.schemeIds[0]], ["answer", "zpy-full"], english.text);
    assert.match(english.text, /₹750 per month/);
  });

  it("keeps the stub for a Hindi caller when only the stub has Hindi detail", async () => {
    for (const q of ["ज़रिम्बा पोषण योजना में हर महीने कितना पैसा मिलता है?", "zarimba poshan yojana me har mahine kitna paisa milta hai"]) {
      const hindi = await talk(q);
      assert.deepEqual([hindi.action, hindi.schemeIds[0], hindi.lang], ["answer", "zpy-stub", "hi"], `${q}: ${hindi.text}`);
      assert.match(hindi.text, /₹750 प्रति माह/, q);
    }
  });
});
