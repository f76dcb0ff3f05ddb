import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext, type Utterance } from "../../src/dialogue/index.js";
import { realEngine } from "./engine-over.js";

type Said = readonly (readonly [text: string, lang: "en" | "hi-Latn" | "hi"])[];

/** Words that name SUMAN ("summon"), where the audio may say Mahila Samman Savings Certificate. */
const SUMMON: Said = [
  ["what is the summon scheme", "en"],
  ["summon yojana kya hai", "hi-Latn"],
  ["सुमन योजना क्या है", "hi"],
];
/** Words that sound like Atal Pension Yojana across their boundaries (0.75 and more). */
const AT_LENSION: Said = [
  ["what is the age limit for at lension you again", "en"],
  ["at lension you again mein umar kitni chahiye", "hi-Latn"],
  ["at lension you again की उम्र सीमा क्या है", "hi"],
];
/** Words that sound like it more faintly, which on their own are not offered. */
const PINSHUN: Said = [
  ["age limit for atal pinshun", "en"],
  ["atal pinshun ki age limit kya hai", "hi-Latn"],
  ["atal pinshun की आयु सीमा क्या है", "hi"],
];

describe("names heard in the audio against the scheme the recognised words point to", () => {
  const real = realEngine();
  /** The first reply to a spoken turn, as [action, first scheme]. */
  const reply = async (text: string, lang: string, heardNames: Utterance["heardNames"]): Promise<[string, string | undefined, string]> => {
    const r = await real.engine.respond({ text, lang, confidence: 0.7, ...(heardNames?.length ? { heardNames } : {}) }, newContext(`heard-${text}`, lang === "hi" ? "hi" : "en"));
    return [r.action, r.schemeIds[0], r.text];
  };
  const expect = async (said: Said, heardNames: Utterance["heardNames"], want: [string, string]) => {
    for (const [text, lang] of said) {
      const [action, schemeId, words] = await reply(text, lang, heardNames);
      assert.deepEqual([action, schemeId], want, `${text}: ${words}`);
    }
  };

  it("a name the audio supports, where it hardly supports the words' scheme, is offered for a yes/no instead", async () => {
    await expect(SUMMON, [], ["answer", "suman"]);
    await expect(SUMMON, [{ schemeId: "mssc", score: 0.7 }], ["confirm", "mssc"]);
  });

  it("the words' scheme heard in the audio too keeps it; a faint other name does not displace it", async () => {
    await expect(SUMMON, [{ schemeId: "mssc", score: 0.7 }, { schemeId: "suman", score: 0.5 }], ["answer", "suman"]);
    await expect(SUMMON, [{ schemeId: "mssc", score: 0.2 }], ["answer", "suman"]);
  });

  it("a name the words only sound like does not outweigh a name the audio supports where it does not support theirs", async () => {
    await expect(AT_LENSION, [], ["confirm", "apy"]);
    await expect(AT_LENSION, [{ schemeId: "pmjdy", score: 0.6 }], ["confirm", "pmjdy"]);
  });

  it("a name the words sound like is offered only when the scorer heard it first, and then from a fainter likeness", async () => {
    // the scorer heard another name first, too faintly to offer: the words' likeness alone is not offered
    for (const [text, lang] of AT_LENSION) {
      const [action, schemeId, words] = await reply(text, lang, [{ schemeId: "pmjdy", score: 0.2 }]);
      assert.ok(!(action === "confirm" && schemeId === "apy"), `${text}: ${words}`);
    }
    // it heard the same name first, faintly: the two together are
    await expect(AT_LENSION, [{ schemeId: "apy", score: 0.1 }], ["confirm", "apy"]);
    // a fainter likeness than is offered on the words alone, with the scorer's first name the same
    for (const [text, lang] of PINSHUN) {
      const [action, , words] = await reply(text, lang, []);
      assert.ok(action !== "confirm" && action !== "answer", `${text}: ${words}`);
    }
    await expect(PINSHUN, [{ schemeId: "apy", score: 0.07 }], ["confirm", "apy"]);
  });
});
