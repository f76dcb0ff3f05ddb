// "Some scheme" said with the Hindi word for "some/any" (किसी, kisi: the oblique of कोई) is a vague request,
// not a name: before, the phrase before "yojana" was read as a scheme's name and किसी sounded like a short
// form in a name ("… Subsidy (CIS)"), so a caller asking for information in general got that scheme's facts.
// A made-up scheme; Hindi, romanised Hindi and English.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newContext, type DialogueEngine } from "../../src/dialogue/index.js";
import type { KnowledgeBase } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir } from "../helpers.js";
import { engineOver, scheme } from "./engine-over.js";

const records = [
  scheme({
    schemeId: "cis-test",
    name: { en: "Udyog Protsahan: State Capital Investment Subsidy (CIS)" },
    level: "state",
    state: "West Bengal",
    applicableStates: ["West Bengal"],
    tags: ["Enterprise"],
    benefits: { en: ["A capital investment subsidy of 15% is given to an approved project."] },
  }),
];

describe("a request for some scheme, in general words", () => {
  const dir = tempDir("sahayak-vague-any-scheme-");
  let kb: KnowledgeBase;
  let engine: DialogueEngine;
  before(async () => ({ kb, engine } = await engineOver(dir.path, [...sampleRecords(), ...records])));
  after(async () => {
    await kb.close();
    dir.cleanup();
  });

  for (const text of ["मुझे किसी योजना के बारे में जानकारी चाहिए", "kisi yojana ki jaankari chahiye thi", "I wanted to know about some government scheme"]) {
    it(`is asked what help is wanted, no scheme answered: "${text}"`, async () => {
      const reply = await engine.respond({ text }, newContext("t"));
      assert.notEqual(reply.action, "answer", reply.text);
      assert.notEqual(reply.action, "out_of_scope", reply.text);
      assert.ok(!reply.schemeIds.includes("cis-test"), reply.text);
    });
  }

  it("the scheme is still found by its short form", async () => {
    const reply = await engine.respond({ text: "CIS subsidy kitni milti hai?" }, newContext("t"));
    assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "cis-test"], reply.text);
  });
});
