// A follow-up that says "it" and tells of someone of the caller's own ("can my son apply in it? he is 16
// and learning a trade") asks about the scheme just answered: the group the person belongs to (a child) is
// whom it is for, not another kind of help. A kind of help named with its group and no one of the caller's
// own ("and the disability pension, who gets it?") still turns to that kind. English, Hindi, romanised Hindi.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext, type Reply } from "../../src/dialogue/index.js";
import { realEngine } from "./engine-over.js";

describe("a follow-up about 'it' that tells of the caller's own", () => {
  const real = realEngine();
  const after = async (first: string, then: string): Promise<Reply> => {
    const ctx = newContext("t");
    await real.engine.respond({ text: first }, ctx);
    return real.engine.respond({ text: then }, ctx);
  };

  it("stays with the scheme just answered", async () => {
    for (const [first, then] of [
      ["Tell me about PM Vishwakarma", "can my son apply in it? he is 16 and is learning to be a blacksmith"],
      ["PM Vishwakarma ke baare mein batao", "isme apply kaun kare? mera beta 16 saal ka hai, silai ka kaam seekh raha hai"],
      ["PM Vishwakarma ke baare mein batao", "mera beta 16 saal ka hai aur kaam seekh raha hai, isme kaun apply kar sakta hai?"],
      ["पीएम विश्वकर्मा के बारे में बताइए", "क्या मेरा लड़का इसमें आवेदन कर सकता है? वह 16 साल का है और लोहार का काम सीख रहा है"],
    ] as const) {
      const reply = await after(first, then);
      assert.equal(reply.action, "answer", `${then}: ${reply.text}`);
      assert.deepEqual(reply.schemeIds, ["pmv"], `${then}: ${reply.text}`);
    }
  });

  it("still turns to another kind named with its group when no one of the caller's own is told of", async () => {
    const reply = await after("What is the Indira Gandhi widow pension?", "and the disability pension, who can get it?");
    assert.ok(!reply.schemeIds.includes("ignwps") && reply.schemeIds.includes("igndps"), reply.text);
  });
});
