// A long name said without its leading words: "<Kind> under <State> <A> <B> Scheme" said "<State> <A> <B>
// Scheme", beside a central record named "<A> <B> Scheme" whose words are all a kind of help's; and a central
// "<Kind> Schemes For <Group> - <Kind> <Kind>" said by its group and its last words, beside the caller's state's
// "<Kind> <Kind> Scheme". The name said is the one meant. Made-up schemes; English, Hindi, romanised Hindi.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newContext, type DialogueEngine, type Reply } from "../../src/dialogue/index.js";
import type { KnowledgeBase } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir } from "../helpers.js";
import { engineOver, otherKinds, scheme } from "./engine-over.js";

const inState = (state: string) => ({ level: "state", state, applicableStates: [state] });

const records = [
  scheme({
    schemeId: "gwww-test",
    name: { en: "Financial Aid under Goa Working Weaver Welfare Scheme" },
    ...inState("Goa"),
    tags: ["Weaver", "Welfare", "Death"],
    benefits: { en: ["An ex-gratia of ₹ 2,50,000 is paid to the legal heir on the weaver's death."] },
  }),
  scheme({ schemeId: "wws-test", name: { en: "Weaver Welfare Scheme" }, tags: ["Weaver", "Welfare"], benefits: { en: ["Up to ₹ 60,000 to the family in hardship."] } }),
  // weavers' schemes enough for "weaver" and "welfare" to be a kind of help's words
  ...["Loom Grant", "Yarn Subsidy", "Design Training", "Work Shed", "Health Cover"].map((what, i) => scheme({ schemeId: `wv${i}-test`, name: { en: `Handloom ${what} Scheme` }, tags: ["Weaver", "Welfare"] })),
  scheme({
    schemeId: "bagtl-test",
    name: { en: "Loan Schemes For Bamboo Artisans - General Term Loan (GTL)" },
    tags: ["Bamboo Artisans", "Loan"],
    benefits: { en: ["A loan up to ₹ 10 lakh at 5% interest a year."] },
  }),
  // the same series' other loans, as a national corporation's records come
  ...["Education Loan Scheme", "Sanitary Marts Scheme", "Micro Credit Finance"].map((what, i) => scheme({ schemeId: `bag${i}-test`, name: { en: `Loan Schemes For Bamboo Artisans - ${what}` }, tags: ["Bamboo Artisans", "Loan"] })),
  scheme({ schemeId: "gtls-test", name: { en: "Term Loan Scheme" }, ...inState("Goa"), tags: ["Loan", "Business"], benefits: { en: ["A loan up to ₹ 5 lakh at 8% interest a year."] } }),
  ...["Shop", "Dairy", "Poultry", "Transport", "Bakery"].map((what, i) => scheme({ schemeId: `ln${i}-test`, name: { en: `${what} Loan Scheme` }, tags: ["Loan"] })),
  ...otherKinds(["Library", "Sports", "Street Light", "Bicycle", "Solar Lamp", "Laptop"]),
];

describe("a long name said without its leading words", () => {
  const dir = tempDir("sahayak-names-run-");
  let made: { kb: KnowledgeBase; engine: DialogueEngine };
  before(async () => (made = await engineOver(dir.path, [...sampleRecords(), ...records])));
  after(() => made.kb.close().finally(() => dir.cleanup()));
  const ask = (text: string): Promise<Reply> => made.engine.respond({ text }, newContext("a"));

  for (const text of [
    "My uncle wove saris in Margao and died last month. What does the Goa Working Weaver Welfare Scheme pay his son?",
    "मेरे चाचा मडगांव में बुनकर थे, पिछले महीने गुज़र गए। Goa Working Weaver Welfare Scheme में उनके बेटे को कितना मिलेगा?",
    "mere chacha Margao mein saree bunte the, guzar gaye. Goa working weaver welfare scheme mein bete ko kitna milega?",
  ]) {
    it(`the state's record whose name holds the state said, not the central one of the other words: "${text}"`, async () => {
      const reply = await ask(text);
      assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "gwww-test"], reply.text);
    });
  }

  for (const text of [
    "We weave bamboo baskets in Panaji. Under the bamboo artisans general term loan, what interest is charged?",
    "हम पणजी में बांस की टोकरी बनाते हैं। bamboo artisans general term loan में ब्याज कितना है?",
    "hum Panaji mein bamboo ki tokri banate hain, bamboo artisans general term loan mein byaj kitna hai?",
  ]) {
    it(`the central name said by its group and its last words, not the caller's state's of those last words: "${text}"`, async () => {
      const reply = await ask(text);
      assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "bagtl-test"], reply.text);
    });
  }
});
