// Names written otherwise than the record writes them, on made-up schemes: a sound spellings trade ("v" for
// "b", a "y" after a consonant dropped, "e" for the short "a" before "h"), a word of the name split in two
// or two of its words run together, and a name said whole inside a long question beside a place no scheme
// is named after: each still names its scheme, in English, Hindi and romanised Hindi.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newContext, type DialogueEngine, type Reply } from "../../src/dialogue/index.js";
import type { KnowledgeBase } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir } from "../helpers.js";
import { engineOver, scheme } from "./engine-over.js";

const inState = (state: string) => ({ level: "state", state, applicableStates: [state] });

const records = [
  scheme({
    schemeId: "kby-test",
    name: { en: "Pradhan Mantri Karigar Bima Yojana", hi: "प्रधानमंत्री कारीगर बीमा योजना" },
    benefits: { en: ["Cover of ₹ 3,40,000 on the death of the artisan."], hi: ["कारीगर की मृत्यु पर ₹ 3,40,000 का बीमा।"] },
  }),
  scheme({
    schemeId: "vjb-test",
    name: { en: "Vyapari Jyoti Bima Yojana", hi: "व्यापारी ज्योति बीमा योजना" },
    benefits: { en: ["Cover of ₹ 1,87,000 for a small trader's shop."], hi: ["छोटे व्यापारी की दुकान का ₹ 1,87,000 का बीमा।"] },
  }),
  scheme({ schemeId: "sbehna-test", name: { en: "Chief Minister Sundari Behna Yojana" }, ...inState("Goa"), benefits: { en: ["Each woman gets ₹ 1,140 a month."] } }),
  scheme({ schemeId: "silpkar-test", name: { en: "PM Silpakarma" }, benefits: { en: ["A toolkit grant of ₹ 17,500."] } }),
  scheme({ schemeId: "setu-test", name: { en: "Pradhan Mantri Shram Setu Maan-dhan" }, benefits: { en: ["A pension of ₹ 2,900 a month after the age of 60."] } }),
  scheme({
    schemeId: "ttw-test",
    name: { en: "Tara Two Wheeler Scheme for Working Women" },
    ...inState("Goa"),
    benefits: { en: ["A subsidy of ₹ 31,500 on a scooter."] },
  }),
  // many schemes' interest subsidies beside it: "subsidy" is a kind of help, not this scheme's name
  ...["Interest Subsidy", "Interest Subsidy on Term Loan", "Assistance of Interest Subsidy", "Capital Subsidy", "Transport Subsidy"].map((n, i) => scheme({ schemeId: `sub${i}-test`, name: { en: n }, ...inState("Kerala"), tags: ["Subsidy"] })),
  scheme({
    schemeId: "ucs-test",
    name: { en: "Mukhyamantri Asangathit Shramik Cycle Sahayata Yojana" },
    ...inState("Goa"),
    tags: ["Unorganised Worker", "Assistance"],
    benefits: { en: ["A bicycle worth ₹ 4,260 for an unorganised worker."] },
  }),
  ...["Asangathit Shramik Prasuti Sahayata Yojana", "Asangathit Shramik Chikitsa Sahayata Yojana", "Shramik Cycle Yojana", "Asangathit Shramik Shiksha Sahayata Yojana"].map((n, i) =>
    scheme({ schemeId: `ash${i}-test`, name: { en: n }, ...inState("Goa"), tags: ["Unorganised Worker", "Assistance"] }),
  ),
  scheme({
    schemeId: "vfe-test",
    name: { en: "Vanaraja Scheme for Funeral Expense" },
    ...inState("Goa"),
    documents: { en: ["Death certificate of the deceased", "Ration card of the family"], hi: ["मृतक का मृत्यु प्रमाण पत्र", "परिवार का राशन कार्ड"] },
  }),
  ...["Funeral Assistance", "Funeral Grant", "Funeral Benefit"].map((n, i) => scheme({ schemeId: `fun${i}-test`, name: { en: n }, ...inState("Kerala"), tags: ["Funeral"] })),
  scheme({
    schemeId: "dvk-test",
    name: { en: "Dhanvarsha Khata Yojana", hi: "धनवर्षा खाता योजना" },
    benefits: { en: ["A free Kesari debit card with accident cover of ₹ 1,30,000."], hi: ["₹ 1,30,000 के दुर्घटना बीमा के साथ मुफ़्त केसरी डेबिट कार्ड।"] },
    applicationProcess: { en: [{ mode: "Offline", url: null, steps: ["Visit a bank branch with your Aadhaar."] }] },
  }),
  scheme({
    schemeId: "rnidhi-test",
    name: { en: "PM Rehri Patri Nidhi (PM RPNidhi)" },
    benefits: { en: ["A first loan of up to ₹ 12,500 for a street vendor, without a vending card too."] },
    eligibility: { criteria: { en: ["Vendors holding a vending card or a letter of recommendation."] }, exclusions: {} },
  }),
];

