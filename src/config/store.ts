// The call store's settings (SQLite or PostgreSQL, sessions, retention): part of the one configuration schema
// (src/config.ts), with every default.
import { z } from "zod";

export const postgresSchema = z.strictObject({
  /** postgres://user:password@host:port/database, the database every node of a cluster shares. */
  url: z.string().default(""),
  /** Connections this node keeps open to it at most. */
  poolSize: z.number().int().positive().default(10),
  /** Giving up on opening a connection after this long (the database is then taken as down). */
  connectTimeoutMs: z.number().int().positive().default(2000),
  /** A statement running longer than this is cancelled by the server. */
  statementTimeoutMs: z.number().int().positive().default(5000),
  /** What a call waits for its caller's rate limit and earlier conversation before it is served as new. */
  callLookupTimeoutMs: z.number().int().positive().default(400),
  /** While the database is down, call records wait on local disk and are retried this often. */
  retryMs: z.number().int().positive().default(2000),
  /** The local queue of call records not yet written to the database, relative to dataDir. */
  outboxFile: z.string().default("store-outbox.db"),
  /** This node's name in the cluster, kept with its calls and audit entries (empty: the host's name). */
  node: z.string().default(""),
  /**
   * A serving node renews its lease in the database this often; a node whose lease has lapsed for leaseMs
   * (killed, cut off) has its open calls recorded as interrupted by a peer.
   */
  heartbeatMs: z.number().int().positive().default(5000),
  leaseMs: z.number().int().positive().default(30_000),
  /** The knowledge base `kb publish` puts in the database for every node (src/admin/kb-sync.ts). */
  kbSync: z
    .strictObject({
      /** A serving node hears of a publication at once (LISTEN/NOTIFY); it also asks this often, for one it missed. */
      pollMs: z.number().int().positive().default(60_000),
      /** The snapshot is stored in rows of at most this many bytes. */
      chunkBytes: z.number().int().positive().default(1 << 20),
      /** Published snapshots kept in the database (the newest; older ones are removed as a new one goes in). */
      keep: z.number().int().positive().default(3),
      /** A fetched knowledge base is switched to once no call is in progress; whether none is, asked this often. */
      idleCheckMs: z.number().int().positive().default(250),
    })
    .prefault({}),
}).refine((p) => p.heartbeatMs * 2 <= p.leaseMs, { message: "store.postgres.heartbeatMs must be at most half of leaseMs, or a live node's lease lapses between two beats", path: ["heartbeatMs"] });

export const storeSchema = z.strictObject({
  /** Where sessions, call records, the audit log and rate limits live: the embedded SQLite file, or a PostgreSQL shared by a cluster. */
  backend: z.enum(["sqlite", "postgres"]).default("sqlite"),
  postgres: postgresSchema.prefault({}),
  /** The SQLite database (sessions, call records, audit log, rate limits), relative to dataDir. */
  file: z.string().default("sahayak.db"),
  /** Secret salt for caller-number hashes, relative to dataDir; made (mode 0600) on first use. Keep it out of backups of the database. */
  saltFile: z.string().default("secrets/caller-salt"),
  /** A writer waits this long for another process's write before giving up. */
  busyTimeoutMs: z.number().int().positive().default(5000),
  /**
   * In the process serving calls, a write waits only this long (after the store is open): the wait blocks
   * every call's audio and events, so past it the write fails, is logged, and the call goes on.
   */
  callBusyTimeoutMs: z.number().int().positive().default(250),
  sessions: z
    .strictObject({
      /** A caller's conversation is kept this long after their call ends. */
      retentionMinutes: z.number().positive().default(60),
      /** A call that ended without a goodbye resumes mid-topic when the caller rings back within this. */
      resumeWithinMinutes: z.number().positive().default(5),
    })
    .prefault({})
    .refine((s) => s.resumeWithinMinutes <= s.retentionMinutes, { message: "store.sessions.resumeWithinMinutes must not exceed retentionMinutes" }),
  /** Transcripts and call records older than this are purged. */
  recordRetentionDays: z.number().positive().default(30),
  /** How often `sahayak serve` runs the purge. */
  purgeEveryMinutes: z.number().positive().default(60),
  /** A call's record is written when it arrives and rewritten this often while it lasts (what a crash can lose). */
  recordProgressSeconds: z.number().positive().default(10),
  rateLimit: z
    .strictObject({
      callsPerHour: z.number().int().positive().default(10),
      callsPerDay: z.number().int().positive().default(30),
      /** Numbers never limited (test and official lines), as dialled or with +91. */
      allow: z.array(z.string()).default([]),
    })
    .prefault({}),
})
  .refine((s) => s.backend !== "postgres" || s.postgres.url !== "", { message: 'store.postgres.url is required when store.backend is "postgres" (postgres://user:password@host:5432/sahayak)', path: ["postgres", "url"] });
