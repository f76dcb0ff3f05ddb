// The sounds Asterisk plays on its own, when Sahayak cannot take a call or a caller waits for a person:
// the fallback apology, "please hold" for the queue, "no one is free, call again later", and the queue's
// music on hold. They are rendered into Asterisk's sounds directory in the file formats Asterisk's format
// modules read (checked against their sources):
//   .ulaw, .alaw  format_pcm: headerless G.711 bytes, 8 kHz
//   .sln          format_sln: headerless 16-bit signed linear, host byte order (little-endian here), 8 kHz
//   .wav          format_wav: RIFF/WAVE, PCM (format 1), mono, 16-bit, 8000 Hz only (16 kHz would be .wav16)
// Asterisk picks the one its channel needs with the least translation (.ulaw for a μ-law trunk). Files are
// per language (…-hi, …-en), named by absolute path in the dialplan, so the dialplan and what was rendered
// cannot disagree about where they are.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { encodeAlaw, encodeUlaw, writeWav } from "../audio/index.js";
import type { Config } from "../config.js";

export const SOUND_RATE = 8000;

export type SoundFormat = "ulaw" | "alaw" | "sln" | "wav";
export const SOUND_FORMATS: readonly SoundFormat[] = ["ulaw", "alaw", "sln", "wav"];

type Lang = Config["call"]["languages"][number];

export type FallbackSoundKey = "apology" | "pleaseHold" | "noAgent";

/** What each sound says. The apology promises a person, because a person is what comes next. */
export const FALLBACK_TEXTS: Record<FallbackSoundKey, Record<Lang, string>> = {
  apology: {
    en: "Sorry, Sahayak cannot answer your call just now. I will connect you to a person at the helpline. Please stay on the line.",
    hi: "माफ़ कीजिए, सहायक अभी आपकी कॉल का जवाब नहीं दे पा रहा है। मैं आपको हेल्पलाइन के किसी व्यक्ति से जोड़ रहा हूँ। कृपया लाइन पर बने रहिए।",
  },
  pleaseHold: {
    en: "Please stay on the line. A person at the helpline will answer you soon.",
    hi: "कृपया लाइन पर बने रहिए। हेल्पलाइन का कोई व्यक्ति जल्दी ही आपसे बात करेगा।",
  },
  noAgent: {
    en: "Sorry, no one at the helpline is free just now. Please call again later. Goodbye.",
    hi: "माफ़ कीजिए, अभी हेल्पलाइन पर कोई व्यक्ति खाली नहीं है। कृपया थोड़ी देर बाद फिर से कॉल करें। नमस्ते।",
  },
};

const FILE_STEM: Record<FallbackSoundKey, string> = { apology: "fallback-apology", pleaseHold: "please-hold", noAgent: "no-agent" };

/** The folder under the sounds directory that Sahayak owns. */
const SAHAYAK_FOLDER = "sahayak";
const HOLD_FOLDER = "hold";
const HOLD_STEM = "hold-music";

/** Absolute name (no extension) Asterisk is given for a sound in one language. */
export function fallbackSoundPath(soundsDir: string, key: FallbackSoundKey, lang: Lang): string {
  return join(soundsDir, SAHAYAK_FOLDER, `${FILE_STEM[key]}-${lang}`);
}

/** The music-on-hold class's directory (res_musiconhold plays every file in it). */
export function holdMusicDir(soundsDir: string): string {
  return join(soundsDir, SAHAYAK_FOLDER, HOLD_FOLDER);
}

/** One sound's audio (8 kHz) in a format Asterisk reads. */
export function encodeSound(samples: Int16Array, format: SoundFormat): Uint8Array {
  switch (format) {
    case "ulaw":
      return encodeUlaw(samples);
    case "alaw":
      return encodeAlaw(samples);
    case "sln": {
      const out = new Uint8Array(samples.length * 2);
      const view = new DataView(out.buffer);
      samples.forEach((v, i) => view.setInt16(i * 2, v, true));
      return out;
    }
    case "wav":
      return writeWav(samples, SOUND_RATE);
  }
}

/** Writes one sound in every format, each file whole or not at all (Asterisk may be reading the old one). */
export function writeSound(name: string, samples: Int16Array): string[] {
  mkdirSync(dirname(name), { recursive: true });
  return SOUND_FORMATS.map((format) => {
    const path = `${name}.${format}`;
    // a dot-file while written: res_musiconhold skips those
    const tmp = join(dirname(name), `.${basename(name)}.${format}.tmp-${process.pid}`);
    writeFileSync(tmp, encodeSound(samples, format), { mode: 0o644 });
    renameSync(tmp, path);
    return path;
  });
}