describe("names respelt", () => {
  const dir = tempDir("sahayak-names-respelt-");
  let made: { kb: KnowledgeBase; engine: DialogueEngine };
  before(async () => (made = await engineOver(dir.path, [...sampleRecords(), ...records])));
  after(() => made.kb.close().finally(() => dir.cleanup()));
  const ask = (text: string): Promise<Reply> => made.engine.respond({ text }, newContext("r"));
  const answers = async (text: string, schemeId: string, fact?: RegExp) => {
    const reply = await ask(text);
    assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", schemeId], reply.text);
    if (fact) assert.match(reply.text, fact);
  };

  for (const text of ["How much cover does the Karigar Vima scheme give?", "कारीगर विमा योजना में कितने का बीमा है?", "karigar vima yojana me kitne ka bima hai"]) {
    it(`"v" for "b" is the same name: "${text}"`, () => answers(text, "kby-test", /3,40,000/));
  }

  for (const text of ["How much cover does the Vapari Joti Bima Yojana give?", "वापारी जोति बीमा योजना में कितने का बीमा है?", "vapari joti bima yojana me kitne ka bima hai"]) {
    it(`a "y" after a consonant left out is the same name: "${text}"`, () => answers(text, "vjb-test"));
  }

  for (const text of ["सुंदरी बहना योजना में कितना पैसा मिलता है?", "मुख्यमंत्री सुंदरी बहना योजना क्या है, हर महीने कितना मिलता है?"]) {
    it(`a name the record writes only in English ("Behna") is met in Devanagari: "${text}"`, () => answers(text, "sbehna-test", /1,140/));
  }

  for (const text of ["Is there a grant for tools in the silpa karma scheme, and how much?", "silpa karma yojana me auzaar ke liye kitni rakam milti hai", "Silpa Karma scheme: how big is the grant?"]) {
    it(`a one-word name split in two is that name: "${text}"`, () => answers(text, "silpkar-test", /17,500/));
  }

  for (const text of ["budhape me shramsetu maandhan se mahine ki kitni rakam aati hai", "What monthly amount does shramsetu maandhan pay once I am old?", "श्रमसेतु मानधन में बुढ़ापे में हर महीने कितना आता है?"]) {
    it(`two words of a name run together are those words: "${text}"`, () => answers(text, "setu-test", /2,900/));
  }

  for (const text of [
    "My sister sells flowers near the Ponda bus stand. For buying a scooter, what does Tara Two Wheeler pay?",
    "behen Ponda bazaar me phool bechti hai, Tara Two Wheeler se scooter ke liye kitna milega",
    "बहन Ponda बाज़ार में फूल बेचती है, Tara Two Wheeler योजना से स्कूटर के लिए कितना मिलेगा?",
  ]) {
    it(`a name said by its first words, a word of it ("two") between, beside a town: "${text}"`, () => answers(text, "ttw-test", /31,500/));
  }

  for (const text of [
    "hamare padosi Margao ke ek godown me bojha uthate hain, Mukhyamantri Asangathit Shramik Cycle Sahayata Yojana ka fayda unhe kaise milega",
    "Our neighbour carries loads at a Margao warehouse. How does he benefit from the Mukhyamantri Asangathit Shramik Cycle Sahayata Yojana?",
    "पड़ोसी Margao के गोदाम में बोझा ढोते हैं, Asangathit Shramik Cycle Sahayata Yojana का फ़ायदा कैसे मिलेगा?",
  ]) {
    it(`a name said whole is that name, however generic its words and wherever the town: "${text}"`, () => answers(text, "ucs-test"));
  }

  for (const text of [
    "Grandmother died last week at our home near Ponda. Which documents does the Vanaraja scheme ask for?",
    "dadi guzar gayi, Ponda ke paas ghar hai, Vanaraja yojana me arzi ke saath kya jama karna hai",
    "वनराजा योजना के लिए कौन-कौन से दस्तावेज़ लगेंगे? दादी पिछले हफ़्ते गुज़र गईं।",
  ]) {
    it(`one word of a name before "scheme", no other name's, names it: "${text}"`, async () => {
      const reply = await ask(text);
      assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "vfe-test"], reply.text);
    });
  }

  for (const [first, then] of [
    ["How do I open a Dhanvarsha account?", "And the Kesari card in it, how much accident cover does it have?"],
    ["धनवर्षा खाता कैसे खुलता है?", "और उसमें जो केसरी कार्ड मिलता है उसमें बीमा कितने का है?"],
    ["dhanvarsha khata kaise khulta hai", "aur usme jo kesari card milta hai uska bima kitna hai"],
  ] as const) {
    it(`a follow-up naming a thing of the scheme ("its card") stays with it: "${then}"`, async () => {
      const ctx = newContext("f");
      await made.engine.respond({ text: first }, ctx);
      const reply = await made.engine.respond({ text: then }, ctx);
      assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "dvk-test"], reply.text);
      assert.match(reply.text, /1,30,000/);
    });
  }

  for (const text of [
    "I fry snacks on the pavement and the council has not issued my vending card yet; will PM RPNidhi lend to me?",
    "footpath pe chaat lagata hoon, vending card abhi tak nahi mila, PM RPNidhi se udhaar milega?",
    "फुटपाथ पर चाट लगाता हूँ, वेंडिंग कार्ड अभी तक नहीं मिला, PM RPNidhi से उधार मिलेगा?",
  ]) {
    it(`a card the scheme named speaks of is a thing of it, not a scheme unknown: "${text}"`, () => answers(text, "rnidhi-test"));
  }
});
