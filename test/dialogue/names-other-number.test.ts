// A name the records hold, written by the caller a little otherwise, is that name and not one the records lack:
// a word of it said in the other number ("raincoat" of "Raincoats"), or the chief minister's word spelt as it is
// said ("mukyamantri"). Made-up schemes and sentences.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newContext, type DialogueEngine, type Reply } from "../../src/dialogue/index.js";
import type { KnowledgeBase } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir } from "../helpers.js";
import { engineOver, scheme } from "./engine-over.js";

const inState = (state: string) => ({ level: "state", state, applicableStates: [state] });

const records = [
  scheme({
    schemeId: "rgtp-test",
    name: { en: "Financial Help for the Purchase of Raincoats and Gumboots for Tea Pluckers" },
    ...inState("Assam"),
    benefits: { en: ["Up to ₹ 700 per raincoat and ₹ 450 per pair of gumboots."] },
  }),
  scheme({ schemeId: "tpw-test", name: { en: "Tea Pluckers Welfare Scheme" }, ...inState("Assam"), benefits: { en: ["A festival grant of ₹ 2,000."] } }),
  scheme({
    schemeId: "mkvy-test",
    name: { en: "Mukhyamantri Kumhar Chaak Vitaran Yojana" },
    ...inState("Goa"),
    benefits: { en: ["An electric potter's wheel worth ₹ 18,000 free of cost."] },
  }),
  scheme({ schemeId: "kcy-test", name: { en: "Kumhar Kala Yojana" }, ...inState("Goa"), benefits: { en: ["Training for six weeks."] } }),
];

describe("a held name written a little otherwise", () => {
  const dir = tempDir("sahayak-names-other-number-");
  let made: { kb: KnowledgeBase; engine: DialogueEngine };
  before(async () => (made = await engineOver(dir.path, [...sampleRecords(), ...records])));
  after(() => made.kb.close().finally(() => dir.cleanup()));
  const ask = (text: string): Promise<Reply> => made.engine.respond({ text }, newContext("o"));

  for (const text of ["Our garden lies in Assam. Raincoat scheme: what sum per raincoat?", "assam ke bagaan me patti todne wali behno ki raincoat scheme se ek raincoat ka paisa batao"]) {
    it(`a name's word in the singular is its word: "${text}"`, async () => {
      const reply = await ask(text);
      assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "rgtp-test"], reply.text);
      assert.match(reply.text, /700/);
    });
  }

  for (const text of ["goa ki mukyamantri kumhar chaak vitaran yojana se potter ko kya fayda", "Tell me what a potter gets from the Mukhmantri Kumhar Chaak Vitaran Yojana of Goa"]) {
    it(`the chief minister's word spelt as said is no word of another name: "${text}"`, async () => {
      const reply = await ask(text);
      assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "mkvy-test"], reply.text);
      assert.match(reply.text, /18,000/);
    });
  }
});
