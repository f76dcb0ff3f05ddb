// Which scheme a caller named when the words of two names mix, on made-up schemes: a name said in order
// from its first word is the one meant, not a shorter one two of whose words were said apart; a state's
// long name said by its own words in any order names it; a short name made of a group's word, said with
// a kind of help the scheme is not filed under, is that kind for the group; "स्कीम" is no state.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newContext, type DialogueEngine, type Reply } from "../../src/dialogue/index.js";
import type { KnowledgeBase } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir } from "../helpers.js";
import { engineOver, scheme } from "./engine-over.js";

const inState = (state: string) => ({ level: "state", state, applicableStates: [state] });
const pension = (id: string, en: string, hi: string, who: string) =>
  scheme({
    schemeId: id,
    name: { en: `Kamala Devi National ${en} Pension Scheme`, hi: `कमला देवी राष्ट्रीय ${hi} पेंशन योजना` },
    tags: [en, "Pension"],
    eligibility: { criteria: { en: [`The applicant must be ${who} from a family below the poverty line.`] }, exclusions: {} },
    benefits: { en: [`₹ 400 a month for ${who}.`] },
  });

const records = [
  pension("kdnd-test", "Disability", "विकलांग", "a person with 80% disability, leprosy-cured persons included"),
  pension("kdnw-test", "Widow", "विधवा", "a widow aged 40 to 79"),
  pension("kdno-test", "Old Age", "वृद्धावस्था", "a person aged 60 or more"),
  // a state's short name of two words, one of them a word callers use in asking about the one above
  scheme({ schemeId: "lps-test", name: { en: "Leprosy Pension Scheme" }, ...inState("Goa"), tags: ["Leprosy", "Pension"], benefits: { en: ["₹ 1,500 a month."] } }),
  // a state's long names sharing words, said in a question by a few of them, not in order
  scheme({
    schemeId: "nskr-test",
    name: { en: "Nirman Shramik Kathin Rog Upchar Sahayata Yojana" },
    ...inState("Goa"),
    tags: ["Medical Treatment", "Construction Worker"],
    benefits: { en: ["Up to ₹ 75,000 for the treatment of a listed disease."] },
  }),
  scheme({
    schemeId: "tskr-test",
    name: { en: "Theka Shramik Evam Gharelu Kamgar Kathin Rog Upchar Yojana" },
    ...inState("Goa"),
    tags: ["Medical Treatment"],
    benefits: { en: ["Up to ₹ 40,000 for treatment."] },
  }),
  // farmers' schemes enough for "farmer" to be a kind of help's word, none of them a pension
  ...["Seed", "Soil Testing", "Drip Irrigation", "Farm Pond", "Tractor"].map((what, i) => scheme({ schemeId: `farm${i}-test`, name: { en: `Kisan ${what} Subsidy Scheme` }, tags: ["Farmer", "Subsidy"] })),
  // other help, so that pensions are a narrow kind among all schemes, as they are in the knowledge base
  ...["Library", "Sports Kit", "Handloom", "Solar Lamp", "Boat Engine", "Bee Box", "Sewing Machine", "Street Light", "Bicycle", "Laptop"].map((what, i) => scheme({ schemeId: `other${i}-test`, name: { en: `${what} Grant Scheme` }, tags: [what] })),
  scheme({ schemeId: "pbsg-test", name: { en: "Shubh Vivah Shagun" }, ...inState("Punjab"), tags: ["Marriage"], benefits: { en: ["₹ 31,000 on a daughter's marriage."] } }),
  scheme({ schemeId: "skbs-test", name: { en: "Sikkim Beti Shiksha Sahayata" }, ...inState("Sikkim"), tags: ["Girl Child"] }),
  scheme({ schemeId: "skrs-test", name: { en: "Silicosis Rog Sahayata Yojana" }, ...inState("Goa"), tags: ["Silicosis"], benefits: { en: ["₹ 3,00,000 to the family."] } }),
];

describe("names whose words mix", () => {
  const dir = tempDir("sahayak-names-apart-");
  let made: { kb: KnowledgeBase; engine: DialogueEngine };
  before(async () => (made = await engineOver(dir.path, [...sampleRecords(), ...sampleRecords(["pmkmy"]), ...records])));
  after(() => made.kb.close().finally(() => dir.cleanup()));
  const ask = (text: string): Promise<Reply> => made.engine.respond({ text }, newContext("a"));

  for (const text of [
    "Kamala Devi vikalang pension: is a leprosy patient eligible?",
    "कमला देवी विकलांग पेंशन में लेप्रोसी के मरीज़ पात्र हैं क्या?",
    "kamala devi vikalang pension me leprosy wale eligible hai kya",
  ]) {
    it(`a name said in order is meant, not a shorter one whose words were said apart: "${text}"`, async () => {
      const reply = await ask(text);
      assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "kdnd-test"], reply.text);
    });
  }

  for (const text of [
    "In Goa, how much help does a nirman worker get for treating a kathin rog?",
    "गोवा में निर्माण मज़दूर को कठिन रोग के इलाज के लिए कितनी मदद मिलती है?",
    "Goa me nirman mazdoor ko kathin rog ke ilaj ke liye kitni madad milti hai",
  ]) {
    it(`a state's long name said by its own words in any order names it: "${text}"`, async () => {
      const reply = await ask(text);
      assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "nskr-test"], reply.text);
      assert.match(reply.text, /75,000/);
    });
  }

  it("an English word written in Devanagari is not a state that sounds like it", () => {
    assert.equal(made.kb.search.stateIn("पंजाब की शुभ विवाह शगुन स्कीम में कितने रुपये मिलते हैं?"), "Punjab");
    assert.equal(made.kb.search.stateIn("इस स्कीम में कितने रुपये मिलते हैं?"), undefined);
    assert.equal(made.kb.search.stateIn("सिक्किम में बेटी की पढ़ाई के लिए"), "Sikkim");
  });

  for (const text of ["पंजाब की शुभ विवाह शगुन स्कीम में बेटी की शादी पे कितने रुपये मिलते हैं?", "punjab ki shubh vivah shagun scheme me kitne rupaye milte hain", "How much does Punjab's Shubh Vivah Shagun scheme give?"]) {
    it(`a state's scheme called a scheme in Devanagari is answered: "${text}"`, async () => {
      const reply = await ask(text);
      assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "pbsg-test"], reply.text);
    });
  }

  for (const text of ["Is there a kisan pension yojana? How much is the pension?", "किसान पेंशन योजना में कितनी पेंशन मिलती है?", "kisan pension yojana me kitni pension milti hai"]) {
    it(`a group's word of a short name, said with a kind the scheme is not filed under, is that kind: "${text}"`, async () => {
      const reply = await ask(text);
      assert.ok(!reply.schemeIds.includes("pm-kisan"), reply.text);
      assert.equal(reply.schemeIds[0], "pmkmy", reply.text);
    });
  }
});
