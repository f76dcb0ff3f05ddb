// A time the caller tells is part of their story, not a time asked of the scheme: a sentence that only tells
// ("Grandfather has lain sick for twenty days."), a routine ("I walk to the market every day"), or a rate of pay
// ("per day"). Asked beside it, the figure of money is what the answer must say.
// Made-up schemes no code has seen.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { questionAsks } from "../../src/dialogue/nlu.js";
import { madeUpEngine, scheme } from "./engine-over.js";

const cycles = scheme({
  schemeId: "zcs-test",
  name: { en: "Zarimba Cycle Sahayata", hi: "ज़रिम्बा साइकिल सहायता" },
  description: { en: "The Zarimba Cycle Sahayata helps rural labourers buy a bicycle.", hi: "ज़रिम्बा साइकिल सहायता ग्रामीण मज़दूरों को साइकिल खरीदने में मदद करती है।" },
  benefits: {
    en: [
      "The labourer pays the remaining price of the bicycle from own savings or a bank loan.",
      "Help: a grant of half the price of the bicycle or ₹ 4,500, whichever is lower, is paid to the dealer.",
      "The bicycle must be bought within three months of the sanction letter.",
    ],
    hi: ["साइकिल की शेष कीमत मज़दूर अपनी बचत या बैंक ऋण से देता है।", "सहायता: साइकिल की आधी कीमत या ₹ 4,500, जो भी कम हो, विक्रेता को दिया जाता है।", "स्वीकृति पत्र के तीन महीने के भीतर साइकिल खरीदनी होगी।"],
  },
});

describe("a time in the caller's story", () => {
  it("is no time asked; the time asked still is", () => {
    for (const q of [
      "I sweep the panchayat office every day. What is the largest amount I could receive?",
      "Grandfather has lain sick for twenty days. What sum would they pay us?",
      "Under it, what wage does a mason get per day?",
      "हमारे गाँव से बाज़ार पाँच किलोमीटर है। प्रति दिन कितनी मजदूरी मिलती है?",
    ]) assert.ok(!questionAsks(q, true).includes("duration"), `${q}: ${questionAsks(q, true).join(",")}`);
    for (const q of ["I bought the bicycle yesterday. Within how many days must I send the bill?", "paisa kab tak aayega?", "What sum is paid, and over how many months?"]) {
      assert.ok(questionAsks(q, true).includes("duration"), `${q}: ${questionAsks(q, true).join(",")}`);
    }
  });

  const { ask } = madeUpEngine("sahayak-facts-time-told-", [cycles]);
  it("answers with the figure of money asked", async () => {
    for (const q of ["I sweep the panchayat office every day. Under the Zarimba Cycle Sahayata, what is the largest amount I could receive?"]) {
      const r = await ask(q);
      assert.equal(r.action, "answer", `${q}: ${r.text}`);
      assert.match(r.text, /4,500/, `${q}: ${r.text}`);
    }
  });
});
