// Names as callers spell them, on made-up schemes: a name misspelt a word at a time but said whole, word
// for word in its order (a word's vowels written as heard, a long word cut to its first letters), names
// its scheme over one that shares a common word with it; a caller's ordinary word in small letters ("pul",
// a bridge) is that word, not a scheme's short form spelt the same; and a name of a word no record holds
// and an everyday Hindi word ("<word> घर योजना") is a scheme the records lack, not a record holding the
// first word; nor is a name that adds a word of another scheme's name to two of one's ("<other brand> <word>
// <word> card"). English, Hindi and romanised Hindi.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newContext, type DialogueEngine, type Reply } from "../../src/dialogue/index.js";
import type { KnowledgeBase } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir } from "../helpers.js";
import { engineOver, scheme } from "./engine-over.js";

const inState = (state: string) => ({ level: "state", state, applicableStates: [state] });

const records = [
  scheme({
    schemeId: "kbsy-test",
    name: { en: "Kirana Bhoomi Sahaaya Yojane" },
    ...inState("Karnataka"),
    benefits: { en: ["A grant of ₹ 23,400 for levelling a small farm."] },
  }),
  scheme({ schemeId: "bsl-test", name: { en: "Bhoomi Sahaaya Loan Scheme" }, benefits: { en: ["A loan of up to ₹ 61,000 for land."] } }),
  scheme({
    schemeId: "nhtl-test",
    name: { en: "Navodaya Technical Hostel Loan Scheme" },
    ...inState("Karnataka"),
    benefits: { en: ["A loan of up to ₹ 3,70,000 a year for a hostel and a technical course."] },
  }),
  scheme({ schemeId: "shl-test", name: { en: "Skill Hostel Loan Scheme" }, benefits: { en: ["A loan of ₹ 42,000 for a training course."] } }),
  scheme({
    schemeId: "pul-test",
    name: { en: "Pashudhan Udyam Loan" },
    shortTitle: "PUL",
    benefits: { en: ["A loan of ₹ 88,000 for a cattle shed."] },
  }),
  scheme({
    schemeId: "gvs-test",
    name: { en: "Gramadevi Vastra Sahaaya" },
    ...inState("Karnataka"),
    benefits: { en: ["₹ 6,300 a year for a weaver's loom."] },
  }),
  scheme({
    schemeId: "psvy-test",
    name: { en: "Pradhan Mantri Sarita Vandana Yojana", hi: "प्रधानमंत्री सरिता वंदना योजना" },
    benefits: { en: ["A pension of ₹ 7,700 a year for a person over 60, paid on a card."] },
  }),
  scheme({ schemeId: "kay-test", name: { en: "Kalpataru Arogya Yojana", hi: "कल्पतरु आरोग्य योजना" }, benefits: { en: ["Hospital cover of ₹ 4,40,000."] } }),
  scheme({ schemeId: "lumo-test", name: { en: "Lumokha Craft Scheme", hi: "लुमोखा क्राफ्ट योजना" }, benefits: { en: ["A toolkit worth ₹ 9,900."] } }),
];

describe("names said word for word", () => {
  const dir = tempDir("sahayak-names-word-for-word-");
  let made: { kb: KnowledgeBase; engine: DialogueEngine };
  before(async () => (made = await engineOver(dir.path, [...sampleRecords(), ...records])));
  after(() => made.kb.close().finally(() => dir.cleanup()));
  const ask = (text: string): Promise<Reply> => made.engine.respond({ text }, newContext("w"));
  const answers = async (text: string, schemeId: string) => {
    const reply = await ask(text);
    assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", schemeId], reply.text);
  };

  for (const text of [
    "how much grant in the karna bhumi sahaya yojne for my small farm",
    "karna bhumi sahaya yojne mein khet ke liye kitna paisa milta hai",
    "करना भूमि सहाया योजने में खेत के लिए कितना पैसा मिलता है?",
  ]) {
    it(`a word of the name with its vowels written as heard, the rest as the name says them: "${text}"`, () => answers(text, "kbsy-test"));
  }

  for (const text of ["my son got a seat in Mysore, how much does the navodaya tech hostel loan skeem give", "navodaya tech hostel loan skeem se bete ko kitna loan milega"]) {
    it(`a long word of the name cut to its first letters: "${text}"`, () => answers(text, "nhtl-test"));
  }

  for (const text of ["mere gaon ka pul toot gaya, gramadevi vastra sahay mein saal ka kitna milta hai", "the pul near my village broke; how much does gramdevi vastra sahaaya give a year"]) {
    it(`an ordinary word in small letters is not a short form spelt so: "${text}"`, async () => {
      assert.ok(!made.kb.search.matchNames(text).some((m) => m.schemeId === "pul-test"), "'pul' is a bridge");
      await answers(text, "gvs-test");
    });
  }

  it("the short form in capitals is still the scheme's", () => answers("How much loan does PUL give for a cattle shed?", "pul-test"));

  for (const text of [
    "My father is 70; how is the Kalpataru Sarita Vandana card made?",
    "papa 70 saal ke hain, kalpataru sarita vandana card kaise banega?",
    "पिताजी 70 साल के हैं, कल्पतरु सरिता वंदना कार्ड कैसे बनेगा?",
  ]) {
    it(`a name with a word of another scheme's name beside two of this one's is a name the records lack: "${text}"`, async () => {
      const reply = await ask(text);
      assert.equal(reply.action, "no_info", reply.text);
      assert.deepEqual(reply.schemeIds, [], reply.text);
    });
  }

  it("the scheme's own name with its card is still the scheme", () => answers("How is the Sarita Vandana card made?", "psvy-test"));

  for (const text of ["झुमोखा घर योजना में कितना पैसा मिलता है?", "लुमो घर योजना में कितना पैसा मिलता है?"]) {
    it(`a name of an unknown word and an everyday Hindi word is a scheme the records lack: "${text}"`, async () => {
      const reply = await ask(text);
      assert.equal(reply.action, "no_info", reply.text);
      assert.deepEqual(reply.schemeIds, [], reply.text);
    });
  }
});
