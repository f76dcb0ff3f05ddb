// A romanised Hindi word the curated lexicon lacks ("nariyal", coconut; "godam", warehouse) was no kind of help:
// the Devanagari word was read by its dictionary meaning, the same word in Latin letters stood for itself, which
// no scheme's name or tags say, and the choice was made from the other words alone. It is read by its
// dictionary meaning as the Devanagari word is (met by sound); not an English word, an everyday word, nor a
// word a scheme's name keeps as written.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { readText, type DialogueKnowledge } from "../../src/dialogue/knowledge.js";
import { BackgroundLanguage, SchemeConcepts } from "../../src/knowledge/index.js";
import { readByDictionary } from "../../src/knowledge/dictionary-forms.js";
import { testConfig } from "../helpers.js";
import { realEngine } from "./engine-over.js";

describe("a romanised Hindi word the lexicon lacks, read by its dictionary sense", () => {
  const real = realEngine();
  let k: DialogueKnowledge;
  before(async () => {
    k = { kb: real.kb, config: testConfig("/tmp").dialogue, background: BackgroundLanguage.load(), concepts: await SchemeConcepts.build(real.kb.store) };
  });
  const stemsOf = (text: string) => readText(k, text).units.flatMap((u) => u.stems);

  it("is the kind of help asked, as its Devanagari spelling is", () => {
    const roman = stemsOf("hamare bagan mein nariyal ke ped hain, unke liye sarkari sahayata?");
    assert.ok(roman.includes("coconut"), roman.join(", "));
    const deva = stemsOf("हमारे बागान में नारियल के पेड़ हैं, उनके लिए सरकारी सहायता?");
    assert.ok(deva.includes("coconut"), deva.join(", "));
  });

  it("is asked of the dictionary only when the lexicon, English and the schemes' names leave it unread", () => {
    const none = () => false;
    assert.equal(readByDictionary("nariyal", ["nariyal"], none, none), true);
    assert.equal(readByDictionary("nariyal", ["nariyal", "coconut"], none, none), false, "the lexicon's meaning stands");
    assert.equal(readByDictionary("coconut", ["coconut"], () => true, none), false, "an English word is itself");
    assert.equal(readByDictionary("nariyal", ["nariyal"], none, () => true), false, "a name's own word is the name's");
    assert.equal(readByDictionary("नारियल", [], undefined, none), true);
  });

  it("offers schemes carrying the kind to a caller who names it in Latin letters", async () => {
    const reply = await real.engine.respond({ text: "nariyal ugane walon ko sarkar se kya kya yojanayen milti hain?" }, newContext("r"));
    assert.equal(reply.action, "clarify", reply.text);
    assert.ok(reply.schemeIds.length >= 2, reply.text);
    for (const id of reply.schemeIds) {
      const record = await real.kb.store.get(id);
      assert.ok(/coconut|nariyal/i.test([record?.name.en, ...(record?.tags ?? [])].join(" ")), `${id}: ${record?.name.en}`);
    }
  });
});
