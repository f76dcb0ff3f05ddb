// An Indian word a scheme's name or tags keep in Latin letters ("Anganwadi", "Vimukta"), written by the caller in
// Devanagari or spelt another way, was no kind of help at all: neither the lexicon nor the dictionary reads it. It
// is read as the name's or tag's word it sounds like and is spelt nearly as; a word the dictionary glosses, or an
// English word of a name ("guard"), is never met so.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { readText, type DialogueKnowledge } from "../../src/dialogue/knowledge.js";
import { BackgroundLanguage, SchemeConcepts } from "../../src/knowledge/index.js";
import { testConfig } from "../helpers.js";
import { realEngine } from "./engine-over.js";

describe("a word of schemes' names and tags met by its sound", () => {
  const real = realEngine();
  let k: DialogueKnowledge;
  before(async () => {
    k = { kb: real.kb, config: testConfig("/tmp").dialogue, background: BackgroundLanguage.load(), concepts: await SchemeConcepts.build(real.kb.store) };
  });
  const stemsOf = (text: string) => readText(k, text).units.flatMap((u) => u.stems);

  it("in Devanagari and spelt otherwise", () => {
    assert.ok(stemsOf("हमारे आंगनवाड़ी केंद्र की सहायिका बहनों को क्या मिलता है?").includes("anganwadi"));
    assert.ok(stemsOf("aanganwadi ki behno ke liye kuch hai?").includes("anganwadi"));
    assert.ok(stemsOf("विमुक्त जातियों के परिवारों को कौन सी मदद है?").includes("vimukta"));
  });

  it("not a Hindi word that only sounds like an English word of a name", () => {
    const stems = stemsOf("पिताजी के गुर्दे खराब हैं, इलाज में मदद मिलेगी?");
    assert.ok(!stems.includes("guard"), stems.join(", "));
  });

  it("offers the schemes filed under it", async () => {
    const reply = await real.engine.respond({ text: "बिहार में आंगनवाड़ी की योजनाएँ बताइए" }, newContext("a"));
    assert.equal(reply.action, "clarify", reply.text);
    for (const id of reply.schemeIds) {
      const record = await real.kb.store.get(id);
      assert.ok([record?.name.en ?? "", ...(record?.tags ?? [])].some((t) => /anganwadi/i.test(t)), `${id}: ${record?.name.en}`);
    }
  });
});
