// Barge-in as livekit's agents do it: pause → confirm → commit. At the first sign of the caller's speech
// (the VAD's onset, long before speech is confirmed) the reply pauses, so the caller hears it stop at
// once; if the sign falls silent without becoming speech (a click, a cough), or the recogniser hears no
// words in it, the reply resumes from the very sample the caller last heard; only words stop it for good,
// and the conversation keeps only what the caller heard. Sound that is never louder than the line's echo of
// what we are saying could be is that echo as far as anyone can tell: it pauses nothing and is no turn (a
// caller that quiet is heard once we have finished).
import type { CallConfig } from "../config.js";
import type { CallVoice } from "./voice.js";

/** The caller's frames arrive every 20 ms: an onset's window reaches back one more. */
const FRAME_MS = 20;
/** The caller's sound is weighed against our echo over its latest this-much at most. */
const JUDGED_MS = 500;
function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

export class BargeIn {
  /** The onset detector hears something now. */
  private onsetOn = false;
  /** When that sign began (call clock). */
  private onsetAt = 0;
  /** The VAD confirmed it as speech. */
  private confirmed = false;
  /** It began while we spoke and has not yet been louder than our echo could be. */
  private echoSuspect = false;
  /** It has been louder than our echo could be: the caller, whatever follows. */
  private aboveEcho = false;
  private falseStartTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly voice: CallVoice,
    private readonly config: CallConfig["bargeIn"],
    private readonly now: () => number,
  ) {
    voice.onSpeechBegins = () => this.speechBegins();
  }

  /** The first sign of the caller's speech, begun at `at` (call clock). */
  onset(at: number): void {
    // a new sign, unless speech already confirmed goes on after a pause between words
    if (!this.confirmed) {
      this.onsetAt = at;
      this.aboveEcho = false;
      this.echoSuspect = false;
    }
    this.onsetOn = true;
    this.clearTimer();
    this.judge(this.onsetAt);
  }

  /** The sign fell silent: a false start unless it was confirmed as speech (then the words decide). */
  onsetEnd(): void {
    this.onsetOn = false;
    if (!this.voice.paused) return;
    if (!this.confirmed) {
      this.voice.echo.learnFromFalseStart(this.now() - this.onsetAt + FRAME_MS);
      this.voice.resume();
      return;
    }
    // a recogniser that never answers must not leave the caller in silence
    this.clearTimer();
    this.falseStartTimer = setTimeout(() => {
      this.confirmed = false;
      this.voice.resume();
    }, this.config.falseStartTimeoutMs);
  }

  /** The VAD confirmed speech (begun at `at`). */
  speechStart(at: number): void {
    if (!this.onsetOn && !this.confirmed) this.onsetAt = at;
    this.confirmed = true;
    this.clearTimer();
    this.judge(this.onsetAt);
  }

  /**
   * The recogniser's words for what the caller said: true when they are the caller's turn (a reply
   * being said is stopped for good), false when they were no turn (a paused reply resumes).
   */
  utterance(text: string): boolean {
    const enough = words(text).length >= this.config.minWords;
    const echo = this.echoSuspect;
    this.onsetOn = false;
    this.confirmed = false;
    this.echoSuspect = false;
    this.aboveEcho = false;
    this.clearTimer();
    if (this.voice.paused) {
      if (enough) this.voice.stop();
      else this.voice.resume();
      return enough;
    }
    if (!enough || echo) return false;
    // barge-in turned off: the words wait their turn; otherwise they stop what is being said
    const speech = this.voice.speech;
    if (speech?.interruptible && this.config.enabled) this.voice.stop();
    return true;
  }

  /** Hearing stopped or restarted: nothing is waiting to be confirmed; a paused reply carries on. */
  reset(): void {
    this.clearTimer();
    this.onsetOn = false;
    this.confirmed = false;
    this.echoSuspect = false;
    this.aboveEcho = false;
    this.voice.resume();
  }

  /** Something new starts being said while the caller is already speaking: it waits for them. */
  private speechBegins(): void {
    if ((this.onsetOn || this.confirmed) && !this.echoSuspect) this.judge(this.onsetAt);
  }

  /** Caller or echo? Over what we are saying, the caller is louder than its echo could be; then an interruptible reply pauses. */
  private judge(onsetAt: number): void {
    const speech = this.voice.speech;
    if (!speech) return;
    this.aboveEcho ||= this.voice.echo.callerAboveEcho(Math.min(JUDGED_MS, Math.max(FRAME_MS, this.now() - onsetAt + FRAME_MS)));
    this.echoSuspect = !this.aboveEcho;
    if (this.aboveEcho && this.config.enabled && speech.interruptible && !this.voice.paused) this.voice.pause(onsetAt);
  }

  private clearTimer(): void {
    clearTimeout(this.falseStartTimer);
    this.falseStartTimer = undefined;
  }
}
