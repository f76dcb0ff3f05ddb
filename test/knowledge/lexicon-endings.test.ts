// A romanised Hindi word met by sound ends as the lexicon's word does: "ladke" (boys) sounds like "ladki"
// (a girl) but is not her, while "ladkiyon" (girls) is; and the everyday words around a question (a light
// verb, "kis", an oblique plural) are no scheme's name.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isOrdinaryWord } from "../../src/dialogue/ordinary.js";
import { BackgroundLanguage, Lexicon } from "../../src/knowledge/index.js";
import { endingClass } from "../../src/knowledge/lexicon.js";

describe("a word met by sound ends as the lexicon's word", () => {
  const lexicon = Lexicon.load();

  it("tells an ending in 'i' from one in 'a', 'e' or 'o'", () => {
    assert.equal(endingClass("ladki"), "i");
    assert.equal(endingClass("ladkiyon"), "i");
    assert.equal(endingClass("ladkon"), "a");
    assert.equal(endingClass("ladke"), "a");
    assert.equal(endingClass("kisan"), "");
  });

  it("boys are not girls: 'ladke', 'ladkon' name no group of women", () => {
    for (const text of ["ladke ke liye naukri", "berozgar ladkon ko bhatta", "mere ladke ki padhai"]) {
      assert.ok(!lexicon.beneficiariesIn(text).includes("woman"), text);
      assert.ok(!lexicon.englishFor(text).includes("girl"), text);
    }
  });

  it("girls still are, however the word is bent", () => {
    for (const text of ["ladkiyon ke liye scholarship", "ladki ki shaadi", "बेटी की शादी", "scholarship for girls"]) {
      assert.ok(lexicon.beneficiariesIn(text).includes("woman"), text);
    }
    assert.ok(lexicon.englishFor("ladkiyon ki padhai").includes("girl"));
  });
});

describe("everyday words are no scheme's name", () => {
  const background = BackgroundLanguage.load();

  it("the light verbs after a main verb: 'ho jaye', 'मिल सकता', 'हो जाए'", () => {
    for (const w of ["jaye", "jaega", "sakta", "जाए", "जाएगा", "सकता"]) assert.ok(background.isFunctionWord(w), w);
  });

  it("'kis' in both scripts ('किस योजना में'), but not 'jati' (caste)", () => {
    assert.ok(background.isFunctionWord("किस"));
    assert.ok(background.isFunctionWord("kis"));
    assert.ok(!background.isFunctionWord("jati"));
  });

  it("an oblique plural of an everyday word: 'ladkon', 'bachchon', 'लड़कों'", () => {
    for (const w of ["ladkon", "bachchon", "लड़कों"]) assert.ok(isOrdinaryWord(w, background), w);
  });
});
