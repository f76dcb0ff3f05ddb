import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { float32ToInt16, readWav, resample } from "../../src/audio/index.js";
import { idleVadDetectors, prepareVadDetectors, VadStream, type VadEvent } from "../../src/speech/vad/index.js";
import { sharedDir, testConfig } from "../helpers.js";

const vadConfig = testConfig("/tmp/unused").speech.vad;

function run(pcm: Int16Array): VadEvent[] {
  const v = new VadStream(vadConfig);
  const events: VadEvent[] = [];
  for (let i = 0; i < pcm.length; i += 160) events.push(...v.accept(pcm.subarray(i, i + 160)));
  return events;
}

function clip(dir: string, file: string): Int16Array {
  const w = readWav(readFileSync(join(sharedDir, "fixtures", "audio", dir, file)));
  const pcm = float32ToInt16(w.sampleRate === 8000 ? w.samples : resample(w.samples, w.sampleRate, 8000));
  const padded = new Int16Array(pcm.length + 16000); // 0.5 s silence before, 1.5 s after
  padded.set(pcm, 4000);
  return padded;
}

describe("Silero VAD on telephone audio", () => {
  it("finds the speech in every 8 kHz fixture clip, starting after the leading silence", () => {
    for (let n = 1; n <= 10; n++) {
      const events = run(clip("en-8k", `osr34_${String(n).padStart(2, "0")}.wav`));
      const start = events.find((e) => e.type === "speech_start");
      const end = events.filter((e) => e.type === "speech_end").at(-1);
      assert.ok(start && end, `clip ${n}: ${JSON.stringify(events)}`);
      assert.ok(start.timeMs >= 400 && start.timeMs < 1500, `clip ${n} starts at ${start.timeMs}`);
      assert.ok(end.timeMs > start.timeMs + 800);
    }
  });

  it("splits the JFK clip into its phrases", () => {
    const events = run(clip("en-16k", "jfk.wav"));
    assert.ok(events.filter((e) => e.type === "speech_start").length >= 3, JSON.stringify(events));
  });

  it("silence, white noise and clipping do not make endless speech", () => {
    assert.deepEqual(run(new Int16Array(8000 * 3)), []);
    /** Events for the sound followed by 1.5 s of silence, and whether the stream still thinks it hears speech. */
    const thenSilence = (pcm: Int16Array) => {
      const v = new VadStream(vadConfig);
      const events: VadEvent[] = [];
      const all = new Int16Array(pcm.length + 12000);
      all.set(pcm);
      for (let i = 0; i < all.length; i += 160) events.push(...v.accept(all.subarray(i, i + 160)));
      const speaking = v.isSpeech;
      v.release();
      return { types: events.map((e) => e.type), speaking };
    };
    let seed = 42;
    const noise = Int16Array.from({ length: 8000 * 3 }, () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 2000);
    const clipped = Int16Array.from({ length: 8000 * 2 }, (_, i) => (Math.sin(i / 3) > 0 ? 32767 : -32768));
    for (const [name, pcm] of [["white noise", noise], ["clipping", clipped]] as const) {
      const { types, speaking } = thenSilence(pcm);
      assert.ok(types.filter((t) => t === "speech_start").length <= 1, `${name}: ${types.join(", ")}`);
      assert.equal(types.filter((t) => t === "speech_start").length, types.filter((t) => t === "speech_end").length, `${name}: every start has its end: ${types.join(", ")}`);
      assert.equal(speaking, false, `${name}: speech ended with the sound`);
    }
  });

  it("keeps audio from before the detected start (pre-speech padding)", () => {
    const v = new VadStream(vadConfig);
    const pcm = clip("en-8k", "osr34_01.wav");
    for (let i = 0; i < pcm.length; i += 160) {
      const events = v.accept(pcm.subarray(i, i + 160));
      if (events.some((e) => e.type === "speech_start")) {
        const pre = v.preSpeech();
        assert.ok(pre.length >= (vadConfig.preSpeechPadMs * 8000) / 1000, `${pre.length} samples kept`);
        return;
      }
    }
    assert.fail("no speech start");
  });
});

describe("detectors are made once and reused", () => {
  it("a released detector, cut off in mid-speech, serves the next call as a fresh one would", () => {
    const pcm = clip("en-8k", "osr34_02.wav");
    const fresh = run(pcm);
    prepareVadDetectors(vadConfig, 1);
    const waiting = idleVadDetectors(vadConfig);
    const first = new VadStream(vadConfig);
    assert.equal(idleVadDetectors(vadConfig), waiting - 1, "a waiting detector was taken, not a new one made");
    // the first caller hangs up while speaking
    for (let i = 0; i < pcm.length / 2; i += 160) first.accept(pcm.subarray(i, i + 160));
    assert.equal(first.isSpeech, true);
    first.release();
    first.release();
    assert.equal(idleVadDetectors(vadConfig), waiting, "handed back once");
    const second = new VadStream(vadConfig);
    const events: VadEvent[] = [];
    for (let i = 0; i < pcm.length; i += 160) events.push(...second.accept(pcm.subarray(i, i + 160)));
    assert.deepEqual(events, fresh);
    second.release();
  });

  it("prepares detectors up to the number asked for", () => {
    prepareVadDetectors(vadConfig, 3);
    assert.equal(idleVadDetectors(vadConfig), 3);
    prepareVadDetectors(vadConfig, 2);
    assert.equal(idleVadDetectors(vadConfig), 3);
  });
});

