// What a caller tells beside what they ask: an age said with its figure ("seventy-two years old", "72 saal
// ke hain") is theirs, and the question is what they ask with it ("how much a month?"); only told alone does
// it ask whether they are old enough. Years that are a span of time ("in the past 5 years") are no age.
// How far one must have studied is asked with a word of amount ("kitna padha likha") as often as not.
// A bank or post office account is no place to go.
// Made-up schemes no code has seen.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rankUnits } from "../../src/dialogue/compose.js";
import { questionAsks } from "../../src/dialogue/nlu.js";
import { questionWords } from "../../src/dialogue/unit-evidence.js";
import { unitPool } from "../../src/dialogue/units.js";
import { madeUpEngine, scheme } from "./engine-over.js";

const pension = scheme({
  schemeId: "zvp-test",
  name: { en: "Zarimba Vriddh Pension", hi: "ज़रिम्बा वृद्ध पेंशन" },
  description: { en: "The Zarimba Vriddh Pension supports old people of poor families.", hi: "ज़रिम्बा वृद्ध पेंशन गरीब परिवारों के बुज़ुर्गों की सहायता करती है।" },
  benefits: {
    en: ["A pension of ₹ 650 per month is paid into the bank account.", "The pension is paid every quarter."],
    hi: ["बैंक खाते में ₹ 650 प्रति माह की पेंशन दी जाती है।", "पेंशन हर तिमाही दी जाती है।"],
  },
  eligibility: {
    criteria: {
      en: ["The applicant must be 65 years of age or above.", "The applicant must belong to a family below the poverty line."],
      hi: ["आवेदक की आयु 65 वर्ष या उससे अधिक होनी चाहिए।", "आवेदक गरीबी रेखा से नीचे के परिवार से होना चाहिए।"],
    },
    exclusions: {},
  },
});

describe("an age told beside a question of something else", () => {
  const { ask } = madeUpEngine("sahayak-facts-told-", [pension]);

  it("is no question of age: the kind asked is the amount", () => {
    for (const q of ["My father is seventy-two years old. How much is the pension every month?", "mere pitaji 72 saal ke hain, har mahine kitna paisa milta hai", "मेरे पिताजी 72 साल के हैं, हर महीने कितना पैसा मिलता है?"]) {
      assert.ok(!questionAsks(q, true).includes("age"), `${q}: ${questionAsks(q, true).join(",")}`);
    }
    // asked, an age is still asked, and told alone it still asks whether one is old enough
    for (const q of ["How old must I be?", "kitne saal ka hona chahiye", "उम्र कितनी होनी चाहिए?", "My father is 72 years old, can he join?"]) assert.ok(questionAsks(q, true).includes("age"), q);
  });

  it("answers the amount asked, not the age limit", async () => {
    for (const [q, fact] of [
      ["My father is seventy-two years old. How much does the Zarimba Vriddh Pension pay every month?", /650/],
      ["mere pitaji 72 saal ke hain, zarimba vriddh pension me har mahine kitna paisa milta hai", /650/],
      ["मेरे पिताजी 72 साल के हैं, ज़रिम्बा वृद्ध पेंशन में हर महीने कितना पैसा मिलता है?", /650/],
    ] as [string, RegExp][]) {
      const r = await ask(q);
      assert.equal(r.action, "answer", `${q}: ${r.text}`);
      assert.equal(r.field, "benefits", `${q}: ${r.text}`);
      assert.match(r.text, fact, `${q}: ${r.text}`);
    }
  });
});

describe("an age asked, beside years that are a span of time", () => {
  const artisans = scheme({
    schemeId: "zks-test",
    name: { en: "Zarimba Karigar Sahayata", hi: "ज़रिम्बा कारीगर सहायता" },
    eligibility: {
      criteria: {
        en: ["The applicant should not have taken a loan under a similar scheme of the Central or State Government for self-employment or business in the past 5 years.", "On the date of registration the minimum age of the applicant should be 18 years."],
        hi: ["आवेदक ने पिछले 5 वर्षों में केंद्र या राज्य सरकार की किसी समान योजना के तहत स्वरोजगार या व्यवसाय के लिए ऋण नहीं लिया होना चाहिए।", "पंजीकरण की तारीख पर आवेदक की न्यूनतम आयु 18 वर्ष होनी चाहिए।"],
      },
      exclusions: {},
    },
  });

  it("says the age, not the loans of the past years", () => {
    for (const [lang, q, said] of [
      ["en", "How old must the applicant be?", ["applicant", "old"]],
      ["hi", "आवेदक की उम्र कितनी होनी चाहिए?", ["आवेदक", "उम्र"]],
      ["hi", "aavedak ki umar kitni honi chahiye", ["aavedak", "umar"]],
    ] as const) {
      const pool = unitPool(artisans, lang, 40);
      const ranking = rankUnits(pool, "eligibility", questionWords([...said], () => []), questionAsks(q, true), 40, lang);
      const first = pool[ranking.order[0]!]!.text;
      assert.match(first, /18 years|18 वर्ष/, `${q}: ${first}`);
    }
  });
});

