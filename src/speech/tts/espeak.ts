// espeak-ng as a child process (GPL-3: kept out of our process). Each sentence is spoken by the voice of
// its script's language; audio is read from stdout as espeak produces it (clause by clause), resampled
// from 22.05 kHz to the telephone rate with anti-aliasing, and given out at once.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { float32ToInt16, Resampler, type Frame } from "../../audio/index.js";
import type { SpeechConfig } from "../../config.js";
import { speechRuns, splitSentences } from "../normalise/index.js";
import { TtsError, type TextSegment, type TtsEngine } from "./types.js";

const WAV_HEADER_BYTES = 44;

/**
 * An espeak-ng process started ahead of the sentence it will speak: starting one (exec, loading its phoneme
 * data and voice) took 40–100 ms of a reply's first audio (measured, 2-core machine), a started one answers
 * in 4–26 ms. It waits for its text on stdin; it does not hold the event loop open (a process that exits
 * closes its stdin, and the spare then exits too).
 */
interface Spare {
  child: ChildProcessWithoutNullStreams;
  failed: boolean;
}

/** Whether a process and its pipes keep the event loop open (the pipes are sockets, which can say). */
function holdEventLoop(child: ChildProcessWithoutNullStreams, hold: boolean): void {
  child[hold ? "ref" : "unref"]();
  for (const pipe of [child.stdin, child.stdout, child.stderr] as unknown as { ref?(): void; unref?(): void }[]) (hold ? pipe.ref : pipe.unref)?.call(pipe);
}

export class EspeakEngine implements TtsEngine {
  readonly name = "espeak";
  /** One started process per voice, for that voice's next sentence. */
  private readonly spares = new Map<string, Spare>();
  private closed = false;

  constructor(private readonly config: SpeechConfig["tts"]) {}

  private voiceFor(lang: string): string {
    return this.config.voices[lang] ?? lang;
  }

  /** Sentences to speak, each with the language whose voice speaks it. */
  plan(text: string | TextSegment[], lang: string): TextSegment[] {
    const segments = typeof text === "string" ? [{ text, lang }] : text;
    const out: TextSegment[] = [];
    let budget = this.config.maxTextChars;
    const push = (sentence: string, voiceLang: string): boolean => {
      if (budget <= 0) return false;
      const clipped = sentence.slice(0, budget);
      budget -= clipped.length;
      out.push({ text: clipped, lang: voiceLang });
      return true;
    };
    for (const seg of segments) {
      if (seg.lang !== "en" && seg.lang !== "hi") {
        // other Indian languages: espeak-ng reads their script and digits itself
        for (const sentence of splitSentences(seg.text.replace(/<[^>]+>|\*\*/g, " "))) if (!push(sentence, seg.lang)) return out;
        continue;
      }
      for (const run of speechRuns(seg.text, seg.lang)) {
        for (const sentence of splitSentences(run.text)) if (!push(sentence, run.lang)) return out;
      }
    }
    return out;
  }

  async *synthesize(text: string | TextSegment[], lang: string, signal?: AbortSignal): AsyncGenerator<Frame> {
    let timeMs = 0;
    for (const sentence of this.plan(text, lang)) {
      signal?.throwIfAborted();
      for await (const samples of this.speak(sentence.text, this.voiceFor(sentence.lang), signal)) {
        yield { samples, sampleRate: this.config.outputRate, timeMs };
        timeMs += (samples.length * 1000) / this.config.outputRate;
      }
    }
    // text with nothing speakable in it (symbols, emoji) would be silence the caller waits through
    const chars = typeof text === "string" ? text : text.map((s) => s.text).join(" ");
    if (timeMs === 0 && chars.trim()) throw new TtsError(`nothing in the text could be spoken (${chars.trim().length} characters, none a word or number espeak-ng reads)`);
  }

  /** One sentence through one espeak-ng process. */
  private async *speak(text: string, voice: string, signal?: AbortSignal): AsyncGenerator<Int16Array> {
    const child = this.process(voice);
    const kill = () => child.kill("SIGKILL");
    signal?.addEventListener("abort", kill, { once: true });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve, reject) => {
      child.once("error", (err) => reject(new TtsError(`cannot run ${this.config.espeakBinary}: ${err.message} (install Debian's espeak-ng: make setup)`)));
      child.once("close", (code) => resolve(code));
    });
    exited.catch(() => undefined);
    child.stdin.on("error", () => undefined);
    child.stdin.end(text);
    let header = Buffer.alloc(0);
    let resampler: Resampler | undefined;
    let odd: Buffer = Buffer.alloc(0);
    let produced = 0;
    try {
      for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
        let data = chunk;
        if (!resampler) {
          header = Buffer.concat([header, data]);
          if (header.length < WAV_HEADER_BYTES) continue;
          const rate = header.readUInt32LE(24);
          resampler = new Resampler(rate, this.config.outputRate);
          data = header.subarray(WAV_HEADER_BYTES);
        }
        data = Buffer.concat([odd, data]);
        const even = data.length - (data.length % 2);
        odd = data.subarray(even);
        if (even === 0) continue;
        const pcm = new Int16Array(even / 2);
        for (let i = 0; i < pcm.length; i++) pcm[i] = data.readInt16LE(i * 2);
        const out = float32ToInt16(resampler.process(pcm));
        produced += out.length;
        if (out.length) yield out;
      }
      const code = await exited;
      signal?.throwIfAborted();
      if (code !== 0) throw new TtsError(`espeak-ng failed (exit ${code}) for voice "${voice}": ${stderr.trim() || "no message"}`);
      if (resampler) {
        const tail = float32ToInt16(resampler.flush());
        if (tail.length) yield tail;
      }
      if (produced === 0 && text.trim()) throw new TtsError(`espeak-ng produced no audio for voice "${voice}"`);
    } finally {
      signal?.removeEventListener("abort", kill);
      if (child.exitCode === null) kill();
    }
  }

  /** The voice's started process (a new one started for its next sentence), or a new one when there is none alive. */
  private process(voice: string): ChildProcessWithoutNullStreams {
    const spare = this.spares.get(voice);
    this.spares.delete(voice);
    const alive = spare && !spare.failed && spare.child.exitCode === null && spare.child.signalCode === null;
    if (spare && !alive) spare.child.kill("SIGKILL");
    const child = alive ? spare.child : this.spawn(voice);
    if (alive) holdEventLoop(child, true);
    if (!this.closed) this.spares.set(voice, this.startSpare(voice));
    return child;
  }

  private spawn(voice: string): ChildProcessWithoutNullStreams {
    return spawn(this.config.espeakBinary, ["--stdout", "-b", "1", "-v", voice, "-s", String(this.config.rate), "-p", String(this.config.pitch)], { stdio: ["pipe", "pipe", "pipe"] });
  }

  private startSpare(voice: string): Spare {
    const child = this.spawn(voice);
    const spare: Spare = { child, failed: false };
    // a binary that cannot start is reported by the sentence that takes it (its own process fails the same way)
    child.once("error", () => (spare.failed = true));
    child.stdin.on("error", () => undefined);
    holdEventLoop(child, false);
    return spare;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const spare of this.spares.values()) spare.child.kill("SIGKILL");
    this.spares.clear();
  }
}
