// A held name whose vowels the caller writes otherwise ("o" for "a", as Bengali and Assamese speakers say
// it) is that name, not a scheme the knowledge base lacks: the same consonants, enough of them to tell, on
// a made-up scheme, in English, Hindi and romanised Hindi.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newContext, type DialogueEngine } from "../../src/dialogue/index.js";
import type { KnowledgeBase } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir } from "../helpers.js";
import { engineOver, scheme } from "./engine-over.js";

const records = [
  scheme({
    schemeId: "kdb-test",
    name: { en: "Kadambari Silk Scheme" },
    level: "state",
    state: "Assam",
    applicableStates: ["Assam"],
    benefits: { en: ["A grant of ₹ 23,400 for a weaver's silk loom."] },
  }),
];

describe("a held name with its vowels written otherwise", () => {
  const dir = tempDir("sahayak-names-vowels-");
  let made: { kb: KnowledgeBase; engine: DialogueEngine };
  before(async () => (made = await engineOver(dir.path, [...sampleRecords(), ...records])));
  after(() => made.kb.close().finally(() => dir.cleanup()));

  for (const text of ["How much does the Kodombori silk scheme give a weaver?", "कोदोम्बोरी सिल्क योजना में बुनकर को कितना मिलता है?", "kodombori silk yojana me bunkar ko kitna milta hai"]) {
    it(`is that name: "${text}"`, async () => {
      const reply = await made.engine.respond({ text }, newContext("v"));
      assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "kdb-test"], reply.text);
      assert.match(reply.text, /23,400/);
    });
  }
});
