// Hearing a caller: VAD decides when speech starts (with padding from before), the recogniser gets the
// speech as it arrives, and the end of an utterance comes from VAD silence (the onset watch's, when the
// VAD has one, else its speech segments') or the recogniser's own endpoint rules, never sooner than
// minDelayMs after speech stops (completeDelayMs when the call judged the words at the pause a whole
// request: endAtPause) and never later than maxDelayMs;
// an utterance longer than maxUtteranceMs is cut there. The recogniser hears the utterance from a fixed
// lead before where the sound began (vad/index.ts preSpeech) and, at a pause, to a fixed tail after where
// it stopped (the latest audio is held back for that), both read from the signal to the sample: the same
// words read the same however they fell on the packets and the VAD's windows. Times are stream times
// (from the audio itself), so the behaviour is the same in tests and on a live call.
import { concatInt16 } from "../audio/index.js";
import type { SpeechConfig } from "../config.js";
import type { AsrResult, AsrStream } from "./asr/types.js";
import type { NameAhead } from "./asr/name-scorer.js";
import type { VadStream } from "./vad/index.js";
import { lineAbove, soundStop } from "./vad/sound-start.js";

export interface Utterance {
  result: AsrResult;
  startMs: number;
  /** Stream time when the caller stopped speaking. */
  endOfSpeechMs: number;
  /** Stream time when the end of the utterance was decided (silence long enough, or a cut). */
  decidedAtMs: number;
  /** Why the utterance ended. */
  reason: "silence" | "recogniser_endpoint" | "max_length";
  /** Wall-clock ms from the end decision to the recogniser's final result. */
  finalLatencyMs: number;
  /** The audio the recogniser heard for this utterance (for scoring names against it, name-scorer.ts). */
  audio: Int16Array;
  /** That audio as it was fed to the name scorer while it arrived (set by whoever fed it). */
  ahead?: NameAhead;
}

/** What was heard up to a pause in the caller's speech. */
export interface QuietSpell {
  result: AsrResult;
  audio: Int16Array;
  /** Stream time the sound stopped: an utterance whose speech ended by then was heard whole here. */
  atMs: number;
  /** The audio as it was fed to the name scorer while it arrived (set by whoever fed it). */
  ahead?: NameAhead;
}

export interface ListenerEvents {
  /** The first sign of speech (when the VAD watches for it): not yet speech. Stream time of its start. */
  onset?(timeMs: number): void;
  /** That sign fell silent (it may or may not have become speech meanwhile). */
  onsetEnd?(timeMs: number): void;
  speechStart?(timeMs: number): void;
  /**
   * The caller's sound stopped: the utterance ends minDelayMs from `atMs` unless they speak again. The
   * recogniser's reading so far and the audio heard, for work that can start before the end is decided.
   */
  quiet?(q: QuietSpell): void;
  utterance?(u: Utterance): void;
  /**
   * Audio of the utterance being heard, as it comes (the lead before the start first): `first` when it
   * starts an utterance's audio afresh. An utterance's (and a pause's) audio begins with what followed the
   * last `first`, in order.
   */
  heard?(samples: Int16Array, first: boolean): void;
  error?(err: Error): void;
}

/** How often (in audio) the recogniser is asked whether its endpoint rules fired. */
const ENDPOINT_POLL_MS = 200;

export class SpeechListener {
  private inSpeech = false;
  private startMs = 0;
  private speechEndMs: number | null = null;
  private lastPollMs = 0;
  private disposed = false;
  /** The recogniser failed: reported once, as the hearing is replaced or given up after it. */
  private failed = false;
  /** What was heard since speech started (the recogniser has been given all but the held part). */
  private heard: Int16Array[] = [];
  /** The latest audio heard, not yet given to the recogniser (as much as the VAD takes to say the sound stopped), oldest first. */
  private held: Int16Array[] = [];
  private heldSamples = 0;
  /** The audio the pause's final result was asked on (heard, up to a little past where the sound stopped). */
  private earlyAudio: Int16Array | undefined;
  /**
   * The recogniser's final result of the utterance as it was when the caller's sound stopped, asked for
   * then (its stream starts afresh), so that the utterance ending there has it at once, and what the pause
   * reads is what the final result will read. Dropped if the caller goes on: the recogniser is given the
   * whole utterance again.
   */
  private early: Promise<AsrResult> | undefined;
  /**
   * The pause (its stream time) whose words the call judged a whole request: it ends completeDelayMs after
   * the sound stopped, unless the caller goes on first.
   */
  private completeAt: number | null = null;
  /** Pauses whose reading was dropped (the caller went on, or the listener was reset) before it came. */
  private readonly droppedEarly = new WeakSet<Promise<AsrResult>>();

