// A question asked about a scheme whose name was not made out (letters spelt out, a name broken into words
// no one knows) is met with "which scheme do you mean?", never refused as out of scope and never answered for
// the scheme spoken of before; a word of asking about a scheme beside an everyday topic (a passport) or one
// whole unknown word (an app) is still refused.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext, type DialogueContext, type Reply, type Utterance } from "../../src/dialogue/index.js";
import { prompts } from "../../src/dialogue/prompts.js";
import { realEngine } from "./engine-over.js";

describe("dialogue: a scheme asked about by a name not made out", () => {
  const real = realEngine();
  const talk = (text: string, extra: Omit<Utterance, "text"> = {}, ctx: DialogueContext = newContext("n")): Promise<Reply> => real.engine.respond({ text, ...extra }, ctx);
  const asksWhich = (reply: Reply, text: string) => {
    assert.equal(reply.action, "clarify", `${text}: ${reply.text}`);
    assert.deepEqual(reply.schemeIds, [], `${text}: no scheme guessed`);
    assert.ok(reply.text === prompts.noSchemeYet.en || reply.text === prompts.noSchemeYet.hi, `${text}: ${reply.text}`);
  };

  it("letters spelt out or a name broken into words no one knows, asked as a scheme's field, is asked back in English, Hindi and romanised Hindi", async () => {
    for (const text of [
      "which documents are needed for the t r b s",
      "what papers do i need for the prandoli zelk",
      "who is eligible for the k egv",
      "zabroni kelvat ke liye kaun apply kar sakta hai",
      "k v z ke liye kaun se kagaz chahiye",
      "झबरोनी केलवत के लिए कौन से कागज़ चाहिए",
      "ज़ब्रोनी केलवत के लिए कौन आवेदन कर सकता है",
    ]) {
      asksWhich(await talk(text), text);
    }
  });

  it("who runs a scheme and the word after it, in a question about a scheme's field, is a name not made out", async () => {
    for (const text of ["who can apply for cm zorbal", "pm zelvora ke liye kaun se kagaz chahiye", "मुख्यमंत्री झबरोनी के लिए कौन आवेदन कर सकता है"]) {
      asksWhich(await talk(text), text);
    }
  });

  it("recognised speech that spells a name out is asked back, not refused", async () => {
    for (const text of ["how do i apply for the p m zelk", "who can get the m egv", "kaun patra hai k v z ke liye"]) {
      asksWhich(await talk(text, { confidence: 0.5 }), text);
    }
  });

  it("after another scheme, a garbled name is asked back rather than answered for the scheme before", async () => {
    for (const [first, then] of [
      ["Tell me about Atal Pension Yojana", "what papers for the t r b s"],
      ["PM Kisan kya hai", "who is eligible for the k egv"],
      ["अटल पेंशन योजना क्या है", "झबरोनी केलवत के लिए कौन से कागज़ चाहिए"],
    ] as const) {
      const ctx = newContext("f");
      await talk(first, {}, ctx);
      asksWhich(await talk(then, {}, ctx), then);
    }
  });

  it("a word of asking about a scheme beside an everyday topic, or beside one whole word no one knows (an app), is still out of scope", async () => {
    for (const text of ["what documents do i need for a passport", "पासपोर्ट बनवाने के लिए कौन से कागज़ चाहिए", "how to apply for a jio sim", "how much does an iphone cost", "pm modi ki umar kitni hai", "how to register on qwipzo", "kaun apply kar sakta hai qwipzo me", "क्विपज़ो के लिए कौन आवेदन कर सकता है"]) {
      const reply = await talk(text);
      assert.equal(reply.action, "out_of_scope", `${text}: ${reply.text}`);
    }
  });
});
