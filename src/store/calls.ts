// One record per call (start, end, language, outcome, transfer, error) and its turns with timings, the
// caller's words redacted before they are written. A call and its turns land in one transaction.
import { redactText } from "../ops/redact.js";
import type { Db } from "./db.js";
import { groupKey, unansweredReasons, type UnansweredReason } from "./unanswered.js";

/** One turn of a call, as the call flow records it and the store keeps it (ms from the call's start). */
export interface StoredTurn {
  role: "caller" | "sahayak";
  /** When Sahayak started saying it, or the caller stopped speaking or pressed the key. */
  atMs: number;
  text: string;
  lang: string;
  /** Sahayak: the reply's action, or the prompt's; caller: what the turn was taken as. */
  action?: string;
  schemeIds?: string[];
  confidence?: number;
  /** A key pressed instead of speaking. */
  dtmf?: string;
  /** Stopped by the caller: `text` is only what they heard. */
  interrupted?: boolean;
  timings: Record<string, number>;
  /** Why the caller's question went unanswered, if it did (worked out when stored). */
  unanswered?: UnansweredReason;
}

/** What the call flow hands over (its CallRecord fits). */
export interface CallToStore {
  callId: string;
  startedAt: string;
  durationMs: number;
  lang?: string;
  mode: string;
  outcome: string;
  error?: string;
  states: unknown[];
  turns: (Omit<StoredTurn, "unanswered" | "timings"> & { timings: object })[];
  packets?: unknown;
}

export interface CallSummary {
  callId: string;
  startedAt: string;
  durationMs: number;
  lang: string | null;
  mode: string;
  outcome: string;
  transferred: boolean;
  error: string | null;
  continued: string | null;
  turns: number;
}

export interface CallDetail extends CallSummary {
  states: unknown[];
  packets: unknown;
  turnList: StoredTurn[];
}

export interface UnansweredGroup {
  question: string;
  count: number;
  reasons: Partial<Record<UnansweredReason, number>>;
  lastAt: string;
  callIds: string[];
}

interface CallRow {
  id: string;
  started_at: number;
  ended_at: number;
  duration_ms: number;
  lang: string | null;
  mode: string;
  outcome: string;
  transferred: number;
  error: string | null;
  continued: string | null;
  turn_count: number;
  states: string;
  packets: string | null;
}

interface TurnRow {
  call_id: string;
  seq: number;
  role: "caller" | "sahayak";
  at_ms: number;
  text: string;
  lang: string | null;
  action: string | null;
  scheme_ids: string | null;
  confidence: number | null;
  dtmf: string | null;
  interrupted: number;
  timings: string;
  unanswered: UnansweredReason | null;
}

const CALL_EXAMPLES = 5;

export class CallStore {
  constructor(private readonly db: Db) {}

