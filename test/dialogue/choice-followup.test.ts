// A question after a choice was offered, instead of a pick. After the caller named one scheme and was asked
// which of its versions they meant, a fact asked of a kind of help its first version's record speaks of (an
// accident's payment, of an insurance) is asked of it: it stays. After a question for any help at all ("is
// there any help for …", "koi madad milti hai kya"), the choice settled nothing: "how do I apply for it?"
// is asked which one, never answered for the first offered.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext, type Reply } from "../../src/dialogue/index.js";
import { OPEN_SCHEME_QUESTION } from "../../src/dialogue/nlu.js";
import { realEngine } from "./engine-over.js";

describe("a question instead of a pick", () => {
  const real = realEngine();
  const turns = async (first: string, second: string): Promise<[Reply, Reply]> => {
    const ctx = newContext("choice-followup");
    const one = await real.engine.respond({ text: first }, ctx);
    return [one, await real.engine.respond({ text: second }, ctx)];
  };

  for (const [first, second] of [
    ["Tell me about the Aam Aadmi Bima Yojana, I live in Nagpur", "How much is paid to the family if the insured person dies in an accident?"],
    ["Aam Aadmi Bima Yojana ke baare mein bataiye, main Nanded se hoon", "agar accident mein maut ho jaye to parivar ko kitna milega?"],
  ] as const) {
    it(`stays with the scheme named when its record speaks of what is asked: "${second}"`, async () => {
      const [one, two] = await turns(first, second);
      assert.equal(one.action, "clarify", one.text);
      assert.equal(two.action, "answer", two.text);
      assert.equal(two.schemeIds[0], one.schemeIds[0], two.text);
      assert.match(two.text, /75,000/, two.text);
    });
  }

  for (const [first, second] of [
    ["Is there any help for a poor family when the daughter gets married?", "How do I apply for it?"],
    ["बेटी की शादी के लिए कोई सरकारी सहायता मिलती है क्या?", "उसके लिए आवेदन कैसे करें?"],
    ["beti ki shaadi ke liye koi madad milti hai kya", "uska form kaise bharna hai?"],
  ] as const) {
    it(`asks which scheme after a question for any help: "${first}"`, async () => {
      const [one, two] = await turns(first, second);
      assert.equal(one.action, "clarify", one.text);
      assert.equal(two.action, "clarify", two.text);
    });
  }

  it("reads a question for any help as open, one for a named kind as not", () => {
    for (const q of ["Is there any help for a poor family when the daughter gets married?", "बेटी की शादी के लिए कोई सरकारी सहायता मिलती है क्या?", "beti ki shaadi ke liye koi madad milti hai kya"]) assert.ok(OPEN_SCHEME_QUESTION.test(q), q);
    for (const q of ["Is there a pension for widows?", "विधवाओं के लिए पेंशन मिलती है क्या?", "vidhwa pension milti hai kya"]) assert.ok(!OPEN_SCHEME_QUESTION.test(q), q);
  });
});
