// A choice for a kind of help is led by the schemes that say what the caller said: a weavers' scheme
// before an artisans' one for "weavers" (one group, another word of it), a crop insurance before a
// coconut palm insurance that its category only files under farming, and a short form made only of a
// group's name ("OBC") is whom a scholarship is for, not that scholarship's name. A tag of several words
// ("self help group") is one thing asked, though a question passes over "help" alone.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newContext, type DialogueEngine, type Reply } from "../../src/dialogue/index.js";
import type { KnowledgeBase } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir } from "../helpers.js";
import { engineOver, scheme } from "./engine-over.js";

// the artisans' schemes are the fuller ones (Hindi names, more useful alone): what the caller said must lead
const artisans = ["Toolkit", "Pension", "Credit", "Marketing"].map((what, i) =>
  scheme({ schemeId: `zar${i}-test`, name: { en: `Zarimba Artisan ${what} Scheme`, hi: `ज़रिम्बा कारीगर योजना ${i}` }, tags: ["Artisan", "Craftsman", what], categories: ["business-entrepreneurship"], detailLevel: "full" }),
);
const weavers = [
  scheme({ schemeId: "zhw-test", name: { en: "Zarimba Handloom Weavers Welfare Scheme" }, tags: ["Weavers", "Handloom"], categories: ["business-entrepreneurship"] }),
  scheme({ schemeId: "zpw-test", name: { en: "Zarimba Powerloom Weaver Insurance" }, tags: ["Weaver", "Insurance"], categories: ["banking-finance-insurance"] }),
];
// filed under farming by their category alone, with more to say than the crop insurance schemes
const coconut = ["Palm", "Tree Climber", "Grove"].map((what, i) =>
  scheme({ schemeId: `zco${i}-test`, name: { en: `Zarimba Coconut ${what} Insurance`, hi: `ज़रिम्बा नारियल बीमा ${i}` }, tags: ["Coconut", "Insurance"], categories: ["agriculture-rural-environment"], detailLevel: "full" }),
);
const crops = [
  scheme({ schemeId: "zci-test", name: { en: "Zarimba Kheti Suraksha Scheme" }, tags: ["Crop Insurance", "Crop", "Farmer", "Agriculture"], categories: ["agriculture-rural-environment"] }),
  scheme({ schemeId: "zwc-test", name: { en: "Zarimba Weather Based Cover" }, tags: ["Crop Insurance", "Crop", "Farmers", "Insurance"], categories: ["agriculture-rural-environment"] }),
];
const scholarships = [
  scheme({ schemeId: "zpre-test", name: { en: "Zarimba Pre-Matric Scholarship to Other Backward Classes (OBC)" }, tags: ["Scholarship", "OBC", "Student"], categories: ["education"] }),
  scheme({ schemeId: "zpost-test", name: { en: "Zarimba Post-Matric Scholarship for OBC Students" }, tags: ["Scholarship", "OBC", "Student"], categories: ["education"] }),
];
// schemes of other kinds, so that insurance is what a few schemes are filed under, as in the real knowledge base
// filed under the phrase (and its initials), whose words "help", "self" a question would pass over alone
const groupsOfWomen = [
  scheme({ schemeId: "zshg-test", name: { en: "Zarimba Livelihood Mission" }, tags: ["Self Help Group", "Livelihood"], categories: ["skills-employment"] }),
  scheme({ schemeId: "zshl-test", name: { en: "Zarimba Samooh Credit Scheme" }, tags: ["SHG", "Credit"], categories: ["banking-finance-insurance"] }),
  scheme({ schemeId: "zshb-test", name: { en: "Zarimba Bank Linkage Scheme" }, tags: ["Self Help Group", "Bank Linkage"], categories: ["banking-finance-insurance"] }),
];
const others = ["Library", "Sports", "Road", "Museum", "Tourism", "Film", "Drinking Water", "Solar Energy", "Forest", "Startup", "Broadband", "Dairy", "Bridge", "Stadium", "Theatre", "Harbour", "Airport", "Metro", "Park", "Zoo", "Heritage", "Bus", "Port", "Canal", "Market", "Hostel"].map((topic, i) =>
  scheme({ schemeId: `zo${i}-test`, name: { en: `Zarimba ${topic} Development Scheme` }, tags: [topic, "Infrastructure"], categories: ["infrastructure"] }),
);

describe("a choice is led by the schemes that say what the caller said", () => {
  const dir = tempDir("sahayak-choice-depth-");
  let kb: KnowledgeBase;
  let engine: DialogueEngine;
  before(async () => ({ kb, engine } = await engineOver(dir.path, [...sampleRecords(), ...artisans, ...weavers, ...coconut, ...crops, ...scholarships, ...groupsOfWomen, ...others])));
  after(async () => {
    await kb.close();
    dir.cleanup();
  });
  const ask = (text: string): Promise<Reply> => engine.respond({ text }, newContext("c"));
  const leads = (reply: Reply, ids: string[]) => assert.deepEqual(reply.schemeIds.slice(0, ids.length).sort(), [...ids].sort(), `${reply.action} ${reply.schemeIds.join(",")}: ${reply.text}`);

  for (const text of ["are there any schemes for weavers?", "bunkaron ke liye koi yojana hai kya", "बुनकरों के लिए कौन सी योजना है?"]) {
    it(`weavers' schemes before artisans': "${text}"`, async () => {
      const reply = await ask(text);
      assert.equal(reply.action, "clarify", reply.text);
      leads(reply, ["zhw-test", "zpw-test"]);
    });
  }

  for (const text of ["my crop got damaged, which insurance schemes can help?", "fasal kharab ho jaye to bima wali koi yojana batao", "फसल खराब हो जाए तो बीमा की कौन सी योजना है?"]) {
    it(`crop insurance before coconut palm insurance: "${text}"`, async () => {
      const reply = await ask(text);
      assert.equal(reply.action, "clarify", reply.text);
      leads(reply, ["zci-test", "zwc-test"]);
    });
  }

  for (const text of ["which schemes are there for self help groups?", "self help group ke liye koi yojana batao", "मुझे self help group वाली योजना बताइए"]) {
    it(`a tag of several words, one of them passed over alone, is one thing asked: "${text}"`, async () => {
      const reply = await ask(text);
      assert.equal(reply.action, "clarify", reply.text);
      assert.ok(reply.schemeIds.length >= 2 && reply.schemeIds.every((id) => ["zshg-test", "zshl-test", "zshb-test"].includes(id)), `${reply.schemeIds.join(",")}: ${reply.text}`);
    });
  }

  for (const text of ["scholarship for OBC students", "OBC chhatron ke liye scholarship", "ओबीसी छात्रों के लिए छात्रवृत्ति"]) {
    it(`a group's short form is no scheme's name: "${text}"`, async () => {
      const reply = await ask(text);
      assert.equal(reply.action, "clarify", reply.text);
      leads(reply, ["zpre-test", "zpost-test"]);
    });
  }
});
