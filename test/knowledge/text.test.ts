import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { canonicalTokens, detectScript, phoneticKey, phoneticKeys, romanise, spelledAcronym } from "../../src/knowledge/text.js";

describe("phonetic keys absorb spelling and recognition variants", () => {
  const same: [string, string][] = [
    ["kisan", "kissan"],
    ["kisan", "kisaan"],
    ["yojana", "yojna"],
    ["ayushman", "aayushman"],
    ["awas", "awaas"],
    ["bima", "beema"],
    ["nrega", "narega"],
    ["swanidhi", "svanidhi"],
  ];
  for (const [a, b] of same) it(`${a} ~ ${b}`, () => assert.equal(phoneticKey(a), phoneticKey(b)));

  it("Devanagari and romanised Hindi meet", () => {
    assert.deepEqual(phoneticKeys("प्रधानमंत्री किसान सम्मान निधि"), phoneticKeys("pradhan mantri kisan samman nidhi"));
    assert.deepEqual(phoneticKeys("आयुष्मान"), phoneticKeys("ayushman"));
    assert.deepEqual(phoneticKeys("आयुषमान"), phoneticKeys("aayushman"));
  });

  it("other Indian scripts are romanised too", () => {
    assert.deepEqual(phoneticKeys("ஆயுஷ்மான்"), phoneticKeys("ayushman"));
    assert.match(romanise("ಮನರೇಗಾ"), /manareg/i);
  });

  it("office names fold to pm/cm", () => {
    assert.deepEqual(canonicalTokens("Pradhan Mantri Awas"), ["pm", "awas"]);
    assert.deepEqual(canonicalTokens("प्रधानमंत्री आवास"), ["pm", "avasa"]);
    assert.deepEqual(canonicalTokens("Mukhya Mantri Yojana"), ["cm", "yojana"]);
  });

  it("spelt-out acronyms in Devanagari become letters", () => {
    assert.equal(spelledAcronym("पीएमईजीपी"), "pmegp");
    assert.equal(spelledAcronym("पीएम"), "pm");
    assert.equal(spelledAcronym("किसान"), null);
    assert.equal(spelledAcronym("के"), null, "a lone letter name is a word, not an acronym");
  });

  it("script detection", () => {
    assert.equal(detectScript("पीएम किसान"), "devanagari");
    assert.equal(detectScript("pm kisan ke liye"), "latin");
    assert.equal(detectScript("கிசான்"), "other-indic");
    assert.equal(detectScript("🙂 123"), "none");
  });
});
