// Calls per caller per hour and per day. A refused call is not counted, so a caller who keeps trying is
// let in again once the window has moved on. Numbers on the allow-list are never limited.
import type { Db } from "./db.js";

const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;

export type Admission = { allowed: true } | { allowed: false; window: "hour" | "day"; retryAfterMs: number };

export class RateLimiter {
  constructor(
    private readonly db: Db,
    private readonly limits: { callsPerHour: number; callsPerDay: number },
    private readonly allowed: ReadonlySet<string>,
    private readonly now: () => number,
  ) {}

  /** Counts a call from this caller, or says why it is refused. */
  admit(callerHash: string): Admission {
    if (this.allowed.has(callerHash)) return { allowed: true };
    return this.db
      .transaction((): Admission => {
        const now = this.now();
        const starts = this.db.prepare<[string, number], { at: number }>("SELECT at FROM call_starts WHERE caller_hash = ? AND at > ? ORDER BY at").all(callerHash, now - DAY_MS).map((r) => r.at);
        const admission = admissionFor(starts, now, this.limits);
        if (admission.allowed) this.db.prepare("INSERT INTO call_starts (caller_hash, at) VALUES (?, ?)").run(callerHash, now);
        return admission;
      })
      .immediate();
  }

  /** Forgets call starts older than a day; returns how many. */
  purgeOld(): number {
    return this.db.prepare("DELETE FROM call_starts WHERE at <= ?").run(this.now() - DAY_MS).changes;
  }
}

/** Whether one more call may start now, given this caller's call starts of the last day (oldest first). */
export function admissionFor(starts: readonly number[], now: number, limits: { callsPerHour: number; callsPerDay: number }): Admission {
  const lastHour = starts.filter((at) => at > now - HOUR_MS);
  if (lastHour.length >= limits.callsPerHour) return { allowed: false, window: "hour", retryAfterMs: lastHour[lastHour.length - limits.callsPerHour]! + HOUR_MS - now };
  if (starts.length >= limits.callsPerDay) return { allowed: false, window: "day", retryAfterMs: starts[starts.length - limits.callsPerDay]! + DAY_MS - now };
  return { allowed: true };
}

/** Call starts older than this are forgotten: the longest window. */
export const RATE_WINDOW_MS = DAY_MS;
