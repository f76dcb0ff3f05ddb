// Operations settings (the ops HTTP server, metrics, log levels): part of the one configuration schema
// (src/config.ts), with every default.
import { z } from "zod";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
/** When neither --log-level, SAHAYAK_LOG_LEVEL nor log.level says: `serve` logs each call and turn, other commands only warnings. */
export const DEFAULT_LOG_LEVEL = { serve: "info", command: "warn" } as const satisfies Record<string, LogLevel>;

export const opsSchema = z.strictObject({
  /** The operations HTTP server `serve` starts: /metrics (Prometheus), /healthz, /readyz. Loopback by default. */
  http: z
    .strictObject({
      enabled: z.boolean().default(true),
      host: z.string().default("127.0.0.1"),
      port: z.number().int().min(0).max(65535).default(9464),
      /**
       * The server runs on a thread of its own and serves what the main thread renders this often: a
       * scrape never waits for calls' work, and metrics are at most this old (Prometheus scrapes every 15 s).
       */
      snapshotMs: z.number().int().min(100).default(2000),
    })
    .prefault({}),
  /**
   * A SIP OPTIONS responder answering 200 while the node is ready and 503 when not: the cluster's Kamailio
   * probes each node through it (`sahayak cluster config` turns it on, on the node's address).
   */
  sipHealth: z
    .strictObject({
      enabled: z.boolean().default(false),
      host: z.string().default("127.0.0.1"),
      port: z.number().int().min(0).max(65535).default(5070),
      /** How often readiness is evaluated for it; an evaluation older than three of these answers 503. */
      intervalMs: z.number().int().min(100).default(2000),
    })
    .prefault({}),
  /** The user `serve` runs as; `doctor` checks the data and model directories as this user. */
  serviceUser: z.string().min(1).default("sahayak"),
  /** Free space on the data directory's disk below which the appliance is not ready (doctor: a failure). */
  minFreeDiskMb: z.number().int().nonnegative().default(1024),
  /** Below this, doctor warns (calls and records keep going). */
  warnFreeDiskMb: z.number().int().nonnegative().default(4096),
  /** A readiness check that takes longer than this counts as failed. */
  readinessCheckTimeoutMs: z.number().int().positive().default(2000),
  /** How long doctor waits for ARI or AMI, and a model's trial load (serve and doctor) may take. */
  checkTimeoutMs: z.number().int().positive().default(30_000),
});
