// A Hindi word everyday speech uses ("नाव", boat; "चाय", tea) was no kind of help at all: the dictionary was
// asked only for rare words, an everyday word's meanings being anything's, so the caller was asked who the
// help is for. A word whose meaning schemes carry as a whole tag of their own is that kind, however common in
// speech; one whose meanings no scheme carries so ("दिन", day; "मौसम", weather) stays nothing asked, and so
// does a word of kin ("बेटा", son): whom the caller speaks of. Devanagari only: a romanised word's meaning
// is met by its sound, which meets across everyday words.
// English, Hindi, romanised Hindi.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { readText, type DialogueKnowledge } from "../../src/dialogue/knowledge.js";
import { BackgroundLanguage, SchemeConcepts } from "../../src/knowledge/index.js";
import { testConfig } from "../helpers.js";
import { realEngine } from "./engine-over.js";

describe("an everyday Hindi word whose meaning schemes carry as a tag", () => {
  const real = realEngine();
  let k: DialogueKnowledge;
  before(async () => {
    k = { kb: real.kb, config: testConfig("/tmp").dialogue, background: BackgroundLanguage.load(), concepts: await SchemeConcepts.build(real.kb.store) };
  });
  const stemsOf = (text: string) => readText(k, text).units.flatMap((u) => u.stems);

  it("is read as that kind of help, in Devanagari as in English", () => {
    assert.ok(stemsOf("नाव खरीदने में सरकार कुछ पैसा देती है क्या?").includes("boat"));
    assert.ok(stemsOf("Can I get government money for buying a boat?").includes("boat"));
    assert.ok(stemsOf("हम चाय बागान में पत्ती तोड़ते हैं, सरकार से क्या मिलेगा?").includes("tea"));
    assert.ok(stemsOf("जेल के बन्दी के परिवार वालों को सरकार से मदद?").includes("prisoner"));
  });

  it("offers a choice of schemes carrying it", async () => {
    const reply = await real.engine.respond({ text: "नाव खरीदने में सरकार कुछ पैसा देती है क्या?" }, newContext("boat"));
    assert.equal(reply.action, "clarify", reply.text);
    assert.ok(reply.schemeIds.length >= 2, reply.schemeIds.join(","));
    for (const id of reply.schemeIds) {
      const record = await real.kb.store.get(id);
      assert.ok((record?.tags ?? []).some((t) => /boat/i.test(t)) || /boat/i.test(record?.name.en ?? ""), `${id}: ${record?.name.en}`);
    }
  });

  it("nor is a word of kin, whose meaning schemes carry as a tag (son), the kind asked", () => {
    for (const text of ["हमारा बेटा दसवीं में पढ़ता है, उसको वजीफ़ा मिलेगा?", "meri saas sattar baras ki hain, unko pension milegi?"]) {
      const labels = readText(k, text).units.map((u) => u.label);
      assert.ok(!labels.some((l) => ["बेटा", "saas"].includes(l)), `${text}: ${labels.join(", ")}`);
    }
  });

  it("a romanised word, whose meaning is met only by its sound, is left as it was", () => {
    assert.ok(!stemsOf("naav khareedne par sarkari madad milti hai kya?").includes("boat"));
  });

  it("but an everyday word no scheme carries as a tag stays nothing asked", () => {
    for (const text of ["कल बारिश होगी या धूप निकलेगी, बताइए", "kal mausam kaisa rahega", "तीन दिन से सिर में दर्द है"]) {
      const labels = readText(k, text).units.map((u) => u.label);
      assert.ok(!labels.some((l) => ["मौसम", "mausam", "दिन", "दर्द", "सिर"].includes(l)), `${text}: ${labels.join(", ")}`);
    }
  });
});
