// The connection to a cluster's PostgreSQL: the pool with its timeouts, what counts as the database being
// away, transactions, migrations, and the probe `doctor` runs.
import { hostname } from "node:os";
import pg from "pg";
import type { StoreConfig } from "../config.js";
import type { Logger } from "../ops/log.js";
import { StoreError } from "./db.js";
import { PG_MIGRATIONS } from "./pg-migrations.js";

/** Any constant: the key of the advisory lock migrations run under. */
const MIGRATION_LOCK = 0x5a4a;

/** BIGINT columns (ms times, counts) as numbers: every value we store fits in a double exactly. */
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => (oid === pg.types.builtins.INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser,
};

/** The node's pool of connections to the cluster's database, with the configured timeouts. */
export function createPool(pgc: StoreConfig["postgres"], log?: Logger): pg.Pool {
  const pool = new pg.Pool({
    connectionString: pgc.url,
    max: pgc.poolSize,
    connectionTimeoutMillis: pgc.connectTimeoutMs,
    statement_timeout: pgc.statementTimeoutMs,
    // the client gives up too when the server cannot even cancel (a host gone from the network)
    query_timeout: pgc.statementTimeoutMs + pgc.connectTimeoutMs,
    idleTimeoutMillis: 30_000,
    application_name: `sahayak@${hostname()}`,
    types,
  });
  // an idle connection the server drops (restart, failover) must not take the process with it
  pool.on("error", (err) => log?.warn({ err: err.message }, "a database connection was lost"));
  return pool;
}

/** Errors meaning the database could not be reached or is going away, rather than a refused statement. */
export function isUnreachable(err: Error): boolean {
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return /^(08|53|57|40)/.test(code) || code === "55006" || code === "55P03";
  // the socket's errors (ECONNREFUSED, ETIMEDOUT, ...), and the driver's own for a connection that timed out or died
  if (typeof code === "string" && /^E[A-Z]+$/.test(code)) return true;
  return !(err instanceof StoreError) && /timeout|terminated|connection/i.test(err.message);
}

/**
 * Runs `fn` in a transaction on one pooled connection. A connection that dies while it is checked out is
 * reported through the failing query (not as an unhandled 'error' event), and is not given to the next caller.
 */
export async function inTransaction<T>(pool: pg.Pool, fn: (db: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (err: Error) => (broken = err);
  client.on("error", onError);
  try {
    await client.query("BEGIN");
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch((e: Error) => (broken = e));
    throw err;
  } finally {
    client.off("error", onError);
    client.release(broken);
  }
}

export function migrate(pool: pg.Pool): Promise<void> {
  return inTransaction(pool, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await client.query("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
    const version = (await client.query<{ version: number }>("SELECT version FROM schema_version")).rows[0]?.version ?? 0;
    if (version > PG_MIGRATIONS.length) throw new StoreError(`its schema version is ${version}, made by a newer Sahayak (this one knows up to ${PG_MIGRATIONS.length}); upgrade this node`);
    for (let target = version + 1; target <= PG_MIGRATIONS.length; target++) await client.query(PG_MIGRATIONS[target - 1]!);
    if (version === 0) await client.query("INSERT INTO schema_version (version) VALUES ($1)", [PG_MIGRATIONS.length]);
    else await client.query("UPDATE schema_version SET version = $1", [PG_MIGRATIONS.length]);
  });
}

/** What `doctor` says of the configured PostgreSQL: reachable, its schema version, nothing changed. */
export async function probePostgres(config: StoreConfig): Promise<{ reachable: boolean; schemaVersion?: number; known: number; url: string; error?: string }> {
  const url = describeUrl(config.postgres.url);
  const client = new pg.Client({ connectionString: config.postgres.url, connectionTimeoutMillis: config.postgres.connectTimeoutMs, statement_timeout: config.postgres.statementTimeoutMs });
  client.on("error", () => undefined);
  try {
    await client.connect();
    const table = (await client.query<{ found: string | null }>("SELECT to_regclass('schema_version') AS found")).rows[0]?.found;
    const schemaVersion = table ? ((await client.query<{ version: number }>("SELECT version FROM schema_version")).rows[0]?.version ?? 0) : 0;
    return { reachable: true, schemaVersion, known: PG_MIGRATIONS.length, url };
  } catch (err) {
    return { reachable: false, known: PG_MIGRATIONS.length, url, error: (err as Error).message };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The URL without its password, for messages. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(store.postgres.url is not a URL)";
  }
}
