// A call's ears: the recogniser and VAD for one language at a time, fed the caller's audio, with barge-in
// acting on their events as they come (pausing a reply cannot wait its turn in the inbox), and the
// caller's turns handed to the flow: words, sound that was no turn, or the recogniser failing. A failing
// recogniser is restarted once; after that the flow moves the call to the keypad.
import type { Utterance } from "../speech/listener.js";
import { abortableDelay } from "../ops/retry.js";
import type { Call } from "../telephony/controller.js";
import { BargeIn } from "./barge-in.js";
import type { FlowInput } from "./scope.js";
import type { CallServices, Hearing } from "./services.js";
import type { CallVoice } from "./voice.js";

export interface HearingEvents {
  /** What the caller's side brought, for the inbox. */
  heard(input: Extract<FlowInput, { kind: "utterance" | "falseStart" | "hearingFailed" }>): void;
  /** Confirmed caller speech: no silence prompts while they speak. */
  speaking(): void;
}

export class CallHearing {
  private ears: Hearing | null = null;
  private earsLang: string | undefined;
  private restarted = false;
  private readonly bargeIn: BargeIn;

  constructor(
    private readonly call: Call,
    private readonly services: CallServices,
    private readonly voice: CallVoice,
    private readonly events: HearingEvents,
    private readonly now: () => number,
  ) {
    this.bargeIn = new BargeIn(voice, services.config.call.bargeIn, now);
  }

  /** The language heard now (undefined when not listening). */
  get lang(): string | undefined {
    return this.ears ? this.earsLang : undefined;
  }

  /** A frame of the caller's audio. */
  accept(samples: Int16Array): void {
    this.voice.echo.heard(samples);
    this.ears?.accept(samples);
  }

  /** Starts (or restarts) hearing in a language; false when the recogniser cannot start. */
  listen(lang: string): boolean {
    this.stop();
    try {
      const ears: Hearing = this.services.hear(lang, this.call.sampleRate, {
        onset: (timeMs) => this.bargeIn.onset(this.callTime(ears, timeMs)),
        onsetEnd: () => this.bargeIn.onsetEnd(),
        speechStart: (timeMs) => {
          this.events.speaking();
          this.bargeIn.speechStart(this.callTime(ears, timeMs));
        },
        utterance: (u) => this.utterance(u),
        error: (error) => {
          this.bargeIn.reset();
          this.events.heard({ kind: "hearingFailed", error });
        },
      });
      this.ears = ears;
      this.earsLang = lang;
      return true;
    } catch (err) {
      this.services.log?.warn({ callId: this.call.id, err: (err as Error).message }, "recogniser failed to start");
      return false;
    }
  }

  stop(): void {
    this.ears?.dispose();
    this.ears = null;
    this.bargeIn.reset();
  }

  /** After a failure: restarted once, after the retry pause, in the same language; false when that is spent or fails. */
  async recover(): Promise<boolean> {
    const lang = this.earsLang;
    this.stop();
    if (this.restarted || !lang) return false;
    this.restarted = true;
    await abortableDelay(this.services.config.call.retryBackoffMs, this.call.signal);
    return this.listen(lang);
  }

  private utterance(u: Utterance): void {
    const finalAt = this.now();
    // stream time → call clock: the decision was taken finalLatencyMs ago, the end of speech before it
    const endOfSpeechAt = finalAt - u.finalLatencyMs - (u.decidedAtMs - u.endOfSpeechMs);
    if (this.bargeIn.utterance(u.result.text)) this.events.heard({ kind: "utterance", utterance: u, endOfSpeechAt, finalAt });
    else this.events.heard({ kind: "falseStart" });
  }

  /** A stream time of these ears on the call's clock. */
  private callTime(ears: Hearing, streamMs: number): number {
    return this.now() - Math.max(0, ears.timeMs - streamMs);
  }
}
