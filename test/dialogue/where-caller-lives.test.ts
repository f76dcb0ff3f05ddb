// Where the caller lives is their story, not their question: a small town the gazetteer's main bar leaves out
// is no name of a scheme the knowledge base lacks, a Devanagari district town is met by its sound as said
// ("दुमका" is "dumka"), and the romanised verb of living ("rehte") is read as the verb it is, not by the sound
// of an unrelated noun (राहत, relief), nor counted as everyday talk against a question about schemes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BackgroundLanguage } from "../../src/knowledge/background.js";
import { newContext, type Reply } from "../../src/dialogue/index.js";
import { realEngine } from "./engine-over.js";

describe("where the caller lives", () => {
  const real = realEngine();
  const ask = (text: string): Promise<Reply> => real.engine.respond({ text }, newContext("where-caller-lives"));

  const smallTown: string[] = [
    "My brother runs a shop in Kavaratti. how much is the Lakshadweep capital subsidy at most?",
    "kavaratti me rehta hu, lakshadweep ki capital subsidy me maximum kitna paisa milega?",
    "कवरत्ती में मेरी दुकान है। लक्षद्वीप में पूंजी सब्सिडी ज़्यादा से ज़्यादा कितनी मिलती है?",
  ];
  for (const text of smallTown) {
    it(`a small town is where the caller is, not a scheme unheard of: "${text}"`, async () => {
      const reply = await ask(text);
      assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "25-ciss"], reply.text);
    });
  }

  it("a Devanagari district town is met by its sound as said, and says its state", () => {
    assert.deepEqual(real.kb.search.placeIn("हम दुमका में रहते हैं"), { name: "Dumka", state: "Jharkhand" });
  });

  it("a romanised verb of living means living, however its consonants sound", () => {
    const background = BackgroundLanguage.load();
    for (const form of ["rehte", "rahti", "rehta"]) assert.ok(background.englishOf(form).includes("stay"), form);
    // a noun the dictionary spells as said keeps its own meaning, though it ends as a verb form does
    assert.ok(background.englishOf("kheti").includes("farming"));
    assert.ok(background.englishOf("pati").includes("husband"));
  });

  const living: string[] = ["hum kyelang me rehte hain, machhuaron ke liye yojana me kitna paisa milta hai?", "hum dharchula me rehte hai, bunkaron ke liye yojana me kitna paisa milta hai?"];
  for (const text of living) {
    it(`"we live in <town>" neither reads as relief nor refuses the question: "${text}"`, async () => {
      const reply = await ask(text);
      assert.notEqual(reply.action, "out_of_scope", reply.text);
      for (const id of reply.schemeIds) {
        const record = await real.kb.store.get(id);
        assert.doesNotMatch(`${record?.name.en} ${(record?.tags ?? []).join(" ")}`, /relief|rehabilitation/i, reply.text);
      }
      assert.ok(reply.schemeIds.length > 0, reply.text);
    });
  }
});
