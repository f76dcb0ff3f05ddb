// A last date or a time limit asked ("is there a last date?", "aakhri tareekh", "अंतिम तिथि") is a time asked,
// answered by the sentence with the date; what a scheme pays ("what does it pay the family?") and the most it
// gives ("upto how much", "kitne tak") are money asked. A made-up scheme no code has seen.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newContext, type DialogueEngine } from "../../src/dialogue/index.js";
import { questionAsks } from "../../src/dialogue/nlu.js";
import type { KnowledgeBase } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir } from "../helpers.js";
import { engineOver, scheme } from "./engine-over.js";

const boatCover = scheme({
  schemeId: "zmnb-test",
  name: { en: "Zelvara Machhuara Nauka Bima", hi: "ज़ेलवारा मछुआरा नौका बीमा" },
  description: { en: "The Zelvara Machhuara Nauka Bima insures the boats and nets of small fishing families.", hi: "ज़ेलवारा मछुआरा नौका बीमा छोटे मछुआरा परिवारों की नावों और जालों का बीमा करता है।" },
  benefits: {
    en: ["Nets and engines are repaired free at the district boat yard once a year.", "A boat lost at sea is replaced with a grant of up to ₹ 3,50,000.", "Training in sea safety is given to one member of each family."],
    hi: ["ज़िले के नौका घाट पर साल में एक बार जाल और इंजन मुफ्त ठीक किए जाते हैं।", "समुद्र में खोई नाव के बदले ₹ 3,50,000 तक का अनुदान दिया जाता है।", "हर परिवार के एक सदस्य को समुद्री सुरक्षा का प्रशिक्षण दिया जाता है।"],
  },
  applicationProcess: {
    en: [{ mode: "Offline", url: null, steps: ["Collect the form at the fisheries office of the block.", "The form must reach the fisheries office by the 31st of March of each year.", "Attach a photograph of the boat with its registration number."] }],
    hi: [{ mode: "Offline", steps: ["प्रखंड के मत्स्य कार्यालय से फॉर्म लें।", "फॉर्म हर साल 31 मार्च तक मत्स्य कार्यालय पहुँच जाना चाहिए।", "नाव की पंजीकरण संख्या के साथ उसकी फोटो लगाएँ।"] }],
  },
});

describe("a last date asked, and what a scheme pays", () => {
  const dir = tempDir("sahayak-asked-deadline-");
  let kb: KnowledgeBase;
  let engine: DialogueEngine;
  before(async () => ({ kb, engine } = await engineOver(dir.path, [...sampleRecords(), boatCover])));
  after(async () => {
    await kb.close();
    dir.cleanup();
  });
  const answers = async (q: string, fact: RegExp) => {
    const r = await engine.respond({ text: q }, newContext("d"));
    assert.equal(r.action, "answer", `${q}: ${r.text}`);
    assert.match(r.text, fact, `${q}: ${r.text}`);
  };

  it("answers a last date or a time limit with the date, a yes/no question too", async () => {
    await answers("Is there a last date for the Zelvara Machhuara Nauka Bima form?", /31st of March/);
    await answers("zelvara machhuara nauka bima ka form jama karne ki aakhri tareekh kya hai", /31 मार्च/);
    await answers("ज़ेलवारा मछुआरा नौका बीमा में फॉर्म जमा करने की अंतिम तिथि क्या है?", /31 मार्च/);
  });

  it("answers what the scheme pays, and the most it gives, with the sum", async () => {
    await answers("What does the Zelvara Machhuara Nauka Bima pay a fisherman whose boat sank?", /3,50,000/);
    await answers("zelvara machhuara nauka bima me nayi naav ke liye anudan kitne tak diya jata hai", /3,50,000/);
  });
});

describe("the kind of fact asked: a last date, a payout, the most", () => {
  it("a last date or a time limit, in three ways of writing, asked with or without a question word", () => {
    for (const q of ["does sending the form have any time limit", "closing date of the form?", "form ki antim tithi kya hai", "koi samay seema hai kya", "फॉर्म भरने की आखिरी तारीख़ क्या है"]) assert.deepEqual(questionAsks(q, true), ["duration", "deadline"], q);
    // before the scheme is known, a date names no fact of one
    assert.deepEqual(questionAsks("is there a last date"), []);
  });

  it("what it pays is an amount; whether it pays for a thing is not", () => {
    assert.deepEqual(questionAsks("what will the cover pay my wife", true), ["amount"]);
    assert.deepEqual(questionAsks("does the cover pay for a new net", true), []);
  });

  it("the most it gives is an amount with its limit", () => {
    for (const q of ["what's the most the board hands out", "upto how much grant", "anudan kul kitne tak ka hai"]) {
      const asks = questionAsks(q, true);
      assert.ok(asks.includes("limit") && (asks.includes("amount") || asks.includes("sum")), `${q}: ${asks}`);
    }
  });
});
