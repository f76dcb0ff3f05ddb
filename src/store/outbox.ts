// Call records on their way to a database across the network: each write is first kept in a local SQLite
// file (so a node that loses the database, or dies, loses nothing), then applied in order and removed. While
// the database is down the queue waits and is retried; a write the database refuses for what it holds (not
// for being unreachable) is set aside in the same file, logged, and the queue goes on.
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Logger } from "../ops/log.js";

export interface OutboxOptions<Op> {
  path: string;
  /** Writes queued operations to the database, all or none; applying one twice must change nothing more. */
  apply: (ops: readonly Op[]) => Promise<void>;
  /** The database could not be reached (retry later), rather than refusing the write. */
  isUnreachable: (err: Error) => boolean;
  retryMs: number;
  log?: Logger;
}

/** Operations written in one transaction at most. */
const BATCH = 100;

interface Row {
  seq: number;
  op: string;
  queued_at: number;
}

interface Waiter {
  resolve: () => void;
  reject: (err: Error) => void;
}

export class Outbox<Op> {
  private readonly db: Database.Database;
  private readonly waiters = new Map<number, Waiter>();
  private draining: Promise<void> | undefined;
  private again = false;
  private retry: NodeJS.Timeout | undefined;
  private closed = false;
  /** The database answered the last write (false from the first unreachable one until one goes through). */
  reachable = true;

  get path(): string {
    return this.options.path;
  }

  get open(): boolean {
    return this.db.open;
  }

  constructor(private readonly options: OutboxOptions<Op>) {
    mkdirSync(dirname(options.path), { recursive: true });
    this.db = new Database(options.path);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("secure_delete = ON");
    this.db.exec("CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, op TEXT NOT NULL, queued_at INTEGER NOT NULL)");
    this.db.exec("CREATE TABLE IF NOT EXISTS refused (seq INTEGER PRIMARY KEY, op TEXT NOT NULL, queued_at INTEGER NOT NULL, error TEXT NOT NULL)");
  }

  /** Keeps the write on local disk at once; resolves once it is in the database (rejects if the database refuses it). */
  enqueue(op: Op): Promise<void> {
    const seq = Number(this.db.prepare("INSERT INTO outbox (op, queued_at) VALUES (?, ?)").run(JSON.stringify(op), Date.now()).lastInsertRowid);
    const done = new Promise<void>((resolve, reject) => this.waiters.set(seq, { resolve, reject }));
    this.kick();
    return done;
  }

  /** Writes not yet in the database. */
  pending(): number {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM outbox").get() as { n: number }).n;
  }

  /** Writes the database refused, kept here for a person to look at. */
  refusedCount(): number {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM refused").get() as { n: number }).n;
  }

  /** Starts writing the queue out (unless it is being written already, or waits for a retry). */
  kick(): void {
    if (this.closed) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    clearTimeout(this.retry);
    this.retry = undefined;
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      if (this.again && this.reachable) this.kick();
    });
  }

  /** Waits for the queue being written now (if any) to stop: empty, or the database unreachable. */
  async settled(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /**
   * Writes the queue out in order, up to `BATCH` operations a transaction. A batch the database refuses is
   * written again one operation at a time, so only the refused one is set aside.
   */
  private async drain(): Promise<void> {
    const next = this.db.prepare<[number], Row>("SELECT seq, op, queued_at FROM outbox ORDER BY seq LIMIT ?");
    const remove = this.db.prepare("DELETE FROM outbox WHERE seq = ?");
    const setAside = this.db.prepare("INSERT OR REPLACE INTO refused (seq, op, queued_at, error) VALUES (?, ?, ?, ?)");
    let batchSize = BATCH;
    for (;;) {
      this.again = false;
      const rows = next.all(batchSize);
      if (!rows.length || this.closed) return;
      try {
        await this.options.apply(rows.map((r) => JSON.parse(r.op) as Op));
      } catch (err) {
        if (this.closed) return;
        if (this.options.isUnreachable(err as Error)) {
          if (this.reachable) this.options.log?.error({ err: (err as Error).message, queued: this.pending() }, "database unreachable: call records are kept on local disk until it returns");
          this.reachable = false;
          this.retry = setTimeout(() => this.kick(), this.options.retryMs);
          this.retry.unref();
          return;
        }
        if (rows.length > 1) {
          batchSize = 1;
          continue;
        }
        const row = rows[0]!;
        this.options.log?.error({ seq: row.seq, err: (err as Error).message }, "the database refused a call record: kept aside in the local queue's file");
        this.db.transaction(() => {
          setAside.run(row.seq, row.op, row.queued_at, (err as Error).message);
          remove.run(row.seq);
        })();
        this.settle(row.seq, err as Error);
        batchSize = BATCH;
        continue;
      }
      this.db.transaction(() => rows.forEach((r) => remove.run(r.seq)))();
      if (!this.reachable) this.options.log?.info({ queued: this.pending() }, "database back: writing the queued call records");
      this.reachable = true;
      for (const r of rows) this.settle(r.seq);
      batchSize = BATCH;
    }
  }

  private settle(seq: number, err?: Error): void {
    const waiter = this.waiters.get(seq);
    this.waiters.delete(seq);
    if (err) waiter?.reject(err);
    else waiter?.resolve();
  }

  /** Stops writing (what is left stays on disk for the next start). */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    await this.settled();
    this.db.close();
  }
}
