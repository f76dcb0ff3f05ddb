// One record per call (start, end, language, outcome, transfer, error) and its turns with timings, the
// caller's words redacted before they are written. A call and its turns land in one transaction. The record
// exists from the moment the call arrives (open: outcome "in_progress", owned by the process handling it),
// is rewritten as the call goes on, and is closed by the call's own record, by the controller (refusals,
// calls that ended during set-up), or as "interrupted" when the process that had it open died.
import { redactText } from "../ops/redact.js";
import type { Db } from "./db.js";
import { callConditions, SQLITE_PLACEHOLDER, whereOf } from "./filters.js";
import { groupKey, unansweredReasons, type UnansweredReason } from "./unanswered.js";

/** The outcome of a call still going on (or whose process died before it could say how it ended). */
export const IN_PROGRESS = "in_progress";
/** A call left open by a process that died; closed when Sahayak next started. */
export const INTERRUPTED = "interrupted";
/** Outcomes of calls that reached a person (the human queue) rather than ending. */
export const TRANSFERRED = new Set(["transfer", "overflow"]);

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

/** A call as it arrives: open until one of the ways of closing it. */
export interface CallArrival {
  callId: string;
  /** ms since the epoch. */
  startedAt: number;
  callerHash: string | null;
  owner: string;
}

/** What a call has been so far, written while it lasts. */
export interface CallProgress {
  turns: readonly CallToStore["turns"][number][];
  states: readonly unknown[];
  lang?: string;
  mode?: string;
}

/** A call a serving process has open, as its record shows it (the record follows the call turn by turn). */
export interface CallInProgress {
  callId: string;
  startedAt: string;
  /** The state the call last entered. */
  state: string;
  /** Empty until the caller's language is known. */
  lang: string;
  /** "none" until the call has taken speech or keypad. */
  mode: string;
  turns: number;
  /** The node of the cluster that has it (PostgreSQL). */
  node?: string;
}

/** The columns an open call's record needs to show it. */
export const IN_PROGRESS_COLUMNS = "id, started_at, lang, mode, turn_count, states";

export function callInProgress(row: Pick<CallRow, "id" | "started_at" | "lang" | "mode" | "turn_count" | "states" | "node">): CallInProgress {
  const states = JSON.parse(row.states) as { to?: string }[];
  return {
    callId: row.id,
    startedAt: new Date(Number(row.started_at)).toISOString(),
    state: states.at(-1)?.to ?? "CALL_INITIATED",
    lang: row.lang ?? "",
    mode: row.mode,
    turns: Number(row.turn_count),
    ...(row.node ? { node: row.node } : {}),
  };
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
  /** The cluster node that took the call (PostgreSQL; a single node's SQLite store has no other). */
  node?: string;
}

export interface CallDetail extends CallSummary {
  states: unknown[];
  packets: unknown;
  turnList: StoredTurn[];
}

/** Which calls to list: started in [from, to), with this outcome, language and mode; a page of them. */
export interface CallFilter {
  from?: number;
  to?: number;
  outcome?: string;
  lang?: string;
  mode?: string;
  limit?: number;
  offset?: number;
}

export interface CallPage {
  /** Calls matching the filter, all pages together. */
  total: number;
  calls: CallSummary[];
}

export interface UnansweredGroup {
  question: string;
  count: number;
  reasons: Partial<Record<UnansweredReason, number>>;
  lastAt: string;
  callIds: string[];
}

export interface CallRow {
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
  owner: string | null;
  updated_at: number | null;
  node?: string | null;
}

export interface TurnRow {
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
/** The columns a call's summary needs (states and packets can be large); PostgreSQL's calls also have `node`. */
export const SUMMARY_COLUMNS = "id, started_at, ended_at, duration_ms, lang, mode, outcome, transferred, error, continued, turn_count";

export class CallStore {
  constructor(private readonly db: Db) {}

