// A question of how much the caller may earn is about who can apply, like one of how old they must be,
// though it uses a word of amount: its answer is the income limit, not the money the scheme gives.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newContext, type DialogueEngine, type Reply } from "../../src/dialogue/index.js";
import type { KnowledgeBase } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir } from "../helpers.js";
import { engineOver, scheme } from "./engine-over.js";

const record = scheme({
  schemeId: "zgy-test",
  name: { en: "Zarimba Griha Yojana", hi: "ज़रिम्बा गृह योजना" },
  benefits: { en: ["A grant of ₹ 1,50,000 is paid for building a house."], hi: ["घर बनाने के लिए ₹ 1,50,000 का अनुदान दिया जाता है।"] },
  eligibility: {
    criteria: {
      en: ["The applicant must not own a pucca house.", "The family's annual income must be between ₹ 3,00,001 and ₹ 6,00,000."],
      hi: ["आवेदक के पास पक्का घर नहीं होना चाहिए।", "परिवार की वार्षिक आय ₹ 3,00,001 और ₹ 6,00,000 के बीच होनी चाहिए।"],
    },
    exclusions: {},
  },
});

describe("an income asked about", () => {
  const dir = tempDir("sahayak-income-asked-");
  let kb: KnowledgeBase;
  let engine: DialogueEngine;
  before(async () => ({ kb, engine } = await engineOver(dir.path, [...sampleRecords(), record])));
  after(async () => {
    await kb.close();
    dir.cleanup();
  });
  const ask = (text: string): Promise<Reply> => engine.respond({ text }, newContext("i"));

  for (const text of ["Zarimba Griha Yojana: how much should the yearly income be?", "ज़रिम्बा गृह योजना में परिवार की आय कितनी होनी चाहिए?", "zarimba griha yojana me aay kitni honi chahiye"]) {
    it(`is answered by the income limit, not the grant: "${text}"`, async () => {
      const reply = await ask(text);
      assert.equal(reply.schemeIds[0], "zgy-test", reply.text);
      assert.equal(reply.field, "eligibility", reply.text);
      // the limit leads; the grant, if said at all, follows
      assert.match(reply.text, /6,00,000/);
      const grant = reply.text.indexOf("1,50,000");
      assert.ok(grant < 0 || grant > reply.text.indexOf("6,00,000"), reply.text);
    });
  }

  it("a question of how much the scheme gives is still answered by its grant", async () => {
    const reply = await ask("How much money does Zarimba Griha Yojana give?");
    assert.equal(reply.field, "benefits", reply.text);
    assert.match(reply.text, /1,50,000/);
  });
});
