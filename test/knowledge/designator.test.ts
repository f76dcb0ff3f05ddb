// Who runs a scheme, written the way callers say it: the chief minister's or the prime minister's word spelt
// without its aspirate or with a letter dropped, is the same short form the records' full
// spelling is read as; a scheme's own words are then weighed alone. Made-up schemes, new sentences.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { designatorsBySound } from "../../src/knowledge/designator.js";
import { NameMatcher } from "../../src/knowledge/matcher.js";
import type { SchemeMeta } from "../../src/knowledge/store.js";
import { canonicalTokens, phoneticKey } from "../../src/knowledge/text.js";

function meta(schemeId: string, name: string): SchemeMeta {
  return { schemeId, name, nameHi: "", shortTitle: "", aliases: [], level: "state", state: "", states: ["All"], categories: [], beneficiaries: [], detailLevel: "full", prior: 0.5, duplicates: [], ...{} };
}

describe("a designator spelt as it sounds is the designator", () => {
  for (const [said, short] of [
    ["mukyamantri", "cm"],
    ["mukhmantri", "cm"],
    ["mukhymantri", "cm"],
    ["pardhanmantri", "pm"],
    ["pradhanmantry", "pm"],
  ] as const) {
    it(`"${said}" reads as "${short}"`, () => assert.deepEqual(canonicalTokens(`${said} tulsi van yojana`), [short, "tulsi", "van", "yojana"]));
  }

  it("a word of it alone is left as it is: 'pradan' is also the word for giving", () => {
    assert.deepEqual(canonicalTokens("sarkar kya pradan karti hai"), ["sarkar", "kya", "pradan", "karti", "hai"]);
    assert.deepEqual(designatorsBySound(["pradan", "kiya", "mantri"], phoneticKey), ["pradan", "kiya", "mantri"]);
  });

  it("a caller's spelling of it finds the name as the record's spelling does", () => {
    const matcher = new NameMatcher([meta("tvy-test", "Mukhyamantri Tulsi Van Yojana"), meta("tv-test", "Tulsi Van Sahayata"), meta("kv-test", "Kadamb Van Yojana")]);
    const written = matcher.match("mukhyamantri tulsi van yojana ka labh", 3)[0];
    const spelt = matcher.match("mukyamantri tulsi van yojana ka labh", 3)[0];
    assert.equal(spelt?.schemeId, "tvy-test");
    assert.equal(spelt?.score, written?.score);
  });
});
