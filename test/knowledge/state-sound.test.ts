// A state named in Devanagari is met by its sound, one sound off where the Hindi spelling keeps a vowel
// English drops; a Hindi word that is a state's sound cut short is that word: "गुजर गए" (passed away,
// written without its nukta) is no "Gujarat".
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { stateBySound } from "../../src/knowledge/state-sound.js";

const states = new Map([
  ["gujarat", "Gujarat"],
  ["haryana", "Haryana"],
  ["chhattisgarh", "Chhattisgarh"],
  ["uttar pradesh", "Uttar Pradesh"],
  ["puducherry", "Puducherry"],
]);

describe("a state met by sound in Devanagari", () => {
  it("is found spelt the Hindi way", () => {
    assert.equal(stateBySound(states, "हम हरियाणा के रोहतक से हैं"), "Haryana");
    assert.equal(stateBySound(states, "मैं गुजरात से बोल रहा हूँ"), "Gujarat");
    assert.equal(stateBySound(states, "छत्तीसगढ़ में धान की खेती"), "Chhattisgarh");
  });

  it("is not a Hindi word that is its sound cut short", () => {
    assert.equal(stateBySound(states, "मेरे पति पिछले साल गुजर गए, अब घर कैसे चलेगा"), undefined);
    assert.equal(stateBySound(states, "उनके गुजर जाने के बाद कोई मदद मिलती है?"), undefined);
  });

  it("is found without the last glide its English spelling writes", () => {
    assert.equal(stateBySound(states, "हम पुदुचेरी में नारियल की खेती करते हैं"), "Puducherry");
    assert.equal(stateBySound(states, "पुडुचेरी के मछुआरों के लिए योजना"), "Puducherry");
  });
});
