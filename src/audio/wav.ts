// WAV files in and out: PCM 8/16/24/32-bit, IEEE float 32/64, G.711 A-law/μ-law, WAVE_FORMAT_EXTENSIBLE;
// any rate and channel count (mixed down to mono). Corrupt or truncated files give a clear error.
import { decodeAlaw, decodeUlaw } from "./g711.js";

export class WavError extends Error {}

export interface DecodedWav {
  sampleRate: number;
  /** Mono samples in [-1, 1]. */
  samples: Float32Array;
  channels: number;
  bitsPerSample: number;
  format: "pcm" | "float" | "alaw" | "ulaw";
  durationSeconds: number;
}

const FORMATS: Record<number, DecodedWav["format"]> = { 1: "pcm", 3: "float", 6: "alaw", 7: "ulaw" };

/** Longest audio accepted, so that a huge file cannot exhaust memory. */
export const MAX_WAV_SECONDS = 3600;

export function readWav(bytes: Uint8Array, maxSeconds = MAX_WAV_SECONDS): DecodedWav {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (bytes.length < 12 || tag(0) !== "RIFF" || tag(8) !== "WAVE") throw new WavError("not a WAV file (no RIFF/WAVE header)");
  let offset = 12;
  let fmt: { format: number; channels: number; rate: number; bits: number; blockAlign: number } | undefined;
  let data: Uint8Array | undefined;
  while (offset + 8 <= bytes.length) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === "fmt ") {
      if (size < 16 || body + 16 > bytes.length) throw new WavError("WAV fmt chunk is truncated");
      let format = view.getUint16(body, true);
      if (format === 0xfffe && size >= 40) format = view.getUint16(body + 24, true);
      fmt = { format, channels: view.getUint16(body + 2, true), rate: view.getUint32(body + 4, true), blockAlign: view.getUint16(body + 12, true), bits: view.getUint16(body + 14, true) };
    } else if (id === "data") {
      // a truncated file keeps what it has, as most players do, but never reads past the end
      data = bytes.subarray(body, Math.min(body + size, bytes.length));
      if (fmt) break;
    }
    offset = body + size + (size % 2);
  }
  if (!fmt) throw new WavError("WAV file has no fmt chunk");
  if (!data) throw new WavError("WAV file has no data chunk");
  const format = FORMATS[fmt.format];
  if (!format) throw new WavError(`unsupported WAV encoding ${fmt.format} (PCM, float, A-law and μ-law are supported)`);
  if (fmt.channels < 1 || fmt.channels > 16) throw new WavError(`unsupported channel count ${fmt.channels}`);
  if (fmt.rate < 1000 || fmt.rate > 384000) throw new WavError(`implausible sample rate ${fmt.rate} Hz`);
  const bytesPerSample = fmt.bits / 8;
  if (!Number.isInteger(bytesPerSample) || bytesPerSample < 1 || bytesPerSample > 8) throw new WavError(`unsupported sample width ${fmt.bits} bits`);
  const frameBytes = bytesPerSample * fmt.channels;
  const frames = Math.floor(data.length / frameBytes);
  if (frames / fmt.rate > maxSeconds) throw new WavError(`audio is ${(frames / fmt.rate).toFixed(0)} s long; at most ${maxSeconds} s is accepted`);
  const mono = new Float32Array(frames);
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const g711 = format === "alaw" ? decodeAlaw(data) : format === "ulaw" ? decodeUlaw(data) : null;
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < fmt.channels; c++) {
      const at = i * frameBytes + c * bytesPerSample;
      let v: number;
      if (g711) v = g711[i * fmt.channels + c]! / 32768;
      else if (format === "float") v = bytesPerSample === 8 ? dv.getFloat64(at, true) : dv.getFloat32(at, true);
      else if (bytesPerSample === 1) v = (dv.getUint8(at) - 128) / 128;
      else if (bytesPerSample === 2) v = dv.getInt16(at, true) / 32768;
      else if (bytesPerSample === 3) v = ((dv.getUint8(at) | (dv.getUint8(at + 1) << 8) | (dv.getInt8(at + 2) << 16)) / 8388608);
      else v = dv.getInt32(at, true) / 2147483648;
      sum += Number.isFinite(v) ? v : 0;
    }
    const m = sum / fmt.channels;
    mono[i] = m > 1 ? 1 : m < -1 ? -1 : m;
  }
  return { sampleRate: fmt.rate, samples: mono, channels: fmt.channels, bitsPerSample: fmt.bits, format, durationSeconds: frames / fmt.rate };
}

/** A mono 16-bit PCM WAV file. */
export function writeWav(samples: Int16Array | Float32Array, sampleRate: number): Uint8Array {
  const n = samples.length;
  const out = new Uint8Array(44 + n * 2);
  const view = new DataView(out.buffer);
  const text = (offset: number, s: string) => [...s].forEach((ch, i) => (out[offset + i] = ch.charCodeAt(0)));
  text(0, "RIFF");
  view.setUint32(4, 36 + n * 2, true);
  text(8, "WAVE");
  text(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, "data");
  view.setUint32(40, n * 2, true);
  for (let i = 0; i < n; i++) {
    const v = samples instanceof Int16Array ? samples[i]! : Math.round(Math.max(-1, Math.min(1, samples[i]!)) * 32767);
    view.setInt16(44 + i * 2, v, true);
  }
  return out;
}
