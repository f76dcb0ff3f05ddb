// Facts asked by their level or size rather than "how much": how far one must have studied asked by the
// class ("which standard", "कौन सी कक्षा"), and a sum asked by its size ("how large a grant", "कितना बड़ा ऋण").
// Made-up schemes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { questionAsks } from "../../src/dialogue/nlu.js";
import { madeUpEngine, scheme } from "./engine-over.js";

describe("a level of schooling or a size of money, asked", () => {
  it("a class or standard asked is how far one has studied", () => {
    for (const q of ["what standard must my son have cleared to join", "kaun si class tak padhai zaroori hai", "बेटे को कौन सी कक्षा पास होना चाहिए"]) assert.ok(questionAsks(q, true).includes("schooling"), q);
  });

  it("a loan's size asked is its sum, not an area", () => {
    for (const q of ["how large a loan will the bank sanction", "kitna bada loan de dete hain", "कितना बड़ा ऋण मिल सकता है"]) {
      const asks = questionAsks(q, true);
      assert.ok(asks.includes("sum") && !asks.includes("size"), `${q}: ${asks.join(",")}`);
    }
    // a plot's size is still a size
    assert.ok(questionAsks("how big a plot is given", true).includes("size"));
  });
});

const weaving = scheme({
  schemeId: "zkbu-test",
  name: { en: "Zeluri Kargha Bunai Udyam", hi: "ज़ेलुरी करघा बुनाई उद्यम" },
  description: { en: "The Zeluri Kargha Bunai Udyam helps young weavers set up a loom of their own." },
  benefits: { en: ["Training in weaving for three months at the district centre.", "Weavers may borrow up to ₹ 2,40,000 with no security from the cooperative bank."] },
  eligibility: {
    criteria: { en: ["The applicant must live in the state.", "The applicant must have completed class 10.", "Borrowers must satisfy the bank's own rules for lending."] },
    exclusions: {},
  },
});

describe("the answer to a level or a size asked", () => {
  const { ask } = madeUpEngine("sahayak-facts-level-", [weaving]);

  it("says the class from who may apply", async () => {
    const r = await ask("For the Zeluri Kargha Bunai Udyam, what standard should a weaver have finished?");
    assert.equal(r.action, "answer", r.text);
    assert.match(r.text, /class 10/, r.text);
  });

  it("says the sum lent, asked by its size", async () => {
    const r = await ask("Zeluri Kargha Bunai Udyam mein bunkar ko kitna bada karza mil jata hai?");
    assert.equal(r.action, "answer", r.text);
    assert.match(r.text, /2,40,000/, r.text);
  });
});
