import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { normaliseText, speechRuns } from "../../src/speech/normalise/index.js";

describe("text normalisation for the ear", () => {
  const en: [string, string][] = [
    ["₹ 1,20,000 per unit", "one lakh twenty thousand rupees per unit"],
    ["Rs. 6000/- per year", "six thousand rupees per year"],
    ["INR 500", "five hundred rupees"],
    ["cover of Rs.2 lakhs", "cover of two lakhs rupees"],
    ["1,50,00,000", "one crore fifty lakh"],
    ["2% for Kharif, 1.5% for Rabi", "two percent for Kharif, one point five percent for Rabi"],
    ["aged 18-40 years", "aged eighteen to forty years"],
    ["launched on 2016-04-01", "launched on one April twenty sixteen"],
    ["till 31/03/2025", "till thirty one March twenty twenty five"],
    ["in 2019", "in twenty nineteen"],
    ["call 1800-110-069", "call one eight zero zero, one one zero, zero six nine"],
    ["14555 (toll free)", "one four five five five (toll free)"],
    ["PMAY-G and PM-KISAN", "P M A Y G and P M kisan"],
    ["visit https://pmkisan.gov.in/home for details", "visit pmkisan dot gov dot in for details"],
    ["• Aadhaar & **bank** <b>details</b>", "Aadhaar and bank details"],
    ["₹ 90.95 per day", "ninety point nine five rupees per day"],
  ];
  for (const [input, want] of en) it(`en: ${input}`, () => assert.equal(normaliseText(input, "en"), want));

  const hi: [string, string][] = [
    ["₹1,25,000 की सहायता", "एक लाख पच्चीस हज़ार रुपये की सहायता"],
    ["₹6,000/- प्रति वर्ष", "छह हज़ार रुपये प्रति वर्ष"],
    ["2% प्रीमियम", "दो प्रतिशत प्रीमियम"],
    ["18-40 वर्ष", "अठारह से चालीस वर्ष"],
    ["हेल्पलाइन 1800-180-1551", "हेल्पलाइन एक आठ शून्य शून्य, एक आठ शून्य, एक पाँच पाँच एक"],
    ["01/04/2016 से", "एक अप्रैल दो हज़ार सोलह से"],
  ];
  for (const [input, want] of hi) it(`hi: ${input}`, () => assert.equal(normaliseText(input, "hi"), want));

  it("English words inside Hindi get the English voice", () => {
    assert.deepEqual(speechRuns("PMAY-G के तहत ₹1,30,000 मिलते हैं।", "hi"), [
      { text: "P M A Y G", lang: "en" },
      { text: "के तहत एक लाख तीस हज़ार रुपये मिलते हैं।", lang: "hi" },
    ]);
  });

  it("garbage and long text come out sensible and bounded", () => {
    assert.equal(normaliseText("@@@ ### $$$", "en").length < 20, true);
    const long = "The scheme gives ₹6,000 to farmers. ".repeat(150);
    const out = normaliseText(long, "en");
    assert.ok(out.includes("six thousand rupees") && !/\d/.test(out));
  });
});
