// Recognised speech that came out as words nobody says is not understood, not out of scope: the caller is
// asked to say it again, where a typed line is judged as written and a clear spoken one as before.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newContext, type DialogueEngine, type Utterance } from "../../src/dialogue/index.js";
import type { KnowledgeBase } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir } from "../helpers.js";
import { engineOver } from "./engine-over.js";

describe("dialogue: a garbled recognised turn is asked again, not refused", () => {
  const dir = tempDir("sahayak-misheard-");
  let kb: KnowledgeBase;
  let engine: DialogueEngine;
  before(async () => ({ kb, engine } = await engineOver(dir.path, sampleRecords())));
  after(async () => {
    await kb.close();
    dir.cleanup();
  });
  const talk = (text: string, extra: Omit<Utterance, "text"> = {}) => engine.respond({ text, ...extra }, newContext("m"));
  const garbled = "the vorplin skadge and a trumbelo for the football";

  it("heard by the recogniser, the caller is asked to say it again", async () => {
    const r = await talk(garbled, { lang: "en", confidence: 0.4 });
    assert.equal(r.action, "clarify", r.text);
    assert.equal(r.notMadeOut, true, "the call counts it as words not made out");
  });

  it("the same words typed are judged as written: refused", async () => {
    const r = await talk(garbled);
    assert.equal(r.action, "out_of_scope", r.text);
    assert.equal(r.notMadeOut, undefined);
  });

  it("clear everyday speech heard by the recogniser is still refused", async () => {
    const r = await talk("who won the football match yesterday", { lang: "en", confidence: 0.4 });
    assert.equal(r.action, "out_of_scope", r.text);
  });
});
