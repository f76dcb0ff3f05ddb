// What a call says, and the record of every turn: replies and prompts spoken through the Speaker (a prompt
// from the prompt cache, so it plays even when the synthesiser is down), the one utterance in progress
// (which barge-in and keys stop), the first reply packet's time for voice-to-voice, and the caller's turns.
import { float32ToInt16, resample, tone } from "../audio/index.js";
import type { AnswerLang, Segment } from "../dialogue/index.js";
import { AbortedError, retryOnce } from "../ops/retry.js";
import type { Call } from "../telephony/controller.js";
import { observeTurn } from "./observe.js";
import { FIXED_PROMPTS, type FixedPromptKey } from "./prompts.js";
import type { TurnRecord, TurnTimings } from "./records.js";
import type { CallServices } from "./services.js";
import { Speaker, type AudioOut, type SpokenResult } from "./speaker.js";

/** What is being said now. */
export interface Speech {
  abort: AbortController;
  interruptible: boolean;
  /** When the caller's interruption was confirmed. */
  bargedAt?: number;
}

/** Wall-clock moments (performance.now()) a reply's timings are measured from. */
export interface ReplyMoments {
  endOfSpeechAt?: number;
  readyAt?: number;
}

export class CallVoice {
  readonly turns: TurnRecord[] = [];
  private readonly speaker: Speaker;
  private current: Speech | undefined;
  /** First-packet time of what is being said, from the media leg. */
  private firstPlayAt: number | undefined;
  private firstPacketAt: number | undefined;
  private sayStartedAt = 0;
  /** Interruption confirmed → reply audio flushed, for the last thing said. */
  private bargeInStopMs: number | undefined;

  constructor(
    private readonly call: Call,
    private readonly services: CallServices,
    /** The caller's language now (prompts default to it). */
    private readonly lang: () => AnswerLang,
    /** ms since the call started, for a performance.now() moment. */
    private readonly elapsed: (at?: number) => number,
    on: (event: "audioStarted", fn: (at: number) => void) => void,
  ) {
    const out: AudioOut = {
      play: (samples) => {
        if (this.firstPlayAt === undefined) {
          this.firstPlayAt = performance.now();
          // audio already queued (a filler) goes first: this reply's first packet follows it
          if (call.queuedMs > 0) this.firstPacketAt = this.firstPlayAt + call.queuedMs;
        }
        call.play(samples);
      },
      flush: () => call.flush(),
      get queuedMs() {
        return call.queuedMs;
      },
    };
    this.speaker = new Speaker(out, services.tts, call.sampleRate);
    on("audioStarted", (at: number) => {
      if (this.firstPlayAt !== undefined && this.firstPacketAt === undefined) this.firstPacketAt = at;
    });
  }

  /** The utterance in progress, if any. */
  get speech(): Speech | undefined {
    return this.current;
  }

  /** Stops what is being said (barge-in, a key, the end of the call). */
  stop(): void {
    this.current?.abort.abort();
  }

  async say(text: string | Segment[], lang: AnswerLang, opts: { interruptible: boolean }, audio?: Int16Array): Promise<SpokenResult> {
    const speech: Speech = { abort: new AbortController(), interruptible: opts.interruptible };
    this.current = speech;
    this.sayStartedAt = performance.now();
    this.firstPlayAt = undefined;
    this.firstPacketAt = undefined;
    const signal = AbortSignal.any([this.call.signal, speech.abort.signal]);
    try {
      const result = audio ? await this.speaker.play(audio, typeof text === "string" ? text : joinText(text), lang, signal) : await this.speaker.say(text, lang, signal);
      this.bargeInStopMs = speech.bargedAt === undefined ? undefined : Math.round((performance.now() - speech.bargedAt) * 10) / 10;
      return result;
    } finally {
      if (this.current === speech) this.current = undefined;
    }
  }