  /** Stores a finished call, closing its record; a second store of the same call id replaces the first. */
  insert(call: CallToStore, meta: { callerHash: string | null; continued?: string }): void {
    const flowStart = Date.parse(call.startedAt);
    const ended = flowStart + call.durationMs;
    // redaction and JSON before the write lock is taken: other processes wait on it
    const turns = turnRows(call.callId, call.turns, unansweredReasons(call.turns, call.outcome), 0);
    const error = call.error ? redactText(call.error) : null;
    const states = JSON.stringify(call.states);
    const packets = call.packets === undefined ? null : JSON.stringify(call.packets);
    this.db.transaction(() => {
      // the record opened when the call arrived keeps its arrival time (and so covers the set-up too)
      const opened = this.db.prepare<[string], { started_at: number; caller_hash: string | null; transferred: number }>("SELECT started_at, caller_hash, transferred FROM calls WHERE id = ?").get(call.callId);
      const started = Math.min(opened?.started_at ?? flowStart, flowStart);
      this.db
        .prepare(
          "INSERT OR REPLACE INTO calls (id, caller_hash, started_at, ended_at, duration_ms, lang, mode, outcome, transferred, error, continued, turn_count, states, packets, owner, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)",
        )
        .run(call.callId, meta.callerHash ?? opened?.caller_hash ?? null, started, ended, ended - started, call.lang ?? null, call.mode, call.outcome, TRANSFERRED.has(call.outcome) || opened?.transferred ? 1 : 0, error, meta.continued ?? null, call.turns.length, states, packets, ended);
      this.writeTurns(call.callId, turns, 0);
      // IMMEDIATE: a transaction that reads first and then writes cannot wait its turn behind another writer
    }).immediate();
  }

