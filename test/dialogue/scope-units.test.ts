// The in-scope evidence reads only the units the caller asks about: a village or a home said as where a
// story happens ("ghar par", "in our village") is no housing or rural help asked for, unless help is asked
// for; an English word is never read as a Hindi word it sounds like. Everyday questions told so are
// refused; help asked for with the same place words stays.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { askedAboutUnits, placesSaidAsWhere } from "../../src/dialogue/scope-units.js";
import { Lexicon } from "../../src/knowledge/lexicon.js";
import { realEngine } from "./engine-over.js";

describe("scope units: what the caller asks about", () => {
  it("a place word with a postposition or a preposition is where, not what", () => {
    assert.deepEqual([...placesSaidAsWhere("kal ghar par kaun aayega".split(" "))], ["ghar"]);
    assert.deepEqual([...placesSaidAsWhere("we met in the village square".split(" "))], ["village"]);
    assert.deepEqual([...placesSaidAsWhere("गाँव में मेला है".split(" "))], ["गाँव"]);
    assert.deepEqual([...placesSaidAsWhere("pakka ghar banana hai".split(" "))], []);
    // where the caller lives is no story's place: it tells which help
    assert.deepEqual([...placesSaidAsWhere("hum gaon mein rehte hain".split(" "))], []);
    assert.deepEqual([...placesSaidAsWhere("i live in a village".split(" "))], []);
  });

  it("a place said as where leaves the units asked about, unless help is asked for", () => {
    const units = [
      { label: "ghar", stems: ["hous"] },
      { label: "widow", stems: [], group: "widow", own: ["widow"] },
      { label: "pension", stems: ["pension"] },
    ];
    const tokens = "ghar pe widow pension".split(" ");
    assert.deepEqual(askedAboutUnits({ tokens, units }, false).map((u) => u.label), ["widow", "pension"]);
    assert.deepEqual(askedAboutUnits({ tokens, units }, true).map((u) => u.label), ["ghar", "widow", "pension"]);
  });

  it("an English word is not met by the sound of a Hindi word", () => {
    const lexicon = Lexicon.load();
    assert.ok(!lexicon.englishFor("write", false).some((e) => /age|senior|elder/i.test(e)));
    // a romanised Hindi word spelt as the lexicon has it is still read
    assert.ok(lexicon.englishFor("kisan", false).some((e) => /farmer/i.test(e)));
  });
});

describe("scope units: everyday questions told at home or in the village", () => {
  const real = realEngine();
  const talk = (text: string) => real.engine.respond({ text }, newContext("w"));

  it("an errand at home is refused", async () => {
    for (const text of ["ghar pe mehmaan aaye hain, chai ke saath kya banaun?", "ghar par mera tota bolna kab seekhega?"]) {
      const reply = await talk(text);
      assert.equal(reply.action, "out_of_scope", `${text}: ${reply.action} ${reply.text}`);
    }
  });

  it("help asked for with the same place words stays in scope", async () => {
    for (const text of ["gaon mein ghar banane ke liye koi yojana hai?", "विधवा पेंशन गाँव में कैसे मिलेगी?", "ghar pe baithe pension ka form kaise bharein?", "हम गाँव में रहते हैं, हमें सरकार से क्या मिलेगा?"]) {
      const reply = await talk(text);
      assert.notEqual(reply.action, "out_of_scope", `${text}: ${reply.action} ${reply.text}`);
    }
  });
});
