// A thing or a service no scheme gives, asked for after a story full of the schemes' words: which product
// to take, which seller is better, a price, a booking, a case in court. The sentence that asks decides,
// unless it speaks of schemes itself (a subsidy, a loan, help, "yojana"). And help asked of at all ("koi
// sahayata milti hai?") after a story is a question about schemes; a scheme's money ("<name> का पैसा") is
// no seller's product. A scheme found only by the story's words ("main kisan hoon") is no answer to such a
// request. English, romanised Hindi and Devanagari, in sentences of my own.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { asksPrivateThing } from "../../src/dialogue/private-ask.js";
import { realEngine } from "./engine-over.js";

const PRIVATE = [
  "My goat has a cough since Monday. Which syrup should I buy for her?",
  "Hum kisan parivar hain, ghar ke liye kaun sa cooler accha hai?",
  "मेरी बकरी बीमार है, कौन सी दवा खरीदूँ?",
  "For the engineering entrance, which is better, the Kota batch or the one in Jaipur?",
  "Bhai ki shaadi hai, koi sasta caterer bataiye Bhopal mein.",
  "What is the price of a second hand tractor these days?",
  "पुरानी मोटरसाइकिल की कीमत क्या चल रही है?",
  "The contractor ran away with my advance. How do I file a case against him?",
  "Zameen ke jhagde mein mukadma kaise karun?",
  "Dharamshala ki booking kaise karen Haridwar mein?",
];

const SCHEMES = [
  "Which papers should I take to the block office for the old age pension?",
  "Hum kisan hain, kaun si yojana sabse achhi rahegi?",
  "What is the subsidy on the price of a solar pump?",
  "Gaay khareedne ke liye loan kaise milega?",
  "मेरे पति नहीं रहे, सरकार से कोई मदद मिलती है?",
  "Free legal aid ke liye kaun apply kar sakta hai?",
];

describe("scope: a thing or service no scheme gives, asked after a story", () => {
  it("reads the asking sentence's request for a product, a price, a booking or a case", () => {
    for (const text of PRIVATE) assert.ok(asksPrivateThing(text), text);
  });

  it("keeps a request that speaks of schemes, their rules or what they give", () => {
    for (const text of SCHEMES) assert.ok(!asksPrivateThing(text), text);
  });

  it("judges the sentence that asks, not the story's other sentences", () => {
    // the story speaks of a seller's own 'scholarship scheme'; the question asks which seller is better
    assert.ok(asksPrivateThing("My son plays the flute. Which is better for lessons, the music school near the bus stand or the one by the temple? The first has a discount scheme."));
    // the story speaks of a tablet bought; the question asks of a scheme
    assert.ok(!asksPrivateThing("I bought a tablet for my son last year. Is there a scholarship for him in class 9?"));
  });

  const real = realEngine();
  it("refuses such an errand told among a farmer's or a family's words", async () => {
    for (const text of ["बेटी की सगाई है, कोई सस्ता हॉल बताइए।", "We grow cotton near Akola. Which is better for spraying, a battery pump or a petrol one?"]) {
      const reply = await real.engine.respond({ text }, newContext("c"));
      assert.equal(reply.action, "out_of_scope", `${text}: ${reply.action} ${reply.text}`);
    }
  });

  it("refuses it when the story alone names a scheme (the caller's trade, a farmer)", async () => {
    for (const text of ["Main kisan hoon, mere bail ke pair mein chot hai. Kaun si dawai dun?", "I am a farmer with two acres. What is the price of a good second hand pickup?"]) {
      const reply = await real.engine.respond({ text }, newContext("c"));
      assert.equal(reply.action, "out_of_scope", `${text}: ${reply.action} ${reply.text}`);
    }
    // a scheme named in the sentence that asks is asked of, whatever the frame
    const named = await real.engine.respond({ text: "Main kisan hoon. PM Kisan ka paisa kab aayega?" }, newContext("c"));
    assert.notEqual(named.action, "out_of_scope", named.text);
  });

  it("offers schemes when help is asked of at all after a story", async () => {
    const text = "Hamare mama ji majdoori karte the, is mahine unka dehant ho gaya. Daah sanskar ke liye koi sahayata milti hai?";
    const reply = await real.engine.respond({ text }, newContext("c"));
    assert.notEqual(reply.action, "out_of_scope", `${text}: ${reply.text}`);
  });
});
