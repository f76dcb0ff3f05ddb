// A scheme's private maker said as the place it runs at ("<gym> pe … yojana chalu hui"), in English as the
// subject that started it or its owner ("the <gym> has started a … scheme", "<club>'s scheme"), or a seller's
// own ("<dukaan> wale ki … scheme", "the <shop> has a … scheme"): no government scheme. A "for" said before the
// maker tells what its trade is for, not whom the scheme is for. The government's, a place's, a bank's stay
// in scope. Own sentences, English, romanised Hindi and Devanagari.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import type { DialogueKnowledge } from "../../src/dialogue/knowledge.js";
import { privateOffer } from "../../src/dialogue/private-ask.js";
import { privateYojana } from "../../src/dialogue/scheme-maker.js";
import { BackgroundLanguage, SchemeConcepts } from "../../src/knowledge/index.js";
import { testConfig } from "../helpers.js";
import { realEngine } from "./engine-over.js";

describe("a private maker said as a place, an English subject or owner", () => {
  const real = realEngine();
  let k: DialogueKnowledge;
  before(async () => {
    k = { kb: real.kb, config: testConfig("/tmp").dialogue, background: BackgroundLanguage.load(), concepts: await SchemeConcepts.build(real.kb.store) };
  });

  it("the place a scheme runs at is its maker", () => {
    assert.equal(privateYojana(k, "mohalle ke gym pe monsoon wali yojana chalu hui, teen mahine ka kitna lagega?"), "maker");
    assert.equal(privateYojana(k, "हमारे क्लब में नई योजना चल रही है, सदस्य बनने का कितना लगता है?"), "maker");
  });

  it("an English subject that started it, or its owner, is its maker", () => {
    assert.equal(privateYojana(k, "The gym near our colony has started a summer scheme, three months for the price of two. Should I join?"), "maker");
    assert.equal(privateYojana(k, "Our club's new scheme gives free entry on Sundays, is it worth joining?"), "maker");
  });

  it("a 'for' before the maker tells its trade", () => {
    assert.equal(privateYojana(k, "mele ke liye tent wale ka sasta scheme aaya, din ka kitna lagta?"), "maker");
    assert.equal(privateYojana(k, "मेले के लिए टेंट वाले की सस्ती योजना आई, दिन का कितना लगता?"), "maker");
  });

  it("a seller's own scheme, by its genitive or what it has", () => {
    assert.equal(privateOffer("The furniture shop has a festive scheme on sofas, is it a good deal?"), "shop");
    assert.equal(privateOffer("dukaan wale ki holi scheme me ek ke saath ek free, lena chahiye?"), "dukaan");
    assert.equal(privateOffer("किराने की दुकान पर बचत योजना चल रही है, पैसा जमा करूँ क्या?"), "दुकान");
  });

  it("the government's, a place's or a bank's scheme stays in scope", () => {
    assert.equal(privateYojana(k, "The state has started a scheme for widows, how do I apply?"), undefined);
    assert.equal(privateYojana(k, "Our district has launched a housing scheme for the poor, am I eligible?"), undefined);
    assert.equal(privateYojana(k, "The bank has started a new loan scheme for farmers, what interest does it charge?"), undefined);
    assert.equal(privateYojana(k, "gaon me awas yojana chalti hai, mera naam kaise judega?"), undefined);
    assert.equal(privateYojana(k, "हमारे ब्लॉक में राशन कार्ड की योजना चल रही है क्या?"), undefined);
    assert.equal(privateOffer("gaon me awas yojana chalti hai, mera naam kaise judega?"), undefined);
  });

  it("the engine refuses the maker's own", async () => {
    const own = await real.engine.respond({ text: "The gym near our colony has started a summer scheme, three months for the price of two. Should I join?" }, newContext("m1"));
    assert.equal(own.action, "out_of_scope");
    const state = await real.engine.respond({ text: "gaon me awas yojana chalti hai, mera naam kaise judega?" }, newContext("m2"));
    assert.notEqual(state.action, "out_of_scope");
  });
});