  /** Records what Sahayak said (only what was heard, when cut short); a call that ended meanwhile stops here. */
  recordSaid(text: string, lang: AnswerLang, spoken: SpokenResult, what: { action: string; schemeIds?: string[] }, at: ReplyMoments = {}): void {
    this.addTurn({ role: "sahayak", atMs: this.elapsed(this.sayStartedAt), text: spoken.completed ? text : spoken.heardText, lang, ...what, interrupted: !spoken.completed || undefined, timings: this.replyTimings(at) });
    if (this.call.signal.aborted) throw new AbortedError("call ended");
  }

  async sayText(text: string, lang: AnswerLang, opts: { interruptible: boolean; action: string }): Promise<SpokenResult> {
    const spoken = await this.say(text, lang, opts);
    this.recordSaid(text, lang, spoken, { action: opts.action });
    return spoken;
  }

  /** A fixed prompt from the prompt cache (it plays even when the synthesiser is down). */
  async sayPrompt(key: FixedPromptKey, opts: { interruptible: boolean; lang?: AnswerLang }): Promise<SpokenResult> {
    const lang = opts.lang ?? this.lang();
    const text = FIXED_PROMPTS[key][lang];
    const audio = await retryOnce(() => this.services.prompts.get(text, lang, this.call.signal), this.services.config.call.retryBackoffMs, this.call.signal);
    const spoken = await this.say(text, lang, opts, this.atCallRate(audio));
    this.recordSaid(text, lang, spoken, { action: `prompt:${key}` });
    return spoken;
  }

  /** The short tone after "ask your question after the tone". */
  async playTone(): Promise<void> {
    const t = this.services.config.call.tone;
    await this.speaker.play(tone(this.call.sampleRate, t.hz, t.ms, t.level), "", this.lang(), this.call.signal);
  }

  /** "One moment please", queued only if the reply is still awaited when the prompt is ready. */
  async playFiller(stillWaiting: () => boolean): Promise<void> {
    const lang = this.lang();
    const text = FIXED_PROMPTS.pleaseWait[lang];
    const audio = await this.services.prompts.get(text, lang, this.call.signal).catch(() => undefined);
    if (audio && stillWaiting() && !this.call.signal.aborted) {
      this.call.play(this.atCallRate(audio));
      this.addTurn({ role: "sahayak", atMs: this.elapsed(), text, lang, action: "filler", timings: {} });
    }
  }

  /** Prompt-cache audio (at the synthesiser's rate) at the media leg's: played as it is, 8 kHz over slin16 would go twice as fast. */
  private atCallRate(audio: Int16Array): Int16Array {
    const rate = this.services.config.speech.tts.outputRate;
    return rate === this.call.sampleRate ? audio : float32ToInt16(resample(audio, rate, this.call.sampleRate));
  }

  /** Records a caller's turn; an utterance brings its end-of-speech and recogniser-final moments. */
  recordCaller(turn: Omit<TurnRecord, "role" | "timings" | "atMs">, heard?: { endOfSpeechAt: number; finalAt: number }): void {
    const timings: TurnTimings = heard ? { endOfSpeechMs: this.elapsed(heard.endOfSpeechAt), recogniserFinalMs: this.elapsed(heard.finalAt) } : {};
    this.addTurn({ role: "caller", atMs: this.elapsed(heard?.endOfSpeechAt), ...turn, timings });
  }

  private addTurn(turn: TurnRecord): void {
    observeTurn(this.call.id, turn, this.turns, this.services.log);
    this.turns.push(turn);
  }

  private replyTimings(at: ReplyMoments): TurnTimings {
    const t: TurnTimings = {};
    if (at.readyAt !== undefined) t.replyReadyMs = this.elapsed(at.readyAt);
    if (this.firstPacketAt !== undefined) t.firstAudioMs = this.elapsed(this.firstPacketAt);
    if (at.endOfSpeechAt !== undefined && this.firstPacketAt !== undefined) t.voiceToVoiceMs = Math.round(this.firstPacketAt - at.endOfSpeechAt);
    if (this.bargeInStopMs !== undefined) t.bargeInStopMs = this.bargeInStopMs;
    return t;
  }
}

export function joinText(segments: Segment[]): string {
  return segments.map((s) => s.text.trim()).filter(Boolean).join(" ");
}
