// Says a reply: synthesis sentence by sentence, each sentence's audio handed to the media leg as soon as
// it is made (later sentences are synthesised while earlier ones play). Paused at the first sign of the
// caller's speech (queued audio flushed, the rest kept) and resumed from the very sample the caller last
// heard if it was a false start; stopped by the turn's signal (barge-in confirmed, hangup), the result says
// what the caller actually heard, so the conversation history keeps only that.
import { float32ToInt16, resample } from "../audio/index.js";
import { splitSentences } from "../speech/normalise/index.js";
import type { Frame } from "../audio/index.js";
import type { TextSegment, TtsEngine } from "../speech/tts/types.js";

/** The part of a call the speaker needs: the media leg's queue. */
export interface AudioOut {
  play(samples: Int16Array): void;
  /** `onUnheard`: how many samples of what was played the caller had not heard, counted where frames leave. */
  flush(onUnheard?: (unheardSamples: number) => void): number;
  readonly queuedMs: number;
}

export interface SpokenResult {
  /** Played to the end, not stopped. */
  completed: boolean;
  /** Whole sentences heard, and the share of the words of the sentence that was cut off. */
  heardText: string;
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

/** One thing being said: all its audio so far (to resume from any point), and where a pause left it. */
class Playback {
  readonly chunks: Int16Array[] = [];
  queuedSamples = 0;
  /** Samples handed to the media leg (the rest of queuedSamples waits to make a whole frame). */
  handedSamples = 0;
  /** Everything there is to say has been made: the last part of a frame goes too. */
  complete = false;
  /** Samples the caller had heard when playback was paused; undefined while playing. */
  pausedAt: number | undefined;
  /** What is said, and where each sentence made so far ends (samples). */
  sentences: TextSegment[] = [];
  readonly sentenceEnds: number[] = [];

  /** The audio from `start` to `end`, in one piece. */
  slice(start: number, end = this.queuedSamples): Int16Array {
    const part = new Int16Array(Math.max(0, end - start));
    let at = 0;
    for (const c of this.chunks) {
      const from = Math.max(start, at);
      const to = Math.min(end, at + c.length);
      if (to > from) part.set(c.subarray(from - at, to - at), from - start);
      at += c.length;
      if (at >= end) break;
    }
    return part;
  }
}

/** What is said, sentence by sentence, as the speaker synthesises it. */
export function sentencesOf(text: string | TextSegment[], lang?: string): TextSegment[] {
  const segments = typeof text === "string" ? [{ text, lang: lang ?? "" }] : text;
  return segments.flatMap((seg) => splitSentences(seg.text).map((s) => ({ text: s, lang: seg.lang })));
}

/**
 * A sentence synthesised before it is said (a reply prepared at the caller's pause): played once, by the
 * say() that starts with it. Its audio is given out as it is made: waiting for the whole sentence would keep
 * the caller waiting for the rest of it (a long first sentence takes espeak-ng some 50 ms, its first clause 10).
 */
export class SentenceAhead {
  private readonly frames: Frame[] = [];
  private done = false;
  private failure: { error: unknown } | undefined;
  private wake: (() => void) | undefined;
  private taken = false;

  constructor(
    readonly sentence: TextSegment,
    tts: TtsEngine,
    signal: AbortSignal,
  ) {
    // a preparation dropped before it was said ends here too, and nobody waits for it
    void (async () => {
      try {
        for await (const frame of tts.synthesize(sentence.text, sentence.lang, signal)) {
          this.frames.push(frame);
          this.notify();
        }
      } catch (error) {
        this.failure = { error };
      } finally {
        this.done = true;
        this.notify();
      }
    })();
  }

