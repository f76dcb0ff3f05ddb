// "The most it gives" is answered by the figure stated as a bound ("limited to a maximum of …", "up to …"), not
// by another sentence's share or cost that shares more of the caller's words; "what does the fund give" asks a
// sum as "what does it pay" does; Hindi's "kis"/"किस" before a noun asks as "kaun" does ("kis umar" an age).
// Made-up sentences no code has seen.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rankUnits } from "../../src/dialogue/compose.js";
import { questionAsks } from "../../src/dialogue/nlu.js";
import { questionWords } from "../../src/dialogue/unit-evidence.js";
import type { Unit } from "../../src/dialogue/units.js";

const unit = (text: string, field: Unit["field"], item: number): Unit => ({ text, lang: "en", field, item, faq: false });

describe("a limit asked", () => {
  const pool = [
    unit("Small workshops on the islands that mend boats may claim a 30% grant on new tools.", "eligibility", 0),
    unit("Thirty percent of what the tools cost is paid as a grant, capped at a maximum of ₹ 2.40 lakh for each workshop.", "benefits", 1),
    unit("Claims are made at the island's industries office.", "application", 2),
  ];
  const words = questionWords(["workshop", "islands", "boats", "most"], () => []);

  it("is answered by the figure stated as a bound", () => {
    const ranking = rankUnits(pool, "benefits", words, ["amount", "limit"], 40, "en", false);
    assert.equal(ranking.order[0], 1, JSON.stringify(ranking));
  });

  it("takes a bound from a short title line before the figure", () => {
    const listed = [
      unit("The least a member draws, and the most, depend on the sum put in:", "benefits", 0),
      unit("Minimum Monthly Draw", "benefits", 1),
      unit("₹ 800 each month", "benefits", 2),
      unit("Maximum Monthly Draw", "benefits", 3),
      unit("₹ 7,500 each month", "benefits", 4),
      unit("A loan of up to 60% of the sum put in may be taken after two years.", "benefits", 5),
    ];
    const asked = questionWords(["draw", "month"], () => []);
    const ranking = rankUnits(listed, "benefits", asked, ["sum", "limit"], 40, "en", true);
    assert.ok([2, 4].includes(ranking.order[0]!), JSON.stringify(ranking));
  });

  it("without a bound asked, the sentence sharing the caller's words may still lead", () => {
    const ranking = rankUnits(pool, "benefits", words, ["amount"], 40, "en", false);
    assert.ok(ranking.order.slice(0, Math.max(1, ranking.picked)).includes(0), JSON.stringify(ranking));
  });
});

describe("the kind of fact asked, said another way", () => {
  it("what a fund gives is an amount", () => {
    assert.deepEqual(questionAsks("what does the welfare fund give for a broken arm", true), ["amount"]);
  });

  it("'kis' or 'किस' before a noun asks it", () => {
    assert.deepEqual(questionAsks("kis umar tak ke bachche le sakte hain", true), ["age"]);
    assert.deepEqual(questionAsks("किस उम्र की महिलाओं को यह मिलता है", true), ["age"]);
  });
});
