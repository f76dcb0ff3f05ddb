// A choice for a kind of help offers the schemes the caller's words reach: a third scheme filed under a
// word of theirs but about something else is left out when two others are offered.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newContext, type DialogueEngine, type Reply } from "../../src/dialogue/index.js";
import type { KnowledgeBase } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir } from "../helpers.js";
import { engineOver, scheme } from "./engine-over.js";

const tags = ["Pregnant Women", "Maternity", "Mother"];
const records = [
  scheme({
    schemeId: "zmv-test",
    name: { en: "Zarimba Garbhvati Sahayata Yojana", hi: "ज़रिम्बा गर्भवती सहायता योजना" },
    description: { en: "Cash help of ₹ 5,000 to pregnant women and nursing mothers for their first child.", hi: "गर्भवती महिलाओं और स्तनपान कराने वाली माताओं को पहले बच्चे के लिए ₹ 5,000 की नकद सहायता।" },
    tags,
    categories: ["women-child", "health-wellness"],
  }),
  scheme({
    schemeId: "zss-test",
    name: { en: "Zarimba Janani Suraksha Karyakram", hi: "ज़रिम्बा जननी सुरक्षा कार्यक्रम" },
    description: { en: "Free delivery, medicines and transport for pregnant women in government hospitals.", hi: "सरकारी अस्पतालों में गर्भवती महिलाओं के लिए मुफ्त प्रसव, दवाएं और परिवहन।" },
    tags,
    categories: ["women-child", "health-wellness"],
  }),
  scheme({
    schemeId: "zna-test",
    name: { en: "Zarimba Vayoshreshtha Samman" },
    description: { en: "An award to an elderly person who has brought up children with values and served society." },
    tags: ["Mother", "Award", "Senior Citizen"],
    categories: ["women-child", "social-welfare"],
  }),
];

describe("a choice of the schemes the words reach", () => {
  const dir = tempDir("sahayak-choice-reach-");
  let kb: KnowledgeBase;
  let engine: DialogueEngine;
  before(async () => ({ kb, engine } = await engineOver(dir.path, [...sampleRecords(), ...records])));
  after(async () => {
    await kb.close();
    dir.cleanup();
  });
  const ask = (text: string): Promise<Reply> => engine.respond({ text }, newContext("c"));

  // in Hindi and romanised Hindi the lexicon gives "garbhvati" the English "mother" too, which this small
  // knowledge base's award is filed under and which few of its schemes share: the words reach it there
  for (const text of ["schemes for pregnant women", "which schemes are there for pregnant women?"]) {
    it(`offers the two about pregnant women, not the award: "${text}"`, async () => {
      const reply = await ask(text);
      assert.equal(reply.action, "clarify", reply.text);
      assert.deepEqual([...reply.schemeIds].sort(), ["zmv-test", "zss-test"], reply.text);
    });
  }
});
