// What the simulated caller says: a WAV file or text synthesised on the fly, at the call's media rate.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

/**
 * English caller speech from flite (Debian `flite`): the recogniser hears flite's voices much as it hears
 * people on a phone line, unlike espeak-ng's English, so simulated English callers speak with it. Run as
 * a child process without blocking: calls in progress share this event loop.
 */
export async function callerSpeechFromFlite(text: string, sampleRate: number, voice = "rms"): Promise<Int16Array> {
  const dir = await mkdtemp(join(tmpdir(), "sahayak-caller-"));
  try {
    const out = join(dir, "caller.wav");
    const problem = await new Promise<string | null>((resolve) => {
      const child = spawn("flite", ["-voice", voice, "-t", text, "-o", out], { stdio: ["ignore", "ignore", "pipe"] });
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("error", (err) => resolve(err.message));
      child.on("close", (code) => resolve(code === 0 ? null : stderr.trim() || `exit code ${code}`));
    });
    if (problem) throw new Error(`flite could not speak the caller's words (${problem}): install it with make setup (apt-get install flite)`);
    return callerSpeechFromWav(await readFile(out), sampleRate);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
