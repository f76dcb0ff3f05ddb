// Phases and versions of one scheme are not rivals to ask about: the version said is the one meant; of
// phases all numbered, none said, the latest. Real records.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newContext, type DialogueEngine, type Reply } from "../../src/dialogue/index.js";
import type { KnowledgeBase } from "../../src/knowledge/index.js";
import { versionIn } from "../../src/dialogue/versions.js";
import { sampleRecords, tempDir } from "../helpers.js";
import { engineOver, realEngine } from "./engine-over.js";

describe("versionIn", () => {
  it("reads phases and versions in English, Hindi and numerals", () => {
    assert.equal(versionIn("Swachh Bharat Mission (Grameen) Phase II"), 2);
    assert.equal(versionIn("Swachh Bharat Mission – Grameen PHASE I"), 1);
    assert.equal(versionIn("स्वच्छ भारत मिशन (ग्रामीण) चरण-2"), 2);
    assert.equal(versionIn("Pradhan Mantri Ujjwala Yojana 2.0"), 2);
    assert.equal(versionIn("Pradhan Mantri Ujjwala Yojana"), undefined);
    assert.equal(versionIn("Kailash Yatra Scheme 2016"), undefined);
    assert.equal(versionIn("how much is 2 lakh"), undefined);
  });
});

describe("versions of one scheme", () => {
  const dir = tempDir("sahayak-versions-");
  let kb: KnowledgeBase;
  let engine: DialogueEngine;
  before(async () => ({ kb, engine } = await engineOver(dir.path, [...sampleRecords(), ...sampleRecords(["sbm-g-i", "sbm-g-ii", "sbm-u", "pmuy", "pmuy2"])])));
  after(async () => {
    await kb.close();
    dir.cleanup();
  });
  const ask = (text: string): Promise<Reply> => engine.respond({ text }, newContext("v"));
  const answersFor = async (text: string, id: string) => {
    const reply = await ask(text);
    assert.equal(reply.action, "answer", reply.text);
    assert.equal(reply.schemeIds[0], id, reply.text);
  };

  // (in English the head of another scheme's name, "Swachh Bharat Mission" of "… – Urban 2.0", is still a rival)
  it("no phase said, of phases all numbered: the latest", () => answersFor("स्वच्छ भारत मिशन ग्रामीण के बारे में बताइए", "sbm-g-ii"));
  it("a phase said: that phase", () => answersFor("स्वच्छ भारत मिशन ग्रामीण चरण 1 के बारे में बताइए", "sbm-g-i"));
  for (const text of ["What is PM Ujjwala 2.0?", "पीएम उज्ज्वला 2.0 क्या है?", "pm ujjwala 2.0 kya hai"]) {
    it(`a version said: that version, "${text}"`, () => answersFor(text, "pmuy2"));
  }
  for (const text of ["Tell me about Ujjwala Yojana", "उज्ज्वला योजना के बारे में बताइए", "ujjwala yojana ke baare me batao"]) {
    it(`the scheme itself and a later version, neither said: asked which, "${text}"`, async () => {
      const reply = await ask(text);
      assert.equal(reply.action, "clarify", reply.text);
      assert.deepEqual([...reply.schemeIds].sort(), ["pmuy", "pmuy2"]);
    });
  }
});

describe("versions of one scheme among all the records", () => {
  const real = realEngine();
  // (spelt loosely, both names are met alike and search may rank the later version first)
  for (const text of ["how much money for the gas connection in ujwala yojna?", "उज्वला योजना में सिलेंडर के लिए सरकार कितने रुपये देती है?", "ujwala yojana me gas connection ke liye kitna paisa milta hai"]) {
    it(`the scheme itself and a later version, neither said, a fact asked: the scheme itself, "${text}"`, async () => {
      const reply = await real.engine.respond({ text }, newContext("v"));
      assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "pmuy"], reply.text);
    });
  }
});
