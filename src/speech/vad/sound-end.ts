// Where the caller's sound itself stopped. Silero's probability decays well after the voice does (some
// 60-90 ms after its last audible sample, 150-270 ms after its last loud packet, on synthetic voices), so
// an end of speech taken from it keeps the caller waiting that much longer than the endpoint's hangover.
// This follows the signal's level in short frames against the line's noise floor, learnt while nobody
// speaks (it follows quieter frames at once and rises slowly, so a burst does not lift it), and places the
// end of sound at the last frame above that floor by a margin.
/** Frame length (ms) the level is measured over: fine enough to place an end, long enough to be stable. */
const FRAME_MS = 10;
/** The floor rises at most this fast while nobody speaks (dB per second): a louder line is learnt in seconds, a burst is not. */
const FLOOR_RISE_DB_PER_S = 6;
/** Digital silence has no level: the floor stays at or above this (dBFS). */
const FLOOR_MIN_DB = -70;

export interface SoundEndConfig {
  /** A frame this far above the floor (dB) is sound. */
  marginDb: number;
  /** How far back (ms) from where the VAD puts the end the sound's own end may be placed. */
  lookbackMs: number;
}

export class SoundEnd {
  private floorDb: number | undefined;
  /** Each whole frame's level (dBFS), the latest last, as far back as the lookback needs. */
  private readonly levels: number[] = [];
  private readonly frameSamples: number;
  private readonly keep: number;
  /** Samples of the frame being filled, and their energy so far. */
  private partial = 0;
  private energy = 0;
  /** Whole frames seen. */
  private frames = 0;

  constructor(
    private readonly config: SoundEndConfig,
    private readonly sampleRate: number,
  ) {
    this.frameSamples = Math.round((sampleRate * FRAME_MS) / 1000);
    // the lookback, and the onset watch's own tail before it
    this.keep = Math.ceil((config.lookbackMs + 1000) / FRAME_MS);
  }

  /** Audio in; `quiet`: nobody is speaking now (the floor is learnt only then). */
  accept(samples: Int16Array, quiet: boolean): void {
    for (let i = 0; i < samples.length; i++) {
      const v = samples[i]! / 32768;
      this.energy += v * v;
      if (++this.partial < this.frameSamples) continue;
      const db = 10 * Math.log10(this.energy / this.partial + 1e-12);
      this.partial = 0;
      this.energy = 0;
      this.frames++;
      this.levels.push(db);
      if (this.levels.length > this.keep) this.levels.shift();
      if (quiet) this.learn(db);
    }
  }

  /** The level a frame must reach to be sound (dBFS). */
  get lineDb(): number {
    return (this.floorDb ?? FLOOR_MIN_DB) + this.config.marginDb;
  }

  /**
   * Where the sound stopped, given where the VAD puts it (stream ms): the end of the last frame above the
   * line at or before `vadEndMs`, no further back than the lookback (all quiet there: the lookback's start).
   */
  endBefore(vadEndMs: number): number {
    const earliest = Math.max(0, vadEndMs - this.config.lookbackMs);
    const line = this.lineDb;
    for (let k = this.levels.length - 1; k >= 0; k--) {
      const endMs = (this.frames - (this.levels.length - 1 - k)) * FRAME_MS;
      if (endMs <= earliest) break;
      if (endMs - FRAME_MS >= vadEndMs) continue;
      if (this.levels[k]! > line) return Math.min(vadEndMs, endMs);
    }
    return Math.min(vadEndMs, Math.max(earliest, (this.frames - this.levels.length) * FRAME_MS));
  }

  reset(): void {
    this.levels.length = 0;
    this.partial = 0;
    this.energy = 0;
  }

  private learn(db: number): void {
    const level = Math.max(FLOOR_MIN_DB, db);
    if (this.floorDb === undefined || level < this.floorDb) this.floorDb = level;
    else this.floorDb = Math.min(level, this.floorDb + (FLOOR_RISE_DB_PER_S * FRAME_MS) / 1000);
  }
}
