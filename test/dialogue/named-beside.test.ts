// A scheme named by a word only it uses, beside a name written with capitals that no record holds (the
// caller's bank, the centre they work at): the scheme is answered, the capitalised words are part of the
// story, not "no details of" them; a name written so with no held scheme's telling word stays unknown.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext, type Reply } from "../../src/dialogue/index.js";
import { realEngine } from "./engine-over.js";

describe("a scheme named beside a capitalised name of the story", () => {
  const real = realEngine();
  const ask = (text: string): Promise<Reply> => real.engine.respond({ text }, newContext("named-beside"));

  const named: [string, string][] = [
    ["My son borrowed from Kamrup Gramin Vikas Bank for his engineering course. How much does the Abhinandan education loan subsidy pay?", "aelss"],
    ["beti ne Kamrup Gramin Vikas Bank se padhai ka loan liya hai, Abhinandan education loan subsidy kitni milegi?", "aelss"],
    ["बेटी ने Kamrup Gramin Vikas Bank से पढ़ाई का लोन लिया है, Abhinandan Education Loan Subsidy Scheme में कितनी सब्सिडी मिलेगी?", "aelss"],
    ["My father spins at the Gandhi Seva Sadan and is in the Janashree bima for khadi karigar. What is paid if he dies?", "kkjby"],
    ["mera bhai Gandhi Seva Sadan me khadi katta hai, khadi karigar Janashree bima yojana me maut hone par kitna paisa milta hai?", "kkjby"],
  ];
  for (const [text, schemeId] of named) {
    it(`the scheme, not "no details" of the capitalised words: "${text}"`, async () => {
      const reply = await ask(text);
      assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", schemeId], reply.text);
    });
  }

  it("a capitalised name with no held scheme's telling word beside it is still a scheme the knowledge base lacks", async () => {
    const reply = await ask("What does the Lakshmi Suraksha Kavach scheme of Assam pay to a girl student?");
    assert.equal(reply.action, "no_info", reply.text);
    assert.match(reply.text, /lakshmi suraksha kavach/i);
  });
});
