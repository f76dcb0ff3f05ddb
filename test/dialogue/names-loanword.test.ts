// A scheme's English name written in Devanagari ("नेशनल … स्कीम"), spelt as the caller hears it: its words no
// Hindi dictionary knows are read as the English words they sound like, and the name is met as said. The
// same name in English and in romanised Hindi names the same scheme.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { realEngine } from "./engine-over.js";

describe("English names written in Devanagari", () => {
  const real = realEngine();
  for (const text of [
    "नेशनल फैमिली बेनिफिट स्कीम में कौन आवेदन कर सकता है?",
    "नेशनल फेमिली बेनेफिट स्कीम के लिए कौन से कागज़ चाहिए?",
    "Who can apply to the National Family Benefit Scheme?",
    "national family benefit scheme ke liye kaun apply kar sakta hai",
  ]) {
    it(`the name said in English, in either script, names its scheme: "${text}"`, async () => {
      const reply = await real.engine.respond({ text }, newContext("l"));
      assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "nfbs"], reply.text);
    });
  }
});
