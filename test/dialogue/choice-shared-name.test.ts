// A name made of kind-of-help words ("Old Age Pension Scheme (<board>)" of the caller's state), said as it
// is written, is not that scheme's name when another scheme the caller may use carries the same words in a
// row in its own name (a central "<Person> National Old Age Pension Scheme", the state's own "Old Age
// Pension Scheme"): the words are the kind of help those names share, and the caller, whose state is known
// from their town, gets a choice, not the one scheme whose name happens to score best.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { realEngine } from "./engine-over.js";

describe("a name of kind words that other usable schemes' names share is the kind, not that name", () => {
  const real = realEngine();
  for (const text of ["My grandmother is 75 and stays in Amritsar. Which old age pension would suit her?", "अमृतसर में मेरी नानी रहती हैं, उम्र 75 साल। उन्हें कौन सी old age pension मिल सकती है?", "Amritsar me dadi rehti hain, 75 saal ki. unko kaun si old age pension milegi?"]) {
    it(`a choice of old-age pensions, not one board's alone: "${text}"`, async () => {
      const reply = await real.engine.respond({ text }, newContext("c"));
      assert.ok(["clarify", "list"].includes(reply.action) && reply.schemeIds.length >= 2, `${reply.action} ${reply.schemeIds.join(",")}: ${reply.text}`);
    });
  }
});
