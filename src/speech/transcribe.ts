// Transcribing a whole recording (CLI, benchmarks): any rate in; telephone rates go to the recogniser
// as they are (sherpa resamples internally; an upsampled empty band hurts accuracy), others to 16 kHz.
import { float32ToInt16, resample, samplesPer20ms, type DecodedWav } from "../audio/index.js";
import type { AsrEngine, AsrResult } from "./asr/index.js";

export async function transcribeWav(engine: AsrEngine, wav: DecodedWav, lang: string, signal?: AbortSignal): Promise<AsrResult> {
  const rate = wav.sampleRate === 8000 || wav.sampleRate === 16000 ? wav.sampleRate : 16000;
  const samples = float32ToInt16(rate === wav.sampleRate ? wav.samples : resample(wav.samples, wav.sampleRate, rate));
  const stream = engine.createStream(lang);
  try {
    const step = samplesPer20ms(rate);
    for (let i = 0; i < samples.length; i += step) stream.accept(samples.subarray(i, i + step), rate);
    return await stream.finish(signal);
  } finally {
    stream.dispose();
  }
}
