// The SQLite database in the data directory: WAL so readers (the CLI) never block the calls writing,
// secure_delete so purged transcripts do not linger in free pages, and schema migrations run on open.
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { MIGRATIONS } from "./migrations.js";

export type Db = Database.Database;

export class StoreError extends Error {}

export function openDatabase(path: string, busyTimeoutMs: number): Db {
  mkdirSync(dirname(path), { recursive: true });
  let db: Db;
  try {
    db = new Database(path, { timeout: busyTimeoutMs });
  } catch (err) {
    throw new StoreError(`cannot open the database ${path}: ${(err as Error).message}. Check that the data directory exists and is writable by this user.`);
  }
  try {
    db.pragma("journal_mode = WAL");
    // with WAL, NORMAL keeps the database consistent after a crash; a power cut may lose the last commit
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    db.pragma("secure_delete = ON");
    migrate(db, path);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Brings the schema up to date; each step commits with its version number, so a crash midway is retried. */
function migrate(db: Db, path: string): void {
  const version = () => db.pragma("user_version", { simple: true }) as number;
  if (version() > MIGRATIONS.length) {
    throw new StoreError(`the database ${path} has schema version ${version()}, made by a newer Sahayak (this one knows up to ${MIGRATIONS.length}). Upgrade Sahayak, or restore the backup taken before the upgrade.`);
  }
  for (let target = version() + 1; target <= MIGRATIONS.length; target++) {
    // IMMEDIATE: two processes starting together do not both migrate
    db.transaction(() => {
      if (version() >= target) return;
      db.exec(MIGRATIONS[target - 1]!);
      db.pragma(`user_version = ${target}`);
    }).immediate();
  }
}
