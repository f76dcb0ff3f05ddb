// A question in another Indian language is answered from the English facts for the scheme it names, as
// the same question in English, Hindi and romanised Hindi is; not refused as out of scope for words the
// helpline does not speak. Marathi, in Hindi's script, is read through its own words.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { DialogueEngine, newContext } from "../../src/dialogue/index.js";
import { realKnowledgeBase } from "../kb-fixture.js";

describe("questions in other Indian languages", () => {
  let engine: DialogueEngine;
  let fixture: Awaited<ReturnType<typeof realKnowledgeBase>>;
  before(async () => {
    fixture = await realKnowledgeBase();
    engine = await DialogueEngine.create(fixture.kb, fixture.config);
  });
  after(() => fixture.cleanup());
  const ask = (text: string) => engine.respond({ text }, newContext("ol"));

  it("a scheme named in Bengali, Tamil or Telugu is answered in English for that scheme, as in English, Hindi and romanised Hindi", async () => {
    const askings: [string, string, string][] = [
      ["How much treatment cover does the Ayushman Bharat card give in a year?", "ab-pmjay", "en"],
      ["आयुष्मान भारत कार्ड में साल में कितने का इलाज होता है?", "ab-pmjay", "hi"],
      ["ayushman bharat card mein saal mein kitne ka ilaj hota hai", "ab-pmjay", "hi"],
      ["আয়ুষ্মান ভারত কার্ডে এক বছরে কত টাকার চিকিৎসা পাওয়া যায়?", "ab-pmjay", "en"],
      ["பிஎம் கிசான் திட்டத்தில் ஒரு வருடத்திற்கு எவ்வளவு பணம் கிடைக்கும்?", "pm-kisan", "en"],
      ["పీఎం కిసాన్ పథకంలో ఏడాదికి ఎంత డబ్బు వస్తుంది?", "pm-kisan", "en"],
    ];
    for (const [q, scheme, lang] of askings) {
      const r = await ask(q);
      assert.deepEqual([r.action, r.schemeIds[0], r.lang], ["answer", scheme, lang], q);
    }
  });

  it("the fact asked for in another language is the one answered: an amount for 'how much'", async () => {
    for (const q of ["How much money does PM Kisan give in a year?", "पीएम किसान में साल में कितना पैसा मिलता है?", "pm kisan mein saal mein kitna paisa milta hai", "পিএম কিষাণে বছরে কত টাকা পাওয়া যায়?", "பிஎம் கிசான் திட்டத்தில் ஒரு வருடத்திற்கு எவ்வளவு பணம் கிடைக்கும்?"]) {
      const r = await ask(q);
      assert.deepEqual([r.schemeIds[0], r.intent], ["pm-kisan", "benefits"], q);
      assert.match(r.text, /6,000/, q);
    }
  });

  it("Marathi's own words are read: crop insurance documents, as in English, Hindi and romanised Hindi", async () => {
    for (const q of ["Which documents are needed for the Pradhan Mantri crop insurance scheme?", "प्रधानमंत्री फसल बीमा योजना के लिए कौन से दस्तावेज चाहिए?", "pradhan mantri fasal bima yojana ke liye kaun se dastavej chahiye", "प्रधानमंत्री पीक विमा योजनेसाठी कोणती कागदपत्रे लागतात?"]) {
      const r = await ask(q);
      assert.deepEqual([r.action, r.schemeIds[0], r.intent], ["answer", "pmfby", "documents"], q);
    }
  });
});
