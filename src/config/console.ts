// The web console's settings: part of the one configuration schema (src/config.ts), with every default.
import { z } from "zod";

export const consoleSchema = z.strictObject({
  /** `serve` starts the console beside the calls (`sahayak console` starts it alone). */
  enabled: z.boolean().default(true),
  /** Loopback by default: open it to the data centre's LAN on purpose, with TLS. */
  host: z.string().default("127.0.0.1"),
  port: z.number().int().min(0).max(65535).default(8090),
  /** HTTPS with this certificate and key (PEM files); null: plain HTTP. */
  tls: z
    .strictObject({ certFile: z.string().min(1), keyFile: z.string().min(1) })
    .nullable()
    .default(null),
  session: z
    .strictObject({
      /** A session unused this long ends. */
      idleMinutes: z.number().positive().default(30),
      /** A session ends this long after login, used or not. */
      maxHours: z.number().positive().default(12),
    })
    .prefault({}),
  login: z
    .strictObject({
      /** Wrong passwords in a row that lock an account… */
      maxFailures: z.number().int().positive().default(5),
      /** …for this long (or until an admin sets a new password). */
      lockMinutes: z.number().positive().default(15),
      /** Failed logins from one address within throttleWindowMinutes before it must wait. */
      maxFailuresPerAddress: z.number().int().positive().default(10),
      throttleWindowMinutes: z.number().positive().default(15),
    })
    .prefault({}),
  password: z
    .strictObject({
      minLength: z.number().int().min(8).default(10),
      /**
       * scrypt's cost (N, a power of two), block size (r) and parallelism (p). 2^14·8·1 (16 MiB, about 40 ms
       * on one core) is scrypt's own interactive-login setting (Percival; libsodium's OPSLIMIT/MEMLIMIT_
       * INTERACTIVE): a login stays well inside the console's 200 ms while each guess still costs an
       * attacker 16 MiB of memory; logins are also locked and throttled. A stored hash keeps its own
       * parameters, so older ones still verify, and a successful login rehashes them at these.
       */
      scryptCost: z.number().int().min(1024).default(16_384),
      scryptBlockSize: z.number().int().positive().default(8),
      scryptParallelism: z.number().int().positive().default(1),
    })
    .prefault({}),
  /** Rows per page in lists (calls, audit log, versions). */
  pageSize: z.number().int().positive().default(50),
  maxPageSize: z.number().int().positive().default(500),
  /** How often the overview's calls in progress are refreshed in the browser. */
  liveRefreshMs: z.number().int().min(500).default(2000),
  /** Try a question: synthesised answers kept for playing this long, at most this many. */
  tryAudioKeepMinutes: z.number().positive().default(10),
  tryAudioMaxKept: z.number().int().positive().default(20),
  /** Earlier turns a try-a-question conversation may carry. */
  tryMaxTurns: z.number().int().positive().default(10),
});
