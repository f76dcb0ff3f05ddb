// Words only a few schemes' names use, said in a row, are a scheme's name whatever fact is asked of it: a
// question about one the knowledge base lacks gets "no details", though it asks the fact in words no
// scheme's field is asked in ("money per acre, when will it come"), never a refusal. English, romanised
// Hindi, and Hindi (where "योजना" calls it a scheme: Devanagari words are not held as names' words).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { realEngine } from "./engine-over.js";

describe("scope: a run of rare words of schemes' names, asked any fact", () => {
  const real = realEngine();

  it("gets no details, not a refusal", async () => {
    for (const text of RUNS) {
      const reply = await real.engine.respond({ text }, newContext("r"));
      assert.equal(reply.action, "no_info", `${text}: ${reply.text}`);
      assert.deepEqual(reply.schemeIds, [], `${text}: ${reply.text}`);
    }
  });
});

const RUNS = [
  "Mahtari Bandhu money per acre, when will it come this year?",
  "Mahtari Bandhu ka paisa ek acre pe is saal kab tak aayega?",
  "महतारी बंधु योजना का पैसा एक एकड़ पर इस साल कब तक आएगा?",
] as const;
