// What happens on a call (utterances, keys, clocks) queued in arrival order for the flow to take one at
// a time. Waiting ends with the item, a timeout, or the call's abort.
import { AbortedError } from "../ops/retry.js";

export const TIMEOUT = Symbol("timeout");

export class Inbox<T> {
  private readonly items: T[] = [];
  private waiter: ((item: T) => void) | undefined;

  /** Items waiting to be taken. */
  get pending(): number {
    return this.items.length;
  }

  push(item: T): void {
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = undefined;
      waiter(item);
    } else this.items.push(item);
  }

  /** Drops queued items that match (e.g. stale clock ticks). */
  drop(match: (item: T) => boolean): void {
    for (let i = this.items.length - 1; i >= 0; i--) if (match(this.items[i]!)) this.items.splice(i, 1);
  }

  next(signal: AbortSignal, timeoutMs?: number): Promise<T | typeof TIMEOUT> {
    if (signal.aborted) return Promise.reject(new AbortedError("call ended"));
    const queued = this.items.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => settle(() => resolve(TIMEOUT)), timeoutMs);
      const onAbort = () => settle(() => reject(new AbortedError("call ended")));
      const settle = (fn: () => void) => {
        clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
        this.waiter = undefined;
        fn();
      };
      this.waiter = (item) => settle(() => resolve(item));
      signal.addEventListener("abort", onAbort, { once: true });
    });
  }
}
