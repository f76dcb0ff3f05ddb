// The calibrated decision refuses below a bar of its own (dialogue.refuseBelowInScope, fitted with its weights
// by bench/scope-fit.ts), apart from the bar the paths of a name the knowledge base lacks keep.
// Talk of a game in English and Hindi, own sentences.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { DialogueEngine, newContext } from "../../src/dialogue/index.js";
import { realKnowledgeBase } from "../kb-fixture.js";

describe("the scope decision's own bar", () => {
  let fixture: Awaited<ReturnType<typeof realKnowledgeBase>>;
  before(async () => {
    fixture = await realKnowledgeBase();
  });
  after(() => fixture.cleanup());

  const reply = async (bar: number, text: string) => {
    const config = { ...fixture.config, dialogue: { ...fixture.config.dialogue, refuseBelowInScope: bar } };
    const engine = await DialogueEngine.create(fixture.kb, config);
    return engine.respond({ text }, newContext("bar"));
  };

  it("decides where talk of a game is refused", async () => {
    for (const text of ["which side took the most wickets in the test match", "टेस्ट मैच में सबसे ज़्यादा विकेट किसने लिए"]) {
      assert.equal((await reply(fixture.config.dialogue.refuseBelowInScope, text)).action, "out_of_scope", text);
      // a bar no question falls below refuses none
      assert.notEqual((await reply(0, text)).action, "out_of_scope", text);
    }
  });
});
