// A state's scheme whose name is only words of a kind of help, written run together ("OldAge Pension
// Scheme"), is that kind as much as one written apart: a caller asking which schemes give that help, no state
// named, gets a short choice, not that one state's scheme answered. English, Hindi and romanised Hindi.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { realEngine } from "./engine-over.js";

describe("category choice: a kind of help's name written run together is still the kind", () => {
  const real = realEngine();

  it("asked which schemes pay a pension in old age, no state known: a choice, no single state's scheme", async () => {
    for (const text of ["बूढ़े लोगों को पेंशन देने वाली सरकारी योजनाएँ कौन सी हैं?", "Which government schemes give a pension to people in old age?", "budhe logon ko pension dene wali sarkari yojanayen kaun si hain"]) {
      const reply = await real.engine.respond({ text }, newContext("glued"));
      assert.equal(reply.action, "clarify", `${text}: ${reply.action} [${reply.schemeIds.join(",")}] ${reply.text}`);
      assert.ok(reply.schemeIds.length >= 2 && reply.schemeIds.length <= 3, `${text}: ${reply.schemeIds.join(",")}`);
      for (const id of reply.schemeIds) assert.equal(real.kb.store.metaOf(id)?.level, "central", `${text}: ${id}`);
    }
  });
});
