// A "yojana" made as a plan ("… ki yojana banai hai") or brought out by an everyday maker ("<maker> ne … yojana
// nikali") is no government scheme; the same words with the government, its titles or a place said, or a
// scheme only joined by the caller, stay in scope. Own sentences, romanised Hindi and Devanagari.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import type { DialogueKnowledge } from "../../src/dialogue/knowledge.js";
import { asksPrivateThing } from "../../src/dialogue/private-ask.js";
import { privateYojana } from "../../src/dialogue/scheme-maker.js";
import { BackgroundLanguage, SchemeConcepts } from "../../src/knowledge/index.js";
import { testConfig } from "../helpers.js";
import { realEngine } from "./engine-over.js";

describe("who makes a yojana", () => {
  const real = realEngine();
  let k: DialogueKnowledge;
  before(async () => {
    k = { kb: real.kb, config: testConfig("/tmp").dialogue, background: BackgroundLanguage.load(), concepts: await SchemeConcepts.build(real.kb.store) };
  });

  it("a plan made is no scheme", () => {
    assert.equal(privateYojana(k, "bacchon ke saath picnic ki yojana banayi hai, khana kya le jaayein?"), "plan");
    assert.equal(privateYojana(k, "बच्चों संग सैर की योजना बनाई, टिफिन में क्या रखूँ?"), "plan");
  });

  it("an everyday maker's yojana is its own offer", () => {
    assert.equal(privateYojana(k, "mohalle ke club ne nayi yojana nikali hai, member banne ka kitna lagta hai?"), "maker");
    assert.equal(privateYojana(k, "हमारे क्लब ने नई योजना शुरू की है, सदस्य बनने में कितना खर्च है?"), "maker");
    assert.equal(privateYojana(k, "gym wale ka naya scheme aaya hai, teen mahine ka kitna lete hain?"), "maker");
    assert.equal(privateYojana(k, "mohalle ke committee ne nayi yojana nikali hai, kitne ki hai?"), "maker");
  });

  it("the government's, a title's or a place's yojana, and one joined, stay schemes", () => {
    assert.equal(privateYojana(k, "sarkar ne gaon ki auraton ke liye nayi yojana nikali hai, usme kya milega?"), undefined);
    assert.equal(privateYojana(k, "mukhyamantri ne nayi yojana shuru ki hai, apply kaise kare?"), undefined);
    assert.equal(privateYojana(k, "darzi walon ki yojana se kya fayda hota hai?"), undefined);
    assert.equal(privateYojana(k, "bank ne nayi yojana nikali hai, byaj kitna hai?"), undefined);
    assert.equal(privateYojana(k, "mere bete ne kisan yojana me form bhara tha, paisa kab aayega?"), undefined);
    assert.equal(privateYojana(k, "बिहार में बेटियों की पढ़ाई की योजना बनाई गई है क्या?"), undefined);
    assert.equal(privateYojana(k, "machli wale ki yojana se kya fayda hota hai?"), undefined);
  });

  it("the engine refuses the maker's and keeps the government's", async () => {
    const own = await real.engine.respond({ text: "हमारे क्लब ने नई योजना शुरू की है, सदस्य बनने में कितना खर्च है?" }, newContext("t1"));
    assert.equal(own.action, "out_of_scope");
    const state = await real.engine.respond({ text: "sarkar ne gaon ki auraton ke liye nayi yojana nikali hai, usme kya milega?" }, newContext("t2"));
    assert.notEqual(state.action, "out_of_scope");
  });
});

describe("how to do a thing with one's own hands", () => {
  it("is an errand of the caller's own", () => {
    assert.ok(asksPrivateThing("purani almari ka kabza dheela hai, use kaise sudharun?"));
    assert.ok(asksPrivateThing("aangan me tulsi ka paudha kaise lagaun?"));
    assert.ok(asksPrivateThing("पुराने कपड़ों से पायदान कैसे बनाऊँ?"));
  });
  it("but a paper an office makes, a causative, or applying is a scheme's errand", () => {
    assert.ok(!asksPrivateThing("ration card kaise banwaun?"));
    assert.ok(!asksPrivateThing("naya ayushman card kaise banaun?"));
    assert.ok(!asksPrivateThing("बच्चे का जन्म प्रमाण पत्र कैसे बनवाऊँ?"));
    assert.ok(!asksPrivateThing("pension ke liye apply kaise karun?"));
  });
});
