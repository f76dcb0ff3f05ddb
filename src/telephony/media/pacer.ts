// Sends audio on absolute 20 ms deadlines (next = start + n·20 ms), never setTimeout(20) in a loop, so
// timer drift does not accumulate. Lateness is measured for every packet. When to wake is the clock's job
// (pacing-clock.ts: one timer for every stream of the process).
import { sharedPacingClock, type Paced, type PacingClock } from "./pacing-clock.js";

export interface PacerOptions {
  intervalMs: number;
  /** The process's shared clock unless given (the sender process gives its precise one). */
  clock?: PacingClock;
  /** Told how late each send was, as it happens (the lateness array has no times). */
  onSent?: (lateMs: number) => void;
}

export class DeadlinePacer implements Paced {
  private start = 0;
  private count = 0;
  private running = false;
  private readonly clock: PacingClock;
  /** When the next send is due (the clock's now() time). */
  dueAt = Infinity;
  /** ms each send happened after its deadline. */
  readonly lateness: number[] = [];

  constructor(
    private readonly send: () => boolean,
    private readonly options: PacerOptions,
  ) {
    this.clock = options.clock ?? sharedPacingClock();
  }

  /** Starts sending, the first packet at once; `send` returns false when it has nothing left (the pacer then idles). */
  run(): void {
    if (this.running) return;
    this.running = true;
    this.start = this.clock.now();
    this.count = 0;
    this.fire();
  }

  /** Sends the packet due (the clock calls this once its deadline has come). */
  fire(): void {
    if (!this.running) return;
    const deadline = this.start + this.count * this.options.intervalMs;
    const now = this.clock.now();
    const late = Math.max(0, now - deadline);
    this.lateness.push(late);
    this.options.onSent?.(late);
    this.count++;
    if (!this.send()) return this.stop();
    // far behind (process stalled): restart the clock instead of bursting to catch up
    if (now - deadline > this.options.intervalMs * 5) {
      this.start = now;
      this.count = 1;
    }
    this.dueAt = this.start + this.count * this.options.intervalMs;
    this.clock.arm(this);
  }

  get active(): boolean {
    return this.running;
  }

  stop(): void {
    this.running = false;
    this.dueAt = Infinity;
    this.clock.disarm(this);
  }
}
