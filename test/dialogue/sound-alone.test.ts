// Everyday words that only sound like a scheme's name or a word of the schemes are weak evidence: a name run
// together that an everyday word sounds like, a short form read into a guess at where typed words break,
// and a lone word no one knows in a question about a bank or a shop do not decide the question; the names
// written as they are still do, in English, Hindi and romanised Hindi.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newContext, type DialogueEngine } from "../../src/dialogue/index.js";
import type { DialogueKnowledge } from "../../src/dialogue/knowledge.js";
import { readText } from "../../src/dialogue/knowledge.js";
import { unknownNameAsked } from "../../src/dialogue/outside.js";
import { inScopeProbability, type ScopeEvidence } from "../../src/dialogue/scope.js";
import { BackgroundLanguage, SchemeConcepts, type KnowledgeBase } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir, testConfig } from "../helpers.js";
import { engineOver, scheme } from "./engine-over.js";

/** A scheme no code knows of, with a short title that reads as a word. */
const madeUp = scheme({
  schemeId: "orsel-test",
  name: { en: "Organic Seed Loan Scheme for Hill Farmers" },
  shortTitle: "ORSEL",
  description: { en: "The Organic Seed Loan Scheme gives hill farmers a loan for organic seed." },
  tags: ["Farmers", "Loan"],
});

describe("dialogue: everyday words that only sound like a name decide nothing", () => {
  const dir = tempDir("sahayak-sound-alone-");
  let kb: KnowledgeBase;
  let engine: DialogueEngine;
  let k: DialogueKnowledge;
  before(async () => {
    ({ kb, engine } = await engineOver(dir.path, [...sampleRecords(["pgy", "pm-kisan", "pmmy", "kcc", "apy", "ab-pmjay", "mgs-tbocwwb", "mmsy-j", "pmsgmb"]), madeUp]));
    k = { kb, config: testConfig(dir.path).dialogue, background: BackgroundLanguage.load(), concepts: await SchemeConcepts.build(kb.store) };
  });
  after(async () => {
    await kb.close();
    dir.cleanup();
  });

  it("an everyday word that sounds like a name run together ('bukhar', fever, and 'PuccaGhar') names no scheme, in Hindi and romanised Hindi", async () => {
    for (const text of ["mujhe do din se bukhar hai, kya karun", "मुझे कल से बुखार है, डॉक्टर कब मिलेगा?", "my child has had a fever since yesterday, what should I do"]) {
      const r = await engine.respond({ text }, newContext("s1"));
      assert.ok(!r.schemeIds.includes("pgy") && r.action !== "answer", `${text}: ${r.action} ${r.schemeIds.join(",")} ${r.text}`);
    }
  });

  it("the name said as written, apart or run together, still names the scheme", async () => {
    for (const text of ["pucca ghar yojana kya hai", "what is the puccaghar yojana", "puccaghar yojana me kaun apply kar sakta hai"]) {
      const r = await engine.respond({ text }, newContext("s2"));
      assert.deepEqual([r.action, r.schemeIds[0]], ["answer", "pgy"], `${text}: ${r.text}`);
    }
  });

  it("typed, a word spelt otherwise that only sounds like a one-word name ('sardi', cold, and 'Sarthi') names nothing; the name written does", async () => {
    for (const text of ["सर्दी में गरम कपड़े कहाँ मिलेंगे", "sardi me garam kapde kahan milenge"]) {
      const r = await engine.respond({ text }, newContext("s6"));
      assert.ok(!r.schemeIds.includes("mmsy-j"), `${text}: ${r.action} ${r.schemeIds.join(",")} ${r.text}`);
    }
    for (const text of ["what is the sarthi yojana of jharkhand", "सारथी योजना झारखंड क्या है", "saarthi yojana kya hai"]) {
      const r = await engine.respond({ text }, newContext("s7"));
      assert.deepEqual([r.action, r.schemeIds[0]], ["answer", "mmsy-j"], `${text}: ${r.text}`);
    }
  });

  it("a name's words said apart, each an everyday word, are the name said as it is", async () => {
    for (const text of ["सूर्य घर योजना में सब्सिडी कितनी है", "surya ghar yojana me subsidy kitni hai", "how much subsidy does surya ghar give"]) {
      const r = await engine.respond({ text }, newContext("s8"));
      assert.equal(r.schemeIds[0], "pmsgmb", `${text}: ${r.action} ${r.text}`);
    }
  });

  it("typed words broken at a function word are no short form ('or sel' is not ORSEL); the short form written is", async () => {
    for (const text of ["dukaan wale ne kaha or sel karo, kya karun", "what is orsel"]) {
      const r = await engine.respond({ text }, newContext("s3"));
      if (text.startsWith("what")) assert.deepEqual([r.action, r.schemeIds[0]], ["answer", "orsel-test"], `${text}: ${r.text}`);
      else assert.ok(!r.schemeIds.includes("orsel-test"), `${text}: ${r.action} ${r.schemeIds.join(",")} ${r.text}`);
    }
  });

  it("typed, a name is offered by sound only for the unknown words and their neighbours, not for everyday words elsewhere", async () => {
    for (const text of ["zentrovia 15 ki price kitni hai", "ज़ेंट्रोविया 15 की प्राइस कितनी है", "what is the price of a zentrovia 15"]) {
      const r = await engine.respond({ text }, newContext("s4"));
      assert.ok(r.action !== "confirm" && r.action !== "answer", `${text}: ${r.action} ${r.schemeIds.join(",")} ${r.text}`);
    }
    const r = await engine.respond({ text: "what documents are needed for the ayushmn bhaart" }, newContext("s5"));
    assert.equal(r.schemeIds[0], "ab-pmjay", r.text);
  });

  it("a lone unknown word in a question that is not clearly about schemes is no scheme's name; a name of several words is", () => {
    // evidence of a question neither clearly in nor clearly out of scope
    const evidence: ScopeEvidence = { named: 0.4, frame: 0, concept: 1, conceptShare: 0.4, domain: -0.05, foreign: 0.15, content: 6 };
    const p = inScopeProbability(evidence);
    assert.ok(p < k.config.minInScopeProbability && p > k.config.minInScopeProbability * 0.6, `p ${p}`);
    for (const text of ["can my uncle take a car loan from Zentrovia, how much interest", "papa ko Zentrovia se gold loan chahiye, kitna byaj lagega", "मेरे भाई को ज़ेंट्रोविया से लोन लेना है, ब्याज कितना लगेगा"]) {
      assert.equal(unknownNameAsked(k, readText(k, text), evidence), undefined, text);
    }
    // nor with everyday words beside it
    for (const text of ["how much does a Zentrovia delivery cost", "Zentrovia delivery charge kitna lagta hai", "ज़ेंट्रोविया डिलीवरी कितने की है"]) {
      assert.equal(unknownNameAsked(k, readText(k, text), evidence), undefined, text);
    }
    for (const text of ["how much money does Zentrovia Kalyani give", "Zentrovia Kalyani me kitna paisa milta hai"]) {
      assert.match(unknownNameAsked(k, readText(k, text), evidence) ?? "", /zentrovia kalyani/, text);
    }
  });
});
