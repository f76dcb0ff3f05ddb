// How long a score request waits behind those sent before it. The scorer thread scores one utterance at
// a time, so when many callers pause together (a burst of calls) a turn's scores run late from the queue,
// not from their own work; a turn allowed to wait that out (ScoreOptions.backlogMs) is given the queue's
// expected time on top of its deadline: the scores in flight times the thread's recent time for one.

/** Weight of the newest score's time in the running estimate of one score's time. */
const NEWEST_WEIGHT = 0.3;

/** The time one score took on the scorer thread, from its stages' own timings (queueing excluded). */
export function workMs(timings: { featuresMs: number; encoderMs: number; greedyMs: number; prefilterMs: number; exactMs: number }): number {
  return timings.featuresMs + timings.encoderMs + timings.greedyMs + timings.prefilterMs + timings.exactMs;
}

export class ScoreBacklog {
  private inFlight = 0;
  private perScoreMs: number | undefined;

  /** A score is sent: the wait expected before the thread comes to it (ms; 0 before any score was timed). */
  sent(): number {
    const wait = this.inFlight * (this.perScoreMs ?? 0);
    this.inFlight++;
    return wait;
  }

  /** A score settled (answered, failed or given up); `tookMs`: the thread's time on it, when it answered. */
  settled(tookMs?: number): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (tookMs === undefined) return;
    this.perScoreMs = this.perScoreMs === undefined ? tookMs : this.perScoreMs + NEWEST_WEIGHT * (tookMs - this.perScoreMs);
  }

  /** Scores sent and not yet settled. */
  get pending(): number {
    return this.inFlight;
  }
}
