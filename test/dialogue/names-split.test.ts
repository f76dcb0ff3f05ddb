// A name the caller says in pieces: a word of it heard as two ("<Raghav> <Anna>" of "Raghavanna", a sound
// off: "<Pedu> <Du>" of "Pedodu") is still its word, not a name the knowledge base lacks; a long name said
// in order with a word of it in two or a sound off ("Maha Samman") is meant, not a shorter one sharing
// some of its words. Made-up schemes; English, Hindi and romanised Hindi.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newContext, type DialogueEngine, type Reply } from "../../src/dialogue/index.js";
import type { KnowledgeBase } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir } from "../helpers.js";
import { engineOver, realEngine, scheme } from "./engine-over.js";

const inState = (state: string) => ({ level: "state", state, applicableStates: [state] });

const records = [
  scheme({ schemeId: "rp-test", name: { en: "Raghavanna Pedodu" }, ...inState("Andhra Pradesh"), tags: ["Tailor", "Financial Assistance"], benefits: { en: ["₹ 12,000 a year to each tailor."] } }),
  scheme({ schemeId: "kvsn-test", name: { en: "Kamal Vikas Mahasanman Nidhi Yojana" }, ...inState("Maharashtra"), tags: ["Farmer"], benefits: { en: ["₹ 7,000 a year on top of the central help."] } }),
  scheme({ schemeId: "vsn-test", name: { en: "Pradhan Mantri Vikas Samman Nidhi" }, tags: ["Farmer"], benefits: { en: ["₹ 5,000 a year."] } }),
];

describe("names said in pieces", () => {
  const dir = tempDir("sahayak-names-split-");
  let made: { kb: KnowledgeBase; engine: DialogueEngine };
  before(async () => (made = await engineOver(dir.path, [...sampleRecords(), ...records])));
  after(() => made.kb.close().finally(() => dir.cleanup()));
  const ask = (text: string): Promise<Reply> => made.engine.respond({ text }, newContext("p"));

  for (const text of [
    "I stitch clothes in Guntur. How much does the Raghav Anna Pedu Du scheme give a year?",
    "main guntur mein darzi hoon, raghav anna pedu du yojana mein saal ka kitna milta hai",
  ]) {
    it(`a word of a held name heard as two pieces is that name: "${text}"`, async () => {
      const reply = await ask(text);
      assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "rp-test"], reply.text);
    });
  }

  for (const text of [
    "I get the Vikas Samman Nidhi already. How much more does the Kamal Vikas Maha Samman Nidhi give?",
    "विकास सम्मान निधि तो आता है, पर कमल विकास महा सम्मान निधि में अलग से कितना मिलता है?",
    "Vikas Samman Nidhi to aata hai, par ye Kamal Vikas Maha Samman Nidhi mein alag se kitna milta hai?",
  ]) {
    it(`a long name said in order, a word of it in two, is meant over a shorter one: "${text}"`, async () => {
      const reply = await ask(text);
      assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "kvsn-test"], reply.text);
    });
  }
});

describe("names said in pieces, among all the records", () => {
  const real = realEngine();
  for (const text of ["हमारे मोहल्ले के नाई को जगन अन्ना चेदु दु योजना से कितनी मदद मिलती है?", "Our barber says the Jagan Anna Chedu Du scheme helps his trade. Who can apply?"]) {
    it(`a word of a held name heard as two pieces is that name: "${text}"`, async () => {
      const reply = await real.engine.respond({ text }, newContext("r"));
      assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "jc"], reply.text);
    });
  }
});
