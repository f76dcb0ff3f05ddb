// What a call says, and the record of every turn: replies and prompts spoken through the Speaker (a prompt
// from the prompt cache, so it plays even when the synthesiser is down), the one utterance in progress
// (which barge-in pauses, resumes or stops, and keys stop), the first reply packet's time for
// voice-to-voice, the level of everything sent (to tell the line's echo from the caller), and the
// caller's turns.
import { float32ToInt16, resample, tone } from "../audio/index.js";
import type { AnswerLang, Segment } from "../dialogue/index.js";
import { AbortedError, retryOnce } from "../ops/retry.js";
import type { Call } from "../telephony/controller.js";
import { EchoGuard } from "./echo.js";
import { observeTurn } from "./observe.js";
import { FIXED_PROMPTS, type FixedPromptKey } from "./prompts.js";
import type { TurnRecord, TurnTimings } from "./records.js";
import type { CallServices } from "./services.js";
import { Speaker, type AudioOut, type SentenceAhead, type SpokenResult } from "./speaker.js";

/** What is being said now. */
export interface Speech {
  abort: AbortController;
  interruptible: boolean;
  /** What is said (to know the line's echo of it). */
  text: string;
  /** When it was paused for the caller's first sign of speech, and when that sign began (call clock). */
  pausedAt?: number;
  onsetAt?: number;
}

/** Wall-clock moments (performance.now()) a reply's timings are measured from. */
export interface ReplyMoments {
  endOfSpeechAt?: number;
  namesScoredAt?: number;
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
  /** The caller's first sign of speech → reply audio flushed, for the last thing said. */
  private bargeInStopMs: number | undefined;
  /** Everything sent, to tell the caller from the line's echo of it. */
  readonly echo: EchoGuard;
  /** Called as each interruptible utterance starts (a caller already speaking pauses it at once). */
  onSpeechBegins: (() => void) | undefined;

  constructor(
    private readonly call: Call,
    private readonly services: CallServices,
    /** The caller's language now (prompts default to it). */
    private readonly lang: () => AnswerLang,
    /** ms since the call started, for a moment on the call's clock. */
    private readonly elapsed: (at?: number) => number,
    on: (event: "audioStarted", fn: (at: number) => void) => void,
    private readonly now: () => number = () => performance.now(),
  ) {
    const bargeIn = services.config.call.bargeIn;
    this.echo = new EchoGuard({ returnLossDb: bargeIn.echoReturnLossDb, tailMs: bargeIn.echoTailMs }, call.sampleRate, now);
    const out: AudioOut = {
      play: (samples) => {
        if (this.firstPlayAt === undefined) {
          this.firstPlayAt = now();
          // audio already queued (a filler) goes first: this reply's first packet follows it
          if (call.queuedMs > 0) this.firstPacketAt = this.firstPlayAt + call.queuedMs;
        }
        this.echo.sent(samples, call.queuedMs);
        call.play(samples);
      },
      flush: (onUnheard) => {
        this.echo.flushed();
        return call.flush(onUnheard);
      },
      get queuedMs() {
        return call.queuedMs;
      },
    };
    this.speaker = new Speaker(out, services.tts, call.sampleRate, now);
    on("audioStarted", (at: number) => {
      if (this.firstPlayAt !== undefined && this.firstPacketAt === undefined) this.firstPacketAt = at;
    });
  }

  /** The utterance in progress, if any. */
  get speech(): Speech | undefined {
    return this.current;
  }

  /** Stops what is being said (a confirmed barge-in, a key, the end of the call). */
  stop(): void {
    this.current?.abort.abort();
  }

  /** The caller may be starting to speak (`onsetAt`, call clock): an interruptible utterance pauses at once. */
  pause(onsetAt: number): boolean {
    const speech = this.current;
    if (!speech?.interruptible || speech.abort.signal.aborted || !this.speaker.pause()) return false;
    speech.pausedAt = this.now();
    speech.onsetAt = onsetAt;
    this.bargeInStopMs = Math.round((speech.pausedAt - onsetAt) * 10) / 10;
    return true;
  }

  /** It was not the caller after all: carry on from the very sample the caller last heard. */
  resume(): boolean {
    const speech = this.current;
    if (!speech || speech.pausedAt === undefined) return false;
    speech.pausedAt = undefined;
    return this.speaker.resume();
  }

  /** What the caller will have heard of the paused utterance if their speech stops it for good; undefined when nothing is paused. */
  heardIfStopped(): string | undefined {
    return this.paused ? this.speaker.heardIfStopped() : undefined;
  }

