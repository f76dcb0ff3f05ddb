// Conversations kept between calls: a caller's context for `retention` after their call ends (or an
// `ask --session`'s between invocations). Expired ones are never returned, even before the purge runs.
import { redactDeep } from "../ops/redact.js";
import type { Db } from "./db.js";

export interface StoredSession<T> {
  key: string;
  context: T;
  lang: string | null;
  endedAt: number;
  /** The call ended without a goodbye (dropped). */
  abnormal: boolean;
  lastCallId: string | null;
}

export interface SessionRow {
  key: string;
  context: string;
  lang: string | null;
  ended_at: number;
  abnormal: number;
  last_call_id: string | null;
}

export class SessionStore {
  constructor(
    private readonly db: Db,
    private readonly retentionMs: number,
    private readonly now: () => number,
  ) {}

  /** The session, unless it expired or its stored context is unreadable. */
  load<T>(key: string): StoredSession<T> | undefined {
    const row = this.db.prepare<[string, number], SessionRow>("SELECT * FROM sessions WHERE key = ? AND ended_at > ?").get(key, this.now() - this.retentionMs);
    return row && storedSession<T>(row);
  }

  /** Keeps a context from now on; anything a caller said in it is redacted first. */
  save<T>(key: string, context: T, meta: { lang?: string; abnormal?: boolean; callId?: string } = {}): void {
    this.db
      .prepare("INSERT INTO sessions (key, context, lang, ended_at, abnormal, last_call_id) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET context = excluded.context, lang = excluded.lang, ended_at = excluded.ended_at, abnormal = excluded.abnormal, last_call_id = excluded.last_call_id")
      .run(key, storableContext(context), meta.lang ?? null, this.now(), meta.abnormal ? 1 : 0, meta.callId ?? null);
  }

  /** Removes expired sessions; returns how many. */
  purgeExpired(): number {
    return this.db.prepare("DELETE FROM sessions WHERE ended_at <= ?").run(this.now() - this.retentionMs).changes;
  }
}

/** A context as stored: JSON, anything a caller said in it redacted. */
export function storableContext(context: unknown): string {
  return JSON.stringify(redactDeep(context, 12));
}

/** The stored row as a session, or undefined when its context is unreadable. */
export function storedSession<T>(row: SessionRow): StoredSession<T> | undefined {
  try {
    return { key: row.key, context: JSON.parse(row.context) as T, lang: row.lang, endedAt: Number(row.ended_at), abnormal: Number(row.abnormal) === 1, lastCallId: row.last_call_id };
  } catch {
    return undefined;
  }
}
