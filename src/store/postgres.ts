// The store in a PostgreSQL shared by the nodes of a cluster: the same data as the SQLite store, through the
// same interface. Reads a call needs (rate limit, earlier conversation) go straight to the database, with the
// pool's timeouts; a node that cannot reach it serves the caller as new. Call records and saved conversations
// go through the local outbox, so they survive the database being down and reach it, in order, when it returns.
import { hostname } from "node:os";
import { resolve } from "node:path";
import type pg from "pg";
import type { StoreConfig } from "../config.js";
import type { Logger } from "../ops/log.js";
import { redactDeep, redactText } from "../ops/redact.js";
import { auditEntry, changedSettings, flatten, type AuditFilter, type AuditRow } from "./audit.js";
import { writableFile, type StoreBackend } from "./backend.js";
import { CallerHasher } from "./caller-id.js";
import type { StatsQuery } from "./call-stats.js";
import { callInProgress, groupUnanswered, IN_PROGRESS_COLUMNS, INTERRUPTED, summary, TRANSFERRED, turn, turnRows, type CallArrival, type CallFilter, type CallProgress, type CallRow, type CallToStore, type TurnRow, type UnansweredRow } from "./calls.js";
import { StoreError } from "./db.js";
import type { PurgeResult } from "./index.js";
import { Outbox } from "./outbox.js";
import { pgKbSnapshots, type KbSnapshots } from "./pg-kb.js";
import { holdLease, servingNodes, type HeldLease, type LeaseEvents, type ServingNode } from "./pg-lease.js";
import { createPool, describeUrl, inTransaction, isUnreachable, migrate } from "./pg-pool.js";
import { pgAuditPage, pgCallPage, pgCallStats } from "./pg-reads.js";
import { PgUsers } from "./pg-users.js";
import { applyOne, type WriteOp } from "./pg-writes.js";
import { admissionFor, RATE_WINDOW_MS, type Admission } from "./rate-limit.js";
import { storableContext, storedSession, type SessionRow } from "./sessions.js";
import { unansweredReasons } from "./unanswered.js";

const DAY_MS = 24 * 60 * 60_000;

export interface StoreOpenOptions {
  now?: () => number;
  log?: Logger;
  /** Starts writing out what a previous run queued (serve); a command that only reads leaves that to serve. */
  sendQueued?: boolean;
}

