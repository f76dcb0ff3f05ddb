// A name said by several of its own words ("<w1> <w2> <w3> scheme" of a five-word name) beside a topic word
// many nationwide schemes' texts say ("subsidy") is looked at for being said even when the search ranks it
// below ten others: before, a state's scheme named so fell below ten nationwide schemes that merely say "subsidy",
// and the caller got a choice of those, or "no details" of another word of theirs. English and romanised Hindi.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { realEngine } from "./engine-over.js";

describe("a name said by three of its own words, beside a common topic word", () => {
  const real = realEngine();

  for (const text of [
    "Amma Two Wheeler scheme, what is the subsidy amount?",
    "I am a nurse in Trichy and want a moped. What subsidy is there under the Amma Two Wheeler scheme?",
    "amma two wheeler scheme ki subsidy kitni hai",
  ]) {
    it(`is answered: "${text}"`, async () => {
      const reply = await real.engine.respond({ text }, newContext("t"));
      assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "atwsfww"], reply.text);
    });
  }
});