  /** Replaces a call's turns from `from` on (those before it are already stored and have not changed). */
  private writeTurns(callId: string, rows: unknown[][], from: number): void {
    const insertTurn = this.db.prepare(
      "INSERT INTO turns (call_id, seq, role, at_ms, text, lang, action, scheme_ids, confidence, dtmf, interrupted, timings, unanswered, voice_to_voice_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    this.db.prepare("DELETE FROM turns WHERE call_id = ? AND seq >= ?").run(callId, from);
    for (const row of rows) insertTurn.run(...row);
  }

  /** The calls still open whose process runs (`alive`: its owner is still running), oldest first. */
  inProgress(alive: (owner: string) => boolean): CallInProgress[] {
    return this.db
      .prepare<[], CallRow>(`SELECT ${IN_PROGRESS_COLUMNS}, owner FROM calls WHERE owner IS NOT NULL ORDER BY started_at, id`)
      .all()
      .filter((row) => alive(row.owner!))
      .map(callInProgress);
  }

  /** A call has arrived: its record is open (in progress) from now on. A second arrival of the same call changes nothing. */
  open(call: CallArrival): void {
    this.db
      .prepare("INSERT OR IGNORE INTO calls (id, caller_hash, started_at, ended_at, duration_ms, mode, outcome, transferred, turn_count, states, owner, updated_at) VALUES (?, ?, ?, ?, 0, 'none', ?, 0, 0, '[]', ?, ?)")
      .run(call.callId, call.callerHash, call.startedAt, call.startedAt, IN_PROGRESS, call.owner, call.startedAt);
  }

  /**
   * What an open call has been so far (turns, states): what a crash would otherwise lose. Only the turns since
   * the last write are written, and the last one written before (its timings may have been filled in since).
   * Closed calls are left alone.
   */
  progress(callId: string, progress: CallProgress, at: number): void {
    // only this process writes an open call's record: what it wrote last can be read before the lock is taken
    const open = this.db.prepare<[string], { turn_count: number }>("SELECT turn_count FROM calls WHERE id = ? AND owner IS NOT NULL").get(callId);
    if (!open) return;
    const from = Math.max(0, Math.min(open.turn_count, progress.turns.length) - 1);
    const turns = turnRows(callId, progress.turns, [], from);
    const states = JSON.stringify(progress.states);
    this.db.transaction(() => {
      const changed = this.db
        .prepare("UPDATE calls SET turn_count = ?, states = ?, lang = COALESCE(?, lang), mode = COALESCE(?, mode), ended_at = ?, duration_ms = ? - started_at, updated_at = ? WHERE id = ? AND owner IS NOT NULL")
        .run(progress.turns.length, states, progress.lang ?? null, progress.mode ?? null, at, at, at, callId).changes;
      if (changed) this.writeTurns(callId, turns, from);
    }).immediate();
  }

  /** Sets why an open call is being turned away (busy, shutting down…); it is closed once its goodbye is said. */
  refuse(callId: string, reason: string, at: number): void {
    this.db.prepare("UPDATE calls SET outcome = ?, transferred = ?, updated_at = ? WHERE id = ? AND owner IS NOT NULL").run(reason, TRANSFERRED.has(reason) ? 1 : 0, at, callId);
  }

  /**
   * Closes a call that ended without a record of its own (refused, or ended during set-up): with `outcome`, or
   * the reason it was refused with. A call already closed (by its own record) is left as it is.
   */
  close(callId: string, at: number, how: { outcome?: string; error?: string } = {}): void {
    this.db
      .prepare("UPDATE calls SET outcome = CASE WHEN ? IS NOT NULL THEN ? ELSE outcome END, transferred = MAX(transferred, ?), error = COALESCE(?, error), ended_at = ?, duration_ms = ? - started_at, updated_at = ?, owner = NULL WHERE id = ? AND owner IS NOT NULL")
      .run(how.outcome ?? null, how.outcome ?? null, how.outcome && TRANSFERRED.has(how.outcome) ? 1 : 0, how.error ? redactText(how.error) : null, at, at, at, callId);
  }

  /**
   * Calls left open by processes that are no longer running, closed as interrupted at the last moment they
   * were known to be going on. Returns their ids.
   */
  closeInterrupted(alive: (owner: string) => boolean): string[] {
    return this.db.transaction(() => {
      const open = this.db.prepare<[], { id: string; owner: string }>("SELECT id, owner FROM calls WHERE owner IS NOT NULL").all();
      const dead = open.filter((c) => !alive(c.owner)).map((c) => c.id);
      const close = this.db.prepare("UPDATE calls SET outcome = ?, ended_at = updated_at, duration_ms = updated_at - started_at, owner = NULL WHERE id = ?");
      for (const id of dead) close.run(INTERRUPTED, id);
      return dead;
    }).immediate();
  }

  /** Callers the controller sent on to a person (a dead run's orphans, calls it could not serve): kept when the call's own record comes. */
  markSentToPerson(callIds: readonly string[]): void {
    const mark = this.db.prepare("UPDATE calls SET transferred = 1 WHERE id = ?");
    this.db.transaction(() => callIds.forEach((id) => mark.run(id)))();
  }

  /** How many calls ended each way since `since` (ms epoch), and how many of them reached a person. */
  outcomes(since = 0): { outcome: string; calls: number; transferred: number }[] {
    return this.db
      .prepare<[number], { outcome: string; calls: number; transferred: number }>("SELECT outcome, COUNT(*) AS calls, SUM(transferred) AS transferred FROM calls WHERE started_at >= ? GROUP BY outcome ORDER BY calls DESC, outcome")
      .all(since);
  }

  /** Calls started since `since` (ms epoch), newest first; a page of them from `offset`. */
  list(since = 0, limit = 1000, offset = 0): CallSummary[] {
    return this.query({ from: since, limit, offset }).calls;
  }

  /** How many calls started since `since`. */
  count(since = 0): number {
    return this.query({ from: since, limit: 0 }).total;
  }

  /** A page of the calls a filter matches, newest first, and how many match in all. */
  query(filter: CallFilter): CallPage {
    const { clause, values } = whereOf(callConditions(filter), SQLITE_PLACEHOLDER);
    const total = this.db.prepare<(string | number)[], { n: number }>(`SELECT COUNT(*) AS n FROM calls WHERE ${clause}`).get(...values)!.n;
    const rows = this.db
      .prepare<(string | number)[], Omit<CallRow, "states" | "packets">>(`SELECT ${SUMMARY_COLUMNS} FROM calls WHERE ${clause} ORDER BY started_at DESC, id LIMIT ? OFFSET ?`)
      .all(...values, filter.limit ?? 1000, filter.offset ?? 0);
    return { total, calls: rows.map(summary) };
  }

  show(callId: string): CallDetail | undefined {
    const row = this.db.prepare<[string], CallRow>("SELECT * FROM calls WHERE id = ?").get(callId);
    if (!row) return undefined;
    const turns = this.db.prepare<[string], TurnRow>("SELECT * FROM turns WHERE call_id = ? ORDER BY seq").all(callId);
    return { ...summary(row), states: JSON.parse(row.states) as unknown[], packets: row.packets ? JSON.parse(row.packets) : null, turnList: turns.map(turn) };
  }

  /** Unanswered questions since `since`, grouped by content words, most frequent first. */
  unanswered(since = 0): UnansweredGroup[] {
    // rows as arrays, one at a time, the time kept as a number until the end: a month of calls has thousands of these
    const rows = this.db
      .prepare<[number], UnansweredRow>(
        "SELECT t.call_id, t.text, t.unanswered, t.at_ms, c.started_at, t.seq FROM turns t JOIN calls c ON c.id = t.call_id WHERE t.unanswered IS NOT NULL AND c.started_at >= ?",
      )
      .raw()
      .iterate(since);
    return groupUnanswered(rows);
  }

  /** Removes calls (and their turns) that started before `before`; returns how many. */
  purgeOlderThan(before: number): number {
    return this.db.prepare("DELETE FROM calls WHERE started_at < ?").run(before).changes;
  }
}

/** A call's turns from `from` on as rows of the turns table (its columns in order), the caller's words redacted. */
export function turnRows(callId: string, turns: readonly CallToStore["turns"][number][], reasons: (UnansweredReason | undefined)[], from: number): unknown[][] {
  return turns.slice(from).map((t, i) => {
    const seq = from + i;
    return [callId, seq, t.role, Math.round(t.atMs), redactText(t.text), t.lang || null, t.action ?? null, t.schemeIds?.length ? JSON.stringify(t.schemeIds) : null, t.confidence ?? null, t.dtmf ?? null, t.interrupted ? 1 : 0, JSON.stringify(t.timings), reasons[seq] ?? null, voiceToVoiceOf(t.timings)];
  });
}

/** An unanswered caller turn as the report reads it: call, words, reason, when in the call, when the call started, its place in the call. */
export type UnansweredRow = [callId: string, text: string, reason: UnansweredReason, atMs: number, startedAt: number, seq: number];

/** Where a turn stands among all of them: by its call's start, then call, then its place in the call. */
type Place = [startedAt: number, callId: string, seq: number];
const before = (a: Place, b: Place): boolean => a[0] !== b[0] ? a[0] < b[0] : a[1] !== b[1] ? a[1] < b[1] : a[2] < b[2];

interface GroupDraft extends Omit<UnansweredGroup, "lastAt" | "callIds"> {
  first: Place;
  last: Place;
  lastAtMs: number;
  /** The question: the latest words that are not empty. */
  spoken: Place | undefined;
  /** The earliest calls, in order. */
  calls: { place: Place; callId: string }[];
}

/**
 * Groups unanswered caller turns by their content words, most frequent first (then most recent). The rows
 * may come in any order (a report reads months of turns: sorting them first costs more than this does);
 * each distinct wording's key is worked out once.
 */
export function groupUnanswered(rows: Iterable<UnansweredRow>): UnansweredGroup[] {
  const groups = new Map<string, GroupDraft>();
  const keys = new Map<string, string>();
  for (const [callId, text, reason, atMs, startedAt, seq] of rows) {
    let key = keys.get(text);
    if (key === undefined) keys.set(text, (key = groupKey(text)));
    const place: Place = [startedAt, callId, seq];
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { question: text, count: 0, reasons: {}, first: place, last: place, lastAtMs: startedAt + atMs, spoken: undefined, calls: [] }));
    group.count++;
    group.reasons[reason] = (group.reasons[reason] ?? 0) + 1;
    if (before(place, group.first)) {
      group.first = place;
      if (!group.spoken) group.question = text;
    }
    if (!before(place, group.last)) {
      group.last = place;
      group.lastAtMs = startedAt + atMs;
    }
    if (text.trim() && (!group.spoken || before(group.spoken, place))) {
      group.spoken = place;
      group.question = text;
    }
    const calls = group.calls;
    if (!calls.some((c) => c.callId === callId) && (calls.length < CALL_EXAMPLES || before(place, calls.at(-1)!.place))) {
      const at = calls.findIndex((c) => before(place, c.place));
      calls.splice(at < 0 ? calls.length : at, 0, { place: [startedAt, callId, -1], callId });
      if (calls.length > CALL_EXAMPLES) calls.pop();
    }
  }
  return [...groups.values()]
    .sort((a, b) => b.count - a.count || b.lastAtMs - a.lastAtMs || (before(a.first, b.first) ? -1 : 1))
    .map((g) => ({ question: g.question, count: g.count, reasons: g.reasons, lastAt: new Date(g.lastAtMs).toISOString(), callIds: g.calls.map((c) => c.callId) }));
}

/** A reply's voice-to-voice time, kept in a column of its own for the overview's index. */
function voiceToVoiceOf(timings: object): number | null {
  const v = (timings as { voiceToVoiceMs?: unknown }).voiceToVoiceMs;
  return typeof v === "number" && Number.isFinite(v) ? Math.round(v) : null;
}

export function summary(row: Omit<CallRow, "states" | "packets">): CallSummary {
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
    ...(row.node ? { node: row.node } : {}),
  };
}

export function turn(row: TurnRow): StoredTurn {
  const t: StoredTurn = { role: row.role, atMs: row.at_ms, text: row.text, lang: row.lang ?? "", timings: JSON.parse(row.timings) as StoredTurn["timings"] };
  if (row.action) t.action = row.action;
  if (row.scheme_ids) t.schemeIds = JSON.parse(row.scheme_ids) as string[];
  if (row.confidence !== null) t.confidence = row.confidence;
  if (row.dtmf) t.dtmf = row.dtmf;
  if (row.interrupted) t.interrupted = true;
  if (row.unanswered) t.unanswered = row.unanswered;
  return t;
}
