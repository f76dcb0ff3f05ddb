// Names found by their sound (sound-match.ts), on made-up schemes: a name whose own words are too short to be
// found by sound alone is found with the word for who runs it, however it was heard; a longer one without it.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NameMatcher } from "../../src/knowledge/matcher.js";
import type { SchemeMeta } from "../../src/knowledge/store.js";

function meta(schemeId: string, name: string): SchemeMeta {
  return { schemeId, name, nameHi: "", shortTitle: "", aliases: [], level: "state", state: "", states: ["All"], categories: [], beneficiaries: [], detailLevel: "full", prior: 0.5, duplicates: [] };
}

describe("names found by sound", () => {
  const matcher = new NameMatcher([meta("gsy-test", "Mukhyamantri Sehat Kosh Yojana"), meta("pkd-test", "Pradhan Mantri Kamdhenu Palak Yojana"), meta("nbs-test", "Nadi Bandh Sahayata")]);

  it("a short name is heard with its chief minister's word, however spelt", () => {
    for (const heard of ["mukhmantri sehad kosh yojana", "mukyamantri sehat kos yojna"]) {
      assert.equal(matcher.soundMatch(heard, 1)[0]?.schemeId, "gsy-test", heard);
    }
  });

  it("a long enough name is heard without it", () => {
    assert.equal(matcher.soundMatch("come then you palak", 1)[0]?.schemeId, "pkd-test");
  });

  it("the designator alone, with other words, is no short name", () => {
    assert.notEqual(matcher.soundMatch("mukhya mantri ji ne kaha tha", 1)[0]?.schemeId, "gsy-test");
  });
});
