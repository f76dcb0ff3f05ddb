// Barge-in as livekit's agents do it: pause → confirm → commit. At the first sign of the caller's speech
// (the VAD's onset, long before speech is confirmed) the reply pauses, so the caller hears it stop at
// once; if the sign falls silent without becoming speech (a click, a cough), or the recogniser hears no
// words in it, the reply resumes from the very sample the caller last heard; only words stop it for good,
// and the conversation keeps only what the caller heard. Sound no louder than the line's echo of our own
// voice could be does not pause anything; if its words are our own words, it is the echo and is ignored.
import type { CallConfig } from "../config.js";
import type { CallVoice } from "./voice.js";

/** The caller's frames arrive every 20 ms: an onset's window reaches back one more. */
const FRAME_MS = 20;
/** Share of an utterance's words found in what we were saying that makes it our own echo… */
const ECHO_WORD_SHARE = 0.5;
/** …when it has at least this many: a caller saying one of our words ("English") is not an echo. */
const ECHO_MIN_WORDS = 2;

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The recogniser's words are (mostly) words of what we were saying: the line's echo. */
export function isEchoOf(heard: string, said: string): boolean {
  const ours = new Set(words(said));
  const theirs = words(heard);
  if (theirs.length < ECHO_MIN_WORDS || ours.size === 0) return false;
  return theirs.filter((w) => ours.has(w)).length >= ECHO_WORD_SHARE * theirs.length;
}

export class BargeIn {
  /** The onset detector hears something now. */
  private onsetOn = false;
  /** When that sign began (call clock). */
  private onsetAt = 0;
  /** The VAD confirmed it as speech. */
  private confirmed = false;
  /** It began while we spoke, no louder than our echo could be: only its words can show it is the caller. */
  private echoSuspect = false;
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
    this.onsetOn = true;
    this.onsetAt = at;
    this.clearTimer();
    this.pauseIfCaller(at);
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
    this.confirmed = true;
    this.clearTimer();
    if (!this.onsetOn) this.onsetAt = at;
    this.pauseIfCaller(this.onsetAt);
  }

  /**
   * The recogniser's words for what the caller said: true when they are the caller's turn (a reply
   * being said is stopped for good), false when they were no turn (a paused reply resumes).
   */
  utterance(text: string): boolean {
    const enough = words(text).length >= this.config.minWords;
    const suspect = this.echoSuspect;
    this.onsetOn = false;
    this.confirmed = false;
    this.echoSuspect = false;
    this.clearTimer();
    if (this.voice.paused) {
      if (enough) this.voice.stop();
      else this.voice.resume();
      return enough;
    }
    const speech = this.voice.speech;
    if (!speech?.interruptible || !this.config.enabled) return enough;
    // heard over a reply that never paused: a quiet caller, or the line's echo of the reply itself
    if (!enough || (suspect && isEchoOf(text, speech.text))) return false;
    this.voice.stop();
    return true;
  }

  /** Hearing stopped or restarted: nothing is waiting to be confirmed; a paused reply carries on. */
  reset(): void {
    this.clearTimer();
    this.onsetOn = false;
    this.confirmed = false;
    this.echoSuspect = false;
    this.voice.resume();
  }

  /** Something new starts being said while the caller is already speaking: it waits for them. */
  private speechBegins(): void {
    if ((this.onsetOn || this.confirmed) && !this.echoSuspect) this.pauseIfCaller(this.onsetAt);
  }

  private pauseIfCaller(onsetAt: number): void {
    const speech = this.voice.speech;
    if (!this.config.enabled || !speech?.interruptible || this.voice.paused) return;
    // over what we are saying, the caller must be louder than its echo could be
    if (this.voice.echo.callerAboveEcho(Math.max(FRAME_MS, this.now() - onsetAt + FRAME_MS))) {
      this.echoSuspect = false;
      this.voice.pause(onsetAt);
    } else this.echoSuspect = true;
  }

  private clearTimer(): void {
    clearTimeout(this.falseStartTimer);
    this.falseStartTimer = undefined;
  }
}
