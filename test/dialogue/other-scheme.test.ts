// A scheme pointed at as "the other one", unnamed, after a scheme was talked about: which one is asked, neither
// the scheme talked about nor one a word of the caller's story matches is answered; what else there is ("any
// other scheme") and a scheme named in full are not that.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext, type Reply } from "../../src/dialogue/index.js";
import { pointsAtUnnamedOther } from "../../src/dialogue/other-scheme.js";
import { realEngine } from "./engine-over.js";

describe("the other scheme, unnamed", () => {
  it("reads a pointed-at other scheme in three languages, and not what else there is", () => {
    for (const text of [
      "That other scheme the panchayat clerk mentioned, is there an age limit?",
      "vo doosra wala scheme jiska form maine bhara tha, uska paisa kab aata hai",
      "उस दूसरी योजना का क्या हुआ जिसकी बात आंगनवाड़ी दीदी कर रही थीं?",
      "ek aur yojana hai jo hamare mohalle mein sabko mili, usme kaun kaun le sakta hai",
    ]) assert.equal(pointsAtUnnamedOther(text), true, text);
    for (const text of [
      "Is there any other scheme that helps small shopkeepers?",
      "koi aur yojana batao jo buzurgon ke kaam aaye",
      "क्या कोई दूसरी योजना है जिसमें ज़्यादा पैसा मिले?",
      "Tell me about other schemes like this one",
      "doosri kist kab aayegi",
      "What about the other scheme for widows?",
      "vidhwaon ke liye wo dusri yojana kaunsi hai",
    ]) assert.equal(pointsAtUnnamedOther(text), false, text);
  });

  const real = realEngine();
  const turns = async (first: string, second: string): Promise<Reply> => {
    const ctx = newContext("other-scheme");
    await real.engine.respond({ text: first }, ctx);
    return real.engine.respond({ text: second }, ctx);
  };

  for (const [first, second] of [
    ["Who can join Atal Pension Yojana?", "And that other scheme my brother-in-law signed up for at the bank, how much does it pay?"],
    ["Atal Pension Yojana mein kaun jud sakta hai?", "aur wo doosri wali scheme jisme mere jeeja ne naam likhwaya tha, uske kagaz kya hain?"],
    ["अटल पेंशन योजना में कौन जुड़ सकता है?", "और वह दूसरी योजना जिसमें मेरे देवर का नाम आया था, उसका फ़ॉर्म कहाँ मिलेगा?"],
  ] as const) {
    it(`asks which scheme, answering none: "${second}"`, async () => {
      const reply = await turns(first, second);
      assert.equal(reply.action, "clarify", reply.text);
      assert.deepEqual(reply.schemeIds, [], reply.text);
    });
  }

  it("a scheme named in full beside the words is that scheme", async () => {
    const reply = await turns("Who can join Atal Pension Yojana?", "And the other one, Pradhan Mantri Jeevan Jyoti Bima Yojana, what is its premium?");
    assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "pmjjby"], reply.text);
  });
});
