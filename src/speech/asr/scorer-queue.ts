// The name scorer thread's work, in the order waiting callers need it. A score is a turn waiting (up to
// its deadline) for the names heard; the audio worked on ahead while callers speak (name-ahead.ts) only
// saves time later. In one first-come queue, twenty callers' audio fed ahead stood in front of every
// score, which then missed its deadline and the turn went on without names: so scores go first, and the
// audio fed ahead runs when no turn waits. A score goes on from its own utterance's audio fed ahead, so
// that utterance's pending audio runs just before it (in order: each piece extends the last).

/** One piece of work; it settles its own errors (a failing job never stops the ones after it). */
export type ScorerJob = () => Promise<void>;

interface Waiting {
  job: ScorerJob;
  /** The utterance fed ahead that the job goes on from. */
  stream?: number;
}

export class ScorerQueue {
  /** Scores, and the changes and the stop they must stay in order with. */
  private readonly urgent: Waiting[] = [];
  /** Audio fed ahead, first come first served. */
  private readonly ahead: Required<Waiting>[] = [];
  private running = false;

  /** Work a turn waits on; `stream`: the utterance fed ahead it goes on from. */
  now(job: ScorerJob, stream?: number): void {
    this.urgent.push(stream === undefined ? { job } : { job, stream });
    void this.pump();
  }

  /** Audio of utterance `stream` fed ahead: run in order, when no turn waits (or just before its own score). */
  later(job: ScorerJob, stream: number): void {
    this.ahead.push({ job, stream });
    void this.pump();
  }

  /** Utterance `stream` is over (the next began, the call hung up): its audio not yet worked on is dropped. */
  drop(stream: number): void {
    for (let i = this.ahead.length - 1; i >= 0; i--) if (this.ahead[i]!.stream === stream) this.ahead.splice(i, 1);
  }

  /** Jobs not yet started. */
  get pending(): number {
    return this.urgent.length + this.ahead.length;
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let job = this.take(); job; job = this.take()) await job().catch(() => undefined);
    } finally {
      this.running = false;
    }
  }

  private take(): ScorerJob | undefined {
    const first = this.urgent[0];
    if (!first) return this.ahead.shift()?.job;
    if (first.stream !== undefined) {
      const own = this.ahead.findIndex((a) => a.stream === first.stream);
      if (own >= 0) return this.ahead.splice(own, 1)[0]!.job;
    }
    return this.urgent.shift()!.job;
  }
}
