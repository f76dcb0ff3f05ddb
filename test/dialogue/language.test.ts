// Language identification: fastText (lid.176) names the language of Devanagari and other Indian scripts.
// When it cannot load, detection goes on by script and word list, but Marathi and Nepali become Hindi:
// that must be said (the log at start, doctor), never swallowed.
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
    assert.match(detector.problem ?? "", /^fastText language identification cannot load \(lid\.176\.ftz: no such file\): Marathi and Nepali are taken for Hindi/);
    assert.deepEqual(
      logged.filter((l) => l.level >= 50).map((l) => [l.msg, l.err]),
      [[detector.problem, "lid.176.ftz: no such file"]],
    );
    assert.equal(detector.detect("माझे नाव काय आहे आणि मला कोणत्या योजनेचा लाभ मिळेल").lang, "hi");
    assert.equal(detector.detect("what is pm kisan").answerLang, "en");
  });
});
