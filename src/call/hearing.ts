// A call's ears: the recogniser and VAD for one language at a time, fed the caller's audio, with barge-in
// acting on their events as they come (pausing a reply cannot wait its turn in the inbox), and the
// caller's turns handed to the flow: words, sound that was no turn, or the recogniser failing. A failing
// recogniser is restarted once; after that the flow moves the call to the keypad.
import type { QuietSpell, Utterance } from "../speech/listener.js";
import { abortableDelay } from "../ops/retry.js";
import type { Call } from "../telephony/controller.js";
import { BargeIn } from "./barge-in.js";
import type { PausedReading } from "./preemptive.js";
import type { FlowInput } from "./scope.js";
import type { CallServices, Hearing } from "./services.js";
import type { CallVoice } from "./voice.js";

export interface HearingEvents {
  /** What the caller's side brought, for the inbox. */
  heard(input: Extract<FlowInput, { kind: "utterance" | "falseStart" | "hearingFailed" }>): void;
  /** Confirmed caller speech: no silence prompts while they speak. */
  speaking(): void;
  /** The caller paused with words heard: a reply may be prepared on them until the reading's signal aborts. */
  paused?(reading: PausedReading): void;
}

/** Work started at a pause, before the utterance's end was decided: spoken evidence, a reply (preemptive.ts). */
interface Speculation {
  /** The words it was worked out for: the recogniser's reading and its other readings. */
  words: string;
  /** Stream time the caller's sound stopped. */
  atMs: number;
  reading: PausedReading;
  abort: AbortController;
}

/** A reading's words, the other readings included, to tell whether the final result read the same. */
function wordsOf(result: Utterance["result"]): string {
  return [result.text, ...result.alternatives.map((a) => a.text)].join("\n");
}

export class CallHearing {
  private ears: Hearing | null = null;
  private speculation: Speculation | undefined;
  private earsLang: string | undefined;
  private restarted = false;
  private readonly bargeIn: BargeIn;
  /** Caller speech the VAD confirmed whose words (or their absence) the recogniser has not yet given. */
  private turnsAwaited = 0;
  /** Samples of the caller's audio that reached the call, listening or not. */
  private heardSamples = 0;

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

  /**
   * The caller spoke and their words are still on their way (the recogniser's final result awaited): a
   * silence clock started meanwhile (a reply that ended over their speech) must not take them for silent.
   */
  get callerTurnAwaited(): boolean {
    return this.turnsAwaited > 0;
  }

  /** ms of the caller's audio that has reached the call so far (behind the clock when it is held up on its way). */
  get heardMs(): number {
    return (this.heardSamples * 1000) / this.call.sampleRate;
  }

  /** A frame of the caller's audio. */
  accept(samples: Int16Array): void {
    this.heardSamples += samples.length;
    this.voice.echo.heard(samples);
    this.ears?.accept(samples);
  }

  /** Starts (or restarts) hearing in a language; false when the recogniser cannot start. */
  listen(lang: string): boolean {
    this.stop();
    try {
      const ears: Hearing = this.services.hear(lang, this.call.sampleRate, {
        onset: (timeMs) => {
          // the caller goes on after a pause: what was scored on it will not be the utterance's
          this.dropSpeculation();
          this.bargeIn.onset(this.callTime(ears, timeMs));
        },
        onsetEnd: () => this.bargeIn.onsetEnd(),
        speechStart: (timeMs) => {
          // each confirmed start ends in one utterance (words or none), unless the ears fail or are stopped
          this.turnsAwaited++;
          this.events.speaking();
          this.bargeIn.speechStart(this.callTime(ears, timeMs));
        },
        quiet: (q) => this.speculate(q),
        utterance: (u) => this.utterance(u),
        error: (error) => {
          this.turnsAwaited = 0;
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
    this.turnsAwaited = 0;
    this.dropSpeculation();
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

  /**
   * The caller paused: the scheme names are scored on what was heard so far while the endpoint waits to
   * know whether they go on, instead of after the final result, and a reply may be prepared on them. Kept
   * for the utterance only if it ends there with the same words; a new pause replaces it.
   */
  private speculate(q: QuietSpell): void {
    const lang = this.earsLang;
    this.dropSpeculation();
    const { spokenEvidence, config } = this.services;
    const scoring = !!spokenEvidence && config.speech.asr.names.speculate;
    // a reply prepared on the pause needs the names the turn would give the dialogue: scored here, or none to score
    const preparing = config.call.preemptiveReply && (scoring || !spokenEvidence);
    if (!lang || (!scoring && !preparing)) return;
    const abort = new AbortController();
    const signal = AbortSignal.any([this.call.signal, abort.signal]);
    const reading: PausedReading = { result: q.result, signal };
    if (scoring) {
      // the utterance ends on these words the endpoint's wait (minDelayMs) after this pause: the scores get
      // the turn's whole deadline from there, as they would if scored after the final result
      reading.evidence = spokenEvidence(q, lang, this.call.sampleRate, signal, config.speech.endpoint.minDelayMs);
      // dropped or ended with the call: nobody waits for it
      reading.evidence.catch(() => undefined);
    }
    this.speculation = { words: wordsOf(q.result), atMs: q.atMs, reading, abort };
    if (preparing) this.events.paused?.(reading);
  }

  /**
   * The words of the pause `reading` was taken at make a whole request (turn-complete.ts): the utterance
   * ends there sooner, unless the caller went on meanwhile (a later pause, or speech: nothing changes).
   */
  endAtPause(reading: PausedReading): void {
    const speculation = this.speculation;
    if (!speculation || speculation.reading !== reading || reading.signal.aborted) return;
    this.ears?.endAtPause(speculation.atMs);
  }

  private dropSpeculation(): void {
    this.speculation?.abort.abort(new Error("the caller went on speaking"));
    this.speculation = undefined;
  }

  private utterance(u: Utterance): void {
    this.turnsAwaited = Math.max(0, this.turnsAwaited - 1);
    const finalAt = this.now();
    // stream time → call clock: the decision was taken finalLatencyMs ago, the end of speech before it
    const endOfSpeechAt = finalAt - u.finalLatencyMs - (u.decidedAtMs - u.endOfSpeechMs);
    const speculation = this.speculation;
    this.speculation = undefined;
    // the pause heard the whole utterance (its speech ended by then) and read the same words
    const same = speculation && u.endOfSpeechMs <= speculation.atMs && wordsOf(u.result) === speculation.words;
    if (speculation && !same) {
      this.services.log?.debug({ callId: this.call.id }, "work started at the pause dropped: the utterance ended later or read other words");
      speculation.abort.abort(new Error("the final result read other words"));
    }
    const paused = same ? { paused: speculation.reading, ...(speculation.reading.evidence ? { evidence: speculation.reading.evidence } : {}) } : {};
    if (this.bargeIn.utterance(u.result.text)) this.events.heard({ kind: "utterance", utterance: u, endOfSpeechAt, finalAt, ...paused });
    else {
      speculation?.abort.abort(new Error("no turn"));
      this.events.heard({ kind: "falseStart" });
    }
  }

  /** A stream time of these ears on the call's clock. */
  private callTime(ears: Hearing, streamMs: number): number {
    return this.now() - Math.max(0, ears.timeMs - streamMs);
  }
}
