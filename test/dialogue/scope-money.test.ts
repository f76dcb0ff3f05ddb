// Words for what most schemes give ("rupaye", "paisa", "money") say nothing of whether a question is about
// schemes: a price in rupees per litre is refused, a pension in rupees is answered, in English, Hindi and
// romanised Hindi.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { scopeEvidence } from "../../src/dialogue/scope.js";
import { BackgroundLanguage, type SchemeConcepts } from "../../src/knowledge/index.js";
import { realEngine } from "./engine-over.js";

describe("scope: words of what most schemes give are neutral evidence", () => {
  it("a neutral word moves neither the lean of the words nor the share that names a concept", () => {
    // the knowledge base uses "rupees" in every scheme and "diesel" in a few; everyday speech knows both
    const concepts = { conceptCount: (w: string) => (w === "rupee" || w === "rupees" ? 900 : w === "diesel" ? 3 : 0), df: (w: string) => (w === "rupees" ? 900 : w === "diesel" ? 3 : 0), schemeCount: 1000 } as unknown as SchemeConcepts;
    const background = BackgroundLanguage.load();
    const input = { content: ["diesel", "litre"], named: 0, frame: false, conceptCounts: [3], conceptWords: 1 };
    const without = scopeEvidence(input, concepts, background);
    const neutral = scopeEvidence({ ...input, content: ["diesel", "rupees", "litre"], neutral: new Set(["rupees"]) }, concepts, background);
    assert.equal(neutral.domain, without.domain);
    assert.equal(neutral.conceptShare, without.conceptShare);
    assert.equal(neutral.foreign, without.foreign);
  });

  describe("in the dialogue", () => {
    const real = realEngine();
    const talk = (text: string) => real.engine.respond({ text }, newContext("m"));

    it("a price per litre or a way to grow money is refused; a scheme's sum in rupees is not", async () => {
      for (const text of ["diesel ka rate kitne rupaye litre chal raha hai", "paise double karne ke liye kaunsa mutual fund achha hai", "डीज़ल का भाव कितने रुपये लीटर चल रहा है", "how to double my money with shares"]) {
        const reply = await talk(text);
        assert.equal(reply.action, "out_of_scope", `${text}: ${reply.text}`);
      }
      for (const text of ["vidhwa pension kitne rupaye milti hai", "विकलांग पेंशन में कितने रुपये मिलते हैं", "how many rupees does the old age pension give", "beti ki shadi ke liye kitne rupaye milte hain"]) {
        const reply = await talk(text);
        assert.notEqual(reply.action, "out_of_scope", `${text}: ${reply.text}`);
      }
    });
  });
});
