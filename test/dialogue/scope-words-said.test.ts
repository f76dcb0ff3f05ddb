// Words of a question about schemes that were read as something else and refused it: a town whose name,
// written in Devanagari, sounds near an English word (त्रिशूर near "treasure") is a town, the caller's
// state, not an English word against scope; and a Hindi word bent from one the dictionary knows ("बुढ़ापे",
// of old age) is that word, not a business's name owning the pension asked about. English, Hindi and
// romanised Hindi.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { realEngine } from "./engine-over.js";

describe("scope: words a question about schemes says", () => {
  const real = realEngine();
  const ask = (text: string) => real.engine.respond({ text }, newContext("w"));

  it("a long town's name in Devanagari is a town, though an English word sounds near it", async () => {
    const kb = real.kb;
    assert.equal(kb.search.stateIn("मैं त्रिशूर में रहती हूँ"), "Kerala");
    // a short word is still the English word it sounds like, never a town spelt a letter or two off
    assert.equal(kb.search.isPlace("अगर"), false);
  });

  it("a question about schemes naming such a town is not refused", async () => {
    for (const text of TOWN) {
      const reply = await ask(text);
      assert.notEqual(reply.action, "out_of_scope", `${text}: ${reply.text}`);
    }
  });

  it("a bent Hindi word before a kind of help is no business owning it", async () => {
    for (const text of BENT) {
      const reply = await ask(text);
      assert.notEqual(reply.action, "out_of_scope", `${text}: ${reply.text}`);
    }
  });
});

const TOWN = [
  "त्रिशूर से बोल रही हूँ, विधवा के लिए कौन सी योजना है?",
  "I live in Thrissur and my husband died last year. What help is there for widows?",
  "Thrissur se bol rahi hoon, vidhwa ko kaunsi sahayata milti hai?",
] as const;

const BENT = [
  "मेरी माँ बासठ साल की हैं, बुढ़ापे की पेंशन का फॉर्म कहाँ मिलेगा?",
  "My mother is sixty-two. Where does she get the old age pension form?",
  "meri maa 62 saal ki hain, budhape ki pension ka form kahan milega?",
] as const;
