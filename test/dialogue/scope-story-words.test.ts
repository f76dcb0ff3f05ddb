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
      ["Namaste, main Khairodi se bol raha hoon, meri saas 70 saal ki hai. Budhapa pension kitni milti hai mahine ki?", ["khairodi", "saas"]],
      ["मैं खैरोदी से बोल रही हूँ, मेरी सास सत्तर साल की हैं। बुढ़ापा पेंशन में महीने का कितना पैसा मिलता है?", ["खैरोदी", "सास"]],
      ["We have two acres near Khairodi and want to buy a pump. Where do I apply for the subsidy on a solar pump?", ["khairodi"]],
      ["Ram Ram bhai sahab, hum bakri palte hain. Bakri palan ke liye koi yojana hai kya?", ["sahab"]],
      ["नमस्ते, मैं दर्ज़ी हूँ, सिलाई का काम करता हूँ। सिलाई मशीन योजना में कितना पैसा मिलता है?", ["हूँ"]],
    ] as const) {
      const reply = await talk(text);
      assert.notEqual(reply.action, "out_of_scope", `${text}: ${reply.text}`);
      for (const w of words) assert.ok(!reply.text.toLowerCase().includes(w), `${text}: ${reply.text}`);
    }
  });
});
