// A simulated caller's question as a WAV file, in a voice the project speaks with nowhere else: flite's
// kal/awb voices or festival's diphone voices (Debian festvox-*), then sox's tempo and gain, then white
// noise at a set distance below the speech. The noise is seeded by the question, so a run is repeatable.
import { spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { readWav, writeWav } from "../src/audio/index.js";
import type { SpokenQuestion } from "./eval/set.js";

/** Shortest audio a voice can make for a question: less means the voice is not installed. */
const MIN_SPEECH_SECONDS = 0.3;
/** Frames quieter than this fraction of the loudest one are pauses, left out of the speech level. */
const PAUSE_FRACTION = 0.1;
const FRAME = 160;

function run(command: string, args: string[], input?: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: [input === undefined ? "ignore" : "pipe", "ignore", "pipe"] });
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", (err) => resolve({ code: -1, stderr: err.message }));
    child.on("close", (code) => resolve({ code, stderr }));
    if (input !== undefined) child.stdin!.end(input);
  });
}

/** The Debian packages that bring each voice (make setup installs them). */
const PACKAGE: Record<string, string> = {
  flite: "flite",
  kal_diphone: "festival festvox-kallpc16k",
  ked_diphone: "festival festvox-kdlpc16k",
  hindi_NSK_diphone: "festival festvox-hi-nsk",
};

function output(command: string, args: string[]): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", () => resolve(""));
    child.on("close", () => resolve(out));
  });
}

/**
 * The voices an engine has installed. Both speak an unknown voice's name in their default voice (festival
 * with a message on stderr, exit code 0), so a missing voice is found here, not from the audio.
 */
async function installedVoices(engine: string): Promise<string[]> {
  const listed = engine === "flite" ? (await output("flite", ["-lv"])).replace(/^.*:/, "") : (await output("festival", ["--batch", "(print (voice.list))"])).replace(/[()]/g, "");
  return listed.trim().split(/\s+/);
}

async function synthesise(q: SpokenQuestion, out: string): Promise<void> {
  const [engine, voice] = q.voice.split(":") as [string, string];
  const missing = `the caller voice ${q.voice} is not installed: run make setup (apt-get install ${PACKAGE[engine === "flite" ? "flite" : voice] ?? engine})`;
  if (!(await installedVoices(engine)).includes(voice)) throw new Error(missing);
  const result = engine === "flite"
    ? await run("flite", ["-voice", voice, "-t", q.text, "-o", out])
    : await run("text2wave", ["-eval", `(voice_${voice})`, "-o", out], q.text);
  if (result.code !== 0) throw new Error(`${missing}; ${result.stderr.trim().split("\n").at(-1) ?? ""}`);
  let seconds = 0;
  try {
    seconds = readWav(await readFile(out)).durationSeconds;
  } catch {
    seconds = 0;
  }
  if (seconds < MIN_SPEECH_SECONDS) throw new Error(`${missing}; it made ${seconds.toFixed(2)} s of audio`);
}

/** mulberry32: a small deterministic generator of numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Deterministic noise: mulberry32 seeded by the question's id. */
function noiseSource(seed: string): () => number {
  return mulberry32([...seed].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619), 2166136261));
}

/** RMS of the speech, pauses left out. */
function speechLevel(samples: Float32Array): number {
  const frames: number[] = [];
  for (let i = 0; i + FRAME <= samples.length; i += FRAME) {
    let sum = 0;
    for (let j = i; j < i + FRAME; j++) sum += samples[j]! * samples[j]!;
    frames.push(sum / FRAME);
  }
  const loudest = Math.max(...frames, 0);
  const voiced = frames.filter((e) => e >= loudest * PAUSE_FRACTION * PAUSE_FRACTION);
  return Math.sqrt(voiced.reduce((a, b) => a + b, 0) / Math.max(voiced.length, 1));
}

function addNoise(samples: Float32Array, snrDb: number, seed: string): Float32Array {
  const noiseRms = speechLevel(samples) / 10 ** (snrDb / 20);
  const random = noiseSource(seed);
  // uniform noise in [-a, a] has RMS a/√3
  const amplitude = noiseRms * Math.sqrt(3);
  return samples.map((s) => Math.max(-1, Math.min(1, s + (random() * 2 - 1) * amplitude)));
}

/** Writes the question's audio into `dir` and returns the WAV's path. */
export async function callerQuestionWav(q: SpokenQuestion, dir: string): Promise<string> {
  const raw = join(dir, `${q.id}-voice.wav`);
  const shaped = join(dir, `${q.id}-shaped.wav`);
  await synthesise(q, raw);
  const effects = [...(q.tempo !== 1 ? ["tempo", String(q.tempo)] : []), ...(q.gainDb !== undefined ? ["gain", String(q.gainDb)] : [])];
  if (effects.length) {
    // -R: sox's dither is seeded, so a run's caller is the same audio as the last run's (unseeded, the
    // recogniser's reading of a garbled name changed from run to run, and the spoken figures with it)
    const sox = await run("sox", ["-R", raw, shaped, ...effects]);
    if (sox.code !== 0) throw new Error(`sox could not shape ${q.id} (${sox.stderr.trim()}): install it with make setup`);
  }
  const path = effects.length ? shaped : raw;
  if (q.noiseSnrDb === undefined) return path;
  const wav = readWav(await readFile(path));
  const noisy = join(dir, `${q.id}-noisy.wav`);
  await writeFile(noisy, writeWav(addNoise(wav.samples, q.noiseSnrDb, q.id), wav.sampleRate));
  return noisy;
}
