import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { BackgroundLanguage, SchemeConcepts } from "../../src/knowledge/index.js";
import { readText, type DialogueKnowledge } from "../../src/dialogue/knowledge.js";
import { realKnowledgeBase } from "../kb-fixture.js";
import { testConfig } from "../helpers.js";

describe("a turn's words read a second time", () => {
  let real: Awaited<ReturnType<typeof realKnowledgeBase>>;
  let k: DialogueKnowledge;
  before(async () => {
    real = await realKnowledgeBase();
    k = { kb: real.kb, config: testConfig("/tmp").dialogue, background: BackgroundLanguage.load(), concepts: await SchemeConcepts.build(real.kb.store) };
  });
  after(() => real.cleanup());

  const words = "my uncle in Bihar grows wheat, is there any crop loan for him";

  it("is the first reading, not read again", () => {
    const first = readText(k, words);
    assert.equal(readText({ ...k }, words), first);
  });

  it("is read again for other words, or against other concepts, and reads alike", async () => {
    const first = readText(k, words);
    readText(k, "old age pension");
    const again = readText(k, words);
    assert.notEqual(again, first);
    assert.deepEqual(again, first);
    const recounted = readText({ ...k, concepts: await SchemeConcepts.build(real.kb.store) }, words);
    assert.notEqual(recounted, again);
    assert.deepEqual(recounted, first);
  });
});
