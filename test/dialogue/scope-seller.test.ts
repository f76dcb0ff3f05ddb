// A seller named by a name the knowledge base never uses sells its own products: said as the owner or the
// source of a kind of help ("<brand> ki bike insurance policy", "a gold loan from <brand>"), or as a business
// by a family name a dictionary glosses with a meaning no scheme uses ("जौहरी": a jeweller), it is refused,
// in English, Hindi and romanised Hindi. A scheme the knowledge base lacks, called a scheme, still gets "no
// details"; a kind of help from a bank the schemes speak of is still answered.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { realEngine } from "./engine-over.js";

describe("scope: a seller's own product", () => {
  const real = realEngine();
  const talk = (text: string) => real.engine.respond({ text }, newContext("b"));

  it("a kind of help owned by or got from a name no scheme uses is refused", async () => {
    for (const text of [
      "Kelvora ki bike insurance policy ka premium kitna padega",
      "ट्रिवांटा से पर्सनल लोन पर ब्याज दर क्या है?",
      "How much interest would I pay on a gold loan from Kelvora?",
      "जौहरी फाइनेंस से ईएमआई पर फ्रिज लेना है, कौन से कागज़ लगेंगे?",
    ]) {
      const reply = await talk(text);
      assert.equal(reply.action, "out_of_scope", `${text}: ${reply.action} ${reply.text}`);
    }
  });

  it("a scheme called a scheme, or help from a bank the schemes speak of, is not refused", async () => {
    for (const text of ["Kelvora Samman Yojana ki kist kab aayegi", "andhe logon ke liye koi pension milti hai kya", "सहकारी बैंक से खेती के लिए लोन कैसे मिलेगा", "which bank gives a loan for a small shop"]) {
      const reply = await talk(text);
      assert.notEqual(reply.action, "out_of_scope", `${text}: ${reply.text}`);
    }
  });
});
