// Where a caller lives, said by their town or city rather than their state: the town tells the state (a
// state named outright wins), and a town's name is no scheme's name.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newContext, type DialogueEngine, type Reply } from "../../src/dialogue/index.js";
import type { KnowledgeBase } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir } from "../helpers.js";
import { engineOver, scheme } from "./engine-over.js";

const inState = (state: string) => ({ level: "state", state, applicableStates: [state] });

const records = [
  // the knowledge base knows a state by its schemes
  ...["Rajasthan", "Madhya Pradesh", "Maharashtra", "Punjab", "Uttar Pradesh"].map((state, i) => scheme({ schemeId: `old${i}-test`, name: { en: `Old Age Samman Pension (${state})` }, ...inState(state) })),
  scheme({
    schemeId: "kvs-test",
    name: { en: "Kumhar Vikas Sahayata", hi: "कुम्हार विकास सहायता" },
    benefits: { en: ["A potter gets ₹ 7,500 once for a new wheel."], hi: ["कुम्हार को नए चाक के लिए एक बार ₹ 7,500।"] },
  }),
];

describe("towns and cities say the caller's state", () => {
  const dir = tempDir("sahayak-places-");
  let made: { kb: KnowledgeBase; engine: DialogueEngine };
  before(async () => (made = await engineOver(dir.path, [...sampleRecords(), ...records])));
  after(() => made.kb.close().finally(() => dir.cleanup()));
  const ask = (text: string): Promise<Reply> => made.engine.respond({ text }, newContext("p"));

  it("a city said in English, romanised Hindi or Devanagari gives its state", () => {
    assert.equal(made.kb.search.stateIn("my grandmother stays in Jaipur, she is 72"), "Rajasthan");
    assert.equal(made.kb.search.stateIn("hum indore ke paas rehte hain"), "Madhya Pradesh");
    assert.equal(made.kb.search.stateIn("मेरा घर भोपाल में है"), "Madhya Pradesh");
    assert.equal(made.kb.search.stateIn("मेरे पापा मुंबई में काम करते हैं"), "Maharashtra");
  });

  it("a town written in Devanagari as said, its English spelling without the glide or a consonant's h", () => {
    assert.equal(made.kb.search.stateIn("हम लोग लुधियाना के पास एक गाँव में रहते हैं"), "Punjab");
    assert.equal(made.kb.search.stateIn("मेरी माँ पटियाला में अकेली रहती हैं"), "Punjab");
    assert.equal(made.kb.search.stateIn("भटिंडा से बोल रहा हूँ, खेती करता हूँ"), "Punjab");
    assert.equal(made.kb.search.stateIn("main patiyala se bol raha hoon"), "Punjab");
    assert.equal(made.kb.search.stateIn("my family lives near Ludhiana"), "Punjab");
  });

  it("a state named outright wins over a town of another state", () => {
    assert.equal(made.kb.search.stateIn("we moved from Bikaner to Punjab last year"), "Punjab");
  });

  it("everyday words are no towns", () => {
    for (const text of ["I went to the bank yesterday", "woh ghar gaya tha", "पैसा कब आएगा", "new card kaise banega", "अगर लोन चालू रहे तो", "दुकान के लिए लोन चाहिए, हम करते क्या हैं"]) {
      assert.equal(made.kb.search.placeIn(text), undefined, text);
      assert.equal(made.kb.search.stateIn(text), undefined, text);
    }
  });

  it("a word the Hindi spelling dictionary lists is a town only when spelt as the town is, not a letter off", () => {
    // "पालन" (rearing) is a letter off "Palani", "पालना" (to rear) two; a town spelt a letter off is still met
    for (const text of ["मुर्गी पालन के लिए लोन चाहिए", "गाय पालन योजना में क्या मिलता है"]) {
      assert.equal(made.kb.search.placeIn(text), undefined, text);
      assert.equal(made.kb.search.stateIn(text), undefined, text);
    }
    assert.equal(made.kb.search.stateIn("हम लोग लुधियाना के पास एक गाँव में रहते हैं"), "Punjab");
  });

  it("a town is a place, whether or not its name tells one state", () => {
    assert.ok(made.kb.search.isPlace("Gorakhpur"));
    assert.ok(made.kb.search.isPlace("Varanasi"));
    assert.ok(!made.kb.search.isPlace("wheel"));
  });

  for (const text of ["I am a potter from Moradabad. How much does Kumhar Vikas Sahayata give?", "मैं मुरादाबाद का कुम्हार हूँ, कुम्हार विकास सहायता में कितना मिलता है?", "main moradabad se hoon, kumhar vikas sahayata me kitna paisa milta hai"]) {
    it(`a town said beside a held scheme's name is not an unknown scheme: "${text}"`, async () => {
      const reply = await ask(text);
      assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "kvs-test"], reply.text);
      assert.match(reply.text, /7,500/);
    });
  }
});
