// Requests sent to a worker thread and waiting for their replies, by request number: settled once,
// all failed together when the worker stops.
export interface Waiter<T> {
  resolve(value: T): void;
  reject(err: Error): void;
}

export class PendingReplies<T> {
  private readonly waiting = new Map<number, Waiter<T>>();

  add(req: number, waiter: Waiter<T>): void {
    this.waiting.set(req, waiter);
  }

  /** Settles request `req` once; a later reply to it (or to an unknown number) is ignored. */
  settle(req: number, fn: (w: Waiter<T>) => void): void {
    const w = this.waiting.get(req);
    if (!w) return;
    this.waiting.delete(req);
    fn(w);
  }

  failAll(err: Error): void {
    for (const w of this.waiting.values()) w.reject(err);
    this.waiting.clear();
  }
}