  constructor(
    private readonly vad: VadStream,
    private readonly asr: AsrStream,
    private readonly config: SpeechConfig["endpoint"],
    private readonly sampleRate: number,
    private readonly events: ListenerEvents,
  ) {
    // a recogniser that dies while the caller is silent is reported now, not at the next utterance
    asr.onFailure?.((err) => this.fail(err));
  }

  get speaking(): boolean {
    return this.inSpeech;
  }

  /** Stream time: ms of audio heard so far. */
  get timeMs(): number {
    return this.vad.timeMs;
  }

  accept(samples: Int16Array): void {
    if (this.disposed) return;
    const vadEvents = this.vad.accept(samples);
    const now = this.vad.timeMs;
    for (const e of vadEvents) {
      if (e.type === "onset") this.events.onset?.(e.timeMs);
      else if (e.type === "onset_end") this.events.onsetEnd?.(e.timeMs);
    }
    let quietStarted: number | undefined;
    for (const e of vadEvents) {
      // a new utterance may start while the last one's final result is still being decoded: the
      // recogniser handles its requests in order, so the two never mix
      // the caller goes on after an utterance ended while the VAD's segment was still open (its minSilenceMs
      // is longer than the endpoint's wait): no speech_start comes for it, so its first sound starts the next
      const resumed = e.type === "onset" && this.vad.isSpeech;
      if ((e.type === "speech_start" || resumed) && !this.inSpeech) {
        this.inSpeech = true;
        this.startMs = e.timeMs;
        this.speechEndMs = null;
        this.completeAt = null;
        this.lastPollMs = now;
        // the audio from just before the start, so the first syllable is heard
        this.hear(this.vad.preSpeech());
        this.events.speechStart?.(e.timeMs);
        return;
      }
      const quietBefore = this.speechEndMs !== null;
      if (e.type === "speech_end" && this.inSpeech) this.speechEndMs = Math.min(e.timeMs, this.speechEndMs ?? Infinity);
      if (e.type === "speech_start" && this.inSpeech) this.speechEndMs = null;
      // a VAD watching for onsets knows sooner that the sound stopped (or started again) than its speech
      // segments say: the utterance then ends minDelayMs after the sound, as the endpoint config means
      if (e.type === "onset_end" && this.inSpeech) this.speechEndMs ??= e.timeMs;
      if (e.type === "onset" && this.inSpeech) this.speechEndMs = null;
      if (!quietBefore && this.speechEndMs !== null) quietStarted = this.speechEndMs;
      if (quietBefore && this.speechEndMs === null) this.goOn();
    }
    if (!this.inSpeech) return;
    if (quietStarted !== undefined && this.speechEndMs !== null) this.quiet(quietStarted);
    this.hear(samples.slice());
    if (this.speechEndMs !== null) {
      if (this.silenceEnough(now)) this.finish("silence", this.speechEndMs);
      return;
    }
    if (now - this.startMs >= this.config.maxUtteranceMs) {
      this.finish("max_length", now);
      return;
    }
    if (now - this.lastPollMs >= ENDPOINT_POLL_MS) {
      this.lastPollMs = now;
      void this.asr
        .partial()
        .then((r) => {
          if (r.endpoint && r.text && this.inSpeech && this.vad.timeMs - this.startMs > this.config.minDelayMs) this.finish("recogniser_endpoint", this.vad.timeMs);
        })
        .catch((err: Error) => this.fail(err));
    }
  }

  /** The pause has lasted long enough to end the utterance (shorter when its words were judged whole). */
  private silenceEnough(now: number): boolean {
    if (this.speechEndMs === null) return false;
    const silence = now - this.speechEndMs;
    // the same pause as judged: a pause that began later is another, after the caller went on
    const complete = this.completeAt !== null && this.speechEndMs <= this.completeAt;
    return silence >= (complete ? this.config.completeDelayMs : this.config.minDelayMs) || silence >= this.config.maxDelayMs;
  }

  /**
   * The words heard at the pause that began at `atMs` (a quiet spell's) make a whole request: the utterance
   * ends completeDelayMs after the sound stopped (now, if that has passed) unless the caller goes on first.
   */
  endAtPause(atMs: number): void {
    if (this.disposed || !this.inSpeech || this.speechEndMs === null || this.speechEndMs > atMs) return;
    this.completeAt = atMs;
    if (this.silenceEnough(this.vad.timeMs)) this.finish("silence", this.speechEndMs);
  }

  private hear(samples: Int16Array): void {
    this.events.heard?.(samples, this.heard.length === 0);
    this.heard.push(samples);
    this.give(samples);
  }