  /** Its audio, if `sentence` is the one made and it was not played already. */
  take(sentence: TextSegment): AsyncIterable<Frame> | undefined {
    if (this.taken || sentence.text !== this.sentence.text || sentence.lang !== this.sentence.lang) return undefined;
    this.taken = true;
    return this.replay();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private async *replay(): AsyncIterable<Frame> {
    for (let next = 0; ; ) {
      if (next < this.frames.length) yield this.frames[next++]!;
      else if (this.failure) throw this.failure.error;
      else if (this.done) return;
      else await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}

/** The media leg sends 20 ms frames: a frame it is given only part of is padded with silence if the rest comes late. */
const FRAME_MS = 20;
/** A resumed reply fades in over this long, so it does not start with a click. */
const RESUME_FADE_MS = 5;
/** A reply's lead-in is quieter than this (about -54 dBFS); a little of it is kept before the first sound. */
const LEAD_IN_LEVEL = 64;
const LEAD_IN_KEPT_MS = 10;

export class Speaker {
  private current: Playback | undefined;

  constructor(
    private readonly out: AudioOut,
    private readonly tts: TtsEngine,
    private readonly sampleRate: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Something is being said, paused at the first sign of the caller's speech. */
  get paused(): boolean {
    return this.current?.pausedAt !== undefined;
  }

  /**
   * Stops what is being said at once (queued audio flushed), remembering how much the caller heard, so
   * that resume() can carry on from that sample. False when nothing is playing or it is already paused.
   */
  pause(): boolean {
    const p = this.current;
    if (!p || p.pausedAt !== undefined) return false;
    p.pausedAt = this.playedSamples(p);
    const handed = p.handedSamples;
    // the estimate above runs on this process's clock; the sender's own count, a moment later, replaces it (a
    // resume comes later still: the caller's sound must first fall silent), so a sender that fell behind, or
    // audio handed over late, does not make the reply resume past what the caller heard
    this.out.flush((unheard) => {
      if (this.current === p && p.pausedAt !== undefined) p.pausedAt = Math.max(0, handed - unheard);
    });
    return true;
  }

  /** What the caller will have heard of what is being said if it is stopped while paused now; undefined when not paused. */
  heardIfStopped(): string | undefined {
    const p = this.current;
    if (!p || p.pausedAt === undefined) return undefined;
    const toMs = (n: number) => (n * 1000) / this.sampleRate;
    return heardPart(p.sentences.map((s) => s.text), p.sentenceEnds.map(toMs), toMs(p.pausedAt));
  }

  /** Carries on from where pause() stopped (a false start): nothing skipped, nothing said twice. */
  resume(): boolean {
    const p = this.current;
    if (!p || p.pausedAt === undefined) return false;
    const from = p.pausedAt;
    const rest = p.slice(from, this.handable(p, from));
    p.pausedAt = undefined;
    const fade = Math.min(rest.length, Math.round((RESUME_FADE_MS * this.sampleRate) / 1000));
    for (let i = 0; i < fade; i++) rest[i] = Math.round((rest[i]! * i) / fade);
    p.handedSamples = from + rest.length;
    if (rest.length) this.out.play(rest);
    return true;
  }

  /** Says `text`; its first sentence from `ahead` when that was synthesised already. */
  async say(text: string | TextSegment[], lang: string, signal: AbortSignal, ahead?: SentenceAhead): Promise<SpokenResult> {
    const sentences = sentencesOf(text, lang);
    const started = this.now();
    const playback = this.begin();
    playback.sentences = sentences;
    let firstAudioMs: number | undefined;
    const sentenceEnds = playback.sentenceEnds;
    try {
      for (const [i, sentence] of sentences.entries()) {
        if (signal.aborted) break;
        const frames = (i === 0 && ahead?.take(sentence)) || this.tts.synthesize(sentence.text, sentence.lang, signal);
        for await (const frame of frames) {
          if (signal.aborted) break;
          const made = frame.sampleRate === this.sampleRate ? frame.samples : float32ToInt16(resample(frame.samples, frame.sampleRate, this.sampleRate));
          // the synthesiser's lead-in silence would only keep the caller waiting for the reply
          const samples = playback.queuedSamples === 0 ? this.withoutLeadIn(made) : made;
          if (samples.length === 0) continue;
          this.queue(playback, samples);
          firstAudioMs ??= this.now() - started;
        }
        sentenceEnds.push(playback.queuedSamples);
        // a sentence ends in silence: a frame padded there is not heard as a gap
        this.handOn(playback, true);
      }
      playback.complete = true;
      this.handOn(playback);
      await this.drain(playback, signal);
    } catch (err) {
      if (!signal.aborted) {
        // a failed synthesis leaves nothing half-said in the queue for the next attempt to talk over
        this.out.flush();
        this.end(playback);
        throw err;
      }
    }
    return this.result(playback, sentences, sentenceEnds, signal, firstAudioMs);
  }

  /** Plays audio made earlier (a cached prompt, a tone) with the same pause, stop and heard-text rules. */
  async play(samples: Int16Array, text: string, lang: string, signal: AbortSignal): Promise<SpokenResult> {
    const playback = this.begin();
    playback.complete = true;
    playback.sentences = text ? [{ text, lang }] : [];
    if (!signal.aborted) this.queue(playback, samples);
    playback.sentenceEnds.push(playback.queuedSamples);
    await this.drain(playback, signal);
    return this.result(playback, playback.sentences, playback.sentenceEnds, signal, 0);
  }

  /** `samples` from just before their first sound (all of them when silent throughout: none). */
  private withoutLeadIn(samples: Int16Array): Int16Array {
    const first = samples.findIndex((v) => Math.abs(v) > LEAD_IN_LEVEL);
    if (first < 0) return samples.subarray(samples.length);
    return samples.subarray(Math.max(0, first - Math.round((LEAD_IN_KEPT_MS * this.sampleRate) / 1000)));
  }

  private begin(): Playback {
    const playback = new Playback();
    this.current = playback;
    return playback;
  }

  private end(playback: Playback): void {
    if (this.current === playback) this.current = undefined;
  }

  /** Keeps audio made for this playback and hands the media leg what it can (nothing while paused). */
  private queue(playback: Playback, samples: Int16Array): void {
    playback.chunks.push(samples);
    playback.queuedSamples += samples.length;
    this.handOn(playback);
  }

  /**
   * Hands the media leg the audio it has not had, in whole frames while more may follow (`sentenceEnd`, or
   * once all is made: everything): the media plays pieces back to back, but pads a frame it has only part
   * of with silence when the rest is not there in time, a gap the caller would hear mid-word.
   */
  private handOn(playback: Playback, sentenceEnd = false): void {
    if (playback.pausedAt !== undefined) return;
    const end = sentenceEnd ? playback.queuedSamples : this.handable(playback, playback.handedSamples);
    if (end <= playback.handedSamples) return;
    const piece = playback.slice(playback.handedSamples, end);
    playback.handedSamples = end;
    this.out.play(piece);
  }

  /** Where what can be handed on from `from` ends: all of it once complete, else whole frames. */
  private handable(playback: Playback, from: number): number {
    if (playback.complete) return playback.queuedSamples;
    const frame = (this.sampleRate * FRAME_MS) / 1000;
    return from + Math.floor((playback.queuedSamples - from) / frame) * frame;
  }

  /** Samples of this playback the caller has heard so far. */
  private playedSamples(playback: Playback): number {
    if (playback.pausedAt !== undefined) return playback.pausedAt;
    return Math.max(0, playback.handedSamples - Math.round((this.out.queuedMs * this.sampleRate) / 1000));
  }

  private async drain(playback: Playback, signal: AbortSignal): Promise<void> {
    while (!signal.aborted && (playback.pausedAt !== undefined || this.out.queuedMs > 0)) await wait(playback.pausedAt !== undefined ? DRAIN_POLL_MS : Math.min(this.out.queuedMs, DRAIN_POLL_MS), signal);
  }

  private result(playback: Playback, sentences: TextSegment[], ends: number[], signal: AbortSignal, firstAudioMs: number | undefined): SpokenResult {
    this.end(playback);
    if (!signal.aborted) return { completed: true, heardText: sentences.map((s) => s.text).join(" "), firstAudioMs };
    const played = this.playedSamples(playback);
    this.out.flush();
    const toMs = (n: number) => (n * 1000) / this.sampleRate;
    // as heardIfStopped() tells it beforehand
    return { completed: false, heardText: heardPart(sentences.map((s) => s.text), ends.map(toMs), toMs(played)), firstAudioMs };
  }
}

/** The text heard after playedMs: whole sentences, then the proportional share of the cut one's words. */
export function heardPart(sentences: string[], endsMs: number[], playedMs: number): string {
  const heard: string[] = [];
  // audio without words (a tone) has an end and no sentence
  for (let i = 0; i < Math.min(endsMs.length, sentences.length); i++) {
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
