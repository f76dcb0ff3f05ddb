// A figure a record gives by age ("60 to 69 years: ₹700; 70 years and above: ₹900") is chosen by the age the
// caller tells, when they ask the figure: the age word said again beside it ("at this age", "इस उम्र में")
// points back at the age told, it asks none. A word that only holds the letters of "age" ("Languages",
// "percentage") or of "आयु" ("आयुष्मान") says no age.
// Made-up schemes no code has seen.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rankUnits } from "../../src/dialogue/compose.js";
import { ageFits, answersKind, questionWords } from "../../src/dialogue/unit-evidence.js";
import type { Unit } from "../../src/dialogue/units.js";
import { madeUpEngine, scheme } from "./engine-over.js";

const pension = scheme({
  schemeId: "kbp-test",
  name: { en: "Kelvari Buzurg Pension", hi: "केलवरी बुज़ुर्ग पेंशन" },
  description: { en: "The Kelvari Buzurg Pension helps old people who have no one to support them.", hi: "केलवरी बुज़ुर्ग पेंशन उन बुज़ुर्गों की मदद करती है जिनका कोई सहारा नहीं है।" },
  benefits: {
    en: ["Persons between 60 and 69 years get a pension of ₹ 700 per month.", "Persons of 70 years and above get a pension of ₹ 900 per month."],
    hi: ["60 से 69 वर्ष के व्यक्तियों को ₹ 700 प्रति माह की पेंशन मिलती है।", "70 वर्ष और उससे अधिक आयु के व्यक्तियों को ₹ 900 प्रति माह की पेंशन मिलती है।"],
  },
  eligibility: {
    criteria: {
      en: ["The applicant must be 60 years of age or more.", "The applicant must have no regular income."],
      hi: ["आवेदक की आयु 60 वर्ष या उससे अधिक होनी चाहिए।", "आवेदक की कोई नियमित आय नहीं होनी चाहिए।"],
    },
    exclusions: {},
  },
});

describe("the ages a sentence gives its figures for", () => {
  it("hold the caller's age or leave it out", () => {
    assert.equal(ageFits("Persons of 70 years and above get ₹ 900.", 74), true);
    assert.equal(ageFits("Persons between 60 and 69 years get ₹ 700.", 74), false);
    assert.equal(ageFits("70 वर्ष और उससे अधिक आयु के व्यक्तियों को ₹ 900", 74), true);
    assert.equal(ageFits("60 से 69 वर्ष के व्यक्तियों को ₹ 700", 74), false);
    assert.equal(ageFits("For those below 40 years of age, ₹ 200.", 35), true);
    // no age in it, or only years of something held
    assert.equal(ageFits("A pension of ₹ 700 per month.", 74), undefined);
    assert.equal(ageFits("Workers with 20 years of service get ₹ 700.", 74), undefined);
  });

  it("are not read inside other words", () => {
    assert.equal(answersKind("It was started by the Department of Languages, Culture and Sports on 3rd May 2015.", "age"), false);
    assert.equal(answersKind("The percentage of 40 is paid first.", "age"), false);
    assert.equal(answersKind("The applicant's age must be 18 or more.", "age"), true);
  });
});

describe("an age told and a figure asked", () => {
  const { ask } = madeUpEngine("sahayak-age-band-", [pension]);

  it("is answered by the figure for that age", async () => {
    for (const q of [
      "My grandmother is 74 years old and lives alone. At her age, how much does the Kelvari Buzurg Pension pay a month?",
      "meri naani ki umar 74 saal hai, Kelvari Buzurg Pension mein is umar mein mahine ka kitna paisa milta hai?",
      "मेरी नानी की उम्र 74 साल है। केलवरी बुज़ुर्ग पेंशन में इस उम्र में हर महीने कितनी पेंशन मिलती है?",
      "मेरी नानी की उम्र चौहत्तर साल है। केलवरी बुज़ुर्ग पेंशन में महीने की कितनी पेंशन मिलती है?",
    ]) {
      const r = await ask(q);
      assert.equal(r.action, "answer", `${q}: ${r.text}`);
      assert.equal(r.field, "benefits", `${q}: ${r.text}`);
      assert.match(r.text, /900/, `${q}: ${r.text}`);
      assert.doesNotMatch(r.text, /700/, `${q}: ${r.text}`);
    }
  });

  it("still asks the age where the age is what is asked", async () => {
    const r = await ask("Meri naani 74 saal ki hai, Kelvari Buzurg Pension ke liye umar kitni honi chahiye?");
    assert.equal(r.action, "answer", r.text);
    assert.match(r.text, /60/, r.text);
  });
});

describe("a sentence for another age", () => {
  it("does not lead the answer, though it holds more of the caller's words", () => {
    const unit = (text: string, item: number): Unit => ({ text, lang: "en", field: "benefits", item, faq: false });
    const pool = [unit("Widows aged 60 to 69 years get a widow pension of ₹ 700 every month.", 0), unit("Persons of 70 years and above get ₹ 900 a month.", 1), unit("The amount is sent to the bank account.", 2)];
    const words = questionWords(["widow", "pension", "every", "month"], () => []);
    const ranking = rankUnits(pool, "benefits", words, ["sum"], 40, "en", true, undefined, false, 74);
    assert.equal(ranking.order[0], 1, JSON.stringify(ranking));
    assert.ok(!ranking.order.slice(0, ranking.picked).includes(0), JSON.stringify(ranking));
  });
});
