// Language identification: fastText (lid.176) names the language of Devanagari and other Indian scripts.
// When it cannot load, detection goes on by script and word list, but Nepali becomes Hindi and Marathi is
// known only by its commonest words: that must be said (the log at start, doctor), never swallowed.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LanguageDetector } from "../../src/dialogue/index.js";
import { createLogger } from "../../src/ops/log.js";

describe("language detection", () => {
  it("with fastText, Marathi in Devanagari is told from Hindi; nothing is reported", async () => {
    const detector = await LanguageDetector.create();
    assert.equal(detector.problem, null);
    assert.equal(detector.detect("माझे नाव काय आहे आणि मला कोणत्या योजनेचा लाभ मिळेल").lang, "mr");
    assert.equal(detector.detect("मुझे किसान योजना के बारे में बताइए").lang, "hi");
  });

  it("a fastText that cannot load is logged as an error and kept as the detector's problem; detection goes on by script", async () => {
    const logged: { level: number; msg: string; err?: string }[] = [];
    const log = createLogger("info", { write: (line: string) => void logged.push(JSON.parse(line)) });
    const detector = await LanguageDetector.create({ log, loadFastText: () => Promise.reject(new Error("lid.176.ftz: no such file")) });
    assert.match(detector.problem ?? "", /^fastText language identification cannot load \(lid\.176\.ftz: no such file\): Marathi is told from Hindi only by its commonest words, Nepali is taken for Hindi/);
    assert.deepEqual(
      logged.filter((l) => l.level >= 50).map((l) => [l.msg, l.err]),
      [[detector.problem, "lid.176.ftz: no such file"]],
    );
    assert.equal(detector.detect("मेरो नाम राम हो, मलाई कुन योजना चाहिन्छ").lang, "hi");
    assert.equal(detector.detect("माझे नाव काय आहे आणि मला कोणत्या योजनेचा लाभ मिळेल").lang, "mr");
    assert.equal(detector.detect("what is pm kisan").answerLang, "en");
  });

  it("Marathi's own words make a short Devanagari question Marathi, read in Hindi; Hindi stays as it is", async () => {
    const detector = await LanguageDetector.create();
    const mr = detector.detect("घरकुल योजनेसाठी अर्ज कसा करावा");
    assert.deepEqual([mr.lang, mr.answerLang, mr.text], ["mr", "hi", "आवास योजना के लिए आवेदन कैसे करें"]);
    const hi = detector.detect("पेंशन वाला फॉर्म कहाँ मिलेगा");
    assert.deepEqual([hi.lang, hi.text], ["hi", "पेंशन वाला फॉर्म कहाँ मिलेगा"]);
  });

  it("another Indian script is read as Devanagari, its everyday words in Hindi, and answered in English", async () => {
    const detector = await LanguageDetector.create();
    const bn = detector.detect("আয়ুষ্মান ভারতে কত টাকা পাওয়া যায়?");
    assert.deepEqual([bn.lang, bn.answerLang, bn.text], ["bn", "en", "आयुष्मान भारते कितना पैसे मिलना याय?"]);
    const ta = detector.detect("பிஎம் கிசான் திட்டத்தில் எவ்வளவு பணம்?");
    assert.deepEqual([ta.lang, ta.answerLang, ta.text], ["ta", "en", "पिएम किसान योजना कितना पैसे?"]);
  });
});
