// The store's tests on both backends: each case gets a fresh data directory and, for PostgreSQL, a fresh
// database on one private server per test file (pg-server.ts). Outside CI a machine without PostgreSQL skips
// the PostgreSQL half; in CI that is a failure (pgUnavailable throws).
import { after } from "node:test";
import pg from "pg";
import { openStoreBackend, type StoreBackend } from "../../src/store/index.js";
import { tempDir, testConfig } from "../helpers.js";
import { PgServer, pgUnavailable } from "./pg-server.js";

export type BackendName = "sqlite" | "postgres";

const skipPg = pgUnavailable();
let server: Promise<PgServer> | undefined;
after(async () => (await server)?.destroy());

/** Each backend with why it is skipped here (undefined: it runs). */
export const BACKENDS: readonly { backend: BackendName; skip: string | undefined }[] = [
  { backend: "sqlite", skip: undefined },
  { backend: "postgres", skip: skipPg },
];

/** One case's store: its data directory and database, opened (and reopened) with the case's clock. */
export interface BackendFixture {
  readonly backend: BackendName;
  readonly dir: string;
  /** Opens the store on this case's directory and database; overrides go into the config as testConfig's. */
  open(overrides?: Record<string, unknown>): Promise<StoreBackend>;
  /** Runs SQL on the database beneath the store, as a person at a database prompt would; its rows. */
  sql(store: StoreBackend, text: string): Promise<Record<string, unknown>[]>;
  cleanup(): void;
}

export async function backendFixture(backend: BackendName, now: () => number): Promise<BackendFixture> {
  const dir = tempDir();
  // the server starts on the first PostgreSQL case of the file, and stops after its last
  const url = backend === "postgres" ? await (await (server ??= PgServer.start())).newDatabase() : undefined;
  return {
    backend,
    dir: dir.path,
    open: async (overrides = {}) => {
      const store = (overrides.store ?? {}) as Record<string, unknown>;
      const postgres = url ? { postgres: { url, ...(store.postgres as object | undefined) } } : {};
      const config = testConfig(dir.path, { ...overrides, store: { ...store, backend, ...postgres } }).store;
      const opened = await openStoreBackend(dir.path, config, { now });
      if (opened.kind !== backend) throw new Error(`asked for ${backend}, opened ${opened.kind}`);
      return opened;
    },
    sql: async (store, text) => {
      if (!url) {
        const statement = store.sqlite!.db.prepare(text);
        return statement.reader ? (statement.all() as Record<string, unknown>[]) : (statement.run(), []);
      }
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query(text)).rows as Record<string, unknown>[];
      } finally {
        await client.end();
      }
    },
    cleanup: () => dir.cleanup(),
  };
}
