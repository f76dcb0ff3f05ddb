// The audio of try-a-question's answers: synthesised once per distinct answer, begun as the answer is given
// (the page fetches it as soon as it shows the answer), the most recent few kept. It is sent whole: Chromium plays a
// WAV of open length only once it has all of it, so sending the first sentence early gains a listener nothing.
import { createHash } from "node:crypto";
import { writeWav } from "../audio/index.js";
import type { Segment } from "../dialogue/index.js";
import type { TtsEngine } from "../speech/tts/index.js";

/** One answer's audio as it is made: its pieces, then whole (or failed). */
export class AnswerAudio {
  private readonly pieces: Int16Array[] = [];
  private wakers: (() => void)[] = [];
  private whole: Buffer | undefined;
  done = false;
  error: Error | undefined;

  constructor(public sampleRate: number) {}

  push(samples: Int16Array, sampleRate: number): void {
    if (!this.pieces.length) this.sampleRate = sampleRate;
    this.pieces.push(samples);
    this.wake();
  }

  finish(error?: Error): void {
    this.done = true;
    this.error = error;
    this.wake();
  }

  private wake(): void {
    const wakers = this.wakers;
    this.wakers = [];
    for (const w of wakers) w();
  }

  private changed(): Promise<void> {
    return new Promise((resolve) => this.wakers.push(resolve));
  }

  /** Resolves once the synthesis ended (its error, if any, in `error`). */
  async ended(): Promise<void> {
    while (!this.done) await this.changed();
  }

  /** The whole answer as a WAV file (once done without error). */
  wav(): Buffer {
    if (!this.done || this.error) throw new Error("the answer's audio is not whole");
    if (!this.whole) {
      const all = new Int16Array(this.pieces.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of this.pieces) {
        all.set(p, at);
        at += p.length;
      }
      this.whole = Buffer.from(writeWav(all, this.sampleRate));
    }
    return this.whole;
  }
}

/** The answers' audio, one synthesis per distinct answer (text, languages), the most recent few kept. */
export class AnswerAudioCache {
  private readonly entries = new Map<string, { audio: AnswerAudio; abort: AbortController }>();

  constructor(
    private readonly tts: () => TtsEngine,
    private readonly outputRate: number,
    private readonly maxKept: number,
    /** Every synthesis stops with it (the console closing). */
    private readonly closed: AbortSignal,
  ) {}

  static key(segments: Segment[], lang: string): string {
    return createHash("sha256").update(JSON.stringify([lang, segments.map((s) => [s.lang, s.text])])).digest("base64url");
  }

  /** The answer's audio, begun now unless it is made or being made (a failed one is made again). */
  audioFor(segments: Segment[], lang: string): AnswerAudio {
    const key = AnswerAudioCache.key(segments, lang);
    const kept = this.entries.get(key);
    if (kept && !kept.audio.error) {
      // most recently used last: the first is the one to forget
      this.entries.delete(key);
      this.entries.set(key, kept);
      return kept.audio;
    }
    const audio = new AnswerAudio(this.outputRate);
    const abort = new AbortController();
    this.entries.delete(key);
    this.entries.set(key, { audio, abort });
    while (this.entries.size > this.maxKept) {
      const [oldest, entry] = this.entries.entries().next().value!;
      entry.abort.abort();
      this.entries.delete(oldest);
    }
    void this.synthesise(audio, segments, lang, AbortSignal.any([abort.signal, this.closed]));
    return audio;
  }

  private async synthesise(audio: AnswerAudio, segments: Segment[], lang: string, signal: AbortSignal): Promise<void> {
    try {
      for await (const frame of this.tts().synthesize(segments, lang, signal)) {
        audio.push(frame.samples instanceof Int16Array ? frame.samples : Int16Array.from(frame.samples), frame.sampleRate);
      }
      audio.finish();
    } catch (err) {
      audio.finish(err as Error);
    }
  }
}
