// What the simulated caller says: a WAV file or text synthesised on the fly, at the call's media rate.
import { concatInt16, float32ToInt16, readWav, resample } from "../../audio/index.js";
import type { TtsEngine } from "../../speech/tts/types.js";

/** A WAV file (any rate, channels, PCM/float/G.711) as caller speech at `sampleRate`. */
export function callerSpeechFromWav(bytes: Uint8Array, sampleRate: number): Int16Array {
  const wav = readWav(bytes);
  return float32ToInt16(wav.sampleRate === sampleRate ? wav.samples : resample(wav.samples, wav.sampleRate, sampleRate));
}

/** Text spoken by a synthesiser as caller speech at `sampleRate`. */
export async function callerSpeechFromText(tts: TtsEngine, text: string, lang: string, sampleRate: number, signal?: AbortSignal): Promise<Int16Array> {
  const parts: Int16Array[] = [];
  for await (const frame of tts.synthesize(text, lang, signal)) {
    parts.push(frame.sampleRate === sampleRate ? frame.samples : float32ToInt16(resample(frame.samples, frame.sampleRate, sampleRate)));
  }
  return concatInt16(parts);
}
