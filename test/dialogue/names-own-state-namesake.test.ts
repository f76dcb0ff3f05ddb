// A name several states carry, spelt a little otherwise in each record ("<Name> Yojana" of one state,
// "<Naame> Scheme" of another): a caller who names their state means their state's record, though the other
// state's spelling is the one they said to the letter. Made-up schemes.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newContext, type DialogueEngine } from "../../src/dialogue/index.js";
import type { KnowledgeBase } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir } from "../helpers.js";
import { engineOver, scheme } from "./engine-over.js";

const inState = (state: string) => ({ level: "state", state, applicableStates: [state] });

const records = [
  scheme({ schemeId: "tkg-rj-test", name: { en: "Tarini Kumbh Gaurav Yojana" }, ...inState("Rajasthan"), tags: ["Girl Child"], benefits: { en: ["₹ 11,000 on the girl's birth in Rajasthan."] } }),
  // one state writes the name as two words, the other runs them into one
  scheme({ schemeId: "mdh-rj-test", name: { en: "Megha Dhanush Yojana" }, ...inState("Rajasthan"), tags: ["Artisan"], benefits: { en: ["₹ 4,000 for a loom in Rajasthan."] } }),
  scheme({ schemeId: "mdh-goa-test", name: { en: "Meghadhanush" }, ...inState("Goa"), tags: ["Artisan"], benefits: { en: ["₹ 9,000 for a loom in Goa."] } }),
  scheme({ schemeId: "tkg-goa-test", name: { en: "Taarini Kumbh Gaurav Scheme" }, ...inState("Goa"), tags: ["Girl Child"], benefits: { en: ["₹ 25,000 in a fixed deposit for the girl in Goa."] } }),
];

describe("the caller's state's record of a name two states carry", () => {
  const dir = tempDir("sahayak-own-namesake-");
  let made: { kb: KnowledgeBase; engine: DialogueEngine };
  before(async () => (made = await engineOver(dir.path, [...sampleRecords(), ...records])));
  after(() => made.kb.close().finally(() => dir.cleanup()));
  const answers = async (text: string, id: string) => {
    const reply = await made.engine.respond({ text }, newContext("s"));
    assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", id], reply.text);
  };

  for (const text of ["हम गोवा में रहते हैं, तारिणी कुंभ गौरव योजना में बेटी को कितना पैसा मिलता है?", "Goa mein rehte hain, Tarini Kumbh Gaurav Yojana mein beti ko kitna paisa milega?"]) {
    it(`their state's, not the one spelt as said: "${text}"`, () => answers(text, "tkg-goa-test"));
  }

  it("their state's name run into one word, though they said it as the other state's two", () => answers("Goa is my home. What sum does the Megha Dhanush scheme pay towards a loom?", "mdh-goa-test"));

  it("the other state named: that state's", () => answers("Rajasthan se hoon, Tarini Kumbh Gaurav Yojana mein beti ko kitna paisa milega?", "tkg-rj-test"));
});