export class PostgresStore implements StoreBackend {
  readonly kind = "postgres" as const;
  private readonly outbox: Outbox<WriteOp>;
  private readonly retentionMs: number;
  private readonly allowed: ReadonlySet<string>;
  /** This node's name in the cluster, kept with its calls and audit entries. */
  readonly node: string;
  /** The console's accounts: one set for the cluster, so any node's console takes the same logins. */
  readonly users: PgUsers;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly config: StoreConfig,
    readonly callers: CallerHasher,
    readonly now: () => number,
    outboxPath: string,
    private readonly log?: Logger,
  ) {
    this.retentionMs = config.sessions.retentionMinutes * 60_000;
    this.node = config.postgres.node || hostname();
    this.users = new PgUsers(pool, now);
    this.allowed = new Set(config.rateLimit.allow.map((n) => callers.hash(n)).filter((h): h is string => h !== null));
    this.outbox = new Outbox<WriteOp>({ path: outboxPath, apply: (ops) => this.applyBatch(ops), isUnreachable, retryMs: config.postgres.retryMs, log });
  }

  /**
   * Connects and migrates. A database that cannot be reached at start is an error (say what to check); one
   * lost later is lived with. Writes a previous run left queued are sent on.
   */
  static async open(dataDir: string, config: StoreConfig, opts: StoreOpenOptions = {}): Promise<PostgresStore> {
    const pgc = config.postgres;
    const pool = createPool(pgc, opts.log);
    let migrated = true;
    try {
      await migrate(pool);
    } catch (err) {
      // a node may start while the database is down (a reboot during its outage): it serves as it would after
      // losing it, and migrates before the first queued write goes in; anything else needs a person
      if (isUnreachable(err as Error) && opts.sendQueued !== false) {
        migrated = false;
        opts.log?.error({ err: (err as Error).message, url: describeUrl(pgc.url) }, "the PostgreSQL database cannot be reached: calls are served without carry-on or rate limits and their records kept on local disk until it can");
      } else {
        await pool.end().catch(() => undefined);
        throw new StoreError(`cannot use the PostgreSQL database at ${describeUrl(pgc.url)}: ${(err as Error).message}. Check store.postgres.url, that the server is running and reachable from this node, and the user's rights on the database.`);
      }
    }
    const callers = CallerHasher.fromFile(resolve(dataDir, config.saltFile));
    const store = new PostgresStore(pool, config, callers, opts.now ?? Date.now, resolve(dataDir, pgc.outboxFile), opts.log);
    store.migrated = migrated;
    if (opts.sendQueued !== false) store.outbox.kick();
    return store;
  }

  /** The schema is known to be up to date (false after a start without the database, until it is reached). */
  private migrated = true;

  health(): { ok: boolean; detail: string } {
    const local = writableFile(this.outbox.path, this.outbox.open);
    if (!local.ok) return local;
    const queued = this.outbox.pending();
    if (!this.outbox.reachable) return { ok: true, detail: `PostgreSQL unreachable: calls are served without carry-on or rate limits; ${queued} call records wait on local disk` };
    return { ok: true, detail: `PostgreSQL reachable; ${queued} call records waiting to be written` };
  }

  holdLease(owner: string, events: LeaseEvents): Promise<HeldLease> {
    return holdLease(this.pool, owner, this.node, this.config.postgres, this.now, { ...events, log: this.log });
  }

  servingNodes(): Promise<ServingNode[]> {
    return servingNodes(this.pool, this.now());
  }

  get kbSnapshots(): KbSnapshots {
    return pgKbSnapshots(this.pool, this.config.postgres, this.node, this.now);
  }

  pendingWrites(): number {
    return this.outbox.pending();
  }

  /** Waits until the queued writes are in the database, or it has become unreachable. */
  async flushWrites(): Promise<void> {
    this.outbox.kick();
    await this.outbox.settled();
  }

  readonly sessions = {
    load: async <T>(key: string) => {
      const { rows } = await this.pool.query<SessionRow>("SELECT * FROM sessions WHERE key = $1 AND ended_at > $2", [key, this.now() - this.retentionMs]);
      return rows[0] && storedSession<T>(rows[0]);
    },
    save: async <T>(key: string, context: T, meta: { lang?: string; abnormal?: boolean; callId?: string } = {}) =>
      this.outbox.enqueue({ op: "session", key, context: storableContext(context), lang: meta.lang ?? null, endedAt: this.now(), abnormal: meta.abnormal ?? false, callId: meta.callId ?? null }),
    purgeExpired: async () => (await this.pool.query("DELETE FROM sessions WHERE ended_at <= $1", [this.now() - this.retentionMs])).rowCount ?? 0,
  };

  readonly calls = {
    open: (call: CallArrival) => this.outbox.enqueue({ op: "open", call, node: this.node }),
    progress: (callId: string, progress: CallProgress, at: number) =>
      this.outbox.enqueue({ op: "progress", callId, turnCount: progress.turns.length, turns: turnRows(callId, progress.turns, [], 0), states: JSON.stringify(progress.states), lang: progress.lang ?? null, mode: progress.mode ?? null, at }),
    refuse: (callId: string, reason: string, at: number) => this.outbox.enqueue({ op: "refuse", callId, reason, at }),
    close: (callId: string, at: number, how: { outcome?: string; error?: string } = {}) =>
      this.outbox.enqueue({ op: "close", callId, at, outcome: how.outcome ?? null, error: how.error ? redactText(how.error) : null }),
    insert: (call: CallToStore, meta: { callerHash: string | null; continued?: string }) => {
      const flowStart = Date.parse(call.startedAt);
      return this.outbox.enqueue({
        op: "insert",
        node: this.node,
        callId: call.callId,
        callerHash: meta.callerHash,
        flowStart,
        ended: flowStart + call.durationMs,
        lang: call.lang ?? null,
        mode: call.mode,
        outcome: call.outcome,
        transferred: TRANSFERRED.has(call.outcome),
        error: call.error ? redactText(call.error) : null,
        continued: meta.continued ?? null,
        turnCount: call.turns.length,
        states: JSON.stringify(call.states),
        packets: call.packets === undefined ? null : JSON.stringify(call.packets),
        turns: turnRows(call.callId, call.turns, unansweredReasons(call.turns, call.outcome), 0),
      });
    },
    markSentToPerson: (callIds: readonly string[]) => this.outbox.enqueue({ op: "sentToPerson", callIds: [...callIds] }),
    /** Only this host's calls: another node's are its own to close (its processes cannot be seen from here). */
    closeInterrupted: async (alive: (owner: string) => boolean) => {
      // what a dead process queued (its arrivals) goes in first, or its calls would be opened again after this
      await this.flushWrites();
      return this.transaction(async (db) => {
        const { rows } = await db.query<{ id: string; owner: string }>("SELECT id, owner FROM calls WHERE owner LIKE $1 FOR UPDATE", [`${escapeLike(hostname())}:%`]);
        const dead = rows.filter((c) => !alive(c.owner)).map((c) => c.id);
        if (dead.length) await db.query("UPDATE calls SET outcome = $1, ended_at = updated_at, duration_ms = updated_at - started_at, owner = NULL WHERE id = ANY($2)", [INTERRUPTED, dead]);
        return dead;
      });
    },
    /** Every node's open calls whose lease is live (a lapsed one's are about to be closed as interrupted). */
    inProgress: async () =>
      (
        await this.pool.query<CallRow>(
          `SELECT ${IN_PROGRESS_COLUMNS.split(", ").map((c) => `c.${c}`).join(", ")}, c.node FROM calls c WHERE c.owner IS NOT NULL AND EXISTS (SELECT 1 FROM owner_leases l WHERE l.owner = c.owner AND l.expires_at > $1) ORDER BY c.started_at, c.id`,
          [this.now()],
        )
      ).rows.map(callInProgress),
    outcomes: async (since = 0) =>
      (await this.pool.query<{ outcome: string; calls: number; transferred: number }>("SELECT outcome, COUNT(*) AS calls, SUM(transferred) AS transferred FROM calls WHERE started_at >= $1 GROUP BY outcome ORDER BY calls DESC, outcome", [since])).rows,
    // LIMIT NULL is PostgreSQL's "all" (SQLite's is -1)
    list: async (since = 0, limit = 1000, offset = 0) => (await this.pool.query<CallRow>("SELECT * FROM calls WHERE started_at >= $1 ORDER BY started_at DESC, id LIMIT $2 OFFSET $3", [since, limit < 0 ? null : limit, offset])).rows.map(summary),
    count: async (since = 0) => Number((await this.pool.query<{ n: string }>("SELECT COUNT(*) AS n FROM calls WHERE started_at >= $1", [since])).rows[0]!.n),
    query: (filter: CallFilter) => pgCallPage(this.pool, filter),
    stats: (q: StatsQuery) => pgCallStats(this.pool, q),
    show: async (callId: string) => {
      const row = (await this.pool.query<CallRow>("SELECT * FROM calls WHERE id = $1", [callId])).rows[0];
      if (!row) return undefined;
      const turns = (await this.pool.query<TurnRow>("SELECT * FROM turns WHERE call_id = $1 ORDER BY seq", [callId])).rows;
      return { ...summary(row), states: JSON.parse(row.states) as unknown[], packets: row.packets ? JSON.parse(row.packets) : null, turnList: turns.map(turn) };
    },
    unanswered: async (since = 0) =>
      groupUnanswered(
        (
          await this.pool.query<UnansweredRow>({
            text: "SELECT t.call_id, t.text, t.unanswered, t.at_ms, c.started_at, t.seq FROM turns t JOIN calls c ON c.id = t.call_id WHERE t.unanswered IS NOT NULL AND c.started_at >= $1",
            values: [since],
            rowMode: "array",
          })
        ).rows,
      ),
    purgeOlderThan: async (before: number) => (await this.pool.query("DELETE FROM calls WHERE started_at < $1", [before])).rowCount ?? 0,
  };

  readonly audit = {
    append: async (actor: string, action: string, target: string | null, details?: unknown) => {
      await this.pool.query("INSERT INTO audit (at, actor, action, target, details, node) VALUES ($1, $2, $3, $4, $5, $6)", [this.now(), actor, action, target, details === undefined ? null : JSON.stringify(redactDeep(details)), this.node]);
    },
    list: async (since = 0, limit = 10_000) => (await this.pool.query<AuditRow>("SELECT * FROM audit WHERE at >= $1 ORDER BY seq LIMIT $2", [since, limit])).rows.map(auditEntry),
    query: (filter: AuditFilter) => pgAuditPage(this.pool, filter),
    /** Each node keeps its own last config (nodes may differ in theirs), under its name. */
    recordConfig: async (config: unknown, actor: string) => {
      const current = flatten(config);
      const key = `config:${this.node}`;
      return this.transaction(async (db) => {
        const previous = (await db.query<{ value: string }>("SELECT value FROM meta WHERE key = $1 FOR UPDATE", [key])).rows[0]?.value;
        const changed = changedSettings(current, previous);
        if (!changed.length) return [];
        await db.query("INSERT INTO audit (at, actor, action, target, details, node) VALUES ($1, $2, 'config.change', $3, $4, $3)", [this.now(), actor, this.node, JSON.stringify({ changed })]);
        await db.query("INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, JSON.stringify(current)]);
        return changed;
      });
    },
  };

  readonly rateLimits = {
    /** Cluster-wide: the caller's row lock is a transaction-scoped advisory lock, so two nodes count one at a time. */
    admit: async (callerHash: string): Promise<Admission> => {
      if (this.allowed.has(callerHash)) return { allowed: true };
      return this.transaction(async (db) => {
        await db.query("SELECT pg_advisory_xact_lock(hashtext($1))", [callerHash]);
        const now = this.now();
        const starts = (await db.query<{ at: number }>("SELECT at FROM call_starts WHERE caller_hash = $1 AND at > $2 ORDER BY at", [callerHash, now - RATE_WINDOW_MS])).rows.map((r) => r.at);
        const admission = admissionFor(starts, now, this.config.rateLimit);
        if (admission.allowed) await db.query("INSERT INTO call_starts (caller_hash, at) VALUES ($1, $2)", [callerHash, now]);
        return admission;
      });
    },
    purgeOld: async () => (await this.pool.query("DELETE FROM call_starts WHERE at <= $1", [this.now() - RATE_WINDOW_MS])).rowCount ?? 0,
  };

  async purge(actor: string, opts: { dryRun?: boolean } = {}): Promise<PurgeResult> {
    const before = this.now() - this.config.recordRetentionDays * DAY_MS;
    try {
      return await this.transaction(async (db) => {
        const count = async (sql: string, value: number) => (await db.query(sql, [value])).rowCount ?? 0;
        const result: PurgeResult = {
          calls: await count("DELETE FROM calls WHERE started_at < $1", before),
          sessions: await count("DELETE FROM sessions WHERE ended_at <= $1", this.now() - this.retentionMs),
          rateLimitEntries: await count("DELETE FROM call_starts WHERE at <= $1", this.now() - RATE_WINDOW_MS),
          before: new Date(before).toISOString(),
        };
        if (opts.dryRun) throw new DryRun(result);
        await db.query("INSERT INTO audit (at, actor, action, target, details, node) VALUES ($1, $2, 'purge', NULL, $3, $4)", [this.now(), actor, JSON.stringify(result), this.node]);
        return result;
      });
    } catch (err) {
      if (err instanceof DryRun) return err.result;
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.outbox.close();
    await this.pool.end();
  }

  private async transaction<T>(fn: (db: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, fn);
  }

  /** Writes queued operations in one transaction; each is safe to apply again (the outbox may retry a batch that did commit). */
  private async applyBatch(ops: readonly WriteOp[]): Promise<void> {
    if (!this.migrated) {
      await migrate(this.pool);
      this.migrated = true;
    }
    return this.transaction(async (db) => {
      for (const op of ops) await applyOne(db, op);
    });
  }
}

/** Rolls a purge's transaction back after counting what it would remove. */
class DryRun extends Error {
  constructor(readonly result: PurgeResult) {
    super("dry run");
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
