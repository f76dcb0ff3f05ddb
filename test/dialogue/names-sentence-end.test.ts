// A name read back from "scheme" stops at the end of the sentence before it: the last words of that
// sentence (a town, a word of Punjabi no dictionary holds) are no words of the name. Made-up scheme.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newContext, type DialogueEngine } from "../../src/dialogue/index.js";
import type { KnowledgeBase } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir } from "../helpers.js";
import { engineOver, scheme } from "./engine-over.js";

const records = [
  scheme({
    schemeId: "phd-test",
    name: { en: "Pehredaar" },
    level: "state",
    state: "Punjab",
    applicableStates: ["Punjab"],
    tags: ["Old Age"],
    eligibility: { criteria: { en: ["The applicant's family income should not exceed ₹ 60,000 a year."] }, exclusions: {} },
  }),
];

describe("a name does not run back over a sentence's end", () => {
  const dir = tempDir("sahayak-sentence-end-");
  let made: { kb: KnowledgeBase; engine: DialogueEngine };
  before(async () => (made = await engineOver(dir.path, [...sampleRecords(), ...records])));
  after(() => made.kb.close().finally(() => dir.cleanup()));

  for (const text of [
    "Bapu ji da ilaaj chal reha Bathinda vich. Pehredaar scheme vich kaun apply kar sakda?",
    "Asi rehnde haan Jalandhar kol. Pehredaar scheme layi kaun yogya hai?",
  ]) {
    it(`the one-word name after it: "${text}"`, async () => {
      const reply = await made.engine.respond({ text }, newContext("s"));
      assert.equal(reply.schemeIds[0], "phd-test", reply.text);
    });
  }
});
