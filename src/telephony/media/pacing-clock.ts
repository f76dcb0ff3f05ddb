// One clock wakes a process for every stream it paces (DeadlinePacer): each stream says when its next packet
// is due and one timer serves the earliest, instead of a timer per stream waking on its own (20 calls: 20
// timers, a Timeout and a timer list allocated per packet). Node's timers keep whole milliseconds and fire up
// to ~2 ms early or ~1 ms late of what was asked (libuv's loop time is truncated and read once per turn); a
// pacer that woke early re-armed and then woke up to a millisecond late. With `waitUntil` (the sender
// process, which does nothing else) the timer is aimed a little ahead and a short blocking wait reaches the
// deadline itself: no packet goes before its deadline, and none late for want of timer precision.
// Without it (the simulator's callers, in a process with other work) a send may go up to COARSE_EARLY_MS
// before its deadline.

/** A stream on the clock: `fire` is called once `dueAt` has come (it sends and says when it is due next). */
export interface Paced {
  readonly dueAt: number;
  fire(): void;
}

export interface PacingClockOptions {
  now?: () => number;
  schedule?: (fn: () => void, delayMs: number) => unknown;
  cancel?: (handle: unknown) => void;
  /** Runs `fn` once pending I/O has been handled (setImmediate). */
  soon?: (fn: () => void) => void;
  /** Blocks the thread until `at` (now() time): only for a process where nothing else must run meanwhile. */
  waitUntil?: (at: number) => void;
}

/** With a precise wait: how far ahead of a deadline the timer is aimed (past the ~1 ms it may fire late). */
export const TIMER_LEAD_MS = 2;
/** The longest blocking wait: a deadline further off goes back to the timer, so requests are handled meanwhile. */
export const PRECISE_WAIT_MS = 3;
/** Without one: the timer is aimed this far ahead, and a send this close to its deadline goes. */
const COARSE_LEAD_MS = 1;
const COARSE_EARLY_MS = 0.5;

export class PacingClock {
  private readonly members: Paced[] = [];
  /** Reused for each round of sends (nothing allocated per round). */
  private readonly due: Paced[] = [];
  private timer: unknown = null;
  /** The deadline the pending timer or `soon` was set for (Infinity: none pending). */
  private plannedFor = Infinity;
  private firing = false;
  /** A `soon` is on its way: it re-plans when it runs (one chain of wakes, never two). */
  private soonPending = false;
  readonly now: () => number;

  constructor(private readonly options: PacingClockOptions = {}) {
    this.now = options.now ?? (() => performance.now());
  }

  /** Puts `p` on the clock, or tells it `p.dueAt` changed. */
  arm(p: Paced): void {
    if (!this.members.includes(p)) this.members.push(p);
    // while firing, the round re-plans when it ends
    if (!this.firing && p.dueAt < this.plannedFor) this.plan();
  }

  disarm(p: Paced): void {
    const i = this.members.indexOf(p);
    if (i >= 0) this.members.splice(i, 1);
    if (this.members.length === 0) this.cancelTimer();
  }

  private earliest(): number {
    let next = Infinity;
    for (const m of this.members) next = Math.min(next, m.dueAt);
    return next;
  }

  private cancelTimer(): void {
    if (this.timer !== null) (this.options.cancel ?? ((h) => clearTimeout(h as NodeJS.Timeout)))(this.timer);
    this.timer = null;
    this.plannedFor = Infinity;
  }

  private plan(): void {
    if (this.soonPending) return;
    this.cancelTimer();
    const next = this.earliest();
    if (next === Infinity) return;
    this.plannedFor = next;
    const ahead = next - this.now();
    if (this.options.waitUntil && ahead <= PRECISE_WAIT_MS) {
      // near: the precise wait follows the requests already in (never a timer: it could fire late)
      this.soonPending = true;
      (this.options.soon ?? setImmediate)(this.wake);
      return;
    }
    const lead = this.options.waitUntil ? TIMER_LEAD_MS : COARSE_LEAD_MS;
    this.timer = (this.options.schedule ?? setTimeout)(this.wake, Math.max(0, ahead - lead));
  }

  private readonly wake = (): void => {
    this.timer = null;
    this.soonPending = false;
    this.plannedFor = Infinity;
    const next = this.earliest();
    if (next === Infinity) return;
    const ahead = next - this.now();
    if (this.options.waitUntil) {
      // woken too early by the timer: aim again
      if (ahead > PRECISE_WAIT_MS) return this.plan();
      if (ahead > 0) this.options.waitUntil(next);
      this.fireDue(this.now());
    } else this.fireDue(this.now() + COARSE_EARLY_MS);
    this.plan();
  };

  /** Each stream due by `limit` sends once (one still due after it sends goes in the next round). */
  private fireDue(limit: number): void {
    this.firing = true;
    try {
      for (const m of this.members) if (m.dueAt <= limit) this.due.push(m);
      for (const m of this.due) m.fire();
    } finally {
      this.due.length = 0;
      this.firing = false;
    }
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
/** Blocks this thread until `at` (performance.now() time): Atomics.wait sleeps to within ~0.1 ms. */
export function blockUntil(at: number): void {
  const ms = at - performance.now();
  if (ms > 0) Atomics.wait(sleeper, 0, 0, ms);
}

let processClock: PacingClock | null = null;
/** The clock every pacer in this process shares unless it is given one (no precise wait: see above). */
export function sharedPacingClock(): PacingClock {
  processClock ??= new PacingClock();
  return processClock;
}
