// An everyday word that sounds like a one-word name but is spelt as another word is that word, not the name,
// however another word of the question is spelt near the name's: the spelling that counts is the one of the
// word whose sound met the name. Made-up schemes; English, Hindi and romanised Hindi.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NameMatcher } from "../../src/knowledge/matcher.js";
import type { SchemeMeta } from "../../src/knowledge/store.js";

function meta(schemeId: string, name: string, more: Partial<SchemeMeta> = {}): SchemeMeta {
  return { schemeId, name, nameHi: "", shortTitle: "", aliases: [], level: "central", state: "", states: ["All"], categories: [], beneficiaries: [], detailLevel: "full", prior: 0.5, duplicates: [], ...more };
}

const schemes = [
  // a one-word name (past "PM") whose sound is an everyday word's ("said", "sed" of "Setu")
  meta("setu-test", "PM SETU"),
  ...["Gramin Awas Yojana", "Kisan Credit Card", "Matsya Palan Yojana", "Mahila Udyam Nidhi", "Vidya Lakshmi Scheme", "Shramik Kalyan Yojana", "Beej Anudan Yojana", "Yuva Udyami Yojana", "Kanya Vivah Yojana"].map((n, i) =>
    meta(`fill${i}-test`, n),
  ),
];

describe("a word sounding like a name, spelt as another word", () => {
  const everyday = new Set(["said", "get", "we", "do", "the", "officer", "money", "how", "much", "they", "told", "us"]);
  const matcher = new NameMatcher(schemes, { isFamiliarWord: (w) => everyday.has(w) });
  const named = (query: string) => matcher.match(query, 5).some((m) => m.schemeId === "setu-test");

  it("alone, it is the word it is spelt as", () => assert.equal(named("the officer said so"), false));
  it("beside another word spelt a letter off the name's, still not the name", () => assert.equal(named("the officer said how much money we get"), false));
  for (const query of ["What does Setu give?", "सेतु योजना में क्या मिलता है?", "setu yojana me kya milta hai"]) {
    it(`the name itself is still the name: "${query}"`, () => assert.equal(named(query), true));
  }
});
