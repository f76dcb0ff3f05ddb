// The spoken evaluation's callers (bench/caller-voice.ts): every voice the set names is installed and
// speaks (make setup installs them; a missing one fails here and in the benchmark, never skips), a voice
// that is not installed is named with its package, and tempo and seeded noise shape the audio repeatably.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, describe, it } from "node:test";
import { callerQuestionWav } from "../../bench/caller-voice.js";
import type { SpokenQuestion } from "../../bench/eval/set.js";
import { readEvalFiles } from "../../bench/eval/validate.js";
import { readWav } from "../../src/audio/index.js";
import { tempDir } from "../helpers.js";

const dir = tempDir("sahayak-caller-voice-");
after(() => dir.cleanup());
const question = (over: Partial<SpokenQuestion>): SpokenQuestion => ({ id: "v", lang: "en", text: "What is Atal Pension Yojana", schemeId: "apy", schemeName: "Atal Pension Yojana", voice: "flite:kal", tempo: 1, ...over });
const seconds = (path: string) => readWav(readFileSync(path)).durationSeconds;

describe("spoken evaluation callers", () => {
  it("every voice the set names speaks a question", async () => {
    const voices = new Map(readEvalFiles().spoken.flatMap((p) => p.lines).map((q) => [q.voice, q.lang === "hi" ? "अटल पेंशन योजना" : "What is Atal Pension Yojana"]));
    for (const [voice, text] of voices) {
      const path = await callerQuestionWav(question({ id: voice.replace(":", "-"), voice, text }), dir.path);
      assert.ok(seconds(path) > 0.5, `${voice} spoke ${seconds(path)} s`);
    }
  });

  it("names the package of a voice that is not installed, for flite and festival alike", async () => {
    await assert.rejects(callerQuestionWav(question({ id: "m1", voice: "flite:no_such_voice" }), dir.path), /flite:no_such_voice is not installed: run make setup/);
    await assert.rejects(callerQuestionWav(question({ id: "m2", voice: "festival:no_such_diphone" }), dir.path), /festival:no_such_diphone is not installed/);
  });

  it("tempo changes the length; noise is the same for the same question and louder at a lower SNR", async () => {
    const plain = seconds(await callerQuestionWav(question({ id: "t1" }), dir.path));
    const fast = seconds(await callerQuestionWav(question({ id: "t2", tempo: 1.3 }), dir.path));
    assert.ok(fast < plain * 0.85, `${fast} s at 1.3× against ${plain} s`);
    const noisy = (id: string, noiseSnrDb: number) => callerQuestionWav(question({ id, noiseSnrDb }), dir.path).then((p) => readWav(readFileSync(p)).samples);
    const [a, b] = [await noisy("n1", 15), await noisy("n1", 15)];
    assert.deepEqual(a, b);
    const clean = readWav(readFileSync(await callerQuestionWav(question({ id: "n0" }), dir.path))).samples;
    const noiseEnergy = (s: Float32Array) => s.reduce((sum, v, i) => sum + (v - clean[i]!) ** 2, 0);
    assert.ok(noiseEnergy(await noisy("n2", 5)) > 5 * noiseEnergy(a), "5 dB SNR adds far more noise than 15 dB");
  });

  it("a question shaped by tempo and gain is the same audio every run (sox's dither is seeded)", async () => {
    const shaped = () => callerQuestionWav(question({ id: "r1", tempo: 1.15, gainDb: -3 }), dir.path).then((p) => readFileSync(p));
    assert.deepEqual(await shaped(), await shaped());
  });
});
