// A long name said short, by its first words: the scheme whose name starts so is the one meant, even when
// each word alone is shared by other schemes' names.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newContext, type DialogueEngine, type Reply } from "../../src/dialogue/index.js";
import type { KnowledgeBase } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir } from "../helpers.js";
import { engineOver, scheme } from "./engine-over.js";

/** "Zarimba" and "Kheti" each begin or hold several schemes' names; only one name starts "Zarimba Kheti". */
const records = [
  scheme({
    schemeId: "zkmn-test",
    name: { en: "Zarimba Kheti Mahasanman Nidhi Yojana", hi: "ज़रिम्बा खेती महासम्मान निधि योजना" },
    level: "state",
    state: "Goa",
    applicableStates: ["Goa"],
    benefits: { en: ["Each farmer family gets ₹ 6,000 a year in three instalments."] },
  }),
  scheme({ schemeId: "zet-test", name: { en: "Zarimba E-Tablet Yojana", hi: "ज़रिम्बा ई-टैबलेट योजना" }, level: "state", state: "Goa", applicableStates: ["Goa"], benefits: { en: ["A tablet for ₹ 1,000."] } }),
  scheme({ schemeId: "zbp-test", name: { en: "Zarimba Bus Pass Yojana", hi: "ज़रिम्बा बस पास योजना" }, level: "state", state: "Goa", applicableStates: ["Goa"] }),
  scheme({ schemeId: "zsv-test", name: { en: "Zarimba Shala Vardi Yojana", hi: "ज़रिम्बा शाला वर्दी योजना" }, level: "state", state: "Goa", applicableStates: ["Goa"] }),
  scheme({ schemeId: "kyy-test", name: { en: "Kheti Yantra Yojana", hi: "खेती यंत्र योजना" }, level: "state", state: "Goa", applicableStates: ["Goa"] }),
  scheme({ schemeId: "kbs-test", name: { en: "Kheti Beej Sahay Yojana", hi: "खेती बीज सहाय योजना" }, level: "state", state: "Goa", applicableStates: ["Goa"] }),
  scheme({
    schemeId: "dkas-test",
    name: { en: "Dolpuri Kheti Apghat Suraksha Yojana", hi: "डोलपुरी खेती अपघात सुरक्षा योजना" },
    level: "state",
    state: "Goa",
    applicableStates: ["Goa"],
    benefits: { en: ["The family of a farmer who dies in an accident gets ₹ 2,00,000."] },
  }),
];

/**
 * Five schemes filed under health funds make "Health" and "Fund" words of a kind of help; a central scheme
 * and one state's scheme are named with them.
 */
const stateRecords = [
  ...["Zarimba", "Dolpuri", "Morvani", "Tirpani", "Kalsuri"].map((w, i) =>
    scheme({ schemeId: `hf${i}-test`, name: { en: `${w} Health Fund Support Scheme` }, tags: ["Health", "Fund"], level: "state", state: "Kerala", applicableStates: ["Kerala"] }),
  ),
  scheme({ schemeId: "nhf-test", name: { en: "National Health Fund", hi: "राष्ट्रीय हेल्थ फंड" }, level: "central", tags: ["Health", "Fund"], benefits: { en: ["Up to ₹ 15,00,000 for poor patients."] } }),
  scheme({
    schemeId: "ghf-test",
    name: { en: "Sikkim Health Fund", hi: "सिक्किम हेल्थ फंड" },
    level: "state",
    state: "Sikkim",
    applicableStates: ["Sikkim"],
    tags: ["Health", "Fund"],
    benefits: { en: ["Treatment costs up to ₹ 4,00,000 are paid to the hospital."] },
  }),
];

describe("names said", () => {
  const dir = tempDir("sahayak-names-said-");
  let kb: KnowledgeBase;
  let engine: DialogueEngine;
  before(async () => ({ kb, engine } = await engineOver(dir.path, [...sampleRecords(), ...records, ...stateRecords])));
  after(async () => {
    await kb.close();
    dir.cleanup();
  });
  const ask = (text: string): Promise<Reply> => engine.respond({ text }, newContext("n"));

  describe("a long name said by its first words", () => {
    for (const text of ["How much does the Zarimba Kheti scheme give?", "ज़रिम्बा खेती योजना में कितना पैसा मिलता है?", "zarimba kheti yojana me kitna paisa milta hai"]) {
      it(`answers for the scheme whose name starts so: "${text}"`, async () => {
        const reply = await ask(text);
        assert.equal(reply.action, "answer", reply.text);
        assert.equal(reply.schemeIds[0], "zkmn-test");
        assert.match(reply.text, /6,000/);
      });
    }

    for (const text of ["Tell me about the Zarimba scheme", "ज़रिम्बा योजना के बारे में बताइए", "zarimba yojana ke baare me batao"]) {
      it(`does not answer for one scheme when one shared word is said: "${text}"`, async () => {
        const reply = await ask(text);
        assert.notEqual(reply.schemeIds.length === 1 && reply.action === "answer" ? reply.schemeIds[0] : undefined, "zkmn-test", reply.text);
      });
    }
  });

  describe("a state's scheme named by words of a kind of help, with its state", () => {
    for (const text of ["What is the most the Sikkim Health Fund pays?", "सिक्किम हेल्थ फंड में कितने रुपये तक मिलते हैं?", "sikkim health fund me kitne rupaye tak milte hain"]) {
      it(`answers for that scheme: "${text}"`, async () => {
        const reply = await ask(text);
        assert.equal(reply.action, "answer", reply.text);
        assert.equal(reply.schemeIds[0], "ghf-test");
        assert.match(reply.text, /4,00,000/);
      });
    }
  });
});