  /** Stores a finished call; a second store of the same call id replaces the first. */
  insert(call: CallToStore, meta: { callerHash: string | null; continued?: string }): void {
    const started = Date.parse(call.startedAt);
    const reasons = unansweredReasons(call.turns, call.outcome);
    const insertCall = this.db.prepare(
      "INSERT OR REPLACE INTO calls (id, caller_hash, started_at, ended_at, duration_ms, lang, mode, outcome, transferred, error, continued, turn_count, states, packets) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    const insertTurn = this.db.prepare(
      "INSERT INTO turns (call_id, seq, role, at_ms, text, lang, action, scheme_ids, confidence, dtmf, interrupted, timings, unanswered) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    this.db.transaction(() => {
      this.db.prepare("DELETE FROM turns WHERE call_id = ?").run(call.callId);
      insertCall.run(call.callId, meta.callerHash, started, started + call.durationMs, call.durationMs, call.lang ?? null, call.mode, call.outcome, call.outcome === "transfer" ? 1 : 0, call.error ? redactText(call.error) : null, meta.continued ?? null, call.turns.length, JSON.stringify(call.states), call.packets === undefined ? null : JSON.stringify(call.packets));
      call.turns.forEach((t, seq) => {
        insertTurn.run(call.callId, seq, t.role, Math.round(t.atMs), redactText(t.text), t.lang || null, t.action ?? null, t.schemeIds?.length ? JSON.stringify(t.schemeIds) : null, t.confidence ?? null, t.dtmf ?? null, t.interrupted ? 1 : 0, JSON.stringify(t.timings), reasons[seq] ?? null);
      });
    })();
  }

  /** Calls started since `since` (ms epoch), newest first; a page of them from `offset` (limit -1: all). */
  list(since = 0, limit = 1000, offset = 0): CallSummary[] {
    return this.db.prepare<[number, number, number], CallRow>("SELECT * FROM calls WHERE started_at >= ? ORDER BY started_at DESC, id LIMIT ? OFFSET ?").all(since, limit, offset).map(summary);
  }

  /** How many calls started since `since`. */
  count(since = 0): number {
    return this.db.prepare<[number], { n: number }>("SELECT COUNT(*) AS n FROM calls WHERE started_at >= ?").get(since)!.n;
  }

  show(callId: string): CallDetail | undefined {
    const row = this.db.prepare<[string], CallRow>("SELECT * FROM calls WHERE id = ?").get(callId);
    if (!row) return undefined;
    const turns = this.db.prepare<[string], TurnRow>("SELECT * FROM turns WHERE call_id = ? ORDER BY seq").all(callId);
    return { ...summary(row), states: JSON.parse(row.states) as unknown[], packets: row.packets ? JSON.parse(row.packets) : null, turnList: turns.map(turn) };
  }

  /** Unanswered questions since `since`, grouped by content words, most frequent first. */
  unanswered(since = 0): UnansweredGroup[] {
    const rows = this.db
      .prepare<[number], TurnRow & { started_at: number }>("SELECT t.*, c.started_at FROM turns t JOIN calls c ON c.id = t.call_id WHERE t.unanswered IS NOT NULL AND c.started_at >= ? ORDER BY c.started_at")
      .all(since);
    const groups = new Map<string, UnansweredGroup>();
    for (const row of rows) {
      const key = groupKey(row.text);
      const group = groups.get(key) ?? { question: row.text, count: 0, reasons: {}, lastAt: "", callIds: [] };
      group.count++;
      group.reasons[row.unanswered!] = (group.reasons[row.unanswered!] ?? 0) + 1;
      group.lastAt = new Date(row.started_at + row.at_ms).toISOString();
      if (row.text.trim()) group.question = row.text;
      if (group.callIds.length < CALL_EXAMPLES && !group.callIds.includes(row.call_id)) group.callIds.push(row.call_id);
      groups.set(key, group);
    }
    return [...groups.values()].sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt));
  }

  /** Removes calls (and their turns) that started before `before`; returns how many. */
  purgeOlderThan(before: number): number {
    return this.db.prepare("DELETE FROM calls WHERE started_at < ?").run(before).changes;
  }
}

function summary(row: CallRow): CallSummary {
  return {
    callId: row.id,
    startedAt: new Date(row.started_at).toISOString(),
    durationMs: row.duration_ms,
    lang: row.lang,
    mode: row.mode,
    outcome: row.outcome,
    transferred: row.transferred === 1,
    error: row.error,
    continued: row.continued,
    turns: row.turn_count,
  };
}

function turn(row: TurnRow): StoredTurn {
  const t: StoredTurn = { role: row.role, atMs: row.at_ms, text: row.text, lang: row.lang ?? "", timings: JSON.parse(row.timings) as StoredTurn["timings"] };
  if (row.action) t.action = row.action;
  if (row.scheme_ids) t.schemeIds = JSON.parse(row.scheme_ids) as string[];
  if (row.confidence !== null) t.confidence = row.confidence;
  if (row.dtmf) t.dtmf = row.dtmf;
  if (row.interrupted) t.interrupted = true;
  if (row.unanswered) t.unanswered = row.unanswered;
  return t;
}
