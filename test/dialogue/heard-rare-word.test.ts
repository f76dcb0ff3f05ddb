// Recognised speech: a scheme's name heard by sound across the words goes before a single unknown word
// the recogniser made of the rest, which labels one other scheme.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newContext, type DialogueEngine, type Utterance } from "../../src/dialogue/index.js";
import type { KnowledgeBase } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir } from "../helpers.js";
import { engineOver, scheme } from "./engine-over.js";

const waterScheme = scheme({
  schemeId: "zpjs-test",
  name: { en: "Zarimba Pani Jal Seva Yojana" },
  description: { en: "The Zarimba Pani Jal Seva Yojana brings piped drinking water to households in drought-hit villages." },
  tags: ["Drinking Water", "Village"],
});
/** A scheme labelled with a word no other scheme and no dictionary knows. */
const hillScheme = scheme({
  schemeId: "hill-test",
  name: { en: "Upland Orchard Grant" },
  description: { en: "The Upland Orchard Grant helps fruit growers of the Kurvosh hills replant old orchards." },
  tags: ["Horticulture", "Kurvosh Hills"],
});

describe("dialogue: a name heard by sound and an unknown word of another scheme", () => {
  const dir = tempDir("sahayak-heard-rare-");
  let kb: KnowledgeBase;
  let engine: DialogueEngine;
  before(async () => ({ kb, engine } = await engineOver(dir.path, [...sampleRecords(), waterScheme, hillScheme])));
  after(async () => {
    await kb.close();
    dir.cleanup();
  });
  const talk = (text: string, extra: Omit<Utterance, "text"> = {}) => engine.respond({ text, ...extra }, newContext("r"));

  it("typed, the unknown word names the scheme whose text holds it", async () => {
    const r = await talk("tell me about kurvosh");
    assert.deepEqual([r.action, r.schemeIds[0]], ["answer", "hill-test"], r.text);
  });

  it("heard, a name the words sound like is offered for a yes/no instead of answering for the unknown word's scheme", async () => {
    const r = await talk("zar imba paani jail say va kurvosh", { confidence: 0.6 });
    assert.deepEqual([r.action, r.schemeIds[0]], ["confirm", "zpjs-test"], r.text);
  });
});
