// What kind of fact a question asks, read from its own form in English, Hindi and romanised Hindi:
// - "may a man (my son, her husband) have it?" asks whether someone may, answered by the rule of who may or
//   who may not, though it uses a word of applying ("form", "आवेदन") or of getting;
// - "how many years of service" asks a span, and "years of service" in a record is no age;
// - a percentage the caller tells of themselves ("seventy percent disabled") is their measure, not a share
//   asked: "how much a month" still asks the sum.
// Made-up schemes no code has seen.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { answersKind } from "../../src/dialogue/unit-evidence.js";
import { madeUpEngine, scheme } from "./engine-over.js";

const gas = scheme({
  schemeId: "zrg-test",
  name: { en: "Zorvani Rasoi Gas Yojana", hi: "ज़ोरवानी रसोई गैस योजना" },
  benefits: { en: ["A cooking gas connection is given free of cost with the first refill."], hi: ["पहली रिफिल के साथ रसोई गैस कनेक्शन मुफ्त दिया जाता है।"] },
  eligibility: {
    criteria: {
      en: ["The applicant must be a grown woman of a poor household.", "No one in the household should already have a gas connection."],
      hi: ["आवेदक गरीब परिवार की वयस्क महिला होनी चाहिए।", "परिवार में किसी के पास पहले से गैस कनेक्शन नहीं होना चाहिए।"],
    },
    exclusions: { en: ["Male members of a household may not apply under this scheme."], hi: ["परिवार के पुरुष सदस्य इस योजना में आवेदन नहीं कर सकते।"] },
  },
  applicationProcess: {
    en: [
      { mode: "Offline", url: null, steps: ["Fill in the form at the nearest gas agency and hand in the papers asked for."] },
      { mode: "Online", url: null, steps: ["Choose the name of the gas company on the portal and fill in the details of the family."] },
    ],
    hi: [
      { mode: "Offline", url: null, steps: ["नज़दीकी गैस एजेंसी पर फॉर्म भरें और माँगे गए कागज़ जमा करें।"] },
      { mode: "Online", url: null, steps: ["पोर्टल पर गैस कंपनी का नाम चुनें और परिवार का विवरण भरें।"] },
    ],
  },
});

const writers = scheme({
  schemeId: "zlp-test",
  name: { en: "Zorvani Lekhak Pension", hi: "ज़ोरवानी लेखक पेंशन" },
  eligibility: {
    criteria: {
      en: ["Writers of books, magazines and newspapers who have at least 15 years of service in writing may apply for the pension under this scheme.", "The writer should be more than 58 years old."],
      hi: ["पुस्तकों, पत्रिकाओं और समाचार पत्रों के ऐसे लेखक जिनके पास लेखन में कम से कम 15 वर्ष का अनुभव है, इस योजना में पेंशन के लिए आवेदन कर सकते हैं।", "लेखक की आयु 58 वर्ष से अधिक होनी चाहिए।"],
    },
    exclusions: {},
  },
});

const disability = scheme({
  schemeId: "zvk-test",
  name: { en: "Zorvani Viklang Pension", hi: "ज़ोरवानी विकलांग पेंशन" },
  description: { en: "The Zorvani Viklang Pension is for persons with a disability of 40% or more.", hi: "ज़ोरवानी विकलांग पेंशन 40% या उससे अधिक विकलांगता वाले व्यक्तियों के लिए है।" },
  benefits: {
    en: ["A pension of ₹ 450 per month is paid to persons aged 18 to 59 years.", "A pension of ₹ 650 per month is paid to persons aged 60 years and above."],
    hi: ["18 से 59 वर्ष के व्यक्तियों को ₹ 450 प्रति माह की पेंशन दी जाती है।", "60 वर्ष और उससे अधिक के व्यक्तियों को ₹ 650 प्रति माह की पेंशन दी जाती है।"],
  },
});

describe("what kind of fact a question asks", () => {
  const { ask } = madeUpEngine("sahayak-fact-asked-kind-", [gas, writers, disability]);

  it("answers whether a man may have it by the rule of who may not", async () => {
    for (const q of [
      "Can my son get the Zorvani Rasoi Gas Yojana connection in his own name?",
      "क्या ज़ोरवानी रसोई गैस योजना का फॉर्म मेरे बेटे के नाम से भरा जा सकता है?",
      "zorvani rasoi gas yojana ka connection mere pati ke naam pe mil sakta hai kya?",
    ]) {
      const r = await ask(q);
      assert.equal(r.action, "answer", `${q}: ${r.text}`);
      assert.match(r.text, /Male members|पुरुष सदस्य/, `${q}: ${r.text}`);
    }
  });

  it("still answers how to apply when the yes/no question asks the way", async () => {
    const r = await ask("Can I apply online for the Zorvani Rasoi Gas Yojana?");
    assert.equal(r.field, "application", r.text);
  });

  it("years of service are a span, not an age", () => {
    assert.ok(!answersKind("writers who have at least 15 years of service in writing", "age"));
    assert.ok(!answersKind("लेखन में कम से कम 15 वर्ष का अनुभव है", "age"));
    assert.ok(answersKind("The applicant should be 18 years of age or above.", "age"));
    assert.ok(answersKind("लेखक की आयु 58 वर्ष से अधिक होनी चाहिए।", "age"));
  });

  it("says both the age and the years of service asked", async () => {
    for (const [q, age, years] of [
      ["Zorvani Lekhak Pension: how old must a writer be, and for how many years must they have written?", /58 years/, /15 years/],
      ["ज़ोरवानी लेखक पेंशन के लिए कम से कम उम्र कितनी और कितने साल का अनुभव चाहिए?", /58 वर्ष/, /15 वर्ष/],
      ["zorvani lekhak pension me kam se kam umar kitni aur kitne saal ka anubhav chahiye?", /58 वर्ष/, /15 वर्ष/],
    ] as [string, RegExp, RegExp][]) {
      const r = await ask(q);
      assert.equal(r.action, "answer", `${q}: ${r.text}`);
      assert.match(r.text, age, `${q}: ${r.text}`);
      assert.match(r.text, years, `${q}: ${r.text}`);
    }
  });

  it("a percentage told of the caller does not make the sum asked a percentage", async () => {
    for (const q of [
      "My daughter is seventy percent disabled and she is twenty-four. How much is the Zorvani Viklang Pension every month?",
      "मेरी बेटी 70 प्रतिशत विकलांग है। ज़ोरवानी विकलांग पेंशन में हर महीने कितनी पेंशन मिलती है?",
      "meri beti 70 pratishat viklang hai, zorvani viklang pension me har mahine kitni pension milti hai?",
    ]) {
      const r = await ask(q);
      assert.equal(r.action, "answer", `${q}: ${r.text}`);
      assert.match(r.text, /450/, `${q}: ${r.text}`);
    }
  });
});
