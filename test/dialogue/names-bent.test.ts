// A name said before "yojana" with one of its words a sound off, as a caller hears or types it (a vowel
// heard as its neighbour): still the scheme whose name holds the other words as written, where no other
// scheme's name comes as near. A name whose odd word is near no word of any name is one the records lack.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newContext, type DialogueEngine, type Reply } from "../../src/dialogue/index.js";
import type { KnowledgeBase } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir } from "../helpers.js";
import { engineOver, scheme } from "./engine-over.js";

const records = [
  scheme({
    schemeId: "kjb-test",
    name: { en: "Pradhan Mantri Karigar Jyoti Bima Yojana", hi: "प्रधानमंत्री कारीगर ज्योति बीमा योजना" },
    benefits: { en: ["Cover of ₹ 2,70,000 on the death of the artisan."], hi: ["कारीगर की मृत्यु पर ₹ 2,70,000 का बीमा।"] },
  }),
  // the name's other words in other names: none of them alone says which
  ...["Karigar Kalyan Yojana", "Karigar Pension Yojana", "Karigar Jyoti Awas Yojana", "Jyoti Shiksha Yojana", "Grama Jyoti Scheme", "Atal Bima Yojana", "Shramik Bima Yojana", "Kisan Bima Yojana"].map((n, i) =>
    scheme({ schemeId: `rival${i}-test`, name: { en: n } }),
  ),
  scheme({
    schemeId: "gaw-test",
    name: { en: "Tabua Awas Yojana" },
    level: "state",
    state: "Goa",
    applicableStates: ["Goa"],
    benefits: { en: ["₹ 1,65,000 for building a pucca house."] },
  }),
  ...["Pradhan Mantri Awas Yojana - Gramin", "Pradhan Mantri Awas Yojana - Urban", "Nirmal Awas Yojana", "Shahari Awas Yojana"].map((n, i) => scheme({ schemeId: `awas${i}-test`, name: { en: n }, tags: ["Housing"] })),
];

describe("names with a word bent", () => {
  const dir = tempDir("sahayak-names-bent-");
  let made: { kb: KnowledgeBase; engine: DialogueEngine };
  before(async () => (made = await engineOver(dir.path, [...sampleRecords(), ...records])));
  after(() => made.kb.close().finally(() => dir.cleanup()));
  const ask = (text: string): Promise<Reply> => made.engine.respond({ text }, newContext("b"));

  for (const text of [
    "What cover do artisans get under the karigar jyoti bema yojana?",
    "कारीगर ज्योति बेमा योजना में मौत पर घरवालों को कितनी रकम मिलती है?",
    "karigar jyoti bema yojna me maut par gharwalon ko kitni rakam milti hai",
  ]) {
    it(`one word a vowel off, the others as written: "${text}"`, async () => {
      const reply = await ask(text);
      assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "kjb-test"], reply.text);
      assert.match(reply.text, /2,70,000/);
    });
  }

  for (const text of ["How much is given for a house in the tabba awas yojana?", "तब्बा आवास योजना में घर के लिए कितना मिलता है?", "tabba awas yojna me ghar ke liye kitna milta hai"]) {
    it(`the name's own word a sound off beside a word many names share: "${text}"`, async () => {
      const reply = await ask(text);
      assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "gaw-test"], reply.text);
    });
  }

  for (const text of ["How much is given for a house in the Kesudo Awas Yojana?", "केसुडो आवास योजना में घर के लिए कितना मिलता है?", "kesudo awas yojna me ghar ke liye kitna milta hai"]) {
    it(`a word no name comes near is a name the records lack: "${text}"`, async () => {
      const reply = await ask(text);
      assert.equal(reply.action, "no_info", reply.text);
      assert.deepEqual(reply.schemeIds, [], reply.text);
    });
  }
});
