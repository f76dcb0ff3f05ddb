// A same-scheme follow-up in romanised Hindi told with the everyday word for a time, an occasion ("ek baar",
// "kitni baar", "dafa"): it is a word of speech, not a scheme's name garbled, so the question is answered for
// the scheme being talked about rather than asked "which scheme?".
// Made-up schemes no code has seen.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { BackgroundLanguage } from "../../src/knowledge/index.js";
import { madeUpEngine, scheme } from "./engine-over.js";

const weavers = scheme({
  schemeId: "zbs-test",
  name: { en: "Zarimba Bunkar Samman", hi: "ज़रिम्बा बुनकर सम्मान" },
  description: { en: "The Zarimba Bunkar Samman rewards handloom weavers of the district.", hi: "ज़रिम्बा बुनकर सम्मान जिले के हथकरघा बुनकरों को पुरस्कार देता है।" },
  benefits: { en: ["A one-time award of ₹ 7,500 is paid to each weaver."], hi: ["प्रत्येक बुनकर को ₹ 7,500 का एकमुश्त पुरस्कार दिया जाता है।"] },
});

describe("the everyday word for a time", () => {
  it("has its meaning in both scripts", () => {
    const background = BackgroundLanguage.load();
    for (const w of ["baar", "dafa", "बार"]) assert.ok(background.englishOf(w).includes("time"), w);
  });

  const made = madeUpEngine("sahayak-followup-occasion-", [weavers]);
  it("leaves a follow-up about the current scheme", async () => {
    const ctx = newContext("c");
    await made.engine.respond({ text: "zarimba bunkar samman kya hai?" }, ctx);
    const r = await made.engine.respond({ text: "ek baar me kitne rupaye dete hai?" }, ctx);
    assert.equal(r.action, "answer", r.text);
    assert.deepEqual(r.schemeIds, ["zbs-test"], r.text);
    assert.match(r.text, /7,500/, r.text);
  });
});
