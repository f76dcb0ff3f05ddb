// The caller's own errand asked as where a thing of theirs is, in the word order of a question inside a
// request ("could you tell me where my <thing> is") and in romanised Hindi ("hamara <thing> kahan
// pahuncha"), as the Hindi "मेरा <thing> कहाँ है" already was: where a delivery is, not what a scheme gives,
// however much the thing is also one a scheme speaks of. English, romanised Hindi and Hindi.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { OWN_ERRAND } from "../../src/dialogue/nlu.js";
import { realEngine } from "./engine-over.js";

describe("scope: where a thing of the caller's is", () => {
  it("reads where the caller's thing is, as an errand", () => {
    for (const s of ["could you tell me where my cylinder is?", "hamara cylinder kahan pahuncha", "मेरा सिलेंडर कहाँ है"]) assert.ok(OWN_ERRAND.test(s), s);
    // where the caller's son may apply is a question about a scheme
    assert.ok(!OWN_ERRAND.test("tell me where my son can apply for the scholarship"));
  });

  const real = realEngine();
  it("refuses where the caller's cylinder is, though gas is a scheme's", async () => {
    for (const text of ["I booked an LPG refill two days ago. Could you tell me where my cylinder is?", "Gas booking ki thi, hamara cylinder kahan pahuncha?", "मैंने गैस बुक की थी, मेरा सिलेंडर कहाँ है?"]) {
      const reply = await real.engine.respond({ text }, newContext("c"));
      assert.equal(reply.action, "out_of_scope", `${text}: ${reply.action} ${reply.text}`);
    }
  });
});
