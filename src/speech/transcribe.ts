// Transcribing a whole recording (CLI, benchmarks): any rate in; telephone rates go to the recogniser
// as they are (sherpa resamples internally; an upsampled empty band hurts accuracy), others to 16 kHz.
import { float32ToInt16, resample, samplesPer20ms, type DecodedWav } from "../audio/index.js";
import type { SpeechConfig } from "../config.js";
import type { AsrEngine, AsrResult } from "./asr/index.js";
import { VadStream } from "./vad/index.js";

/** Whether a recording holds any speech at all (the recogniser invents words in pure silence). */
export function hasSpeech(samples: Int16Array, rate: number, vad: SpeechConfig["vad"]): boolean {
  const stream = new VadStream(vad, rate);
  try {
    const step = samplesPer20ms(rate);
    for (let i = 0; i < samples.length; i += step) if (stream.accept(samples.subarray(i, i + step)).length) return true;
    // trailing silence lets a last segment close
    return stream.accept(new Int16Array(rate)).length > 0 || stream.isSpeech;
  } finally {
    stream.release();
  }
}

export async function transcribeWav(engine: AsrEngine, wav: DecodedWav, lang: string, signal?: AbortSignal, vad?: SpeechConfig["vad"]): Promise<AsrResult> {
  const rate = wav.sampleRate === 8000 || wav.sampleRate === 16000 ? wav.sampleRate : 16000;
  const samples = float32ToInt16(rate === wav.sampleRate ? wav.samples : resample(wav.samples, wav.sampleRate, rate));
  if (vad && !hasSpeech(samples, rate, vad)) return { text: "", confidence: 0, alternatives: [], endpoint: true, isFinal: true };
  const stream = engine.createStream(lang);
  try {
    const step = samplesPer20ms(rate);
    for (let i = 0; i < samples.length; i += step) stream.accept(samples.subarray(i, i + step), rate);
    return await stream.finish(signal);
  } finally {
    stream.dispose();
  }
}
