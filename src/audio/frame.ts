// The audio unit that moves between stages: mono 16-bit samples with their rate and stream time.
export type SampleRate = 8000 | 16000 | 22050 | 24000 | 44100 | 48000;

export interface Frame {
  samples: Int16Array;
  sampleRate: number;
  /** Milliseconds from the start of the stream to the first sample. */
  timeMs?: number;
}

/** 20 ms of audio at a rate: the telephony packet size. */
export const samplesPer20ms = (sampleRate: number): number => (sampleRate * 20) / 1000;

export function int16ToFloat32(samples: Int16Array): Float32Array {
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = samples[i]! / 32768;
  return out;
}

export function float32ToInt16(samples: Float32Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const v = Math.round(samples[i]! * 32768);
    out[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
  }
  return out;
}

/** Root-mean-square level in dBFS (−Infinity for digital silence). */
export function rmsDbfs(samples: Int16Array | Float32Array): number {
  if (samples.length === 0) return -Infinity;
  const scale = samples instanceof Int16Array ? 1 / 32768 : 1;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i]! * scale;
    sum += v * v;
  }
  return 10 * Math.log10(sum / samples.length);
}

export function concatInt16(parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
