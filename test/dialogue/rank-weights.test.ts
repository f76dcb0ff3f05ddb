// The ranker split in two, so that its weights can be refitted offline (bench/facts-fit.ts): the evidence of
// each sentence is worked out once (unitEvidence), and the weighed choice (selectUnits) is the ranker's own
// with the hand weights, and follows other weights where they are given.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RANK_WEIGHTS, rankUnits, selectUnits, unitScores } from "../../src/dialogue/compose.js";
import { questionWords, unitEvidence } from "../../src/dialogue/unit-evidence.js";
import type { Asks } from "../../src/dialogue/nlu.js";
import { unitPool } from "../../src/dialogue/units.js";
import { scheme } from "./engine-over.js";

const BUDGET = 40;

/** A made-up fishermen's scheme: a grant, an interest rate, a boat's size, who may apply. */
const boats = scheme({
  schemeId: "zmn-test",
  name: { en: "Zarimba Machhuara Nauka Yojana", hi: "ज़रिम्बा मछुआरा नौका योजना" },
  description: { en: "The scheme helps fishermen of the coast buy a new boat.", hi: "यह योजना तट के मछुआरों को नई नाव खरीदने में मदद करती है।" },
  benefits: {
    en: ["A grant of ₹ 40,000 is given for a wooden boat.", "The loan for the engine carries interest of 4% a year.", "Nets are given free once in three years."],
    hi: ["लकड़ी की नाव के लिए ₹ 40,000 का अनुदान दिया जाता है।", "इंजन के ऋण पर हर साल 4% ब्याज लगता है।", "जाल हर तीन साल में एक बार मुफ्त दिए जाते हैं।"],
  },
  eligibility: { criteria: { en: ["The applicant must be a registered fisherman aged 18 to 60 years."], hi: ["आवेदक 18 से 60 वर्ष का पंजीकृत मछुआरा होना चाहिए।"] }, exclusions: {} },
});

describe("the ranker's weights", () => {
  const cases: [string, "en" | "hi", string[], Asks[]][] = [
    ["English", "en", ["interest", "engine", "loan"], ["amount"]],
    ["Hindi", "hi", ["इंजन", "ऋण", "ब्याज"], ["amount"]],
    ["romanised Hindi", "hi", ["jaal", "muft"], []],
  ];
  for (const [name, lang, said, asks] of cases) {
    it(`chooses with the hand weights what the ranker chooses (${name}: ${said.join(" ")})`, () => {
      const pool = unitPool(boats, lang, BUDGET);
      const words = questionWords(said, () => []);
      const ev = unitEvidence(pool, "benefits", words, asks, lang);
      assert.deepEqual(selectUnits(pool, ev, "benefits", BUDGET, RANK_WEIGHTS), rankUnits(pool, "benefits", words, asks, BUDGET, lang));
    });
  }

  it("holds the evidence apart from the weights: the interest sentence holds the caller's word and an amount", () => {
    const pool = unitPool(boats, "hi", BUDGET);
    const ev = unitEvidence(pool, "benefits", questionWords(["ब्याज"], () => []), ["amount"], "hi");
    const interest = pool.findIndex((u) => u.text.includes("ब्याज"));
    const nets = pool.findIndex((u) => u.text.includes("जाल"));
    assert.ok(ev.overlap[interest]! > 0 && ev.overlap[nets] === 0, JSON.stringify(ev.overlap));
    assert.equal(ev.kind[nets], false);
    assert.equal(ev.asksKind, true);
    // the scores follow the weights: a heavier word of the caller's widens the interest sentence's lead
    const lead = (overlap: number) => {
      const s = unitScores(pool, ev, { ...RANK_WEIGHTS, overlap });
      return s[interest]! / Math.max(...s.filter((_, i) => i !== interest));
    };
    assert.ok(lead(2) > lead(1), `${lead(2)} ≤ ${lead(1)}`);
  });

  it("says no more sentences than the weights allow", () => {
    const pool = unitPool(boats, "en", BUDGET);
    const ev = unitEvidence(pool, "benefits", questionWords(["boat", "grant", "nets", "free"], () => []), [], "en");
    assert.equal(selectUnits(pool, ev, "benefits", BUDGET).picked, 2);
    assert.equal(selectUnits(pool, ev, "benefits", BUDGET, { ...RANK_WEIGHTS, maxPicked: 1 }).picked, 1);
  });

  it("finds a romanised Hindi caller's words in the record's Hindi as evidence ('jaal muft' → 'जाल … मुफ्त')", () => {
    const pool = unitPool(boats, "hi", BUDGET);
    const ev = unitEvidence(pool, "benefits", questionWords(["jaal", "muft"], () => []), [], "hi");
    const nets = pool.findIndex((u) => u.text.includes("जाल"));
    assert.ok(ev.overlap[nets]! > 0 && !ev.unguided);
    const ranking = selectUnits(pool, ev, "benefits", BUDGET);
    assert.equal(ranking.order[0], nets);
  });
});
