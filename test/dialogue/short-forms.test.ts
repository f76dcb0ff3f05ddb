// A scheme's own short forms, as callers write them, name it: a short form written in parts ("PM-KMY" for
// the record's "PMKMY"), and one a letter off the record's (two words of the name said as one: "PMFME" for
// "PMFMPE"). Real records, with the schemes those short forms could be confused with.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newContext, type DialogueEngine, type Reply } from "../../src/dialogue/index.js";
import type { KnowledgeBase } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir } from "../helpers.js";
import { engineOver } from "./engine-over.js";

/** The schemes asked about, and the real ones whose names share their words or letters ("kmy", "Food Processing", "Interest Subsidy"). */
const ids = ["pmfmpe", "pmkmy", "kmys2016", "chief-minister-agriculture-and-food-processing-scheme", "ipstasfpi", "gtcis", "sfasiis", "cmpsmp", "py-jbocwwb", "pahal-dbtl"];

describe("short forms as callers write them", () => {
  const dir = tempDir("sahayak-short-forms-");
  let kb: KnowledgeBase;
  let engine: DialogueEngine;
  before(async () => ({ kb, engine } = await engineOver(dir.path, [...sampleRecords(), ...sampleRecords(ids)])));
  after(async () => {
    await kb.close();
    dir.cleanup();
  });
  const ask = (text: string): Promise<Reply> => engine.respond({ text }, newContext("s"));

  for (const text of ["Who can join PM-KMY?", "PM-KMY में कौन जुड़ सकता है?", "PM KMY me kaun jud sakta hai"]) {
    it(`a short form written in parts: "${text}"`, async () => {
      const reply = await ask(text);
      assert.equal(reply.action, "answer", reply.text);
      assert.equal(reply.schemeIds[0], "pmkmy", reply.text);
    });
  }

  for (const text of ["What help does PMFME give a small pickle maker?", "PMFME में छोटे उद्यम को कितनी मदद मिलती है?", "PMFME me chhote udyam ko kitni madad milti hai"]) {
    it(`a short form one letter off the record's: "${text}"`, async () => {
      const reply = await ask(text);
      assert.equal(reply.action, "answer", reply.text);
      assert.equal(reply.schemeIds[0], "pmfmpe", reply.text);
    });
  }

  it("a short title's alternatives are each a name ('PAHAL / DBTL')", async () => {
    const hits = await kb.search.search("What is DBTL?", { limit: 3 });
    assert.equal(hits[0]?.schemeId, "pahal-dbtl");
    assert.ok((hits[0]?.nameScore ?? 0) >= 0.6, JSON.stringify(hits[0]));
  });

  it("a spelt word two letters off names nothing", async () => {
    const hits = await kb.search.search("PMFMXYE", { limit: 3 });
    assert.ok(hits.every((h) => h.nameScore < 0.6), JSON.stringify(hits));
  });
});
