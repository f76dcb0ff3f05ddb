// Everyday words no dictionary lists as they stand, that are no scheme's name: a word of kin with the
// honorific glued on ("पिताजी", "pitaji") and two dictionary words written as one ("राजमिस्त्री", a mason).
// A caller who mentions them in a question about a kind of help is not told "no details of" them.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isOrdinaryWord } from "../../src/dialogue/ordinary.js";
import { BackgroundLanguage } from "../../src/knowledge/index.js";

describe("compounds and honorifics are ordinary words", () => {
  const background = BackgroundLanguage.load();

  for (const word of ["पिताजी", "pitaji", "mataji", "माताजी", "राजमिस्त्री"]) {
    it(`"${word}" is an ordinary word`, () => assert.equal(isOrdinaryWord(word, background), true));
  }

  // a scheme's own name, or a garbled one, stays a name: its parts are no two dictionary words
  for (const word of ["सुकन्या", "आयुष्मान", "उषमानबर्ट", "sukanya", "ushmanbert"]) {
    it(`"${word}" is not`, () => assert.equal(isOrdinaryWord(word, background), false));
  }

});
