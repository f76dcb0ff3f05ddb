// A thing the caller only tells of ("We have a small canoe."), in no sentence that asks ("Which schemes are
// there for fishermen?"), is their story, not the help asked for: the one scheme filed under it is not
// answered as if named; a short choice of the schemes for what was asked is offered. Whom the help is for
// counts wherever it is said ("My mother is a widow. What pension can she get?"). English and romanised Hindi.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { realEngine } from "./engine-over.js";

describe("category choice: the caller's story is not the help asked for", () => {
  const real = realEngine();
  const talk = (text: string) => real.engine.respond({ text }, newContext("story"));

  it("a thing told of before the question does not narrow the choice to the one scheme filed under it", async () => {
    for (const text of ["I am a fisherman in Goa and I have a canoe. Which schemes help fishermen?", "Main Goa ka machhuara hoon, mere paas canoe hai. Machhuaron ke liye kaun si yojana hai?"]) {
      const reply = await talk(text);
      assert.equal(reply.action, "clarify", `${text}: ${reply.action} ${reply.text}`);
      assert.ok(reply.schemeIds.length >= 2 && reply.schemeIds.length <= 3, `${text}: ${reply.schemeIds.join(",")}`);
    }
  });

  it("whom the help is for, told before the question, still chooses", async () => {
    const reply = await talk("My mother is a widow. What pension can she get?");
    assert.equal(reply.schemeIds[0], "ignwps", reply.text);
  });
});
