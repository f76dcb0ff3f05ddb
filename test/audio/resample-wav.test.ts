import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { Resampler, resample } from "../../src/audio/resample.js";
import { readWav, WavError, writeWav } from "../../src/audio/wav.js";
import { encodeUlaw } from "../../src/audio/g711.js";
import { sharedDir } from "../helpers.js";

const sine = (f: number, rate: number, n: number, amp = 0.5) => Float32Array.from({ length: n }, (_, i) => amp * Math.sin((2 * Math.PI * f * i) / rate));
const gainDb = (x: Float32Array, amp = 0.5) => 20 * Math.log10(Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length) / (amp / Math.SQRT2));

describe("resampler frequency response", () => {
  it("22.05 → 8 kHz: flat speech band, alias band rejected", () => {
    for (const f of [300, 1000, 2000, 3000]) assert.ok(Math.abs(gainDb(resample(sine(f, 22050, 22050), 22050, 8000).slice(400, -400))) < 0.1, `${f} Hz`);
    assert.ok(gainDb(resample(sine(3400, 22050, 22050), 22050, 8000).slice(400, -400)) > -1.5, "3.4 kHz within the telephone band");
    for (const f of [4500, 6000, 9000]) assert.ok(gainDb(resample(sine(f, 22050, 22050), 22050, 8000).slice(400, -400)) < -60, `${f} Hz must not alias`);
  });

  it("8 → 16 kHz keeps the signal and adds nothing above 4 kHz", () => {
    const up = resample(sine(1000, 8000, 8000), 8000, 16000);
    assert.equal(up.length, 16000);
    assert.ok(Math.abs(gainDb(up.slice(400, -400))) < 0.1);
  });

  it("is time aligned and streams in blocks like the one-shot version", () => {
    const impulse = new Float32Array(4410);
    impulse[2000] = 1;
    const out = resample(impulse, 22050, 8000);
    const peak = out.reduce((best, v, i) => (Math.abs(v) > Math.abs(out[best]!) ? i : best), 0);
    assert.ok(Math.abs(peak - (2000 * 8000) / 22050) <= 1);
    const signal = sine(440, 22050, 22050);
    const r = new Resampler(22050, 8000);
    const parts: Float32Array[] = [];
    for (let i = 0; i < signal.length; i += 441) parts.push(r.process(signal.subarray(i, i + 441)));
    parts.push(r.flush());
    const streamed = Float32Array.from(parts.flatMap((p) => [...p])).slice(0, 8000);
    const whole = resample(signal, 22050, 8000);
    for (let i = 0; i < 8000; i += 97) assert.ok(Math.abs(streamed[i]! - whole[i]!) < 1e-6);
  });

  it("rejects nonsense rates", () => assert.throws(() => new Resampler(0, 8000), RangeError));
});

describe("WAV", () => {
  it("round-trips 16-bit mono", () => {
    const pcm = Int16Array.from({ length: 800 }, (_, i) => (i * 37) % 30000);
    const wav = readWav(writeWav(pcm, 8000));
    assert.deepEqual([wav.sampleRate, wav.channels, wav.bitsPerSample, wav.samples.length], [8000, 1, 16, 800]);
    assert.ok(Math.abs(wav.samples[100]! * 32768 - pcm[100]!) < 1);
  });

  it("reads the shared fixtures at 8 and 16 kHz", () => {
    for (const [dir, rate] of [["en-8k", 8000], ["en-16k", 16000]] as const) {
      const tsv = readFileSync(join(sharedDir, "fixtures", "audio", dir, "transcripts.tsv"), "utf8").trim().split("\n");
      const file = tsv[0]!.split("\t")[0]!;
      const wav = readWav(readFileSync(join(sharedDir, "fixtures", "audio", dir, file)));
      assert.equal(wav.sampleRate, rate);
      assert.ok(wav.durationSeconds > 1);
    }
  });

  it("reads stereo 24-bit, 8-bit, float and μ-law files", () => {
    const build = (format: number, channels: number, bits: number, data: Uint8Array, rate = 16000) => {
      const out = new Uint8Array(44 + data.length);
      const v = new DataView(out.buffer);
      out.set(Buffer.from("RIFF"), 0);
      v.setUint32(4, 36 + data.length, true);
      out.set(Buffer.from("WAVEfmt "), 8);
      v.setUint32(16, 16, true);
      v.setUint16(20, format, true);
      v.setUint16(22, channels, true);
      v.setUint32(24, rate, true);
      v.setUint32(28, (rate * channels * bits) / 8, true);
      v.setUint16(32, (channels * bits) / 8, true);
      v.setUint16(34, bits, true);
      out.set(Buffer.from("data"), 36);
      v.setUint32(40, data.length, true);
      out.set(data, 44);
      return out;
    };
    const stereo24 = new Uint8Array(6 * 10);
    const dv = new DataView(stereo24.buffer);
    for (let i = 0; i < 10; i++) {
      dv.setUint8(i * 6 + 2, 0x40); // left +0.5
      dv.setUint8(i * 6 + 5, 0x20); // right +0.25
    }
    assert.ok(Math.abs(readWav(build(1, 2, 24, stereo24)).samples[3]! - 0.375) < 1e-6);
    assert.ok(Math.abs(readWav(build(1, 1, 8, new Uint8Array([128, 192, 64]))).samples[1]! - 0.5) < 1e-6);
    const f32 = new Float32Array([0.25, -0.5]);
    assert.deepEqual([...readWav(build(3, 1, 32, new Uint8Array(f32.buffer))).samples], [0.25, -0.5]);
    const mu = readWav(build(7, 1, 8, encodeUlaw(Int16Array.from([0, 16000, -16000])), 8000));
    assert.equal(mu.format, "ulaw");
    assert.ok(Math.abs(mu.samples[1]! - 16000 / 32768) < 0.02);
  });

  it("refuses empty, corrupt and truncated-header files clearly; huge ones by length", () => {
    assert.throws(() => readWav(new Uint8Array()), WavError);
    assert.throws(() => readWav(Buffer.from("this is not audio at all, just text")), /not a WAV/);
    const good = writeWav(new Int16Array(16000), 16000);
    assert.throws(() => readWav(good.subarray(0, 30)), WavError);
    const truncated = readWav(good.subarray(0, 1000));
    assert.equal(truncated.samples.length, (1000 - 44) / 2, "a cut-off data chunk keeps what it has");
    assert.throws(() => readWav(writeWav(new Int16Array(16000 * 3), 16000), 2), /at most 2 s/);
  });
});
