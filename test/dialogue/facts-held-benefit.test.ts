// A benefit the caller already has from another scheme: told, it asks whether this scheme may be had beside
// it (the record's rule on other schemes answers), and a follow-up asking of "it" after naming the benefit
// held stays with the scheme talked about. Made-up schemes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { benefitHeld, questionAsks } from "../../src/dialogue/nlu.js";
import { answersKind } from "../../src/dialogue/unit-evidence.js";
import { madeUpEngine, scheme } from "./engine-over.js";

describe("a benefit already had, told", () => {
  it("is read as the story, and asks for the rule on other schemes", () => {
    for (const q of ["my uncle is already drawing a widower's pension, will this also be given", "hamare chacha pehle se viklang bhatta le rahe hain, kya unko ye bhi milega", "भाई को पहले से छात्रवृत्ति मिल रही है, क्या यह भी मिलेगी?"]) {
      assert.ok(benefitHeld(q.toLowerCase()), q);
      assert.deepEqual(questionAsks(q, true), ["another"], q);
    }
    // nothing had: no rule asked
    assert.equal(benefitHeld("i have already applied, when will the money come"), undefined);
    assert.ok(answersKind("Persons drawing any other old age pension are not eligible.", "another"));
    assert.ok(answersKind("किसी अन्य पेंशन योजना का लाभ लेने वाले पात्र नहीं हैं।", "another"));
    assert.ok(!answersKind("The applicant must be 60 years or older.", "another"));
  });
});

const artisanPension = scheme({
  schemeId: "zkvp-test",
  name: { en: "Zundri Kalakar Vridha Pension", hi: "ज़ुंद्री कलाकार वृद्धा पेंशन" },
  description: { en: "A monthly pension for old folk artists of the state." },
  tags: ["Artist", "Pension"],
  benefits: { en: ["Every artist is paid ₹2,500 a month.", "Artists already drawing a pension of ₹600 from the widow scheme are paid ₹1,900 a month."] },
  eligibility: {
    criteria: { en: ["The artist must be 58 years or older.", "The artist must have performed for 15 years.", "The artist must not draw any other state pension."] },
    exclusions: {},
  },
});
const widowPension = scheme({
  schemeId: "zvp-test",
  name: { en: "Zaveri Widow Pension", hi: "ज़वेरी विधवा पेंशन" },
  description: { en: "A pension for widows of the state." },
  tags: ["Widow", "Pension"],
  benefits: { en: ["Widows are paid ₹600 a month."] },
  eligibility: { criteria: { en: ["The woman must be a widow living in the state."] }, exclusions: {} },
});

describe("answers when a benefit is already had", () => {
  const made = madeUpEngine("sahayak-facts-held-", [artisanPension, widowPension]);

  it("whether this one too: the rule on other pensions", async () => {
    const r = await made.ask("My aunt is already receiving a state pension; could she draw the Zundri Kalakar Vridha Pension as well?");
    assert.equal(r.action, "answer", r.text);
    assert.match(r.text, /any other state pension/, r.text);
  });

  it("a follow-up naming the pension held stays with the scheme talked about", async () => {
    const ctx = newContext("held");
    await made.engine.respond({ text: "Tell me about the Zundri Kalakar Vridha Pension" }, ctx);
    const r = await made.engine.respond({ text: "Since my mother already draws the widow pension of 600, what sum would this one pay her?" }, ctx);
    assert.deepEqual(r.schemeIds, ["zkvp-test"], r.text);
    assert.match(r.text, /1,900/, r.text);
  });
});
