// Parts of a question the answer ranker must each answer: a number to call (a helpline, a toll-free line),
// a paper asked beside another fact ("the least age, and which licence?"), an income asked in a question
// that names a loan, and a rule said within a turn apart from its long proviso. Made-up schemes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { answersKind } from "../../src/dialogue/unit-evidence.js";
import { questionAsks } from "../../src/dialogue/nlu.js";
import { documentNames, unitPool } from "../../src/dialogue/units.js";
import { madeUpEngine, scheme } from "./engine-over.js";

const loan = scheme({
  schemeId: "zury-test",
  name: { en: "Zorvani Udyam Rin Yojana" },
  description: { en: "Loans for small trades of backward class families." },
  benefits: { en: ["A loan of up to ₹ 8,00,000 is given for income earning work such as a dairy, a shop or a workshop."] },
  eligibility: {
    criteria: { en: ["The applicant must belong to a backward class.", "The household's yearly income must stay under ₹ 2,50,000.", "The applicant must be at least 21 years old.", "The applicant must hold a trade licence from the municipality."] },
    exclusions: {},
  },
  applicationProcess: { en: [{ mode: "Offline", url: null, steps: ["Visit the district backward class office with the form and your papers."] }] },
  contactInfo: { helplineNumbers: ["1800-425-7788"], links: [], myschemeUrl: null },
});

describe("parts of a question, each answered", () => {
  it("reads a number to call as asked, and marks as no number to call", () => {
    for (const q of ["is there a toll free line for this", "iska helpline kya hai", "इसका फ़ोन नंबर क्या है"]) assert.ok(questionAsks(q, true).includes("phone"), q);
    assert.ok(!questionAsks("kitne number aane chahiye", true).includes("phone"));
    assert.ok(answersKind("Call 1800-222-3333 between nine and five.", "phone"));
  });

  it("reads a paper asked beside another fact, and not when asked alone", () => {
    assert.ok(questionAsks("how old should one be and which certificate is needed", true).includes("paper"));
    assert.ok(!questionAsks("which certificate is needed", true).includes("paper"));
    // an age the caller tells is no other fact asked
    assert.ok(!questionAsks("which certificate is needed, my son is 19 ka hai", true).includes("paper"));
    assert.ok(!questionAsks("कौन सा प्रमाणपत्र चाहिए? बेटा 19 का है", true).includes("paper"));
  });

  it("says a long rule apart from its proviso", () => {
    const record = scheme({
      schemeId: "zpr-test",
      name: { en: "Zorvani Pension Raahat" },
      benefits: { en: ["The relief is paid for a longest stretch of sixty days in a person's whole working life, provided that the person had worked in a covered job for two full years and paid every contribution owed in that time."] },
    });
    const pieces = unitPool(record, "en", 40).filter((u) => u.field === "benefits").map((u) => u.text);
    assert.equal(pieces.length, 2, pieces.join(" | "));
    assert.match(pieces[0]!, /sixty days in a person's whole working life,$/);
  });
});

describe("what a record's text gives the answer to say", () => {
  it("cuts a rule from a proviso written without a comma", () => {
    const record = scheme({
      schemeId: "zpr2-test",
      name: { en: "Zorvani Pension Raahat Do" },
      benefits: { en: ["The allowance is paid for no more than forty five days of idleness in all the years of work subject to conditions that the worker had been insured for two whole years before and paid each share due."] },
    });
    const pieces = unitPool(record, "en", 40).filter((u) => u.field === "benefits").map((u) => u.text);
    assert.equal(pieces.length, 2, pieces.join(" | "));
    assert.match(pieces[0]!, /forty five days/);
  });

  it("keeps every paper of a list written as one run of sentences, and a bracketed figure", () => {
    const names = documentNames("Caste Certificate issued by the Tehsildar of the block. Ration Card. Class XII mark sheet (55% or more marks needed) with the original for checking. Bank Passbook.");
    assert.match(names, /Ration Card\./);
    assert.match(names, /Bank Passbook\./);
    assert.match(names, /\(55% or more marks needed\)/);
    assert.doesNotMatch(names, /Tehsildar/);
    // a sentence that opens as a remark says how, not which paper
    const withRemark = documentNames("Voter Card. If no card is held, a letter from the sarpanch is taken instead. Pension Book.");
    assert.doesNotMatch(withRemark, /sarpanch/);
    assert.match(withRemark, /Pension Book\./);
  });
});

describe("parts of a question, answered by the engine", () => {
  const { ask: talk } = madeUpEngine("sahayak-facts-parts-", [loan]);

  it("answers an income asked in a question that names the loan with the income limit", async () => {
    const r = await talk("We want a loan for a dairy from the Zorvani Udyam Rin Yojana. Under what yearly earning of our household do we stay?");
    assert.match(r.text, /2,50,000/, r.text);
  });

  it("answers a number to call with the helpline, not the office", async () => {
    const r = await talk("Is there a toll free line for the Zorvani Udyam Rin Yojana where I can ask about my form?");
    assert.match(r.text, /1800-425-7788/, r.text);
  });

  it("answers the age and the paper asked together", async () => {
    const r = await talk("Two things about the Zorvani Udyam Rin Yojana: from how old can one apply, and is a licence needed?");
    assert.match(r.text, /21 years/, r.text);
    assert.match(r.text, /trade licence/, r.text);
  });
});