/** Why a file cannot be played by Asterisk's format module for its extension, or undefined when it can. */
export function soundFileProblem(path: string, format: SoundFormat): string | undefined {
  if (!existsSync(path)) return "missing";
  const bytes = readFileSync(path);
  if (bytes.length === 0) return "empty";
  if (format === "sln" && bytes.length % 2) return "odd length for 16-bit samples";
  if (format !== "wav") return undefined;
  // format_wav: RIFF/WAVE, a fmt chunk of PCM (1), mono, 8000 Hz, 16 bits, then a data chunk
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) => bytes.subarray(at, at + 4).toString();
  if (bytes.length < 44 || tag(0) !== "RIFF" || tag(8) !== "WAVE") return "not a RIFF/WAVE file";
  let at = 12;
  let fmtOk = false;
  while (at + 8 <= bytes.length) {
    const id = tag(at);
    const size = view.getUint32(at + 4, true);
    if (id === "fmt ") {
      const pcm = view.getUint16(at + 8, true) === 1;
      const mono = view.getUint16(at + 10, true) === 1;
      const rate = view.getUint32(at + 12, true);
      const bits = view.getUint16(at + 22, true);
      if (!pcm || !mono || rate !== SOUND_RATE || bits !== 16) return `not PCM mono 16-bit ${SOUND_RATE} Hz (format ${view.getUint16(at + 8, true)}, ${view.getUint16(at + 10, true)} channel(s), ${rate} Hz, ${bits} bits)`;
      fmtOk = true;
    } else if (id === "data") return fmtOk ? (size > 0 ? undefined : "no audio in its data chunk") : "data before its fmt chunk";
    at += 8 + size + (size % 2);
  }
  return "no data chunk";
}

/** Each named sound in every format, readable; the hold-music directory holds at least one sound. */
export function checkSoundFiles(names: readonly string[], musicDir?: string): string[] {
  const problems: string[] = [];
  for (const name of names) {
    const bad = SOUND_FORMATS.map((format) => [format, soundFileProblem(`${name}.${format}`, format)] as const).filter(([, problem]) => problem);
    if (bad.length === SOUND_FORMATS.length && bad.every(([, p]) => p === "missing")) problems.push(`${name}: does not exist in any format (Asterisk would play silence)`);
    else for (const [format, problem] of bad) problems.push(`${name}.${format}: ${problem}`);
  }
  if (musicDir) {
    const playable = existsSync(musicDir) && statSync(musicDir).isDirectory() ? readdirSync(musicDir).filter((f) => !f.startsWith(".") && /\.[a-z0-9]{2,}$/i.test(f)) : [];
    if (!playable.length) problems.push(`${musicDir}: no music on hold to play (a waiting caller would hear silence)`);
  }
  return problems;
}

/**
 * The queue's music on hold: a slow, quiet phrase of a pentatonic tune with soft bell-like notes, long enough
 * that its loop is not tiring. Made here, not downloaded, so every appliance has it.
 */
export function holdMusic(seconds = 24, sampleRate = SOUND_RATE): Int16Array {
  // C major pentatonic over two octaves around middle C (Hz); the tune climbs and falls in four phrases
  const scale = [261.63, 293.66, 329.63, 392.0, 440.0, 523.25, 587.33, 659.25];
  const tune = [0, 2, 4, 3, 2, 4, 5, 4, 3, 1, 2, 0, 2, 4, 5, 7, 6, 4, 5, 3, 4, 2, 1, 0];
  const noteSeconds = seconds / tune.length;
  const out = new Float32Array(Math.round(seconds * sampleRate));
  tune.forEach((degree, n) => {
    const hz = scale[degree]!;
    const start = Math.round(n * noteSeconds * sampleRate);
    // each note rings on under the next one, fading out
    const length = Math.min(out.length - start, Math.round(noteSeconds * 1.8 * sampleRate));
    for (let i = 0; i < length; i++) {
      const t = i / sampleRate;
      const envelope = Math.min(1, t / 0.02) * Math.exp(-t * 2.2);
      // a fundamental with two soft overtones: a bell, not a test tone; well under 4 kHz for the phone line
      const v = Math.sin(2 * Math.PI * hz * t) + 0.35 * Math.sin(4 * Math.PI * hz * t) + 0.12 * Math.sin(6 * Math.PI * hz * t);
      out[start + i]! += 0.18 * envelope * v;
    }
  });
  // fade the loop's ends so it joins itself without a click
  const fade = Math.round(0.05 * sampleRate);
  return Int16Array.from(out, (v, i) => Math.round(32767 * Math.max(-1, Math.min(1, v)) * Math.min(1, i / fade, (out.length - 1 - i) / fade)));
}

/** Renders every fallback sound: `speak` turns a text into 8 kHz audio (the prompt cache's synthesiser). */
export async function renderFallbackSounds(config: Config, speak: (text: string, lang: Lang) => Promise<Int16Array>, soundsDir = config.telephony.asterisk.soundsDir): Promise<string[]> {
  const written: string[] = [];
  for (const key of Object.keys(FILE_STEM) as FallbackSoundKey[]) {
    for (const lang of config.call.languages) written.push(...writeSound(fallbackSoundPath(soundsDir, key, lang), await speak(FALLBACK_TEXTS[key][lang], lang)));
  }
  written.push(...writeSound(join(holdMusicDir(soundsDir), HOLD_STEM), holdMusic()));
  return written;
}
