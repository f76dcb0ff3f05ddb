// A kind of help asked in everyday words gets a short choice of schemes that hold it: a light verb ("ho
// jaye") or a question word ("किस योजना") is not taken for an unknown scheme's name, a name word that only
// sounds like the caller's ("group", "crop") does not hold it, and the schemes offered hold the help asked
// for, not only whom it is for.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newContext, type DialogueEngine, type Reply } from "../../src/dialogue/index.js";
import type { KnowledgeBase } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir } from "../helpers.js";
import { engineOver, otherKinds, scheme } from "./engine-over.js";

const records = [
  scheme({ schemeId: "zfb-test", name: { en: "Zarimba Krishi Suraksha Kavach", hi: "ज़रिम्बा कृषि सुरक्षा कवच" }, tags: ["Crop Insurance", "Farmer", "Insurance"], categories: ["agriculture-rural-environment"] }),
  scheme({ schemeId: "zmb-test", name: { en: "Zarimba Mausam Crop Insurance Scheme" }, tags: ["Crop Insurance", "Weather", "Insurance"], categories: ["agriculture-rural-environment"] }),
  // its name sounds like "crop" ("group"), but it is no crop insurance
  scheme({ schemeId: "zgw-test", name: { en: "Zarimba Group Insurance Scheme for Weavers" }, tags: ["Insurance", "Weaver"], categories: ["banking-finance-insurance"] }),
  scheme({ schemeId: "zvp-test", name: { en: "Zarimba Vriddhavastha Pension Yojana", hi: "ज़रिम्बा वृद्धावस्था पेंशन योजना" }, tags: ["Pension", "Old Age", "Senior Citizen"], categories: ["social-welfare"] }),
  scheme({ schemeId: "zsp-test", name: { en: "Zarimba Senior Citizen Samman Pension" }, tags: ["Pension", "Senior Citizen"], categories: ["social-welfare"] }),
  scheme({ schemeId: "zkv-test", name: { en: "Zarimba Kanya Vivah Yojana" }, level: "state", state: "Bihar", applicableStates: ["Bihar"], tags: ["Marriage", "Girl"], categories: ["social-welfare"] }),
  scheme({ schemeId: "zav-test", name: { en: "Zarimba Antarjatiya Vivah Protsahan" }, level: "state", state: "Bihar", applicableStates: ["Bihar"], tags: ["Marriage", "Inter-caste Marriage"], categories: ["social-welfare"] }),
  scheme({ schemeId: "zgs-test", name: { en: "Zarimba Girl Child Merit Scholarship" }, tags: ["Girl", "Scholarship", "Student"], categories: ["education"] }),
  scheme({ schemeId: "zgc-test", name: { en: "Zarimba Girl Child Cycle Scheme" }, tags: ["Girl", "Bicycle", "Student"], categories: ["education"] }),
];
// schemes of other kinds, so that insurance or girls are what a few schemes are filed under, as in the
// real knowledge base, not a fifth of them
const others = otherKinds(["Library", "Sports", "Road", "Museum", "Tourism", "Film", "Drinking Water", "Solar Energy", "Forest", "Startup", "Broadband", "Dairy"]);

describe("a kind of help in everyday words gets a choice that holds it", () => {
  const dir = tempDir("sahayak-choice-kind-");
  let kb: KnowledgeBase;
  let engine: DialogueEngine;
  before(async () => ({ kb, engine } = await engineOver(dir.path, [...sampleRecords(), ...records, ...others])));
  after(async () => {
    await kb.close();
    dir.cleanup();
  });
  const ask = (text: string): Promise<Reply> => engine.respond({ text }, newContext("c"));

  for (const text of ["fasal kharab ho jaye to bima wali koi yojana batao", "agar fasal barbad ho jaye to kaun si bima yojana hai", "फसल खराब हो जाए तो बीमा की कौन सी योजना है?"]) {
    it(`crop insurance, not "no details of" a light verb: "${text}"`, async () => {
      const reply = await ask(text);
      assert.notEqual(reply.action, "no_info", reply.text);
      assert.ok(reply.schemeIds.length > 0 && reply.schemeIds.every((id) => ["zfb-test", "zmb-test"].includes(id)), `${reply.action} ${reply.schemeIds.join(",")}: ${reply.text}`);
    });
  }

  for (const text of ["which crop insurance schemes are there?", "fasal bima wali yojana kaun kaun si hai", "फसल बीमा की कौन सी योजनाएं हैं?"]) {
    it(`crop insurance, not a group insurance whose name sounds like "crop": "${text}"`, async () => {
      const reply = await ask(text);
      assert.ok(reply.schemeIds.length > 0 && !reply.schemeIds.includes("zgw-test"), `${reply.action} ${reply.schemeIds.join(",")}: ${reply.text}`);
    });
  }

  for (const text of ["बुजुर्गों को पेंशन किस योजना में मिलती है?", "buzurgon ko pension kis yojana me milti hai", "which scheme gives a pension to old people?"]) {
    it(`old-age pensions, not "no details of" a question word: "${text}"`, async () => {
      const reply = await ask(text);
      assert.notEqual(reply.action, "no_info", reply.text);
      assert.ok(reply.schemeIds.includes("zvp-test") || reply.schemeIds.includes("zsp-test"), `${reply.action} ${reply.schemeIds.join(",")}: ${reply.text}`);
    });
  }

  for (const text of ["Bihar me beti ki shaadi ke liye koi madad milti hai kya", "help for my daughter's marriage in Bihar", "बिहार में बेटी की शादी के लिए कोई मदद मिलती है?"]) {
    it(`marriage help in Bihar, not schemes for girls' schooling: "${text}"`, async () => {
      const reply = await ask(text);
      assert.equal(reply.action, "clarify", reply.text);
      assert.deepEqual([...reply.schemeIds].sort(), ["zav-test", "zkv-test"], reply.text);
    });
  }
});