  /** To the recogniser, all but the latest audio (as much as the VAD takes to say the sound stopped: anchorEnd). */
  private give(samples: Int16Array): void {
    this.held.push(samples);
    this.heldSamples += samples.length;
    const hold = this.config.anchorEnd ? Math.round((this.vad.endReportedWithinMs * this.sampleRate) / 1000) : 0;
    const out: Int16Array[] = [];
    while (this.heldSamples > hold) {
      const first = this.held[0]!;
      const over = this.heldSamples - hold;
      if (first.length <= over) {
        out.push(this.held.shift()!);
        this.heldSamples -= first.length;
      } else {
        out.push(first.subarray(0, over));
        this.held[0] = first.subarray(over);
        this.heldSamples -= over;
      }
    }
    if (out.length) this.asr.accept(out.length === 1 ? out[0]! : concatInt16(out), this.sampleRate);
  }

  /** The held audio given to the recogniser: the first `upTo` samples of it (all by default); the rest dropped. */
  private release(upTo = this.heldSamples): void {
    const held = concatInt16(this.held);
    this.held = [];
    this.heldSamples = 0;
    if (upTo > 0) this.asr.accept(held.subarray(0, upTo), this.sampleRate);
  }

  /**
   * The caller's sound stopped: the recogniser's final result of what was heard so far is asked for now,
   * and told with it (if the utterance is still going on when it comes).
   */
  private quiet(atMs: number): void {
    let audio = concatInt16(this.heard);
    // the recogniser is given the utterance up to soundTailMs past where the sound stopped, read from the
    // signal to the sample, when what it still holds reaches that far; otherwise all of it. The line from the quiet lead before the sound began (the same samples whatever the shift, vad/index.ts
    // preSpeech), or, when the start was not found, from the quietest of the whole utterance
    const line = lineAbove(audio, this.sampleRate, this.vad.soundMarginDb, 0, this.vad.anchored ? Math.min(audio.length, this.vad.preSpeechPadSamples) : audio.length);
    const stop = this.config.anchorEnd ? soundStop(audio, this.sampleRate, line) : undefined;
    const cut = stop === undefined ? audio.length : Math.min(audio.length, stop + Math.round((this.config.soundTailMs * this.sampleRate) / 1000));
    const given = audio.length - this.heldSamples;
    if (cut >= given) {
      this.release(cut - given);
      audio = audio.subarray(0, cut);
    } else this.release();
    this.earlyAudio = audio;
    const early = this.asr.finish();
    this.early = early;
    early
      .then((result) => {
        // told before the utterance it may end (which waits on the same result), unless the caller went on
        if (!this.disposed && !this.droppedEarly.has(early) && result.text) this.events.quiet?.({ result, audio, atMs });
      })
      .catch((err: Error) => this.fail(err));
  }

  /** The caller went on after a pause: the recogniser, which finished at the pause, hears the whole utterance again. */
  private goOn(): void {
    this.completeAt = null;
    if (!this.early) return;
    this.droppedEarly.add(this.early);
    this.early = undefined;
    this.earlyAudio = undefined;
    this.asr.reset();
    this.held = [];
    this.heldSamples = 0;
    this.give(concatInt16(this.heard));
  }

  private finish(reason: Utterance["reason"], endOfSpeechMs: number): void {
    if (!this.inSpeech) return;
    this.inSpeech = false;
    this.speechEndMs = null;
    this.completeAt = null;
    // finished at the pause: the audio its result was read from
    const audio = this.earlyAudio ?? concatInt16(this.heard);
    this.heard = [];
    this.earlyAudio = undefined;
    const started = performance.now();
    const startMs = this.startMs;
    const decidedAtMs = this.vad.timeMs;
    // finished at the pause it ended on: what the recogniser heard since (the endpoint's wait) is dropped
    if (this.early) {
      this.held = [];
      this.heldSamples = 0;
    } else this.release();
    const final = this.early ?? this.asr.finish();
    if (this.early) this.asr.reset();
    this.early = undefined;
    final
      .then((result) => {
        if (!this.disposed) this.events.utterance?.({ result, startMs, endOfSpeechMs, decidedAtMs, reason, finalLatencyMs: performance.now() - started, audio });
      })
      .catch((err: Error) => this.fail(err));
  }

  private fail(err: Error): void {
    if (this.disposed || this.failed) return;
    this.failed = true;
    this.events.error?.(err);
  }

  /** Forget any speech in progress (e.g. after a barge-in was handled elsewhere). */
  reset(): void {
    this.inSpeech = false;
    this.speechEndMs = null;
    this.completeAt = null;
    if (this.early) this.droppedEarly.add(this.early);
    this.early = undefined;
    this.earlyAudio = undefined;
    this.heard = [];
    this.held = [];
    this.heldSamples = 0;
    this.asr.reset();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.asr.dispose();
    this.vad.release();
  }
}
