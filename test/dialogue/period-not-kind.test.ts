// The period an amount is counted by ("per month", "har mahine", "हर महीने") says how it is paid, not a kind
// of help: read as one, it narrowed "the widow pension, how much per month?" to the one state scheme whose
// text files it under "monthly", instead of the nationwide widow pension. English, Hindi, romanised Hindi.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { readText, type DialogueKnowledge } from "../../src/dialogue/knowledge.js";
import { BackgroundLanguage, SchemeConcepts } from "../../src/knowledge/index.js";
import { testConfig } from "../helpers.js";
import { realEngine } from "./engine-over.js";

describe("a period an amount is counted by", () => {
  const real = realEngine();
  let k: DialogueKnowledge;
  before(async () => {
    k = { kb: real.kb, config: testConfig("/tmp").dialogue, background: BackgroundLanguage.load(), concepts: await SchemeConcepts.build(real.kb.store) };
  });

  it("is no kind of help in the caller's words", () => {
    for (const text of ["how much pension per month", "har mahine kitni pension milti hai", "हर महीने कितनी पेंशन मिलती है", "what is given every year"]) {
      const labels = readText(k, text).units.map((u) => u.label);
      assert.ok(!labels.some((l) => /month|year|mahin|महीन|saal|साल/.test(l)), `${text}: ${labels.join(", ")}`);
    }
  });

  it("leaves the kind asked to choose the scheme", async () => {
    for (const text of ["The widow pension, how much will she get per month?", "widow pension how much per month"]) {
      const reply = await real.engine.respond({ text }, newContext("t"));
      assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "ignwps"], `${text}: ${reply.text}`);
    }
  });
});
