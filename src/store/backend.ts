// The store as the rest of Sahayak sees it, whichever database holds it: the embedded SQLite file (one node)
// or a PostgreSQL shared by the nodes of a cluster. Asynchronous because PostgreSQL is across the network;
// the SQLite side runs its statements at once, inside the call, so it is no slower than the synchronous store.
import { accessSync, constants } from "node:fs";
import { dirname } from "node:path";
import type { AuditEntry, AuditFilter, AuditPage } from "./audit.js";
import { callStats, type CallStats, type StatsQuery } from "./call-stats.js";
import type { CallArrival, CallDetail, CallFilter, CallInProgress, CallPage, CallProgress, CallSummary, CallToStore, UnansweredGroup } from "./calls.js";
import type { CallerHasher } from "./caller-id.js";
import { ownerAlive } from "./owner.js";
import type { HeldLease, LeaseEvents, ServingNode } from "./pg-lease.js";
import type { KbSnapshots } from "./pg-kb.js";
import type { PurgeResult, SahayakStore } from "./index.js";
import type { Admission } from "./rate-limit.js";
import type { StoredSession } from "./sessions.js";
import type { UserStore } from "./users.js";

export interface StoreBackend {
  readonly kind: "sqlite" | "postgres";
  /** This node's name in the cluster (PostgreSQL); a lone box has none. */
  readonly node?: string;
  /** The embedded store itself (SQLite backend only): its file's path and pragmas. */
  readonly sqlite?: SahayakStore;
  readonly callers: CallerHasher;
  /** The store's clock, ms since the epoch. */
  now(): number;
  readonly sessions: {
    load<T>(key: string): Promise<StoredSession<T> | undefined>;
    save<T>(key: string, context: T, meta?: { lang?: string; abnormal?: boolean; callId?: string }): Promise<void>;
    purgeExpired(): Promise<number>;
  };
  readonly calls: {
    open(call: CallArrival): Promise<void>;
    progress(callId: string, progress: CallProgress, at: number): Promise<void>;
    refuse(callId: string, reason: string, at: number): Promise<void>;
    close(callId: string, at: number, how?: { outcome?: string; error?: string }): Promise<void>;
    insert(call: CallToStore, meta: { callerHash: string | null; continued?: string }): Promise<void>;
    markSentToPerson(callIds: readonly string[]): Promise<void>;
    /** Calls open now in every process that serves from this store (their records, as of their last turn). */
    inProgress(): Promise<CallInProgress[]>;
    /** Calls left open by processes of this host that are no longer running, closed as interrupted. */
    closeInterrupted(alive: (owner: string) => boolean): Promise<string[]>;
    outcomes(since?: number): Promise<{ outcome: string; calls: number; transferred: number }[]>;
    /** Calls started since `since`, newest first; a page of them from `offset` (limit -1: all). */
    list(since?: number, limit?: number, offset?: number): Promise<CallSummary[]>;
    /** How many calls started since `since`. */
    count(since?: number): Promise<number>;
    /** A page of the calls a filter matches, newest first, and how many match in all (the console's list). */
    query(filter: CallFilter): Promise<CallPage>;
    /** Calls over a period: outcomes, languages, modes and per-bucket latency, refusals and fallbacks (the console's overview). */
    stats(q: StatsQuery): Promise<CallStats>;
    show(callId: string): Promise<CallDetail | undefined>;
    unanswered(since?: number): Promise<UnansweredGroup[]>;
    purgeOlderThan(before: number): Promise<number>;
  };
  readonly audit: {
    append(actor: string, action: string, target: string | null, details?: unknown): Promise<void>;
    list(since?: number, limit?: number): Promise<AuditEntry[]>;
    /** A page of the entries a filter matches, newest first (the console's audit log). */
    query(filter: AuditFilter): Promise<AuditPage>;
    recordConfig(config: unknown, actor: string): Promise<string[]>;
  };
  readonly rateLimits: {
    admit(callerHash: string): Promise<Admission>;
    purgeOld(): Promise<number>;
  };
  /** The console's accounts, their sessions and failed logins (the cluster's, with PostgreSQL). */
  readonly users: Promised<UserStore>;
  /**
   * Can this node keep its records: the SQLite file writable; for PostgreSQL the local queue writable (a
   * database that is down does not make the node unready: calls go on, their records wait on local disk).
   */
  health(): { ok: boolean; detail: string };
  /**
   * The serving process's lease on the calls it has open (`owner`), renewed every heartbeat until stopped; each
   * beat closes as interrupted the calls of peers whose lease lapsed (PostgreSQL). SQLite has no peers: the
   * node closes its own at start (calls.closeInterrupted), so its lease does nothing.
   */
  holdLease(owner: string, events: LeaseEvents): Promise<HeldLease>;
  /** The serving processes of the cluster, by their live leases (SQLite: none, it has no cluster). */
  servingNodes(): Promise<ServingNode[]>;
  /** The knowledge bases published for the cluster (`kb publish`); absent for SQLite, which has no cluster. */
  readonly kbSnapshots?: KbSnapshots;
  /** Call records written locally and not yet in the database (always 0 for SQLite). */
  pendingWrites(): number;
  purge(actor: string, opts?: { dryRun?: boolean }): Promise<PurgeResult>;
  close(): Promise<void>;
}

