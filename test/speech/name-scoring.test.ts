// The pure parts of scoring scheme names against audio: features, tokenising, the name lattice, the
// spoken forms of names and the calibration fit.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Fbank, SHERPA_FBANK } from "../../src/speech/asr/fbank.js";
import { calibrationOf, fitCalibration, fitSchemeCalibration, LONE_MARGIN, nameLogit, schemeProbabilities, sigmoid, type NameFeatures } from "../../src/speech/asr/name-calibration.js";
import { bestSpot } from "../../src/speech/asr/name-lattice.js";
import { SentencePieceEncoder } from "../../src/speech/asr/sentencepiece.js";
import { spokenForm, spokenNames } from "../../src/speech/asr/spoken-names.js";

describe("fbank (kaldi-style, as sherpa-onnx computes it)", () => {
  const fbank = new Fbank();

  it("counts frames as kaldi does without snipping edges: the length in 10 ms shifts, rounded", () => {
    assert.equal(fbank.numFrames(16000), 100);
    assert.equal(fbank.numFrames(80), 1);
    assert.equal(fbank.numFrames(79), 0);
    assert.equal(fbank.compute(new Float32Array(16000)).length, 100 * SHERPA_FBANK.numBins);
  });

  it("floors silence at log(FLT_EPSILON) in every bin", () => {
    const f = fbank.compute(new Float32Array(1600));
    for (const v of f) assert.ok(Math.abs(v - Math.log(1.1920928955078125e-7)) < 1e-4);
  });

  it("puts a pure tone's energy in the mel bin centred on its frequency", () => {
    const mel = (hz: number) => 1127 * Math.log(1 + hz / 700);
    const low = mel(20);
    const delta = (mel(7600) - low) / 81;
    for (const hz of [300, 1000, 3000]) {
      const tone = Float32Array.from({ length: 16000 }, (_, i) => 0.3 * Math.sin((2 * Math.PI * hz * i) / 16000));
      const frame = fbank.compute(tone).subarray(50 * 80, 51 * 80);
      let best = 0;
      for (let b = 1; b < 80; b++) if (frame[b]! > frame[best]!) best = b;
      const nearest = Math.round((mel(hz) - low) / delta) - 1;
      assert.ok(Math.abs(best - nearest) <= 1, `${hz} Hz peaked in bin ${best}, expected about ${nearest}`);
    }
  });
});

describe("sentencepiece unigram tokenising", () => {
  const pieces = [
    { piece: "▁AT", score: -2 },
    { piece: "AL", score: -3 },
    { piece: "▁A", score: -1 },
    { piece: "T", score: -2 },
    { piece: "A", score: -2 },
    { piece: "L", score: -2 },
    { piece: "▁", score: -5 },
    { piece: "<unk>", score: 0 },
  ];
  const ids = new Map(pieces.map((p, i) => [p.piece, i]));
  const encoder = new SentencePieceEncoder(pieces, ids);

  it("takes the most probable segmentation, words starting with ▁", () => {
    // ▁AT+AL = -5 beats ▁A+T+AL = -6 and ▁A+T+A+L = -7
    assert.deepEqual(encoder.encode("atal"), [ids.get("▁AT"), ids.get("AL")]);
    assert.deepEqual(encoder.encode("at a"), [ids.get("▁AT"), ids.get("▁A")]);
  });

  it("has no reading for a letter without a piece, and never uses control pieces", () => {
    assert.equal(encoder.encode("atom"), null);
    assert.equal(encoder.encode(""), null);
  });
});

describe("the name lattice", () => {
  it("finds the best span of a two-token name, waiting between its tokens", () => {
    // frames 0..3; token 0 fits at frame 1, token 1 at frame 3, a blank at frame 2 costs 0.5
    const emit = Float32Array.from([-5, 0, -5, -5, /* token 1 */ -5, -5, -4, -1]);
    const wait = Float32Array.from([-1, -0.5, -0.5, -1, /* after the last token: unused */ -9, -9, -9, -9]);
    const spot = bestSpot(2, 4, emit, wait, 4);
    assert.equal(spot.score, -1.5);
    assert.deepEqual([spot.start, spot.end], [1, 3]);
  });

  it("ends a name on its last token (trailing blanks are not the name's), and takes one token per frame", () => {
    const emit = Float32Array.from([0, -1, -1, /* token 1 */ 0, -2, -2]);
    const wait = new Float32Array(3).fill(-0.1);
    // token 1 cannot share frame 0 with token 0: best is token 0 at 0, token 1 at 1
    const spot = bestSpot(2, 3, emit, wait, 0);
    assert.equal(spot.score, -2);
    assert.deepEqual([spot.start, spot.end], [0, 1]);
  });

  it("scores a one-token name by its best frame", () => {
    const spot = bestSpot(1, 3, Float32Array.from([-3, -0.5, -2]), new Float32Array(3), 0);
    assert.deepEqual(spot, { score: -0.5, start: 1, end: 1 });
  });
});

