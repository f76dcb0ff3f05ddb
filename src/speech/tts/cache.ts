// Fixed prompts (greeting, language menu, nudges, goodbye, errors) rendered once per language, engine
// and voice settings, kept as WAV files in the data directory and reused. When synthesis fails, a
// prompt rendered earlier is still there to be played: the caller never hears silence.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { concatInt16, float32ToInt16, readWav, writeWav } from "../../audio/index.js";
import type { TtsEngine } from "./types.js";

export class PromptCache {
  constructor(
    private readonly dir: string,
    private readonly engine: TtsEngine,
    /** Settings that change the sound (voice, rate, pitch): part of the cache key. */
    private readonly voiceKey: string,
    private readonly sampleRate = 8000,
  ) {}

  private path(text: string, lang: string): string {
    const hash = createHash("sha256").update(`${this.engine.name}|${this.voiceKey}|${lang}|${text}`).digest("hex").slice(0, 24);
    return join(this.dir, `${lang}-${hash}.wav`);
  }

  /** The cached audio, if this prompt was rendered before. */
  cached(text: string, lang: string): Int16Array | undefined {
    const p = this.path(text, lang);
    if (!existsSync(p)) return undefined;
    return this.whole(readFileSync(p));
  }

  /**
   * The audio of a file as this cache writes it, or undefined for a damaged one — cut short, emptied, at
   * another sample rate — which is rendered again rather than played cut, silent or at the wrong speed.
   */
  private whole(bytes: Uint8Array): Int16Array | undefined {
    // the RIFF size a complete file declares: a file cut short (a full disk, a copy interrupted) has less
    const complete = bytes.length > 12 && new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true) + 8 === bytes.length;
    if (!complete) return undefined;
    try {
      const wav = readWav(bytes);
      if (wav.sampleRate !== this.sampleRate || wav.channels !== 1 || wav.samples.length === 0) return undefined;
      return float32ToInt16(wav.samples);
    } catch {
      return undefined;
    }
  }

  /** The prompt's audio: from the cache, or synthesised now and kept. */
  async get(text: string, lang: string, signal?: AbortSignal): Promise<Int16Array> {
    const hit = this.cached(text, lang);
    if (hit) return hit;
    const parts: Int16Array[] = [];
    for await (const frame of this.engine.synthesize(text, lang, signal)) parts.push(frame.samples);
    const audio = concatInt16(parts);
    mkdirSync(this.dir, { recursive: true });
    const p = this.path(text, lang);
    const tmp = `${p}.tmp-${process.pid}`;
    writeFileSync(tmp, writeWav(audio, this.sampleRate));
    renameSync(tmp, p);
    return audio;
  }
}
