// Sends audio on absolute 20 ms deadlines (next = start + n·20 ms), never setTimeout(20) in a loop, so
// timer drift does not accumulate. Lateness is measured for every packet.
export interface PacerOptions {
  intervalMs: number;
  now?: () => number;
  schedule?: (fn: () => void, delayMs: number) => unknown;
  cancel?: (handle: unknown) => void;
  /** Told how late each send was, as it happens (the lateness array has no times). */
  onSent?: (lateMs: number) => void;
}

export class DeadlinePacer {
  private start = 0;
  private count = 0;
  private timer: unknown = null;
  private running = false;
  /** ms each send happened after its deadline. */
  readonly lateness: number[] = [];

  constructor(
    private readonly send: () => boolean,
    private readonly options: PacerOptions,
  ) {}

  private get now(): number {
    return (this.options.now ?? (() => performance.now()))();
  }

  /** Starts sending; `send` returns false when it has nothing left (the pacer then idles). */
  run(): void {
    if (this.running) return;
    this.running = true;
    this.start = this.now;
    this.count = 0;
    this.tick();
  }

  private tick = (): void => {
    if (!this.running) return;
    const deadline = this.start + this.count * this.options.intervalMs;
    const now = this.now;
    if (now >= deadline - 0.5) {
      const late = Math.max(0, now - deadline);
      this.lateness.push(late);
      this.options.onSent?.(late);
      this.count++;
      if (!this.send()) {
        this.running = false;
        return;
      }
      // far behind (process stalled): restart the clock instead of bursting to catch up
      if (now - deadline > this.options.intervalMs * 5) {
        this.start = now;
        this.count = 1;
      }
    }
    const wait = Math.max(0, this.start + this.count * this.options.intervalMs - this.now - 1);
    this.timer = (this.options.schedule ?? setTimeout)(this.tick, wait);
  };

  get active(): boolean {
    return this.running;
  }

  stop(): void {
    this.running = false;
    if (this.timer !== null) (this.options.cancel ?? ((h) => clearTimeout(h as NodeJS.Timeout)))(this.timer);
    this.timer = null;
  }
}
