// Long CPU work on the event loop every call shares (indexes rebuilt per knowledge-base version), cut into
// slices: the work is a generator that yields between small steps, and it is resumed on a later turn of the
// loop once a slice has run `sliceMs`, so timers, sockets and call audio wait at most about one slice.
// A worker thread would not spare the loop here: the built indexes are Maps of strings, and receiving them
// (structured-clone deserialisation) holds the receiving thread for a few hundred milliseconds by itself.

export interface SliceOptions {
  /** Longest run between two yields to the loop, in ms. */
  sliceMs: number;
  /** Stops the work at its next step: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Runs `work` to its end at once (a one-shot command, a process starting: nothing else waits on the loop). */
export function runAtOnce<T>(work: Generator<unknown, T>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}

/** One slice of a job; true once the job is over (done or failed). */
interface Slice {
  run(): boolean;
  sliceMs: number;
}

/**
 * Works under way take turns, one slice at a time: two rebuilds at once (the name matcher and the dialogue's
 * concepts after one change) still hold the loop one slice at a time, not two back to back. After a slice
 * the loop rests as long (a timer, not setImmediate): a request or a call's turn whose I/O completes
 * meanwhile runs at once, so its many awaits are slowed by at most a slice now and then, not at each one.
 */
const turns: Slice[] = [];
let driving = false;

function drive(): void {
  const slice = turns.shift();
  if (slice && !slice.run()) turns.push(slice);
  driving = turns.length > 0;
  if (driving) setTimeout(drive, slice?.sliceMs ?? 0);
}

/** Runs `work` in slices of at most about `sliceMs`, yielding to the loop between them. */
export function runSliced<T>(work: Generator<unknown, T>, options: SliceOptions): Promise<T> {
  const { sliceMs, signal } = options;
  return new Promise<T>((resolve, reject) => {
    const run = (): boolean => {
      try {
        signal?.throwIfAborted();
        const until = performance.now() + sliceMs;
        do {
          const step = work.next();
          if (step.done) {
            resolve(step.value);
            return true;
          }
        } while (performance.now() < until);
        return false;
      } catch (err) {
        work.return(undefined as T);
        reject(err);
        return true;
      }
    };
    turns.push({ run, sliceMs });
    if (!driving) {
      driving = true;
      setImmediate(drive);
    }
  });
}

/** `items.flatMap(each)` as work for runSliced: one item a step. */
export function* flatMapSteps<T, R>(items: readonly T[], each: (item: T) => R[]): Generator<void, R[]> {
  const out: R[] = [];
  for (const item of items) {
    for (const r of each(item)) out.push(r);
    yield;
  }
  return out;
}

/**
 * Work redone after a change (indexes of a knowledge base that moved on), started `delayMs` after the last
 * change of a run (a run of edits costs one rebuild); a newer change or close() aborts a run under way.
 */
export class FollowingRebuild {
  private timer: NodeJS.Timeout | undefined;
  private running: AbortController | undefined;

  constructor(
    private readonly work: (signal: AbortSignal) => Promise<void>,
    private readonly delayMs: number,
    /** Told when a run fails (not when it is aborted). */
    private readonly onError: (err: Error) => void,
  ) {}

  /** A change: the run under way stops, and one starts `delayMs` after the last change. */
  schedule(): void {
    this.running?.abort();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.start();
    }, this.delayMs).unref();
  }

  /** Starts at once, unless a run has already started and none is waiting to. */
  startNow(): void {
    if (this.running && !this.timer) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.start();
  }

  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.running?.abort();
  }

  private start(): void {
    this.running?.abort();
    const controller = (this.running = new AbortController());
    this.work(controller.signal)
      .catch((err: Error) => {
        if (!controller.signal.aborted) this.onError(err);
      })
      .finally(() => {
        if (this.running === controller) this.running = undefined;
      });
  }
}
