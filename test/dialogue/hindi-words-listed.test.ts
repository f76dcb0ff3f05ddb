// Everyday Hindi words the English–Hindi dictionary gives no meaning for ("देहांत", "dehant": passing away)
// are words of the language, not the name of a scheme the knowledge base lacks: a widow asking what help
// there is gets a choice of widows' schemes, never "no details of देहांत". English, Hindi and romanised Hindi.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { realEngine } from "./engine-over.js";

describe("everyday Hindi words the dictionary has no meaning for", () => {
  const real = realEngine();

  it("are not read as an unknown scheme's name, nor refuse the question", async () => {
    for (const text of WIDOW_ASKS) {
      const reply = await real.engine.respond({ text }, newContext("h"));
      assert.ok(!["no_info", "out_of_scope"].includes(reply.action), `${text}: ${reply.action} ${reply.text}`);
    }
  });
});

const WIDOW_ASKS = [
  "पति का देहांत हो गया, विधवा के लिए कौन सी योजना है?",
  "Thrissur se bol rahi hoon, pati ka dehant ho gaya, vidhwa ke liye kaunsi yojana hai?",
  "My husband passed away. Which scheme is there for widows?",
] as const;
