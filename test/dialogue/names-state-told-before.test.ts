// The caller's state, told in an earlier turn (a town), is where they live still: a later turn naming one of
// that state's schemes by part of its name is read for that state, as if they had said it again.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { realEngine } from "./engine-over.js";

describe("a state told in an earlier turn", () => {
  const real = realEngine();
  for (const [first, then] of [
    ["We run a fishers' cooperative near Puri. What does the Reactivation of Fisheries Cooperative Societies component give?", "My brother-in-law has ponds on his land, how much money does the input assistance for fish farming in farm ponds give?"],
    ["Hum Puri ke paas machhuara samiti chalate hain, Reactivation of Fisheries Cooperative Societies mein kya milta hai?", "Aur input assistance for fish farming in farm ponds mein kitna paisa milta hai?"],
  ] as const) {
    it(`names that state's scheme by part of its name: "${then}"`, async () => {
      const ctx = newContext("s");
      await real.engine.respond({ text: first }, ctx);
      const reply = await real.engine.respond({ text: then }, ctx);
      assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "mmky-iaftufffp"], reply.text);
    });
  }
});
