import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BackgroundLanguage } from "../../src/knowledge/background.js";
import { LoanwordIndex, devanagariSounds, englishSounds, soundsAlike } from "../../src/knowledge/loanword.js";

describe("English words written in Devanagari", () => {
  it("are met with the English word of the same consonants and vowels Hindi hears alike", () => {
    assert.ok(soundsAlike(devanagariSounds("लैपटॉप")!, englishSounds("laptop")));
    assert.ok(soundsAlike(devanagariSounds("स्टेशन")!, englishSounds("station")), "-tion is written -शन");
    assert.ok(soundsAlike(devanagariSounds("डॉक्यूमेंट")!, englishSounds("document")), "a 'u' said 'yu' is written क्यू");
    assert.ok(!soundsAlike(devanagariSounds("क्रिकेट")!, englishSounds("correct")), "इ is not the 'o' of 'correct'");
    assert.equal(devanagariSounds("pension"), undefined, "only Devanagari is read");
    assert.ok(soundsAlike(devanagariSounds("डाकूमेंट")!, englishSounds("document")), "आ is written for the short 'o' too");
    assert.ok(soundsAlike(devanagariSounds("बैलेंस")!, englishSounds("balance")), "the 'c' of a silent 'e' is soft");
  });

  it("the commonest English word that sounds alike wins", () => {
    const index = new LoanwordIndex(["match", "mouth", "remote", "roommate"]);
    assert.equal(index.englishOf("मैच"), "match");
    assert.equal(index.englishOf("रिमोट"), "remote");
    assert.equal(index.englishOf("किताब"), undefined);
  });

  it("everyday English of the background: common words and spelt-out letters, never names", () => {
    const background = BackgroundLanguage.load();
    assert.equal(background.loanwordOf("लैपटॉप"), "laptop");
    assert.equal(background.loanwordOf("स्कूल"), "school");
    assert.equal(background.loanwordOf("टीवी"), "tv", "letters spelt out are the acronym");
    assert.equal(background.loanwordOf("laptop"), undefined, "a Latin word is English already");
  });

  it("a Hindi word the dictionary glosses is borrowed only when a gloss sounds like it, or its meanings are rarer", () => {
    const background = BackgroundLanguage.load();
    assert.equal(background.loanwordOf("घर"), undefined, "house, not 'gray'");
    assert.equal(background.loanwordOf("पानी"), undefined, "water, not 'pony'");
    assert.equal(background.loanwordOf("बेटी"), undefined, "daughter, not 'beauty'");
    assert.equal(background.loanwordOf("बस"), "bus", "a gloss that sounds alike is the word borrowed");
    assert.equal(background.loanwordOf("ट्रेन"), "train", "glossed 'rail', a rarer word than the one it sounds like");
  });
});
