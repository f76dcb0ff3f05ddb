// The store: one SQLite database for sessions and their context, call records, the audit log and rate
// limits, with the retention purge. Opened once per process; every part shares its clock.
import { resolve } from "node:path";
import type { StoreConfig } from "../config.js";
import { AuditLog } from "./audit.js";
import { CallStore } from "./calls.js";
import { CallerHasher } from "./caller-id.js";
import { sqliteBackend, writableFile, type StoreBackend } from "./backend.js";
import { openDatabase, type Db } from "./db.js";
import { PostgresStore, type StoreOpenOptions } from "./postgres.js";
import { MIGRATIONS } from "./migrations.js";
import { RateLimiter } from "./rate-limit.js";
import { SessionStore } from "./sessions.js";
import { UserStore } from "./users.js";

export { StoreError } from "./db.js";
export { sqliteBackend, type StoreBackend } from "./backend.js";
export type { ServingNode } from "./pg-lease.js";
export type { KbSnapshots, KbToPublish, PublishedKb } from "./pg-kb.js";
export { PostgresStore } from "./postgres.js";
export { probePostgres } from "./pg-pool.js";
export { databaseUnavailable } from "./unavailable.js";
/** The database schema version this program writes (PRAGMA user_version); a database above it was made by a newer Sahayak. */
export const SCHEMA_VERSION = MIGRATIONS.length;
export { CallerHasher, normaliseNumber } from "./caller-id.js";
export type { AuditEntry, AuditFilter } from "./audit.js";
export type { CallArrival, CallDetail, CallFilter, CallPage, CallProgress, CallSummary, CallToStore, StoredTurn, UnansweredGroup } from "./calls.js";
export { IN_PROGRESS, INTERRUPTED } from "./calls.js";
export { ownerAlive, processOwner } from "./owner.js";
export { callStats, type CallStats, type StatsBucket } from "./call-stats.js";
export { ROLES, type Role, type UserSummary, type UserRow, type SessionRow } from "./users.js";
export type { Admission } from "./rate-limit.js";
export type { StoredSession } from "./sessions.js";
export { unansweredReasons, groupKey, type UnansweredReason } from "./unanswered.js";

const DAY_MS = 24 * 60 * 60_000;

export interface PurgeResult {
  calls: number;
  sessions: number;
  rateLimitEntries: number;
  /** Calls that started before this were removed. */
  before: string;
}

export class SahayakStore {
  readonly sessions: SessionStore;
  readonly calls: CallStore;
  readonly audit: AuditLog;
  readonly rateLimits: RateLimiter;
  readonly callers: CallerHasher;
  /** The console's accounts and sessions. */
  readonly users: UserStore;

  private constructor(
    readonly db: Db,
    readonly path: string,
    private readonly config: StoreConfig,
    readonly now: () => number,
    callers: CallerHasher,
  ) {
    this.callers = callers;
    this.sessions = new SessionStore(db, config.sessions.retentionMinutes * 60_000, now);
    this.calls = new CallStore(db);
    this.audit = new AuditLog(db, now);
    const allowed = new Set(config.rateLimit.allow.map((n) => callers.hash(n)).filter((h): h is string => h !== null));
    this.rateLimits = new RateLimiter(db, config.rateLimit, allowed, now);
    this.users = new UserStore(db, now);
  }

  /** Opens (creating and migrating) the database under dataDir. `now` is the clock, ms since the epoch. */
  static open(dataDir: string, config: StoreConfig, now: () => number = Date.now): SahayakStore {
    const path = resolve(dataDir, config.file);
    const callers = CallerHasher.fromFile(resolve(dataDir, config.saltFile));
    return new SahayakStore(openDatabase(path, config.busyTimeoutMs), path, config, now, callers);
  }

  /** Removes call records older than the retention period, expired contexts and old rate-limit counts; audited. */
  purge(actor: string, opts: { dryRun?: boolean } = {}): PurgeResult {
    const before = this.now() - this.config.recordRetentionDays * DAY_MS;
    const run = (): PurgeResult => {
      const result = { calls: this.calls.purgeOlderThan(before), sessions: this.sessions.purgeExpired(), rateLimitEntries: this.rateLimits.purgeOld(), before: new Date(before).toISOString() };
      if (opts.dryRun) throw new DryRun(result);
      this.audit.append(actor, "purge", null, result);
      return result;
    };
    try {
      const result = this.db.transaction(run).immediate();
      // the WAL would otherwise keep copies of the removed pages until its next checkpoint
      this.db.pragma("wal_checkpoint(TRUNCATE)");
      return result;
    } catch (err) {
      if (err instanceof DryRun) return err.result;
      throw err;
    }
  }

  /** Can this process keep writing the database file (readiness). */
  health(): { ok: boolean; detail: string } {
    return writableFile(this.path, this.db.open);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/**
 * The configured store: the embedded SQLite file under dataDir, or the cluster's PostgreSQL (store.backend).
 */
export async function openStoreBackend(dataDir: string, config: StoreConfig, opts: StoreOpenOptions = {}): Promise<StoreBackend> {
  if (config.backend === "postgres") return PostgresStore.open(dataDir, config, opts);
  return sqliteBackend(SahayakStore.open(dataDir, config, opts.now));
}

/** Rolls a purge's transaction back after counting what it would remove. */
class DryRun extends Error {
  constructor(readonly result: PurgeResult) {
    super("dry run");
  }
}
