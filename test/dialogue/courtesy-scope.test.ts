// A question is read past the courtesies it opens with; a bare request for help in any of the three ways
// callers write starts "who is it for?"; an ordinary Hindi word bent or borrowed is never taken for the
// name of a scheme the knowledge base lacks.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { dictionaryForm, isOrdinaryWord } from "../../src/dialogue/ordinary.js";
import { withoutCourtesies } from "../../src/dialogue/salutation.js";
import { BackgroundLanguage } from "../../src/knowledge/index.js";
import { realEngine } from "./engine-over.js";

describe("courtesies and ordinary words", () => {
  it("reads a question past the greetings, words of address and assent it opens with", () => {
    assert.equal(withoutCourtesies("Good evening sir, what is PM Kisan?"), "what is PM Kisan?");
    assert.equal(withoutCourtesies("namaskar didi, kisan ko kya milta hai"), "kisan ko kya milta hai");
    assert.equal(withoutCourtesies("हाँ जी नमस्कार, पेंशन कितनी मिलती है"), "पेंशन कितनी मिलती है");
    // nothing but courtesies: the greeting (or the "yes") is what was said
    assert.equal(withoutCourtesies("haan ji"), "haan ji");
    assert.equal(withoutCourtesies("नमस्ते"), "नमस्ते");
    // a courtesy's word called a scheme is its name
    assert.equal(withoutCourtesies("namaste scheme kya hai"), "namaste scheme kya hai");
    // "good" alone is not a greeting
    assert.equal(withoutCourtesies("good schemes for farmers"), "good schemes for farmers");
  });

  it("knows bent, glued and borrowed Hindi words from names", () => {
    const bg = BackgroundLanguage.load();
    for (const w of ["lagenge", "kholne", "पड़ेगा", "दवाई", "सबने", "परसेंट", "pakka"]) assert.ok(isOrdinaryWord(w, bg), w);
    for (const w of ["zorgulpa", "sukanya", "ushmanbert", "सुकन्या", "hdfc"]) assert.ok(!isOrdinaryWord(w, bg), w);
    assert.equal(dictionaryForm("पड़ेगा", bg), "पड़ना");
    assert.equal(dictionaryForm("lagega", bg), "lagna");
  });
});

describe("scope of vague requests and questions with ordinary words, on the real knowledge base", () => {
  const real = realEngine();
  const talk = (text: string) => real.engine.respond({ text }, newContext("c"));

  it("a request for help from the government, however it opens, starts the guided choice", async () => {
    for (const text of [
      "Good morning madam, I want some help from the government, what can you tell me?",
      "namaskar bhaiya, humko sarkar ki taraf se kuch madad mil sakti hai kya",
      "नमस्कार दीदी, हमें सरकार की तरफ से कुछ सहायता मिल सकती है?",
      "namaste ji, mujhe sarkari yojana ki jaankari chahiye",
    ]) {
      const reply = await talk(text);
      assert.equal(reply.action, "clarify", `${text}: ${reply.text}`);
      assert.deepEqual(reply.schemeIds, [], `${text}: a greeting is no scheme's name`);
    }
  });

  it("a request only for what most schemes give (money, help) is a bare one: who is it for?", async () => {
    for (const text of ["So how much money can I get?", "humko kitna paisa milega", "मुझे कितना पैसा मिलेगा?"]) {
      const reply = await talk(text);
      assert.equal(reply.action, "clarify", `${text}: ${reply.text}`);
    }
    // something of its own beside the money is not a bare request
    const bike = await talk("how much money do I need for a new motorbike");
    assert.equal(bike.action, "out_of_scope", bike.text);
  });

  it("the unit a number is counted in is no scheme's name", async () => {
    for (const text of ["budhapa pension 70 saal walon ko kitni milti hai", "70 saal ke buzurg ko pension kitni milti hai"]) {
      const reply = await talk(text);
      assert.notEqual(reply.action, "no_info", `${text}: ${reply.text}`);
    }
  });

  it("a greeting before a question about a kind of help does not name a scheme spelt like it", async () => {
    for (const text of ["Namaste, what pension does a widow get?", "namaste, vidhwa ko kitni pension milti hai", "नमस्ते, विधवा को कितनी पेंशन मिलती है?"]) {
      const reply = await talk(text);
      assert.ok(!reply.schemeIds.some((id) => /namaste/.test(id)), `${text}: ${reply.schemeIds.join(",")}`);
      assert.notEqual(reply.action, "out_of_scope", text);
    }
  });

  it("an in-scope question whose other words are ordinary Hindi is never told 'no details of <those words>'", async () => {
    for (const text of ["pakka makaan banwane ke liye sarkar ki koi yojana hai kya", "विकलांग पेंशन पाने के लिए कितने परसेंट विकलांगता होनी पड़ेगी?", "kisan credit card ke liye kaun se kagaz lagenge"]) {
      const reply = await talk(text);
      assert.notEqual(reply.action, "no_info", `${text}: ${reply.text}`);
      assert.notEqual(reply.action, "out_of_scope", `${text}: ${reply.text}`);
    }
  });
});
