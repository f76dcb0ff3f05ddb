// A short form spelt out letter by letter in Devanagari, "W" written as Hindi writers write it ("डब्लू",
// "डबल्यू", "डब्ल्यू"): the letters it spells, as typed in Latin letters.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { canonicalTokens, joinSpelledLetters } from "../../src/knowledge/text.js";

describe("letters spelt out in Devanagari", () => {
  for (const w of ["डब्ल्यू", "डब्लू", "डबल्यू"]) {
    it(`"${w}" is the letter W in a spelt short form`, () => {
      assert.equal(joinSpelledLetters(`एन ${w} एस बी में कितना मिलता है`), "nwsb में कितना मिलता है");
      assert.deepEqual(canonicalTokens(`एस ${w} एफ`), canonicalTokens("swf"));
    });
  }
});
