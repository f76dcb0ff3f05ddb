// A trade the caller says they work at ("<trade> ka kaam karte hain", "<trade> का काम करती हूँ") is who they
// are, whatever the word: one no dictionary knows is no scheme's name to answer "no details of" — the
// question after it is answered. Hindi and romanised Hindi (the frame is Hindi's).
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { readText, type DialogueKnowledge } from "../../src/dialogue/knowledge.js";
import { BackgroundLanguage, SchemeConcepts } from "../../src/knowledge/index.js";
import { testConfig } from "../helpers.js";
import { realEngine } from "./engine-over.js";

const asked = [
  "Do saal se zumbrari ka kaam karte hain, imaarat banane ki mazdoori. Bihar sarkar ki koi yojana milegi?",
  "पिछले साल से ज़ुम्ब्रारी का काम करती हूँ, भवन बनाने की मज़दूरी। बिहार सरकार की कौन सी योजना मिल सकती है?",
];

describe("a trade said as the work the caller does", () => {
  const real = realEngine();
  let k: DialogueKnowledge;
  before(async () => {
    k = { kb: real.kb, config: testConfig("/tmp").dialogue, background: BackgroundLanguage.load(), concepts: await SchemeConcepts.build(real.kb.store) };
  });

  it("is no word unfamiliar as a name would be", () => {
    for (const text of asked) {
      const r = readText(k, text);
      assert.deepEqual([r.unfamiliar, r.nameBits], [[], []], text);
    }
  });

  it("leaves the question answered with a choice, not 'no details of' the trade", async () => {
    for (const text of asked) {
      const reply = await real.engine.respond({ text }, newContext("t"));
      assert.ok(reply.action === "clarify" && reply.schemeIds.length >= 2, `${text}: ${reply.action} ${reply.schemeIds.join(",")}: ${reply.text}`);
    }
  });
});
