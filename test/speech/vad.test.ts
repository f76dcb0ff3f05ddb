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

describe("the first sign of speech (onset), for barge-in", () => {
  /** Where speech starts in a recording: the first 20 ms frame above about -36 dBFS. */
  function energyOnsetMs(pcm: Int16Array): number {
    for (let i = 0; i + 160 <= pcm.length; i += 160) {
      let sum = 0;
      for (let j = i; j < i + 160; j++) sum += pcm[j]! * pcm[j]!;
      if (Math.sqrt(sum / 160) > 500) return i / 8;
    }
    return -1;
  }

  /** Each event with the stream time at which it was reported. */
  function seen(pcm: Int16Array): { type: string; timeMs: number; seenMs: number }[] {
    const v = new VadStream(vadConfig, 8000, { onset: true });
    const out: { type: string; timeMs: number; seenMs: number }[] = [];
    for (let i = 0; i < pcm.length; i += 160) for (const e of v.accept(pcm.subarray(i, i + 160))) out.push({ type: e.type, timeMs: e.timeMs, seenMs: (i + 160) / 8 });
    v.release();
    return out;
  }

  it("comes within 150 ms of the speech's first sound (median; 250 ms at most), at least 150 ms before speech is confirmed, and ends after it", () => {
    const delays: number[] = [];
    for (let n = 1; n <= 10; n++) {
      const pcm = clip("en-8k", `osr34_${String(n).padStart(2, "0")}.wav`);
      const events = seen(pcm);
      const onset = events.find((e) => e.type === "onset");
      const start = events.find((e) => e.type === "speech_start");
      assert.ok(onset && start, `clip ${n}: ${JSON.stringify(events)}`);
      delays.push(onset.seenMs - energyOnsetMs(pcm));
      assert.ok(start.seenMs - onset.seenMs >= 150, `clip ${n}: confirmed ${start.seenMs - onset.seenMs} ms after the onset`);
      assert.ok(events.some((e) => e.type === "onset_end" && e.seenMs > onset.seenMs));
    }
    delays.sort((a, b) => a - b);
    assert.ok(delays[5]! <= 150 && delays.at(-1)! <= 250, `onset reported after the first sound: ${delays.join(", ")} ms`);
  });

  it("a 200 ms burst of voice (a cough, an 'uh') is an onset that ends, never speech", () => {
    const pcm = clip("en-8k", "osr34_01.wav");
    const from = energyOnsetMs(pcm) * 8;
    const burst = new Int16Array(8000 + 1600 + 8000);
    burst.set(pcm.subarray(from, from + 1600), 8000);
    const types = seen(burst).map((e) => e.type);
    assert.deepEqual(types, ["onset", "onset_end"]);
  });

  it("with a lookback, the end of sound is where the voice stopped (after its last loud frame), not where the probability decayed; on a noisy line too", () => {
    /** The end of the last 20 ms frame above about -36 dBFS. */
    const lastLoudMs = (pcm: Int16Array) => {
      let last = 0;
      for (let i = 0; i + 160 <= pcm.length; i += 160) {
        let sum = 0;
        for (let j = i; j < i + 160; j++) sum += pcm[j]! * pcm[j]!;
        if (Math.sqrt(sum / 160) > 500) last = (i + 160) / 8;
      }
      return last;
    };
    const ends = (pcm: Int16Array, lookbackMs: number) => {
      const v = new VadStream({ ...vadConfig, soundLookbackMs: lookbackMs }, 8000, { onset: true });
      const out: number[] = [];
      for (let i = 0; i < pcm.length; i += 160) for (const e of v.accept(pcm.subarray(i, i + 160))) if (e.type === "onset_end") out.push(e.timeMs);
      v.release();
      return out;
    };
    let seed = 5;
    const gains: number[] = [];
    for (const noiseDb of [null, -50]) {
      for (let n = 1; n <= 5; n++) {
        const pcm = clip("en-8k", `osr34_${String(n).padStart(2, "0")}.wav`);
        if (noiseDb !== null) {
          const amp = 32768 * 10 ** (noiseDb / 20) * Math.sqrt(3);
          for (let i = 0; i < pcm.length; i++) pcm[i] = Math.max(-32768, Math.min(32767, pcm[i]! + Math.round(((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 2 * amp)));
        }
        const probability = ends(pcm, 0).at(-1)!;
        const sound = ends(pcm, 300).at(-1)!;
        const loud = lastLoudMs(pcm);
        assert.ok(sound <= probability && sound >= loud, `clip ${n}, noise ${noiseDb}: last loud frame ${loud} ms, end of sound ${sound} ms, probability's end ${probability} ms`);
        gains.push(probability - sound);
      }
    }
    gains.sort((a, b) => a - b);
    assert.ok(gains[Math.floor(gains.length / 2)]! >= 40, `the end moved earlier by ${gains.join(", ")} ms`);
  });

  it("onset detectors are prepared, taken and handed back with the stream's own", () => {
    prepareVadDetectors(vadConfig, 2, { onset: true });
    const waiting = idleVadDetectors(vadConfig, { onset: true });
    assert.ok(waiting >= 2);
    const v = new VadStream(vadConfig, 8000, { onset: true });
    assert.equal(idleVadDetectors(vadConfig, { onset: true }), waiting - 1);
    v.release();
    v.release();
    assert.equal(idleVadDetectors(vadConfig, { onset: true }), waiting);
  });
});