describe("spoken forms of scheme names", () => {
  const texts = (meta: { name: string; shortTitle: string; aliases: string[] }) => spokenNames({ schemeId: "x", ...meta }).map((n) => n.text);

  it("reads names as the helpline's voice does, and as callers shorten them", () => {
    const kisan = texts({ name: "Pradhan Mantri Kisan Samman Nidhi (PM-KISAN)", shortTitle: "PM-KISAN", aliases: ["kisan samman nidhi", "किसान सम्मान निधि"] });
    for (const form of ["PRADHAN MANTRI KISAN SAMMAN NIDHI", "P M KISAN SAMMAN NIDHI", "KISAN SAMMAN NIDHI", "P M KISAN", "PRADHAN MANTRI KISAN"]) assert.ok(kisan.includes(form), `${form} in ${kisan.join(" | ")}`);
    assert.ok(kisan.every((t) => /^[A-Z' ]+$/.test(t)), "only the recogniser's letters");
    const apy = texts({ name: "Atal Pension Yojana", shortTitle: "APY", aliases: [] });
    // "APY" is too short to say as a word: callers spell it
    assert.deepEqual(new Set(apy), new Set(["ATAL PENSION YOJANA", "ATAL PENSION", "A P Y"]));
  });

  it("leaves out forms too short to single a scheme out, and spelt acronyms are not taken for the office", () => {
    const awas = texts({ name: "Pradhan Mantri Awaas Yojana - Gramin", shortTitle: "PMAY - G", aliases: [] });
    assert.ok(awas.includes("P M A Y G"));
    assert.ok(awas.includes("GRAMIN"));
    for (const bad of ["G", "A Y", "A Y G", "PRADHAN MANTRI A Y G"]) assert.ok(!awas.includes(bad), `${bad} in ${awas.join(" | ")}`);
  });

  it("spells digits and symbols out", () => {
    assert.equal(spokenForm("Scheme 2.0 & more"), "SCHEME TWO POINT ZERO AND MORE");
    assert.equal(spokenForm("Vendor’s loan"), "VENDOR'S LOAN");
  });
});

describe("calibration", () => {
  it("fits the logistic model's coefficients back from data drawn from it, ignoring names with no alignment", () => {
    const truth = calibrationOf([-2, 1.5, 0.2, 0.3, 0.5, -1, -0.8]);
    let seed = 3;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const rows: { features: NameFeatures; said: boolean }[] = [];
    for (let i = 0; i < 6000; i++) {
      const tokens = 2 + Math.floor(random() * 12);
      const features: NameFeatures = { llr: -random() * 4 * tokens, tokens, matchedInfo: random() * 10, lmGap: random() * 4 - 1, shared: 1 + Math.floor(random() * 3), nested: random() < 0.3 ? random() * 2 : 0 };
      rows.push({ features, said: random() < sigmoid(nameLogit(features, truth)) });
    }
    rows.push({ features: { llr: -Infinity, tokens: 3, matchedInfo: 0, lmGap: 0, shared: 1, nested: 0 }, said: false });
    const fitted = fitCalibration(rows);
    for (const key of Object.keys(truth) as (keyof typeof truth)[]) assert.ok(Math.abs(fitted[key] - truth[key]) < 0.35, `${key}: ${fitted[key]} vs ${truth[key]}`);
  });

  it("holds the fit per token and the matched information at zero rather than let them go negative", () => {
    let seed = 5;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    // the more information matched, the less likely said: a fit would make that coefficient negative
    const rows = Array.from({ length: 3000 }, () => {
      const matchedInfo = random() * 10;
      const features: NameFeatures = { llr: -random() * 10, tokens: 4, matchedInfo, lmGap: 0, shared: 1, nested: 0 };
      return { features, said: random() < sigmoid(1 - 0.5 * matchedInfo) };
    });
    const fitted = fitCalibration(rows);
    assert.equal(fitted.matchedInfo, 0);
    assert.ok(fitted.llrPerToken >= 0);
  });

  it("holds a longer name's evidence at zero rather than let it raise the name inside it", () => {
    let seed = 11;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const rows = Array.from({ length: 3000 }, () => {
      const nested = random() * 2;
      const features: NameFeatures = { llr: -random() * 10, tokens: 4, matchedInfo: 1, lmGap: 0, shared: 1, nested };
      return { features, said: random() < sigmoid(-1 + 0.3 * features.llr + 0.8 * nested) };
    });
    assert.equal(fitCalibration(rows).nested, 0);
  });

  it("weighs a scheme against the best other one: a close second lowers the first's probability", () => {
    const c = { bias: -1, logit: 0.5, margin: 0.8 };
    const alone = schemeProbabilities([{ schemeId: "a", logit: 1 }], c);
    const clear = schemeProbabilities([{ schemeId: "b", logit: -3 }, { schemeId: "a", logit: 1 }], c);
    const close = schemeProbabilities([{ schemeId: "a", logit: 1 }, { schemeId: "b", logit: 0.9 }], c);
    assert.deepEqual(clear.map((s) => s.schemeId), ["a", "b"], "best first");
    assert.equal(alone[0]!.score, sigmoid(-1 + 0.5 + 0.8 * LONE_MARGIN));
    assert.ok(alone[0]!.score > clear[0]!.score && clear[0]!.score > close[0]!.score);
    assert.ok(Math.abs(close[1]!.score - sigmoid(-1 + 0.5 * 0.9 + 0.8 * -0.1)) < 1e-12, "the second's margin is to the first");
  });

  it("fits the scheme stage: when the scheme asked about is the one that stands out, the margin counts", () => {
    let seed = 9;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const utterances = Array.from({ length: 800 }, () => {
      // the scheme asked about fits about as well as the rest, but the others crowd together
      const gold = random() * 3 - 1;
      const crowd = random() * 2 - 1;
      const scores = [{ schemeId: "gold", logit: gold }, ...Array.from({ length: 3 }, (_, k) => ({ schemeId: `other${k}`, logit: crowd + random() * 0.2 }))];
      return { scores, gold: "gold" };
    });
    const fitted = fitSchemeCalibration(utterances);
    assert.ok(fitted.margin > 0.5, JSON.stringify(fitted));
    const first = utterances.map((u) => schemeProbabilities(u.scores, fitted)[0]!);
    const rightWhenSure = first.filter((f) => f.score > 0.8);
    assert.ok(rightWhenSure.length > 100 && rightWhenSure.every((f) => f.schemeId === "gold"), `${rightWhenSure.length} sure`);
  });
});
