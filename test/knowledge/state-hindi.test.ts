// A state named by its Hindi name: the short and re-shaped ones a sound match cannot reach ("दिल्ली",
// "गोवा", "असम", "पश्चिम बंगाल") are read word for word; an everyday word they share sounds with is not one.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { stateByHindiName } from "../../src/knowledge/state-hindi.js";
import { foldLatin } from "../../src/knowledge/text.js";

const states = new Map(["Delhi", "Goa", "Assam", "West Bengal", "Odisha", "Tamil Nadu"].map((s) => [foldLatin(s), s]));
const stateIn = (text: string) => stateByHindiName(states, text, foldLatin);

describe("a state named by its Hindi name", () => {
  it("is found however short, or however far from its English spelling", () => {
    assert.equal(stateIn("हमारा परिवार दिल्ली के पास रहता है"), "Delhi");
    assert.equal(stateIn("गोवा में मछली पकड़ने वालों को क्या मिलता है"), "Goa");
    assert.equal(stateIn("असम के चाय बागान में काम करती हूँ"), "Assam");
    assert.equal(stateIn("पश्चिम बंगाल सरकार की पेंशन"), "West Bengal");
    assert.equal(stateIn("उड़ीसा के गाँव से फ़ोन कर रहा हूँ"), "Odisha");
    assert.equal(stateIn("तमिलनाडु में बुनकर हूँ"), "Tamil Nadu");
  });

  it("is not an everyday word of like sound, nor a state the knowledge base has no scheme of", () => {
    assert.equal(stateIn("मेरा दिल कमज़ोर है, इलाज के लिए मदद"), undefined);
    assert.equal(stateIn("तिल की खेती के लिए बीज"), undefined);
    assert.equal(stateIn("बिहार से हूँ"), undefined);
  });
});
