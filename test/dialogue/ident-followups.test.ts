// A follow-up about the scheme just talked about: an everyday Hindi word bent as Hindi bends words is no
// other scheme's name garbled, and the words of a kind of help the scheme's own name holds ("education
// loan" after an education loan scheme), asked of "it", do not name another scheme that has them too.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext, type Reply } from "../../src/dialogue/index.js";
import { realEngine } from "./engine-over.js";

describe("follow-ups stay with the scheme talked about", () => {
  const real = realEngine();
  const turns = async (first: string, second: string): Promise<Reply> => {
    const ctx = newContext("ident-followups");
    await real.engine.respond({ text: first }, ctx);
    return real.engine.respond({ text: second }, ctx);
  };

  it("an everyday Hindi word the dictionary lacks as bent is not a name garbled", async () => {
    const reply = await turns("प्रधानमंत्री जीवन ज्योति बीमा योजना में कितनी उम्र तक जुड़ सकते हैं?", "अगर बीमारी से मौत हो जाए तो घरवालों को कितना पैसा मिलेगा?");
    assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "pmjjby"], reply.text);
  });

  for (const [first, second] of [
    ["What is Assam's Abhinandan subsidy on education loans?", "And does the education loan for it have to be from a particular bank?"],
    ["Abhinandan wali education loan subsidy Assam ki, uske baare mein batao", "Theek hai, usme education loan ki rakam kam se kam kitni ho?"],
  ] as const) {
    it(`words of the scheme's own name asked of "it" are that scheme: "${second}"`, async () => {
      const reply = await turns(first, second);
      assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "aaelss"], reply.text);
    });
  }
});
