import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext, type Reply, type Utterance } from "../../src/dialogue/index.js";
import { realEngine } from "./engine-over.js";

describe("names heard in the audio against the scheme the recognised words point to", () => {
  const real = realEngine();
  const spoken = (text: string, lang: Utterance["lang"], heardNames: Utterance["heardNames"]): Promise<Reply> =>
    real.engine.respond({ text, lang, confidence: 0.7, ...(heardNames?.length ? { heardNames } : {}) }, newContext(`heard-${text}`, lang === "hi" ? "hi" : "en"));

  it("a name the audio supports, where it hardly supports the words' scheme, is offered for a yes/no instead", async () => {
    // the words name SUMAN ("summon"); the audio says Mahila Samman Savings Certificate
    for (const [text, lang] of [
      ["what is the summon scheme", "en"],
      ["summon yojana kya hai", "hi-Latn"],
      ["सुमन योजना क्या है", "hi"],
    ] as const) {
      const words = await spoken(text, lang, []);
      assert.deepEqual([words.action, words.schemeIds[0]], ["answer", "suman"], `${text}: ${words.text}`);
      const heard = await spoken(text, lang, [{ schemeId: "mssc", score: 0.7 }]);
      assert.deepEqual([heard.action, heard.schemeIds[0]], ["confirm", "mssc"], `${text}: ${heard.text}`);
    }
  });

  it("the words' scheme heard in the audio too keeps it; a faint other name does not displace it", async () => {
    for (const [text, lang] of [
      ["what is the summon scheme", "en"],
      ["summon yojana kya hai", "hi-Latn"],
      ["सुमन योजना क्या है", "hi"],
    ] as const) {
      const agreed = await spoken(text, lang, [{ schemeId: "mssc", score: 0.7 }, { schemeId: "suman", score: 0.5 }]);
      assert.deepEqual([agreed.action, agreed.schemeIds[0]], ["answer", "suman"], `${text}: ${agreed.text}`);
      const faint = await spoken(text, lang, [{ schemeId: "mssc", score: 0.2 }]);
      assert.deepEqual([faint.action, faint.schemeIds[0]], ["answer", "suman"], `${text}: ${faint.text}`);
    }
  });

  it("a name the words only sound like does not outweigh a name the audio supports where it does not support theirs", async () => {
    for (const [text, lang] of [
      ["what is the age limit for at lension you again", "en"],
      ["at lension you again mein umar kitni chahiye", "hi-Latn"],
      ["at lension you again की उम्र सीमा क्या है", "hi"],
    ] as const) {
      const bySound = await spoken(text, lang, []);
      assert.deepEqual([bySound.action, bySound.schemeIds[0]], ["confirm", "apy"], `${text}: ${bySound.text}`);
      const heard = await spoken(text, lang, [{ schemeId: "pmjdy", score: 0.6 }]);
      assert.deepEqual([heard.action, heard.schemeIds[0]], ["confirm", "pmjdy"], `${text}: ${heard.text}`);
    }
  });

  it("a name the words sound like is offered only when the scorer heard it first, and then from a fainter likeness", async () => {
    for (const [text, lang] of [
      ["what is the age limit for at lension you again", "en"],
      ["at lension you again mein umar kitni chahiye", "hi-Latn"],
      ["at lension you again की उम्र सीमा क्या है", "hi"],
    ] as const) {
      // the scorer heard another name first, too faintly to offer: the words' likeness alone is not offered
      const other = await spoken(text, lang, [{ schemeId: "pmjdy", score: 0.2 }]);
      assert.ok(!(other.action === "confirm" && other.schemeIds[0] === "apy"), `${text}: ${other.text}`);
      // it heard the same name first, faintly: the two together are
      const same = await spoken(text, lang, [{ schemeId: "apy", score: 0.1 }]);
      assert.deepEqual([same.action, same.schemeIds[0]], ["confirm", "apy"], `${text}: ${same.text}`);
    }
    // a fainter likeness than is offered on the words alone, with the scorer's first name the same
    for (const [text, lang] of [
      ["age limit for atal pinshun", "en"],
      ["atal pinshun ki age limit kya hai", "hi-Latn"],
      ["atal pinshun की आयु सीमा क्या है", "hi"],
    ] as const) {
      const words = await spoken(text, lang, []);
      assert.ok(words.action !== "confirm" && words.action !== "answer", `${text}: ${words.text}`);
      const agreed = await spoken(text, lang, [{ schemeId: "apy", score: 0.07 }]);
      assert.deepEqual([agreed.action, agreed.schemeIds[0]], ["confirm", "apy"], `${text}: ${agreed.text}`);
    }
  });
});
