// Is it the caller, or the line's echo of our own voice? A telephone line returns some of what we send
// (the hybrid, the handset), so while Sahayak speaks the caller's side carries a quieter copy of it,
// which a VAD takes for speech. As a network echo canceller's double-talk detector does (Geigel), the
// caller's audio counts as the caller only when it is louder than an echo of what was playing could be:
// our own level over the echo's delay, less the line's echo return loss. A line whose echo proves
// louder than assumed (a pause it caused turned out to be no speech) raises the bar for the rest of the call.

/** Level of a frame: its RMS, 0–32768. */
function rms(samples: Int16Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  return samples.length ? Math.sqrt(sum / samples.length) : 0;
}

const FRAME_MS = 20;
/** An echo measured on this line is allowed for with this much to spare (3 dB). */
const LEARNED_MARGIN = Math.SQRT2;
/** No line echo is louder than this share of what we send (6 dB below, G.168's worst hybrid): louder is a person. */
const LOUDEST_ECHO = 0.5;

export interface EchoSettings {
  /** How far below our own level the line's echo is assumed to be, at least (dB). */
  returnLossDb: number;
  /** How long after we say something its echo may still come back (ms). */
  tailMs: number;
}

export class EchoGuard {
  /** Our outgoing frames' levels and when each plays (ms, the call's clock). */
  private sentFrames: { at: number; level: number }[] = [];
  /** The caller's frames' levels as they arrive. */
  private heardFrames: { at: number; level: number }[] = [];
  /** Echo level allowed for, as a share of our level. */
  private ratio: number;

  constructor(
    private readonly settings: EchoSettings,
    private readonly sampleRate: number,
    private readonly now: () => number,
  ) {
    this.ratio = 10 ** (-settings.returnLossDb / 20);
  }

  /** Our audio was queued; it starts playing `queuedMs` from now, behind what is already queued. */
  sent(samples: Int16Array, queuedMs: number): void {
    const frame = (this.sampleRate * FRAME_MS) / 1000;
    const start = this.now() + queuedMs;
    for (let i = 0, n = 0; i < samples.length; i += frame, n++) this.sentFrames.push({ at: start + n * FRAME_MS, level: rms(samples.subarray(i, i + frame)) });
    this.forget();
  }

  /** Our queued audio was dropped: nothing after now is played. */
  flushed(): void {
    const now = this.now();
    this.sentFrames = this.sentFrames.filter((f) => f.at <= now);
  }

  /** A frame of the caller's audio arrived. */
  heard(samples: Int16Array): void {
    this.heardFrames.push({ at: this.now(), level: rms(samples) });
    this.forget();
  }

  /** The loudest echo the last `windowMs` of the caller's audio could hold, from what we played. */
  private echoBound(windowMs: number): number {
    const now = this.now();
    let loudest = 0;
    for (const f of this.sentFrames) if (f.at <= now && f.at >= now - windowMs - this.settings.tailMs) loudest = Math.max(loudest, f.level);
    return loudest * this.ratio;
  }

  private callerLevel(windowMs: number): number {
    const now = this.now();
    let loudest = 0;
    for (const f of this.heardFrames) if (f.at >= now - windowMs) loudest = Math.max(loudest, f.level);
    return loudest;
  }

  /** The caller's last `windowMs` is louder than an echo of our voice could be (true when we were silent). */
  callerAboveEcho(windowMs: number): boolean {
    return this.callerLevel(windowMs) > this.echoBound(windowMs);
  }

  /**
   * What the caller's side carried over the last `windowMs` proved not to be speech while we spoke: if it
   * was louder than the echo allowed for, yet quiet enough to be an echo, this line's echo is louder, and
   * later onsets must clear it (a cough louder than that teaches nothing).
   */
  learnFromFalseStart(windowMs: number): void {
    const bound = this.echoBound(windowMs);
    if (bound <= 0) return;
    const measured = (this.callerLevel(windowMs) / bound) * this.ratio;
    if (measured > LOUDEST_ECHO) return;
    this.ratio = Math.min(LOUDEST_ECHO, Math.max(this.ratio, measured * LEARNED_MARGIN));
  }

  /** The echo level allowed for now, in dB below our own. */
  get returnLossDb(): number {
    return -20 * Math.log10(this.ratio);
  }

  private forget(): void {
    const horizon = this.now() - 4 * this.settings.tailMs - 2000;
    if (this.sentFrames.length > 0 && this.sentFrames[0]!.at < horizon) this.sentFrames = this.sentFrames.filter((f) => f.at >= horizon);
    if (this.heardFrames.length > 0 && this.heardFrames[0]!.at < horizon) this.heardFrames = this.heardFrames.filter((f) => f.at >= horizon);
  }
}
