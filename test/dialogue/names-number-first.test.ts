// A name set apart from same-worded names by its number said before its words ("25% <Kind> <Kind> <Kind>
// Scheme" beside "<Kind> <Kind> <Kind> Scheme" of other records): said with the number, it is that name, not
// the kind of help its other words are.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { realEngine } from "./engine-over.js";

describe("a name said with the number it starts with", () => {
  const real = realEngine();
  it("is the record of that number", async () => {
    const reply = await real.engine.respond({ text: "We want to set up a coir rope unit on the island. How much does the 25% Capital Investment Subsidy Scheme pay?" }, newContext("s"));
    assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "25-ciss"], reply.text);
  });
});
