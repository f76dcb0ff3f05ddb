// A question in another Indian language is answered from the English facts for the scheme it names, as
// the same question in English, Hindi and romanised Hindi is; not refused as out of scope for words the
// helpline does not speak. Marathi, in Hindi's script, is read through its own words.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { DialogueEngine, newContext } from "../../src/dialogue/index.js";
import type { KnowledgeBase } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir } from "../helpers.js";
import { engineOver, realEngine, scheme } from "./engine-over.js";

describe("questions in other Indian languages", () => {
  const real = realEngine();
  const ask = (text: string) => real.engine.respond({ text }, newContext("ol"));

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

  it("registering, asked in Bengali, Tamil or Telugu, is how to apply, as in English, Hindi and romanised Hindi", async () => {
    for (const q of ["How do I register for PM Kisan?", "पीएम किसान में पंजीकरण कैसे करें?", "pm kisan mein registration kaise karein", "পিএম কিষাণে নিবন্ধন কিভাবে করব?", "பிஎம் கிசான் பதிவு எப்படி செய்வது?", "పీఎం కిసాన్ నమోదు ఎలా చేయాలి?"]) {
      const r = await ask(q);
      assert.deepEqual([r.action, r.schemeIds[0], r.intent], ["answer", "pm-kisan", "apply"], q);
    }
  });

  it("a scheme the knowledge base lacks, asked in Bengali, is 'no details' in English with its name in Latin letters, as in English, Hindi and romanised Hindi", async () => {
    for (const q of ["How much can I deposit in Sukanya Samriddhi Yojana?", "सुकन्या समृद्धि योजना में कितना पैसा जमा कर सकते हैं?", "sukanya samriddhi yojana mein kitna paisa jama kar sakte hain", "সুকন্যা সমৃদ্ধি যোজনায় কত টাকা জমা দেওয়া যায়?"]) {
      const r = await ask(q);
      assert.deepEqual([r.action, r.schemeIds.length], ["no_info", 0], q);
      if (r.lang === "en") assert.match(r.text, /^(?:I can answer in English or Hindi\. )?Sorry, I have no details of [a-z ]*sukanya/i, q);
    }
  });

  it("Marathi's own words are read: crop insurance documents, as in English, Hindi and romanised Hindi", async () => {
    for (const q of ["Which documents are needed for the Pradhan Mantri crop insurance scheme?", "प्रधानमंत्री फसल बीमा योजना के लिए कौन से दस्तावेज चाहिए?", "pradhan mantri fasal bima yojana ke liye kaun se dastavej chahiye", "प्रधानमंत्री पीक विमा योजनेसाठी कोणती कागदपत्रे लागतात?"]) {
      const r = await ask(q);
      assert.deepEqual([r.action, r.schemeIds[0], r.intent], ["answer", "pmfby", "documents"], q);
    }
  });
});

describe("a scheme added to the knowledge base is found in other languages without code changes", () => {
  const dir = tempDir("sahayak-otherlang-");
  let kb: KnowledgeBase;
  let engine: DialogueEngine;
  const madeUp = scheme({
    schemeId: "zkss-test",
    name: { en: "Zarimba Kanya Shiksha Sahayata Yojana", hi: "ज़रिम्बा कन्या शिक्षा सहायता योजना" },
    description: { en: "The Zarimba Kanya Shiksha Sahayata Yojana pays the school fees of girls in Zarimba villages." },
    benefits: { en: ["Each girl gets ₹ 4,200 a year for school fees.", "Books are given free."] },
    documents: { en: ["School admission slip", "Aadhaar Card"] },
  });
  before(async () => ({ kb, engine } = await engineOver(dir.path, [...sampleRecords(), madeUp])));
  after(async () => {
    await kb.close();
    dir.cleanup();
  });

  it("named in Bengali, Tamil, Telugu or Kannada as in English, Hindi and romanised Hindi, with the documents asked for", async () => {
    const askings = [
      "Which documents are needed for the Zarimba Kanya Shiksha Sahayata Yojana?",
      "ज़रिम्बा कन्या शिक्षा सहायता योजना के लिए कौन से दस्तावेज चाहिए?",
      "zarimba kanya shiksha sahayata yojana ke liye kaun se dastavej chahiye",
      "জারিম্বা কন্যা শিক্ষা সহায়তা যোজনার জন্য কী কী কাগজপত্র লাগে?",
      "ஜரிம்பா கன்யா சிக்ஷா சகாயதா திட்டத்திற்கு என்ன ஆவணங்கள் தேவை?",
      "జరింబా కన్యా శిక్షా సహాయతా యోజనకు ఏ పత్రాలు కావాలి?",
      "ಜರಿಂಬಾ ಕನ್ಯಾ ಶಿಕ್ಷಾ ಸಹಾಯತಾ ಯೋಜನೆಗೆ ಯಾವ ದಾಖಲೆಗಳು ಬೇಕು?",
    ];
    for (const q of askings) {
      const r = await engine.respond({ text: q }, newContext("zk"));
      assert.deepEqual([r.action, r.schemeIds[0], r.intent], ["answer", "zkss-test", "documents"], q);
      assert.match(r.text, /admission slip/, q);
    }
  });
});
