// Someone of the caller's own ("my mother", "meri maa", "मेरी माँ") is whom they ask for, not a kind of help:
// read as one ("mother": the maternity schemes' word), it turned "my mother is a widow, how much is the widow
// pension?" into a choice instead of the nationwide widow pension. English, Hindi, romanised Hindi.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { readText, type DialogueKnowledge } from "../../src/dialogue/knowledge.js";
import { BackgroundLanguage, SchemeConcepts } from "../../src/knowledge/index.js";
import { testConfig } from "../helpers.js";
import { realEngine } from "./engine-over.js";

describe("a person of the caller's own", () => {
  const real = realEngine();
  let k: DialogueKnowledge;
  before(async () => {
    k = { kb: real.kb, config: testConfig("/tmp").dialogue, background: BackgroundLanguage.load(), concepts: await SchemeConcepts.build(real.kb.store) };
  });
  const texts = [
    "My mother is a widow. How much is the widow pension?",
    "meri maa vidhwa hai, vidhwa pension kitni milti hai",
    "मेरी माँ विधवा है, विधवा पेंशन कितनी मिलती है",
  ];

  it("is no kind of help in the caller's words", () => {
    for (const text of texts) {
      const labels = readText(k, text).units.map((u) => u.label);
      assert.ok(!labels.some((l) => /^(?:mother|maa|माँ)$/.test(l)), `${text}: ${labels.join(", ")}`);
    }
  });

  it("leaves the help asked for to choose the scheme", async () => {
    for (const text of texts) {
      const reply = await real.engine.respond({ text }, newContext("t"));
      assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "ignwps"], `${text}: ${reply.text}`);
    }
  });
});
