// A place heard in Devanagari is met by sound, and sounds meet across names: "मदुरै" (Madurai) and Mathura
// share a sound key, so neither state was told; "नालंदा" (a district) was Nagaland, one sound off. The
// spelling as said picks among places of one sound, and a state's name a whole consonant off is another word
// (a vowel or glide more or less is still a spelling of it: "हरियाणा").
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { realEngine } from "./engine-over.js";

describe("places of one sound, told apart", () => {
  const real = realEngine();

  it("by the spelling as said", () => {
    assert.equal(real.kb.search.stateIn("मदुरै में हमारी दुकान है"), "Tamil Nadu");
    assert.equal(real.kb.search.stateIn("हम मथुरा में रहते हैं"), "Uttar Pradesh");
    assert.equal(real.kb.search.stateIn("main madurai se bol raha hoon"), "Tamil Nadu");
    assert.equal(real.kb.search.stateIn("I live in Madurai"), "Tamil Nadu");
  });

  it("a state's name a consonant off is not that state", () => {
    assert.notEqual(real.kb.search.stateIn("नालंदा में खेती है हमारी"), "Nagaland");
    assert.equal(real.kb.search.stateIn("मैं नागालैंड से हूँ"), "Nagaland");
    assert.equal(real.kb.search.stateIn("हरियाणा में बुढ़ापा पेंशन"), "Haryana");
    assert.equal(real.kb.search.stateIn("छत्तीसगढ़ से बोल रहा हूँ"), "Chhattisgarh");
  });
});
