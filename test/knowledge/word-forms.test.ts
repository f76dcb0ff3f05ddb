// A name's word said in another form than the record writes it: in the singular where the name has the plural,
// or two words said apart where the name runs them into one however long each is. Made-up schemes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NameMatcher } from "../../src/knowledge/matcher.js";
import type { SchemeMeta } from "../../src/knowledge/store.js";
import { addForm, keysSaidOtherwise, singular, type WordForms } from "../../src/knowledge/word-forms.js";

function meta(schemeId: string, name: string, more: Partial<SchemeMeta> = {}): SchemeMeta {
  return { schemeId, name, nameHi: "", shortTitle: "", aliases: [], level: "central", state: "", states: ["All"], categories: [], beneficiaries: [], detailLevel: "full", prior: 0.5, duplicates: [], ...more };
}

describe("singular", () => {
  it("drops a plural's last s, and reads -ies as -y", () => {
    assert.equal(singular("lanterns"), "lantern");
    assert.equal(singular("colonies"), "colony");
  });
  it("keeps words that are no plural, or too short to tell", () => {
    for (const w of ["glass", "campus", "basis", "gas", "drum"]) assert.equal(singular(w), w);
  });
});

describe("keys said otherwise", () => {
  const forms: WordForms = new Map();
  addForm(forms, "lanterns", "LANTERNS");
  addForm(forms, "tarakiranam", "TARAKIRANAM");
  it("a word in the singular reaches the name's plural", () => assert.deepEqual([...keysSaidOtherwise(forms, ["solar", "lantern"], new Set())], ["LANTERNS"]));
  it("two long words said apart reach the name's one word", () => assert.deepEqual([...keysSaidOtherwise(forms, ["tara", "kiranam"], new Set())], ["TARAKIRANAM"]));
  it("a word said as the name has it is left to the exact match", () => assert.equal(keysSaidOtherwise(forms, ["lanterns"], new Set(["LANTERNS"])).size, 0));
});

describe("a name met in another form", () => {
  const schemes = [
    meta("lamp-test", "Solar Lanterns for Boatmen"),
    meta("boat-pump-test", "Solar Pumps for Boatmen"),
    meta("kiran-test", "Taarakiranam"),
    meta("girls-test", "Zarimba Girls Hostel"),
    ...["Gramin Awas Yojana", "Kisan Credit Card", "Matsya Palan Yojana", "Mahila Udyam Nidhi", "Vidya Lakshmi Scheme", "Shramik Kalyan Yojana"].map((n, i) => meta(`fill${i}-test`, n)),
  ];
  const everyday = new Set(["solar", "pump", "pumps", "boatmen", "girl", "for", "what", "does", "give", "the", "scheme"]);
  const matcher = new NameMatcher(schemes, { isFamiliarWord: (w) => everyday.has(w) });
  const top = (query: string) => matcher.match(query, 3)[0]?.schemeId;
  it("a word no dictionary knows, in the singular, says the name's plural", () => assert.equal(top("what does the solar lantern scheme give"), "lamp-test"));
  it("a familiar word is that word, not a name's in the other number", () => assert.equal(top("what does the girl scheme give"), undefined));
  it("a one-word name said as two long words", () => assert.equal(top("what does taara kiranam give"), "kiran-test"));
});
