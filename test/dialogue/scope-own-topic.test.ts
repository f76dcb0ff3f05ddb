// "It" in a question may point at a thing the question itself names first ("the data pack I bought: how
// much does it give?"): such a question is refused when that thing is out of scope, not met with "which
// scheme?"; "how much does it give?" alone, with nothing named, still asks which scheme, in English, Hindi
// and romanised Hindi.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { realEngine } from "./engine-over.js";

describe("scope: 'it' pointing at the question's own topic", () => {
  const real = realEngine();
  const talk = (text: string) => real.engine.respond({ text }, newContext("o"));

  it("a pack, a phone plan or a gadget named before 'it' is refused", async () => {
    for (const text of ["मैंने 149 वाला इंटरनेट पैक डलवाया है, उसमें कितने जीबी मिलते हैं?", "naya smartphone kharida hai, uski battery kitne ghante chalti hai", "I bought a 199 prepaid pack yesterday, how many GB does it give per day?"]) {
      const reply = await talk(text);
      assert.equal(reply.action, "out_of_scope", `${text}: ${reply.action} ${reply.text}`);
    }
  });

  it("'it' with nothing named still asks which scheme", async () => {
    for (const text of ["इसमें कितना पैसा मिलता है?", "uske liye kaun se kagaz lagte hain", "How much money does it give?"]) {
      const reply = await talk(text);
      assert.equal(reply.action, "clarify", `${text}: ${reply.action} ${reply.text}`);
    }
  });
});
