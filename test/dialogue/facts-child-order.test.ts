// Whether a scheme is had for a child of an order ("the third baby", "doosri beti", "तीसरी संतान") is answered by
// the record's rule that counts children or pregnancies ("for the first two deliveries only"), wherever it
// stands; a figure asked beside the order is still a figure.
// Made-up schemes no code has seen.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rankUnits } from "../../src/dialogue/compose.js";
import { answersKind } from "../../src/dialogue/unit-evidence.js";
import { questionAsks } from "../../src/dialogue/nlu.js";
import { questionWords } from "../../src/dialogue/unit-evidence.js";
import { unitPool } from "../../src/dialogue/units.js";
import { scheme } from "./engine-over.js";

const mothers = scheme({
  schemeId: "zmp-test",
  name: { en: "Zarimba Matri Poshan", hi: "ज़रिम्बा मातृ पोषण" },
  description: { en: "The Zarimba Matri Poshan gives nutrition money to expecting mothers of the hills.", hi: "ज़रिम्बा मातृ पोषण पहाड़ी क्षेत्र की गर्भवती माताओं को पोषण राशि देता है।" },
  benefits: { en: ["₹ 1,200 is paid in the ninth month of pregnancy."], hi: ["गर्भावस्था के नौवें महीने में ₹ 1,200 दिए जाते हैं।"] },
  eligibility: {
    criteria: {
      en: ["The mother should live in a hill district.", "The mother should be at least 19 years old.", "Help is given for the first two deliveries only."],
      hi: ["माता पहाड़ी जिले में रहती हो।", "माता की आयु कम से कम 19 वर्ष हो।", "सहायता केवल पहले दो प्रसव के लिए दी जाती है।"],
    },
    exclusions: {},
  },
});

describe("a child named by its order", () => {
  it("asks the rule counting children when nothing else is asked", () => {
    for (const q of ["Will they help with my fourth baby as well?", "chauthe bacche ke liye bhi paisa milega kya", "क्या तीसरी संतान के लिए भी सहायता है?"]) assert.deepEqual(questionAsks(q, true), ["persons"], q);
    for (const q of ["What amount comes when a second daughter is born?", "doosri beti hone par kitna milta hai"]) assert.ok(!questionAsks(q, true).includes("persons"), q);
  });

  it("finds the count of children, deliveries and pregnancies in a record", () => {
    for (const s of ["Help is given for the first two deliveries only.", "The benefit is limited to two pregnancies.", "सहायता केवल पहले दो प्रसव के लिए दी जाती है।", "A family whose second girl child is born gets the grant."]) assert.ok(answersKind(s, "persons"), s);
    for (const s of ["Each house gets three delivery points for water.", "₹ 1,200 is paid in the ninth month of pregnancy."]) assert.ok(!answersKind(s, "persons"), s);
  });

  it("puts that rule first", () => {
    for (const [lang, q, said] of [
      ["en", "Will they help with my fourth baby as well?", ["fourth", "baby", "help"]],
      ["hi", "क्या तीसरी संतान के लिए भी सहायता है?", ["तीसरी", "संतान", "सहायता"]],
    ] as const) {
      const pool = unitPool(mothers, lang, 40);
      const ranking = rankUnits(pool, "eligibility", questionWords([...said], () => []), questionAsks(q, true), 40, lang);
      const first = pool[ranking.order[0]!]!.text;
      assert.match(first, /two deliveries|दो प्रसव/, `${q}: ${first}`);
    }
  });
});
