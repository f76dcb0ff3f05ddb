// Recognised speech runs words together and breaks them apart: a scheme's name glued to the words beside
// it, or broken at a piece that sounds like a function word, still names the scheme, in English and in
// romanised Hindi, for the knowledge base's own names (a made-up scheme as much as a real one); everyday
// words run together name nothing.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newContext, type DialogueEngine, type Utterance } from "../../src/dialogue/index.js";
import type { KnowledgeBase } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir } from "../helpers.js";
import { engineOver, scheme } from "./engine-over.js";

/** A scheme no code knows of: found by its name's sound as any other. */
const madeUp = scheme({
  schemeId: "kalvani-test",
  name: { en: "Mukhyamantri Kalvani Yojana" },
  description: { en: "The Mukhyamantri Kalvani Yojana pays a monthly pension to handloom weavers above 60 years of age." },
  tags: ["Weavers", "Pension"],
});

describe("dialogue: a scheme's name run together with other words, or broken apart, in recognised speech", () => {
  const dir = tempDir("sahayak-glued-");
  let kb: KnowledgeBase;
  let engine: DialogueEngine;
  before(async () => ({ kb, engine } = await engineOver(dir.path, [...sampleRecords([...SAMPLE_IDS]), madeUp])));
  after(async () => {
    await kb.close();
    dir.cleanup();
  });
  /** Recognised speech: a confidence is what marks a turn as heard. */
  const heard: Omit<Utterance, "text"> = { confidence: 0.6 };

  it("English: a name glued to the word before it, asked after another scheme, switches to it", async () => {
    const ctx = newContext("g1");
    const first = await engine.respond({ text: "what is atal pension yojana", ...heard }, ctx);
    assert.deepEqual([first.action, first.schemeIds[0]], ["answer", "apy"], first.text);
    const r = await engine.respond({ text: "tell me the loan limit inmudra scheme", ...heard }, ctx);
    assert.deepEqual([r.action, r.schemeIds[0]], ["answer", "pmmy"], r.text);
  });

  it("romanised Hindi: a name glued to the word after it", async () => {
    const r = await engine.respond({ text: "svanidhiloan kitna milta hai", ...heard }, newContext("g2"));
    assert.deepEqual([r.action, r.schemeIds[0]], ["answer", "pm-svanidhi"], r.text);
  });

  it("romanised Hindi: a name broken where its second piece sounds like a function word", async () => {
    const r = await engine.respond({ text: "ujj wala yojana mein cylinder kaise milega", ...heard }, newContext("g4"));
    assert.deepEqual([r.action, r.schemeIds[0]], ["answer", "pmuy"], r.text);
  });

  it("a scheme added to the knowledge base is found glued as the others are", async () => {
    const r = await engine.respond({ text: "tell me about thekalvani yojana", ...heard }, newContext("g5"));
    assert.deepEqual([r.action, r.schemeIds[0]], ["answer", "kalvani-test"], r.text);
  });

  it("everyday words run together name no scheme", async () => {
    for (const text of ["my phone is notworking", "i want togo home", "whatis your name"]) {
      const r = await engine.respond({ text, ...heard }, newContext("g6"));
      assert.ok(r.action !== "answer" && r.action !== "confirm", `${text}: ${r.action} ${r.schemeIds.join(",")} ${r.text}`);
    }
  });
});

const SAMPLE_IDS = ["apy", "pmmy", "pm-svanidhi", "pmuy", "pmuy2", "pm-kisan", "kcc", "ab-pmjay", "giango"] as const;
