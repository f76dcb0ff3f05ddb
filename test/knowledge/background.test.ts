import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BackgroundLanguage } from "../../src/knowledge/background.js";

describe("everyday speech as the background of the schemes' vocabulary", () => {
  const background = BackgroundLanguage.load();

  it("English words by their share of film subtitles", () => {
    assert.ok(background.commonness("weather").logShare > background.commonness("scholarship").logShare);
    assert.equal(background.commonness("zarimba").known, false);
    assert.ok(background.isEveryday("moon"));
    assert.ok(!background.isEveryday("svanidhi"));
  });

  it("Hindi words, in Devanagari or romanised, through their English meanings (FreeDict, Debian dict-freedict-eng-hin)", () => {
    assert.deepEqual(background.englishOf("मौसम"), ["weather"]);
    assert.ok(background.englishOf("mausam").includes("weather"), "romanised Hindi is met by its sound");
    assert.ok(background.isFamiliar("मौसम"));
    assert.ok(!background.isFamiliar("स्वनिधि"));
  });

  it("Hindi words FreeDict lacks are still words of the language (the spelling dictionary's list, Debian hunspell-hi)", () => {
    assert.deepEqual(background.englishOf("देहांत"), [], "FreeDict gives it no meaning");
    assert.ok(background.isHindiWord("देहांत"));
    assert.ok(background.soundsListedHindi("dehant"), "romanised, the nasal dot said as n");
    assert.ok(background.soundsListedHindi("guzar"));
    // a scheme's own coined name is no word of the list, nor is an English word taken for a Hindi one
    assert.ok(!background.isHindiWord("स्वनिधि"));
    for (const w of ["svanidhi", "orunodoi", "mahtari", "dent"]) assert.ok(!background.soundsListedHindi(w), w);
  });

  it("function words of the three ways callers write", () => {
    for (const w of ["the", "kya", "kisne", "क्या", "किसने", "वाली"]) assert.ok(background.isFunctionWord(w), w);
    for (const w of ["pension", "पेंशन", "kisan"]) assert.ok(!background.isFunctionWord(w), w);
    assert.ok(!background.isHindiFunctionWord("घर"), "a content word stopword lists hold is not one");
  });
});
