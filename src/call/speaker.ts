// Says a reply: synthesis sentence by sentence, each sentence's audio handed to the media leg as soon as
// it is made (later sentences are synthesised while earlier ones play). Stopped by the turn's signal
// (barge-in, hangup): queued audio is flushed at once and the result says what the caller actually heard,
// so the conversation history keeps only that, and what was not heard, so a false start can resume it.
import { float32ToInt16, resample } from "../audio/index.js";
import { splitSentences } from "../speech/normalise/index.js";
import type { TextSegment, TtsEngine } from "../speech/tts/types.js";

/** The part of a call the speaker needs: the media leg's queue. */
export interface AudioOut {
  play(samples: Int16Array): void;
  flush(): number;
  readonly queuedMs: number;
}

export interface SpokenResult {
  /** Played to the end, not stopped. */
  completed: boolean;
  /** Whole sentences heard, and the share of the words of the sentence that was cut off. */
  heardText: string;
  /** The sentences not heard to their end, from the one that was cut (to resume after a false start). */
  unheard: TextSegment[];
  /** From say() to the first audio handed to the media leg. */
  firstAudioMs?: number;
}

/** How often playback is checked while waiting for it to finish. */
const DRAIN_POLL_MS = 40;

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

export class Speaker {
  constructor(
    private readonly out: AudioOut,
    private readonly tts: TtsEngine,
    private readonly sampleRate: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  async say(text: string | TextSegment[], lang: string, signal: AbortSignal): Promise<SpokenResult> {
    const segments = typeof text === "string" ? [{ text, lang }] : text;
    const sentences = segments.flatMap((seg) => splitSentences(seg.text).map((s) => ({ text: s, lang: seg.lang })));
    const started = this.now();
    let firstAudioMs: number | undefined;
    let queuedTotalMs = 0;
    const sentenceEndsMs: number[] = [];
    let synthesised = 0;
    try {
      for (const sentence of sentences) {
        if (signal.aborted) break;
        for await (const frame of this.tts.synthesize(sentence.text, sentence.lang, signal)) {
          if (signal.aborted) break;
          const samples = frame.sampleRate === this.sampleRate ? frame.samples : float32ToInt16(resample(frame.samples, frame.sampleRate, this.sampleRate));
          if (samples.length === 0) continue;
          queuedTotalMs += this.queue(samples);
          firstAudioMs ??= this.now() - started;
        }
        sentenceEndsMs.push(queuedTotalMs);
        if (!signal.aborted) synthesised++;
      }
      await this.drain(signal);
    } catch (err) {
      if (!signal.aborted) {
        // a failed synthesis leaves nothing half-said in the queue for the next attempt to talk over
        this.out.flush();
        throw err;
      }
    }
    return this.result(sentences, sentenceEndsMs, queuedTotalMs, signal, firstAudioMs, synthesised);
  }

  /** Plays audio made earlier (a cached prompt, a tone) with the same stop and heard-text rules. */
  async play(samples: Int16Array, text: string, lang: string, signal: AbortSignal): Promise<SpokenResult> {
    const totalMs = signal.aborted ? 0 : this.queue(samples);
    await this.drain(signal);
    return this.result(text ? [{ text, lang }] : [], [totalMs], totalMs, signal, 0, 1);
  }

  /** Hands audio to the media leg, which plays pieces back to back; returns its length. */
  private queue(samples: Int16Array): number {
    this.out.play(samples);
    return (samples.length * 1000) / this.sampleRate;
  }

  private async drain(signal: AbortSignal): Promise<void> {
    while (!signal.aborted && this.out.queuedMs > 0) await wait(Math.min(this.out.queuedMs, DRAIN_POLL_MS), signal);
  }

  private result(sentences: TextSegment[], endsMs: number[], queuedTotalMs: number, signal: AbortSignal, firstAudioMs: number | undefined, synthesised: number): SpokenResult {
    if (!signal.aborted) return { completed: true, heardText: sentences.map((s) => s.text).join(" "), unheard: [], firstAudioMs };
    const playedMs = queuedTotalMs - this.out.queuedMs;
    this.out.flush();
    const heard = heardPart(sentences.map((s) => s.text), endsMs, playedMs);
    // sentences made in full and played to their end
    const whole = Math.min(synthesised, endsMs.filter((end) => end <= playedMs).length);
    return { completed: false, heardText: heard, unheard: sentences.slice(whole), firstAudioMs };
  }
}

/** The text heard after playedMs: whole sentences, then the proportional share of the cut one's words. */
export function heardPart(sentences: string[], endsMs: number[], playedMs: number): string {
  const heard: string[] = [];
  for (let i = 0; i < endsMs.length; i++) {
    const start = i === 0 ? 0 : endsMs[i - 1]!;
    const end = endsMs[i]!;
    // a sentence stopped before any of its audio was made was not heard
    if (end === start) break;
    if (end <= playedMs) {
      heard.push(sentences[i]!);
      continue;
    }
    if (playedMs > start && end > start) {
      const words = sentences[i]!.split(/\s+/);
      const share = Math.floor((words.length * (playedMs - start)) / (end - start));
      if (share > 0) heard.push(words.slice(0, share).join(" "));
    }
    break;
  }
  return heard.join(" ");
}
