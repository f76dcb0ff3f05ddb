// The words a caller tells their story in are never the name of a scheme the knowledge base lacks: a word
// of kin ("my mother-in-law"), of time ("70 years"), of address ("bhai sahab"), "am" after a noun, or the
// town they say they live in or call from, whether or not the gazetteer knows it ("near <town>", "<town> se
// bol raha hoon"). The question about a scheme after them is answered, not met with "no details of <word>".
// In English, Hindi and romanised Hindi.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { realEngine } from "./engine-over.js";

describe("scope: the words of a caller's story are no scheme's name", () => {
  const real = realEngine();
  const talk = (text: string) => real.engine.respond({ text }, newContext("s"));

  it("kin, time and address words, and a town said as where the caller is, get no 'no details of' them", async () => {
    for (const [text, words] of [
      ["Khairodi gaon hai hamara, saas ki umar 70 saal, unko vridha pension mein kya milega?", ["khairodi", "saas"]],
      ["खैरोदी गाँव की हूँ, सास की उम्र सत्तर साल है, उनकी वृद्धावस्था पेंशन की रकम क्या है?", ["खैरोदी", "सास"]],
      ["Our field is close to Khairodi. Which office takes the form for a solar pump subsidy?", ["khairodi"]],
      ["Sahab, bakri palan ke liye sarkari madad milti hai?", ["sahab"]],
      ["मैं कपड़े सिलता हूँ, सिलाई मशीन योजना से क्या सहायता है?", ["हूँ"]],
    ] as const) {
      const reply = await talk(text);
      assert.notEqual(reply.action, "out_of_scope", `${text}: ${reply.text}`);
      for (const w of words) assert.ok(!reply.text.toLowerCase().includes(w), `${text}: ${reply.text}`);
    }
  });
});
