// Names lying inside longer names of other schemes: which names hold which, how well a longer name's
// extra words fit around a shorter one, and that the name model gives the evidence to the longer name
// when they fit (and leaves the shorter one alone when they do not).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { configSchema } from "../../src/config.js";
import { nameLogit, schemeProbabilities, sigmoid, type NameFeatures } from "../../src/speech/asr/name-calibration.js";
import { containingNames, nestedEvidence, type Alignment } from "../../src/speech/asr/name-nesting.js";

describe("nested names", () => {
  it("finds the longer names of other schemes that hold a name's words side by side, in order", () => {
    const names = [
      { schemeId: "short", words: [1, 2] }, // "PENSION YOJANA"
      { schemeId: "long", words: [0, 1, 2] }, // "ATAL PENSION YOJANA"
      { schemeId: "short", words: [3, 1, 2] }, // the same scheme's own longer form: not another scheme's
      { schemeId: "apart", words: [1, 0, 2] }, // the words, but not side by side
      { schemeId: "reversed", words: [2, 1, 4] },
      { schemeId: "same", words: [1, 2] }, // the same name, another scheme: not longer
      { schemeId: "twice", words: [1, 2, 5, 1, 2] },
    ];
    const c = containingNames(names);
    assert.deepEqual(c[0], [1, 6]);
    assert.deepEqual(c[5], [1, 2, 6]);
    assert.deepEqual(c[1], []);
    assert.deepEqual(c[3], []);
  });

  it("takes the most likely longer name said over the same frames, as −log(1 − p)", () => {
    const short: Alignment = { logit: 0, tokens: 10, start: 20, end: 40 };
    const said: Alignment = { logit: 0.5, tokens: 12, start: 10, end: 40 };
    const unlikely: Alignment = { logit: -6, tokens: 12, start: 10, end: 40 };
    const elsewhere: Alignment = { logit: 3, tokens: 12, start: 50, end: 70 };
    assert.ok(Math.abs(nestedEvidence(short, [said]) + Math.log(1 - sigmoid(0.5))) < 1e-12);
    assert.ok(nestedEvidence(short, [unlikely]) < 0.003);
    assert.equal(nestedEvidence(short, [elsewhere]), 0, "a longer name elsewhere in the utterance explains nothing here");
    assert.equal(nestedEvidence(short, []), 0);
    assert.equal(nestedEvidence(short, [unlikely, said]), nestedEvidence(short, [said]), "the likeliest longer name counts");
    assert.equal(nestedEvidence(short, [{ ...said, logit: -Infinity }]), 0);
    assert.ok(Number.isFinite(nestedEvidence(short, [{ ...said, logit: 800 }])), "no overflow");
  });

  it("with the fitted defaults, a long name said whole comes before the shorter name inside it that fits better per token", () => {
    const { calibration, schemeCalibration } = configSchema.parse({}).speech.asr.names;
    // the caller said the long name and the recogniser garbled its first word: per token, and by the
    // model without nesting, the shorter name inside it fits better over the same frames
    const short: NameFeatures = { llr: -2.34, tokens: 10, matchedInfo: 3.97, lmGap: -0.38, shared: 1, nested: 0 };
    const long: NameFeatures = { llr: -8.92, tokens: 12, matchedInfo: 4.37, lmGap: 0.26, shared: 1, nested: 0 };
    const at = (f: NameFeatures, start: number): Alignment => ({ logit: nameLogit(f, calibration), tokens: f.tokens, start, end: 60 });
    assert.ok(at(short, 33).logit > at(long, 25).logit, "without the rule the shorter name wins");
    const nested = { ...short, nested: nestedEvidence(at(short, 33), [at(long, 25)]) };
    const ranked = schemeProbabilities(
      [
        { schemeId: "short", logit: nameLogit(nested, calibration) },
        { schemeId: "long", logit: at(long, 25).logit },
      ],
      schemeCalibration,
    );
    assert.equal(ranked[0]!.schemeId, "long", JSON.stringify(ranked));
    // said by itself (the longer name's extra word not in the audio), the shorter name keeps nearly all its evidence
    const notSaid = { ...long, llr: -40, matchedInfo: 3.5 };
    const alone = { ...short, nested: nestedEvidence(at(short, 33), [at(notSaid, 25)]) };
    assert.ok(nameLogit(alone, calibration) > nameLogit(short, calibration) - 0.1);
  });
});
