// A scheme's English name said in Hindi words that translate it, on made-up schemes: the words' English
// meanings in general language (the background dictionary's) and the pairs the records' own names in both
// languages teach (nameGloss) reach the English name words, as a loose match.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NameMatcher, nameGloss } from "../../src/knowledge/matcher.js";
import { latinSpelledAcronyms } from "../../src/knowledge/text.js";
import type { SchemeMeta } from "../../src/knowledge/store.js";

function meta(schemeId: string, name: string, more: Partial<SchemeMeta> = {}): SchemeMeta {
  return { schemeId, name, nameHi: "", shortTitle: "", aliases: [], level: "central", state: "", states: ["All"], categories: [], beneficiaries: [], detailLevel: "full", prior: 0.5, duplicates: [], ...more };
}

const schemes = [
  meta("rws-test", "Reporter Welfare Scheme"),
  meta("ocs-test", "Ordinary Credit Scheme", { nameHi: "साधारण साख योजना" }),
  meta("otc-test", "Ordinary Term Credit", { nameHi: "साधारण सावधि साख" }),
  meta("ccw-test", "Credit Card for Weavers", { nameHi: "बुनकरों के लिए साख कार्ड" }),
  meta("osl-test", "Ordinary Seed Loan Scheme"),
  ...["Gramin Awas Yojana", "Matsya Palan Yojana", "Mahila Udyam Nidhi", "Vidya Lakshmi Scheme", "Beej Anudan Yojana", "Yuva Udyami Yojana", "Kanya Vivah Yojana"].map((n, i) => meta(`fill${i}-test`, n)),
];

/** A made-up dictionary: Hindi words and their English meanings. */
const dictionary = new Map<string, string[]>([
  ["संवाददाता", ["reporter"]],
  ["कल्याण", ["welfare"]],
  ["बीज", ["seed"]],
  ["कर्ज", ["loan", "debt"]],
]);

describe("English names said in Hindi words that translate them", () => {
  it("learns a Hindi name word's English partner from the names written in both languages", () => {
    const gloss = nameGloss(schemes);
    assert.equal(gloss.get("साधारण"), "ordinary");
    assert.equal(gloss.get("साख"), "credit");
    // a word of one name alone has no partner it goes with more than the others
    assert.equal(gloss.has("कार्ड"), false);
    // nor the word every name has
    assert.equal(gloss.has("योजना"), false);
  });

  const matcher = new NameMatcher(schemes, { meaningsOf: (w) => dictionary.get(w) ?? [] });
  const without = new NameMatcher(schemes);

  it("finds an English-only name by the general meanings of its Hindi words", () => {
    const query = "संवाददाता कल्याण योजना का आवेदन कब तक हो सकता है";
    assert.equal(matcher.match(query, 3)[0]?.schemeId, "rws-test");
    assert.equal(without.match(query, 3).some((m) => m.schemeId === "rws-test"), false);
  });

  it("finds one by a word the names taught and a dictionary word together", () => {
    const query = "साधारण बीज कर्ज वाली योजना कहाँ मिलेगी";
    assert.equal(matcher.match(query, 3)[0]?.schemeId, "osl-test");
  });
});

describe("a short form said letter by letter and written as heard", () => {
  const withShort = [...schemes, meta("tkvy-test", "Tana Kala Vikas Yojana", { shortTitle: "TKVY" }), meta("hcs-test", "Handloom Cluster Scheme", { shortTitle: "HCS" })];
  const matcher = new NameMatcher(withShort);

  it("reads a word of letter names as the letters they spell", () => {
    assert.deepEqual(latinSpelledAcronyms("tikevivai"), ["tkvy"]);
    assert.ok(latinSpelledAcronyms("echsies").includes("hcs"));
    assert.deepEqual(latinSpelledAcronyms("kisan"), []);
  });

  it("finds the scheme of that short form", () => {
    assert.equal(matcher.match("tikevivai wali yojana ki last date batao", 3)[0]?.schemeId, "tkvy-test");
    assert.equal(matcher.match("echsies ka form kahan milega", 3)[0]?.schemeId, "hcs-test");
  });
});
