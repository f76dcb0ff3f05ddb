// Audio waiting to be sent, taken a frame at a time in the sender process. Per frame nothing is allocated
// that lives: queued audio stays in the chunks it came in (no object per frame to survive into the old
// generation, whose major collections were a source of the sender's own lateness) and each frame is copied
// into one reused buffer.
export class FrameQueue {
  private readonly chunks: Int16Array[] = [];
  /** Samples of the first chunk already taken. */
  private offset = 0;
  private queuedSamples = 0;
  /** The frame last taken (valid until the next take). */
  readonly frame: Int16Array;

  constructor(samplesPerFrame: number) {
    this.frame = new Int16Array(samplesPerFrame);
  }

  push(samples: Int16Array): void {
    if (samples.length === 0) return;
    this.chunks.push(samples);
    this.queuedSamples += samples.length;
  }

  clear(): void {
    this.chunks.length = 0;
    this.offset = 0;
    this.queuedSamples = 0;
  }

  /** Samples still queued. */
  get samples(): number {
    return this.queuedSamples;
  }

  get empty(): boolean {
    return this.queuedSamples === 0;
  }

  /** Whole or partial frames still queued. */
  get frames(): number {
    return Math.ceil(this.queuedSamples / this.frame.length);
  }

  /**
   * The next frame's samples into `frame`, across the chunks audio was played in (synthesis hands audio over
   * in pieces of any length: a frame padded at each piece's end was a gap of up to 19 ms in the speech); only
   * the last frame of what is queued is padded with silence. False when nothing is queued.
   */
  take(): boolean {
    if (this.queuedSamples === 0) return false;
    let filled = 0;
    while (filled < this.frame.length) {
      const chunk = this.chunks[0];
      if (!chunk) break;
      const n = Math.min(this.frame.length - filled, chunk.length - this.offset);
      for (let i = 0; i < n; i++) this.frame[filled + i] = chunk[this.offset + i]!;
      filled += n;
      this.offset += n;
      if (this.offset >= chunk.length) {
        this.chunks.shift();
        this.offset = 0;
      }
    }
    this.queuedSamples -= filled;
    this.frame.fill(0, filled);
    return true;
  }
}
