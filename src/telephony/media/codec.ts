// The ExternalMedia audio formats Asterisk offers, as RTP payloads ↔ 16-bit samples.
import { decodeAlaw, decodeUlaw, linearToAlaw, linearToUlaw } from "../../audio/index.js";

export type MediaFormat = "ulaw" | "alaw" | "slin16";

export interface FormatInfo {
  payloadType: number;
  sampleRate: number;
  /** Samples per 20 ms packet. */
  samplesPerPacket: number;
  bytesPerPacket: number;
}

export const FORMATS: Record<MediaFormat, FormatInfo> = {
  ulaw: { payloadType: 0, sampleRate: 8000, samplesPerPacket: 160, bytesPerPacket: 160 },
  alaw: { payloadType: 8, sampleRate: 8000, samplesPerPacket: 160, bytesPerPacket: 160 },
  // slin16 is big-endian on RTP
  slin16: { payloadType: 118, sampleRate: 16000, samplesPerPacket: 320, bytesPerPacket: 640 },
};

/** slin is big-endian on RTP (network order) but little-endian (Asterisk's native order) on chan_websocket. */
export function decodePayload(format: MediaFormat, payload: Uint8Array, littleEndian = false): Int16Array {
  if (format === "ulaw") return decodeUlaw(payload);
  if (format === "alaw") return decodeAlaw(payload);
  const out = new Int16Array(Math.floor(payload.length / 2));
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt16(i * 2, littleEndian);
  return out;
}

export function encodePayload(format: MediaFormat, samples: Int16Array, littleEndian = false): Uint8Array {
  const out = new Uint8Array(format === "slin16" ? samples.length * 2 : samples.length);
  encodePayloadInto(format, samples, new DataView(out.buffer), 0, littleEndian);
  return out;
}

/** Encodes into `out` from byte `at`, allocating nothing (the RTP sender reuses its packet buffers). */
export function encodePayloadInto(format: MediaFormat, samples: Int16Array, out: DataView, at: number, littleEndian = false): void {
  if (format === "ulaw") for (let i = 0; i < samples.length; i++) out.setUint8(at + i, linearToUlaw(samples[i]!));
  else if (format === "alaw") for (let i = 0; i < samples.length; i++) out.setUint8(at + i, linearToAlaw(samples[i]!));
  else for (let i = 0; i < samples.length; i++) out.setInt16(at + i * 2, samples[i]!, littleEndian);
}

/**
 * Appends audio to a queue of n-sample frames. A short last frame (the end of earlier audio, not yet sent) is
 * topped up first, so audio handed over in pieces plays back to back instead of with a padded gap at each
 * piece's end; the queue's last frame may stay short until more comes (padFrame when it is sent).
 */
export function appendFrames(queue: Int16Array[], samples: Int16Array, n: number): void {
  let at = 0;
  const last = queue.at(-1);
  if (last && last.length < n) {
    at = Math.min(n - last.length, samples.length);
    const joined = new Int16Array(last.length + at);
    joined.set(last);
    joined.set(samples.subarray(0, at), last.length);
    queue[queue.length - 1] = joined;
  }
  for (; at < samples.length; at += n) queue.push(samples.subarray(at, at + n));
}

/** The frame as exactly n samples, a short one padded with silence. */
export function padFrame(frame: Int16Array, n: number): Int16Array {
  if (frame.length >= n) return frame;
  const padded = new Int16Array(n);
  padded.set(frame);
  return padded;
}
