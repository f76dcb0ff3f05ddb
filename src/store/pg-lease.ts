// A serving process's lease on the calls it has open, in the cluster's PostgreSQL. The process renews it every
// heartbeat; a process killed or cut off stops renewing, and once its lease has lapsed a peer's heartbeat records
// its open calls as interrupted (a node that comes back closes its own at start, as on one box). A call whose
// record is written after all (a node cut off, not dead) keeps that record: the final write replaces this one.
import type pg from "pg";
import type { Logger } from "../ops/log.js";
import { INTERRUPTED } from "./calls.js";

export interface LeaseTimes {
  heartbeatMs: number;
  leaseMs: number;
}

/** A serving process as its lease shows it. */
export interface ServingNode {
  node: string;
  /** host:pid of the process. */
  process: string;
  /** Its last heartbeat (ISO time). */
  lastBeat: string;
  kbVersion: number | null;
}

/** What a beat reports, and is told back. */
export interface LeaseEvents {
  /** Calls of lapsed leases this beat closed as interrupted. */
  interrupted(callIds: string[]): void;
  /** The knowledge-base version the process answers from now. */
  kbVersion?(): number | undefined;
}

/** A held lease: `beat` renews it and closes what lapsed leases left open (their call ids); `stop` gives it up. */
export interface HeldLease {
  beat(): Promise<string[]>;
  stop(): Promise<void>;
}

/**
 * Renews `owner`'s lease (for leaseMs from now), then closes as interrupted the open calls of other owners
 * that hold no live lease and whose record has not changed for leaseMs. Returns those calls' ids.
 */
export async function beatLease(db: pg.Pool, owner: string, node: string, times: LeaseTimes, now: number, kbVersion: number | null = null): Promise<string[]> {
  await db.query(
    "INSERT INTO owner_leases (owner, node, expires_at, beat_at, kb_version) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (owner) DO UPDATE SET node = excluded.node, expires_at = excluded.expires_at, beat_at = excluded.beat_at, kb_version = excluded.kb_version",
    [owner, node, now + times.leaseMs, now, kbVersion],
  );
  const { rows } = await db.query<{ id: string; node: string | null }>(
    `UPDATE calls c SET outcome = $1, ended_at = COALESCE(c.updated_at, c.started_at), duration_ms = COALESCE(c.updated_at, c.started_at) - c.started_at, owner = NULL,
       error = 'its node (' || COALESCE(c.node, 'unnamed') || ') stopped renewing its lease mid-call; recorded as interrupted by ' || $2
     WHERE c.owner IS NOT NULL AND c.owner <> $3 AND COALESCE(c.updated_at, c.started_at) <= $4
       AND NOT EXISTS (SELECT 1 FROM owner_leases l WHERE l.owner = c.owner AND l.expires_at > $5)
     RETURNING c.id, c.node`,
    [INTERRUPTED, node, owner, now - times.leaseMs, now],
  );
  // a lapsed lease has no calls left to answer for (a node that was only cut off takes a new one as it beats)
  await db.query("DELETE FROM owner_leases WHERE expires_at <= $1", [now]);
  return rows.map((r) => r.id);
}

/**
 * Holds `owner`'s lease: renewed at once and every heartbeatMs until stopped. A beat that fails (the database
 * away) is logged once per outage; calls go on, and a peer may record them as interrupted meanwhile.
 */
export async function holdLease(db: pg.Pool, owner: string, node: string, times: LeaseTimes, now: () => number, events: LeaseEvents & { log?: Logger }): Promise<HeldLease> {
  let failing = false;
  let stopped = false;
  const beat = async (): Promise<string[]> => {
    try {
      const closed = await beatLease(db, owner, node, times, now(), events.kbVersion?.() ?? null);
      if (failing) events.log?.info("the node's lease in the database is renewed again");
      failing = false;
      if (closed.length) events.interrupted(closed);
      return closed;
    } catch (err) {
      if (!failing) events.log?.warn({ err: (err as Error).message }, "the node's lease in the database cannot be renewed: if this lasts store.postgres.leaseMs, peers record its open calls as interrupted");
      failing = true;
      return [];
    }
  };
  await beat();
  let inFlight: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    // a beat still waiting on the database is not doubled by the next
    if (inFlight || stopped) return;
    inFlight = beat().finally(() => (inFlight = undefined));
  }, times.heartbeatMs);
  timer.unref();
  return {
    beat,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await inFlight;
      // a clean stop leaves no calls open: its lease needs no waiting out
      await db.query("DELETE FROM owner_leases WHERE owner = $1", [owner]).catch(() => undefined);
    },
  };
}

/** The processes whose lease is live, by node. */
export async function servingNodes(db: pg.Pool, now: number): Promise<ServingNode[]> {
  const { rows } = await db.query<{ node: string; owner: string; beat_at: number; kb_version: number | null }>("SELECT node, owner, beat_at, kb_version FROM owner_leases WHERE expires_at > $1 ORDER BY node, owner", [now]);
  return rows.map((r) => ({ node: r.node, process: r.owner.split(":").slice(0, 2).join(":"), lastBeat: new Date(r.beat_at).toISOString(), kbVersion: r.kb_version }));
}
