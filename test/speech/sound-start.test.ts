import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { soundStart } from "../../src/speech/vad/sound-start.js";

const RATE = 8000;
/** A tone burst of `ms` at `at` samples into `length` samples of silence (or of low noise when `noise`). */
function burst(length: number, parts: { at: number; ms: number }[], noise = 0): Int16Array {
  const out = new Int16Array(length);
  let seed = 7;
  for (let i = 0; i < length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    out[i] = Math.round(((seed / 2 ** 32) * 2 - 1) * noise);
  }
  for (const { at, ms } of parts) for (let i = 0; i < (ms * RATE) / 1000; i++) out[at + i] = Math.round(8000 * Math.sin((2 * Math.PI * 300 * i) / RATE));
  return out;
}

describe("soundStart: where the sound began, to the sample", () => {
  it("moves with the audio sample for sample, however far it is shifted", () => {
    const starts = [0, 1, 7, 20, 33, 160, 257].map((shift) => {
      const audio = burst(8000, [{ at: 3000 + shift, ms: 400 }], 30);
      return soundStart(audio, RATE, 150, -60)! - shift;
    });
    assert.equal(new Set(starts).size, 1, `starts less the shift: ${starts.join(", ")}`);
    assert.ok(Math.abs(starts[0]! - 3000) <= 8, `found ${starts[0]} for a burst at 3000`);
  });

  it("a short quiet inside the words (a stop's closure) is not a new start; a long one before them is", () => {
    // 300 ms of sound, an 80 ms closure, more sound: the start is the first burst's
    const audio = burst(8000, [{ at: 2000, ms: 300 }, { at: 2000 + 380 * 8, ms: 300 }]);
    assert.ok(Math.abs(soundStart(audio, RATE, 150, -60)! - 2000) <= 8);
    // a click long before, then the words after a long quiet: the words' start
    const clicked = burst(12000, [{ at: 500, ms: 20 }, { at: 6000, ms: 300 }]);
    assert.ok(Math.abs(soundStart(clicked, RATE, 150, -60)! - 6000) <= 8);
  });

  it("no start without the quiet before it: sound from the first sample, or none at all", () => {
    assert.equal(soundStart(burst(4000, [{ at: 0, ms: 400 }]), RATE, 150, -60), undefined);
    assert.equal(soundStart(new Int16Array(4000), RATE, 150, -60), undefined);
    // noise above the line throughout is no quiet
    assert.equal(soundStart(burst(4000, [], 3000), RATE, 150, -60), undefined);
  });
});
