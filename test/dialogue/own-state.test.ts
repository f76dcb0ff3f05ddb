// A central scheme named by a caller whose state runs its own version of it (the central name with the
// state's), or a namesake the caller said whole: the state's, which is the one they can apply to; the
// central one when no state is known. Made-up schemes.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newContext, type DialogueEngine, type Reply } from "../../src/dialogue/index.js";
import type { KnowledgeBase } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir } from "../helpers.js";
import { engineOver, scheme } from "./engine-over.js";

const inState = (state: string) => ({ level: "state", state, applicableStates: [state] });

const records = [
  scheme({ schemeId: "svps-test", name: { en: "National Suvarna Parivar Sahara Scheme", hi: "राष्ट्रीय सुवर्ण परिवार सहारा योजना" }, tags: ["Family"], benefits: { en: ["₹ 20,000 once to the family."], hi: ["परिवार को एक बार ₹ 20,000।"] } }),
  scheme({ schemeId: "svpsg-test", name: { en: "National Suvarna Parivar Sahara Scheme - Kerala" }, ...inState("Kerala"), tags: ["Family"], benefits: { en: ["₹ 30,000 once to the family in Kerala."] } }),
  scheme({ schemeId: "rjk-test", name: { en: "Rashtriya Jeevan Kosh - Poor Patients' Fund" }, tags: ["Treatment"], benefits: { en: ["Up to ₹ 15,00,000 for treatment."] } }),
  scheme({ schemeId: "gjk-test", name: { en: "Kerala Jeevan Kosh Scheme" }, ...inState("Kerala"), tags: ["Treatment"], benefits: { en: ["Up to ₹ 3,00,000 for treatment in Kerala."] } }),
];

describe("the caller's state's own version of a central scheme", () => {
  const dir = tempDir("sahayak-own-state-");
  let made: { kb: KnowledgeBase; engine: DialogueEngine };
  before(async () => (made = await engineOver(dir.path, [...sampleRecords(), ...records])));
  after(() => made.kb.close().finally(() => dir.cleanup()));
  const ask = (text: string): Promise<Reply> => made.engine.respond({ text }, newContext("s"));
  const answers = async (text: string, id: string) => {
    const reply = await ask(text);
    assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", id], reply.text);
  };

  for (const text of [
    "We are in Kerala. How much does the Suvarna Parivar Sahara Scheme give a family?",
    "हम केरल में रहते हैं, राष्ट्रीय सुवर्ण परिवार सहारा योजना में परिवार को कितना पैसा मिलता है?",
    "hum kerala mein rehte hain, suvarna parivar sahara yojana mein kitna paisa milta hai",
  ]) {
    it(`the state's version of the central scheme named: "${text}"`, () => answers(text, "svpsg-test"));
  }

  for (const text of ["How much does the Suvarna Parivar Sahara Scheme give a family?", "सुवर्ण परिवार सहारा योजना में कितना पैसा मिलता है?"]) {
    it(`no state known: the central scheme: "${text}"`, () => answers(text, "svps-test"));
  }

  for (const text of ["I am from Kerala, how much can the Jeevan Kosh give for my father's treatment?", "kerala se hoon, jeevan kosh se ilaj ke liye kitni madad milti hai"]) {
    it(`a state's namesake said whole, the central name's other words not said: the state's: "${text}"`, () => answers(text, "gjk-test"));
  }

  for (const text of [
    "I am from Kerala. How much does the Jeevan Kosh Poor Patients Fund give for my father's treatment?",
    "मैं केरल से हूँ, जीवन कोष पुअर पेशेंट्स फंड से इलाज के लिए कितनी मदद मिलती है?",
    "kerala se hoon, jeevan kosh poor patients fund se ilaj ke liye kitni madad milti hai",
  ]) {
    it(`the central name said further than the state's namesake holds: the central one: "${text}"`, () => answers(text, "rjk-test"));
  }
});
