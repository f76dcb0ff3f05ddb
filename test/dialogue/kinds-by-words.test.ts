// What the caller's words name, read from general knowledge of the language: a state's name of two words is
// the place, not its words' meanings ("मध्य" alone is "middle"); an English word is not a longer word made
// from it ("husband" is no "husbandry"); the unorganised sector is its own word, not any worker
// ("asangathit", "असंगठित").
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { readText, type DialogueKnowledge } from "../../src/dialogue/knowledge.js";
import { BackgroundLanguage, SchemeConcepts } from "../../src/knowledge/index.js";
import { testConfig } from "../helpers.js";
import { realEngine } from "./engine-over.js";

describe("the caller's words read by general knowledge of the language", () => {
  const real = realEngine();
  let k: DialogueKnowledge;
  before(async () => {
    k = { kb: real.kb, config: testConfig("/tmp").dialogue, background: BackgroundLanguage.load(), concepts: await SchemeConcepts.build(real.kb.store) };
  });

  it("a state's name of several words is the place, none of its words a kind of help", () => {
    for (const [text, word] of [
      ["हम मध्य प्रदेश में रहते हैं, विधवा पेंशन की कौन सी योजनाएँ हैं?", "मध्य"],
      ["उत्तर प्रदेश में बुज़ुर्गों के लिए क्या योजना है?", "उत्तर"],
    ] as const) {
      const r = readText(k, text);
      assert.ok(r.state !== undefined, `${text}: no state`);
      assert.ok(!r.units.some((u) => u.label === word), `${text}: ${r.units.map((u) => u.label).join(", ")}`);
    }
  });

  it("a group named by a word the dictionary knows is offered its schemes, in Hindi and English", async () => {
    for (const text of ["पत्रकारों के लिए कौन सी योजनाएँ हैं?", "Which schemes are there for journalists?"]) {
      const reply = await real.engine.respond({ text }, newContext("t"));
      const records = await real.kb.store.getMany(reply.schemeIds);
      const journalists = reply.schemeIds.filter((id) => /journalist|patrakar/i.test([records.get(id)?.name.en, ...(records.get(id)?.tags ?? [])].join(" ")));
      assert.ok(reply.schemeIds.length >= 2 && journalists.length === reply.schemeIds.length, `${text}: ${reply.action} ${reply.schemeIds.join(",")}: ${reply.text}`);
    }
  });

  it("an English word is not a longer word made from it", () => {
    const units = readText(k, "My husband is in hospital, what help is there for his treatment?").units;
    assert.ok(!units.some((u) => u.stems.some((s) => s.startsWith("husbandr"))), JSON.stringify(units));
  });

  it("the unorganised sector is read as its own word, beside the workers", () => {
    for (const text of ["asangathit kshetra ke mazdooron ke liye kya hai?", "असंगठित क्षेत्र के मज़दूरों के लिए क्या योजना है?", "What is there for unorganised workers?"]) {
      const units = readText(k, text).units;
      assert.ok(units.some((u) => u.group === "worker"), `${text}: ${JSON.stringify(units)}`);
      assert.ok(units.some((u) => u.group === undefined && u.stems.some((s) => s.startsWith("unorgani")) && !u.stems.includes("worker")), `${text}: ${JSON.stringify(units)}`);
    }
  });
});
