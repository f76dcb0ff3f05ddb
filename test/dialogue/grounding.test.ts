import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkGrounding, spokenNumbers } from "../../src/dialogue/llm/grounding.js";
import { sampleRecords } from "../helpers.js";

const [pmKisan] = sampleRecords(["pm-kisan"]);
const facts = ["Income support of ₹6,000 per year is given in three equal instalments."];

describe("grounding check", () => {
  it("reads spoken numbers in Hindi and English", () => {
    assert.deepEqual(spokenNumbers("छह हज़ार रुपये"), [6000]);
    assert.deepEqual(spokenNumbers("एक लाख पच्चीस हज़ार"), [125000]);
    assert.deepEqual(spokenNumbers("six thousand rupees a year"), [6000]);
  });
  it("accepts the record's figure in any form: ₹6,000 = 6000 = छह हज़ार = six thousand", () => {
    assert.ok(checkGrounding("Farmers get income support of ₹6,000 per year in three instalments.", pmKisan!, facts, "en").ok);
    assert.ok(checkGrounding("Farmers get income support of 6000 rupees per year.", pmKisan!, facts, "en").ok);
    assert.ok(checkGrounding("Farmers get income support of six thousand rupees per year.", pmKisan!, facts, "en").ok);
    assert.ok(checkGrounding("किसानों को हर साल छह हज़ार रुपये की आय सहायता मिलती है।", pmKisan!, [...facts, "किसानों को हर साल आय सहायता मिलती है"], "hi").ok);
  });
  it("rejects an invented amount, date or name", () => {
    const r = checkGrounding("Farmers get income support of ₹8,000 per year.", pmKisan!, facts, "en");
    assert.equal(r.ok, false);
    assert.match(r.reasons.join(";"), /8000/);
    assert.equal(checkGrounding("Farmers get support under the Pradhan Mantri Gold Bonanza Yojana.", pmKisan!, facts, "en").ok, false);
    assert.equal(checkGrounding("Apply before 31 March 2031 to get support.", pmKisan!, facts, "en").ok, false);
  });
  it("rejects gibberish and the wrong script", () => {
    assert.equal(checkGrounding("zorblat quix vemmun trazzle for plonk", pmKisan!, facts, "en").ok, false);
    assert.equal(checkGrounding("Farmers get income support every year.", pmKisan!, facts, "hi").ok, false);
    assert.equal(checkGrounding("", pmKisan!, facts, "en").ok, false);
  });
});
