// The curated lexicon's beneficiary groups: matched by their words, and by sound only where the sound is
// the group word's own, so a place that sounds alike is no group of people.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Lexicon } from "../../src/knowledge/index.js";

describe("beneficiary groups in a text", () => {
  const lexicon = Lexicon.load();

  it("a place that sounds like a group's word is not that group: 'Delhi' is not 'thela' (street vendors)", () => {
    for (const text of ["Education Loan Scheme - Delhi", "how far is Agra from Delhi", "दिल्ली से आगरा कितनी दूर है", "delhi me kya yojana hai"]) {
      assert.ok(!lexicon.beneficiariesIn(text).includes("street_vendor"), text);
    }
  });

  it("the group's words still name it, in every script", () => {
    for (const text of ["thela lagata hoon", "rehri wale ke liye loan", "रेहड़ी वालों के लिए योजना", "loans for street vendors"]) {
      assert.ok(lexicon.beneficiariesIn(text).includes("street_vendor"), text);
    }
  });

  it("the minority communities by name are the minority group, in English, Hindi and romanised Hindi", () => {
    for (const text of ["scholarship for Muslim students", "मुस्लिम छात्रों के लिए", "musalman bachon ke liye"]) assert.ok(lexicon.beneficiariesIn(text).includes("minority"), text);
  });

  it("'Senior Fellows' is no group of elderly people; 'senior citizens' is", () => {
    assert.ok(!lexicon.beneficiariesIn("Junior Fellows, Senior Fellows").includes("senior"));
    assert.ok(lexicon.beneficiariesIn("schemes for senior citizens").includes("senior"));
  });
});

describe("romanised Hindi words met by sound", () => {
  const lexicon = Lexicon.load();

  it("a word spelt far from the lexicon's word of the same sound is not it: 'baje' (o'clock) is not 'bachche' (children)", () => {
    for (const text of ["baje", "kitne baje", "subah das baje"]) assert.ok(!lexicon.englishFor(text).includes("child"), text);
  });

  it("the lexicon's word spelt another way still means it, in romanised Hindi; Hindi and English are read as written", () => {
    for (const text of ["bachhe", "bache", "bacche ki padhai", "बच्चे"]) assert.ok(lexicon.englishFor(text).includes("child"), text);
    for (const text of ["beemaa", "bujurgon"]) assert.ok(lexicon.englishFor(text).length > 0, text);
    assert.deepEqual(lexicon.englishFor("children"), [], "English words are not glossed again");
  });
});