type AnyFn = (...args: never[]) => unknown;
/** An object's methods, each returning a promise of what it returns. */
export type Promised<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never };

/** Each of the object's methods, returning a promise of what it returns (a throw becomes a rejection). */
function promised<T extends object, K extends keyof T>(target: T, keys: readonly K[]): Promised<Pick<T, K>> {
  const out = {} as Record<K, unknown>;
  for (const key of keys) {
    const fn = target[key] as AnyFn;
    // an async function runs its body at once: the SQLite statement is done before the caller's next line
    out[key] = async (...args: never[]) => fn.apply(target, args);
  }
  return out as Promised<Pick<T, K>>;
}

const USER_METHODS = ["get", "list", "insert", "setPassword", "rehash", "setRole", "setDisabled", "recordFailure", "recordLogin", "failuresFrom", "oldestFailureFrom", "recordAddressFailure", "createSession", "session", "touchSession", "endSession", "endSessionsOf", "purge"] as const satisfies readonly (keyof UserStore)[];

/** The embedded SQLite store behind the common interface. */
export function sqliteBackend(store: SahayakStore): StoreBackend {
  return {
    kind: "sqlite",
    callers: store.callers,
    now: store.now,
    sessions: {
      load: async <T>(key: string) => store.sessions.load<T>(key),
      save: async (key, context, meta) => store.sessions.save(key, context, meta),
      purgeExpired: async () => store.sessions.purgeExpired(),
    },
    calls: {
      ...promised(store.calls, ["open", "progress", "refuse", "close", "insert", "markSentToPerson", "closeInterrupted", "outcomes", "list", "count", "query", "show", "unanswered", "purgeOlderThan"]),
      stats: async (q) => callStats(store.db, q),
      inProgress: async () => store.calls.inProgress(ownerAlive),
    },
    audit: promised(store.audit, ["append", "list", "query", "recordConfig"]),
    rateLimits: promised(store.rateLimits, ["admit", "purgeOld"]),
    users: promised(store.users, USER_METHODS),
    sqlite: store,
    health: () => store.health(),
    holdLease: async () => ({ beat: async () => [], stop: async () => undefined }),
    servingNodes: async () => [],
    pendingWrites: () => 0,
    purge: async (actor, opts) => store.purge(actor, opts),
    close: async () => store.close(),
  };
}

/** A database file this process can keep writing (SQLite writes its -wal and -shm files beside it). */
export function writableFile(path: string, open: boolean): { ok: boolean; detail: string } {
  if (!open) return { ok: false, detail: `the database ${path} is closed` };
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
  } catch (err) {
    return { ok: false, detail: `the database ${path} is not writable (${(err as NodeJS.ErrnoException).code}): give the data directory to the service user` };
  }
  return { ok: true, detail: `database ${path} writable` };
}