describe("how far one must have studied, asked with a word of amount", () => {
  const tailoring = scheme({
    schemeId: "zsu-test",
    name: { en: "Zarimba Silai Udyam", hi: "ज़रिम्बा सिलाई उद्यम" },
    description: { en: "The Zarimba Silai Udyam lends to women who start a tailoring unit.", hi: "ज़रिम्बा सिलाई उद्यम सिलाई इकाई शुरू करने वाली महिलाओं को ऋण देता है।" },
    benefits: {
      en: ["A loan of up to ₹ 75,000 without interest.", "A sewing machine worth ₹ 12,000 is given free."],
      hi: ["₹ 75,000 तक का बिना ब्याज का ऋण।", "₹ 12,000 की सिलाई मशीन मुफ्त दी जाती है।"],
    },
    eligibility: {
      criteria: {
        en: ["The applicant must be a woman living in the state.", "The family income should not exceed ₹ 2,00,000 a year.", "The applicant should have passed at least class 8."],
        hi: ["आवेदक राज्य में रहने वाली महिला होनी चाहिए।", "परिवार की आय ₹ 2,00,000 प्रति वर्ष से अधिक नहीं होनी चाहिए।", "आवेदक कम से कम आठवीं कक्षा उत्तीर्ण होनी चाहिए।"],
      },
      exclusions: {},
    },
  });
  const { ask } = madeUpEngine("sahayak-facts-schooling-", [tailoring]);

  it("answers with the schooling asked for, from who can apply", async () => {
    for (const [q, fact] of [
      ["How much schooling does a woman need for the Zarimba Silai Udyam?", /class 8/],
      ["ज़रिम्बा सिलाई उद्यम के लिए कितना पढ़ा-लिखा होना ज़रूरी है?", /आठवीं कक्षा/],
      ["zarimba silai udyam ke liye kitni padhi likhi honi chahiye", /आठवीं कक्षा/],
    ] as [string, RegExp][]) {
      const r = await ask(q);
      assert.equal(r.action, "answer", `${q}: ${r.text}`);
      assert.equal(r.field, "eligibility", `${q}: ${r.text}`);
      assert.match(r.text, fact, `${q}: ${r.text}`);
    }
  });
});

describe("where to go, beside a bank or post office account asked for", () => {
  const works = scheme({
    schemeId: "zrk-test",
    name: { en: "Zarimba Rozgar Karyakram", hi: "ज़रिम्बा रोज़गार कार्यक्रम" },
    applicationProcess: {
      en: [{ mode: "Offline", url: null, steps: ["With the form give your age, caste, Aadhaar number and bank/post office account number.", "Apply on plain paper to the local gram panchayat."] }],
      hi: [{ mode: "Offline", steps: ["फॉर्म के साथ आयु, जाति, आधार संख्या और बैंक/डाकघर खाता संख्या दें।", "सादे कागज पर स्थानीय ग्राम पंचायत में आवेदन करें।"] }],
    },
  });

  it("says the place to apply, not the account's number", () => {
    for (const [lang, q, said] of [
      ["en", "Where do I hand in the form?", ["form"]],
      ["hi", "फॉर्म कहाँ जमा करें?", ["फॉर्म"]],
      ["hi", "form kahan jama karein", ["form"]],
    ] as const) {
      const pool = unitPool(works, lang, 40);
      const ranking = rankUnits(pool, "application", questionWords([...said], () => []), questionAsks(q, true), 40, lang);
      const first = pool[ranking.order[0]!]!.text;
      assert.match(first, /gram panchayat|ग्राम पंचायत/, `${q}: ${first}`);
    }
  });
});
