// Help asked for in general words ("sahayata", "help") for a group of people schemes are named for, said in
// the caller's own word for it (widows), is a question about schemes however much of the caller's story comes
// first ("last year my husband passed away"): never refused as out of scope. English, Hindi and romanised Hindi.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { realEngine } from "./engine-over.js";

describe("scope: help asked for a group schemes are named for", () => {
  const real = realEngine();

  it("is not refused, whatever story comes before it", async () => {
    for (const text of HELP_FOR_WIDOWS) {
      const reply = await real.engine.respond({ text }, newContext("g"));
      assert.notEqual(reply.action, "out_of_scope", `${text}: ${reply.text}`);
    }
  });
});

const HELP_FOR_WIDOWS = [
  "पिछले साल पति का देहांत हो गया, विधवा को कौन सी सहायता मिलती है?",
  "pichhle saal pati ka dehant ho gaya, vidhwa ko kaunsi sahayata milti hai?",
  "My husband died in an accident two years ago and I have three children. What help is there for widows?",
] as const;
