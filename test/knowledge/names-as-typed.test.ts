// Scheme names as callers type and say them, on made-up schemes: a Hindi word romanised with the vowel Hindi
// leaves unsaid at its end ("जय" jaya, the record's "Jai"), or without the vowel before a consonant
// ("sahayta" of "Sahaayata"); a word spelt with "w" for "v" and without its last vowel; a short form that
// the record writes in Devanagari as a word ("(पीएम-तेज)"). Each is the name, in English, Hindi and
// romanised Hindi.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NameMatcher } from "../../src/knowledge/matcher.js";
import type { SchemeMeta } from "../../src/knowledge/store.js";

function meta(schemeId: string, name: string, more: Partial<SchemeMeta> = {}): SchemeMeta {
  return { schemeId, name, nameHi: "", shortTitle: "", aliases: [], level: "central", state: "", states: ["All"], categories: [], beneficiaries: [], detailLevel: "full", prior: 0.5, duplicates: [], ...more };
}

const schemes = [
  meta("anil-test", "Abhay Nilay Yojana"),
  meta("bsy-test", "Bunkar Sahaayata Yojana"),
  meta("jkal-test", "Jai Kalinga Scheme"),
  meta("tej-test", "Pradhan Mantri Tejasvi Yuva Sahayak (PM-TEJ)", { nameHi: "प्रधानमंत्री तेजस्वी युवा सहायक (पीएम-तेज)", shortTitle: "PM-TEJ" }),
  // names beside them, so that their words are as rare as a real knowledge base makes them
  ...["Gramin Awas Yojana", "Kisan Credit Card", "Matsya Palan Yojana", "Mahila Udyam Nidhi", "Vidya Lakshmi Scheme", "Shramik Kalyan Yojana", "Beej Anudan Yojana", "Chai Bagan Shramik Yojana", "Yuva Udyami Yojana", "Kanya Vivah Yojana"].map((n, i) =>
    meta(`fill${i}-test`, n),
  ),
];

describe("names as callers type and say them", () => {
  // (everyday words, as the background dictionary knows them: matched as written, never a sound off)
  const everyday = new Set(["sahayta", "सहायता", "yojana", "योजना", "what", "who", "get", "does", "give", "scheme", "milti", "kisko", "hai", "किसे", "मिलती", "है"]);
  const matcher = new NameMatcher(schemes, { isFamiliarWord: (w) => everyday.has(w) });
  const top = (query: string) => matcher.match(query, 3)[0];

  for (const query of ["What does the Abhay Nilay scheme give?", "अभय निलय योजना में क्या मिलता है?", "abhaya nilaya yojana me kya milta hai"]) {
    it(`a last "ay" is the same sound written "aya", as Devanagari romanised writes it: "${query}"`, () => {
      const m = top(query);
      assert.equal(m?.schemeId, "anil-test");
      assert.equal(m?.whole, true, JSON.stringify(m));
    });
  }

  for (const query of ["Who can get Bunkar Sahayata?", "बुनकर सहायता योजना किसे मिलती है?", "bunkar sahayta yojana kisko milti hai"]) {
    it(`"ay" before a consonant, with or without the vowel between, is one word: "${query}"`, () => {
      const m = top(query);
      assert.equal(m?.schemeId, "bsy-test");
      assert.equal(m?.whole, true, JSON.stringify(m));
    });
  }

  const scoreOf = (query: string, schemeId: string) => matcher.match(query, 5).find((n) => n.schemeId === schemeId)?.score ?? 0;
  for (const query of ["Tell me about Jay Kalinga", "जय कलिंगा योजना के बारे में बताइए", "jay kalinga yojana batao"]) {
    it(`a two-letter sound that keeps its vowel, spelt a letter off, is the name's word ("Jai"): "${query}"`, () => {
      assert.equal(top(query)?.schemeId, "jkal-test");
      assert.ok(scoreOf(query, "jkal-test") > scoreOf("kalinga", "jkal-test") * 1.5, `${scoreOf(query, "jkal-test")}`);
    });
  }

  it("a two-letter sound spelt otherwise is not the name's word (\"chai\" is no \"Jai\")", () => {
    assert.equal(scoreOf("chai kalinga", "jkal-test"), scoreOf("kalinga", "jkal-test"));
  });

  for (const query of ["पीएम तेज योजना में कौन आवेदन कर सकता है?", "pm tej yojana me kaun apply kar sakta hai", "Who can apply for PM-TEJ?"]) {
    it(`a short form the record writes in Devanagari as a word is said as that word: "${query}"`, () => {
      const m = top(query);
      assert.equal(m?.schemeId, "tej-test");
      assert.equal(m?.whole, true, JSON.stringify(m));
    });
  }
});