  /** Paused for the caller's first sign of speech, waiting to know whether it is speech. */
  get paused(): boolean {
    return this.current?.pausedAt !== undefined;
  }

  /** Says a reply (or plays `audio` made earlier); `ahead`: its first sentence, synthesised already. */
  async say(text: string | Segment[], lang: AnswerLang, opts: { interruptible: boolean; ahead?: SentenceAhead }, audio?: Int16Array): Promise<SpokenResult> {
    const speech: Speech = { abort: new AbortController(), interruptible: opts.interruptible, text: typeof text === "string" ? text : joinText(text) };
    this.current = speech;
    this.sayStartedAt = this.now();
    this.firstPlayAt = undefined;
    this.firstPacketAt = undefined;
    this.bargeInStopMs = undefined;
    const signal = AbortSignal.any([this.call.signal, speech.abort.signal]);
    try {
      const saying = audio ? this.speaker.play(audio, typeof text === "string" ? text : joinText(text), lang, signal) : this.speaker.say(text, lang, signal, opts.ahead);
      if (opts.interruptible) this.onSpeechBegins?.();
      const result = await saying;
      // a pause that was resumed stopped nothing
      if (result.completed) this.bargeInStopMs = undefined;
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
    return this.sayCached(FIXED_PROMPTS[key][lang], lang, { interruptible: opts.interruptible, action: `prompt:${key}` });
  }

  /** A text kept in the prompt cache (made there if missing), recorded as `action`. */
  async sayCached(text: string, lang: AnswerLang, opts: { interruptible: boolean; action: string }): Promise<SpokenResult> {
    const audio = await retryOnce(() => this.services.prompts.get(text, lang, this.call.signal), this.services.config.call.retryBackoffMs, this.call.signal);
    const spoken = await this.say(text, lang, opts, this.atCallRate(audio));
    this.recordSaid(text, lang, spoken, { action: opts.action });
    return spoken;
  }

  /** The short tone after "ask your question after the tone". */
  async playTone(): Promise<void> {
    const t = this.services.config.call.tone;
    await this.say("", this.lang(), { interruptible: true }, tone(this.call.sampleRate, t.hz, t.ms, t.level));
  }

  /** "One moment please", queued only if the reply is still awaited when the prompt is ready. */
  async playFiller(stillWaiting: () => boolean): Promise<void> {
    const lang = this.lang();
    const text = FIXED_PROMPTS.pleaseWait[lang];
    const audio = await this.services.prompts.get(text, lang, this.call.signal).catch(() => undefined);
    if (audio && stillWaiting() && !this.call.signal.aborted) {
      const filler = this.atCallRate(audio);
      this.echo.sent(filler, this.call.queuedMs);
      this.call.play(filler);
      this.addTurn({ role: "sahayak", atMs: this.elapsed(), text, lang, action: "filler", timings: {} });
    }
  }

  /** Prompt-cache audio (at the synthesiser's rate) at the media leg's: played as it is, 8 kHz over slin16 would go twice as fast. */
  private atCallRate(audio: Int16Array): Int16Array {
    const rate = this.services.config.speech.tts.outputRate;
    return rate === this.call.sampleRate ? audio : float32ToInt16(resample(audio, rate, this.call.sampleRate));
  }

  /** Records a caller's turn; an utterance brings its end-of-speech, endpoint and recogniser-final moments. */
  recordCaller(turn: Omit<TurnRecord, "role" | "timings" | "atMs">, heard?: { endOfSpeechAt: number; finalAt: number; utterance: { finalLatencyMs: number } }): void {
    const timings: TurnTimings = heard
      ? { endOfSpeechMs: this.elapsed(heard.endOfSpeechAt), endpointMs: this.elapsed(heard.finalAt - heard.utterance.finalLatencyMs), recogniserFinalMs: this.elapsed(heard.finalAt) }
      : {};
    this.addTurn({ role: "caller", atMs: this.elapsed(heard?.endOfSpeechAt), ...turn, timings });
  }

  private addTurn(turn: TurnRecord): void {
    observeTurn(this.call.id, turn, this.turns, this.services.log);
    this.turns.push(turn);
  }

  private replyTimings(at: ReplyMoments): TurnTimings {
    const t: TurnTimings = {};
    if (at.namesScoredAt !== undefined) t.namesScoredMs = this.elapsed(at.namesScoredAt);
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
