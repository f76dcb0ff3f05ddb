// What the outbox writes into PostgreSQL: each queued operation as SQL, safe to apply twice (a batch that
// committed may be retried when its answer was lost with the connection).
import type pg from "pg";
import { IN_PROGRESS, TRANSFERRED, type CallArrival } from "./calls.js";

/** A write as queued in the outbox: plain JSON, the caller's words already redacted. */
export type WriteOp =
  | { op: "open"; call: CallArrival; node?: string }
  | { op: "progress"; callId: string; turnCount: number; turns: unknown[][]; states: string; lang: string | null; mode: string | null; at: number }
  | { op: "refuse"; callId: string; reason: string; at: number }
  | { op: "close"; callId: string; at: number; outcome: string | null; error: string | null }
  | { op: "insert"; node?: string; callId: string; callerHash: string | null; flowStart: number; ended: number; lang: string | null; mode: string; outcome: string; transferred: boolean; error: string | null; continued: string | null; turnCount: number; states: string; packets: string | null; turns: unknown[][] }
  | { op: "sentToPerson"; callIds: string[] }
  | { op: "session"; key: string; context: string; lang: string | null; endedAt: number; abnormal: boolean; callId: string | null };

const TURN_COLUMNS = "call_id, seq, role, at_ms, text, lang, action, scheme_ids, confidence, dtmf, interrupted, timings, unanswered, voice_to_voice_ms";
const TURN_WIDTH = 14;

type Queryable = pg.Pool | pg.PoolClient;

export async function applyOne(db: pg.PoolClient, op: WriteOp): Promise<void> {
  switch (op.op) {
    case "open": {
      const c = op.call;
      await db.query(
        "INSERT INTO calls (id, caller_hash, started_at, ended_at, duration_ms, mode, outcome, transferred, turn_count, states, owner, updated_at, node) VALUES ($1, $2, $3, $3, 0, 'none', $4, 0, 0, '[]', $5, $3, $6) ON CONFLICT (id) DO NOTHING",
        [c.callId, c.callerHash, c.startedAt, IN_PROGRESS, c.owner, op.node ?? null],
      );
      return;
    }
    case "progress": {
      const open = (await db.query<{ turn_count: number }>("SELECT turn_count FROM calls WHERE id = $1 AND owner IS NOT NULL FOR UPDATE", [op.callId])).rows[0];
      if (!open) return;
      // the turns written before, but the last (its timings may have been filled in since), are left alone
      const from = Math.max(0, Math.min(open.turn_count, op.turnCount) - 1);
      await db.query("UPDATE calls SET turn_count = $1, states = $2, lang = COALESCE($3, lang), mode = COALESCE($4, mode), ended_at = $5, duration_ms = $5 - started_at, updated_at = $5 WHERE id = $6", [
        op.turnCount,
        op.states,
        op.lang,
        op.mode,
        op.at,
        op.callId,
      ]);
      await writeTurns(db, op.callId, op.turns.slice(from), from);
      return;
    }
    case "refuse":
      await db.query("UPDATE calls SET outcome = $1, transferred = $2, updated_at = $3 WHERE id = $4 AND owner IS NOT NULL", [op.reason, TRANSFERRED.has(op.reason) ? 1 : 0, op.at, op.callId]);
      return;
    case "close":
      await db.query(
        "UPDATE calls SET outcome = COALESCE($1, outcome), transferred = GREATEST(transferred, $2), error = COALESCE($3, error), ended_at = $4, duration_ms = $4 - started_at, updated_at = $4, owner = NULL WHERE id = $5 AND owner IS NOT NULL",
        [op.outcome, op.outcome && TRANSFERRED.has(op.outcome) ? 1 : 0, op.error, op.at, op.callId],
      );
      return;
    case "sentToPerson":
      await db.query("UPDATE calls SET transferred = 1 WHERE id = ANY($1)", [op.callIds]);
      return;
    case "session":
      await db.query(
        "INSERT INTO sessions (key, context, lang, ended_at, abnormal, last_call_id) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (key) DO UPDATE SET context = excluded.context, lang = excluded.lang, ended_at = excluded.ended_at, abnormal = excluded.abnormal, last_call_id = excluded.last_call_id WHERE sessions.ended_at <= excluded.ended_at",
        [op.key, op.context, op.lang, op.endedAt, op.abnormal ? 1 : 0, op.callId],
      );
      return;
    case "insert": {
      // the record opened when the call arrived keeps its arrival time (and so covers the set-up too)
      const opened = (await db.query<{ started_at: number; caller_hash: string | null; transferred: number }>("SELECT started_at, caller_hash, transferred FROM calls WHERE id = $1 FOR UPDATE", [op.callId])).rows[0];
      const started = Math.min(opened?.started_at ?? op.flowStart, op.flowStart);
      const row = [op.callId, op.callerHash ?? opened?.caller_hash ?? null, started, op.ended, op.ended - started, op.lang, op.mode, op.outcome, op.transferred || opened?.transferred ? 1 : 0, op.error, op.continued, op.turnCount, op.states, op.packets, op.ended, op.node ?? null];
      await db.query(
        `INSERT INTO calls (id, caller_hash, started_at, ended_at, duration_ms, lang, mode, outcome, transferred, error, continued, turn_count, states, packets, owner, updated_at, node)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, NULL, $15, $16)
         ON CONFLICT (id) DO UPDATE SET caller_hash = excluded.caller_hash, started_at = excluded.started_at, ended_at = excluded.ended_at, duration_ms = excluded.duration_ms, lang = excluded.lang, mode = excluded.mode,
           outcome = excluded.outcome, transferred = excluded.transferred, error = excluded.error, continued = excluded.continued, turn_count = excluded.turn_count, states = excluded.states, packets = excluded.packets, owner = NULL, updated_at = excluded.updated_at, node = COALESCE(excluded.node, calls.node)`,
        row,
      );
      await writeTurns(db, op.callId, op.turns, 0);
      return;
    }
  }
}

/** Replaces a call's turns from `from` on with these rows, in one statement. */
async function writeTurns(db: Queryable, callId: string, rows: unknown[][], from: number): Promise<void> {
  await db.query("DELETE FROM turns WHERE call_id = $1 AND seq >= $2", [callId, from]);
  if (!rows.length) return;
  const values = rows.map((_, r) => `(${Array.from({ length: TURN_WIDTH }, (_, c) => `$${r * TURN_WIDTH + c + 1}`).join(", ")})`).join(", ");
  await db.query(`INSERT INTO turns (${TURN_COLUMNS}) VALUES ${values}`, rows.flat());
}
