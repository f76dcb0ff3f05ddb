// A name made of function words but for one word many names share ("Tumhari Beti Hamari Beti"): said
// whole, in a row, its function words are its words said, so the name is said whole and names the scheme;
// before, only the shared word counted as said and a choice of unrelated daughters' schemes was offered.
// Made-up schemes; English, Hindi and romanised Hindi.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newContext, type DialogueEngine } from "../../src/dialogue/index.js";
import type { KnowledgeBase } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir } from "../helpers.js";
import { engineOver, scheme } from "./engine-over.js";

const inState = (state: string) => ({ level: "state", state, applicableStates: [state] });
const records = [
  scheme({
    schemeId: "tbhb-test",
    name: { en: "Tumhari Beti Hamari Beti", hi: "तुम्हारी बेटी हमारी बेटी" },
    ...inState("Punjab"),
    tags: ["Girl Child"],
    benefits: { en: ["A deposit of ₹ 27,500 is made on the birth of a second daughter."], hi: ["दूसरी बेटी के जन्म पर ₹ 27,500 जमा किए जाते हैं।"] },
  }),
  scheme({ schemeId: "tby-test", name: { en: "Tumhari Beti Yojana" }, ...inState("Punjab"), tags: ["Girl Child"] }),
  ...["Beti Padhao Punjab", "Beti Vivah Punjab", "Beti Shiksha Punjab", "Beti Suraksha Punjab"].map((n, i) => scheme({ schemeId: `pbeti${i}-test`, name: { en: `${n} Yojana` }, ...inState("Punjab"), tags: ["Girl Child"] })),
];

describe("a name of function words and one shared word, said whole", () => {
  const dir = tempDir("sahayak-names-function-words-");
  let kb: KnowledgeBase;
  let engine: DialogueEngine;
  before(async () => ({ kb, engine } = await engineOver(dir.path, [...sampleRecords(), ...records])));
  after(async () => {
    await kb.close();
    dir.cleanup();
  });

  it("is said whole, its function words among the words said", () => {
    const named = kb.search.matchNames("what do we get under Tumhari Beti Hamari Beti", 5).find((m) => m.schemeId === "tbhb-test");
    assert.equal(named?.whole, true, JSON.stringify(named));
    assert.ok(named?.said?.includes("hamari"), JSON.stringify(named));
  });

  for (const text of ["What do we get under Tumhari Beti Hamari Beti?", "तुम्हारी बेटी हमारी बेटी योजना में पंजाब की बेटियों को कितना पैसा मिलता है?", "tumhari beti hamari beti yojana me kitna paisa milta hai"]) {
    it(`names its scheme, which answers: "${text}"`, async () => {
      const reply = await engine.respond({ text }, newContext("t"));
      assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "tbhb-test"], reply.text);
      assert.match(reply.text, /27,500/);
    });
  }
});
