// Which failures the console answers as "the database cannot be used now" (503) rather than as its own fault
// (500): a PostgreSQL that is down or unreachable, a SQLite file that is locked, unreadable or closed; not a
// statement the database refused, nor a missing file elsewhere.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import Database from "better-sqlite3";
import { databaseUnavailable } from "../../src/store/index.js";

const coded = (code: string, message = "failed") => Object.assign(new Error(message), { code });

describe("databaseUnavailable", () => {
  it("a closed SQLite database, and SQLite's codes for a file that cannot be used, count; a bad statement does not", () => {
    const dir = mkdtempSync(join(tmpdir(), "sahayak-unavailable-"));
    try {
      const db = new Database(join(dir, "x.db"));
      const statementError = (() => {
        try {
          db.prepare("SELECT * FROM no_such_table").all();
        } catch (err) {
          return err;
        }
      })();
      assert.equal(databaseUnavailable(statementError), false, "no such table is a fault, not an outage");
      db.close();
      const closed = (() => {
        try {
          db.prepare("SELECT 1").get();
        } catch (err) {
          return err;
        }
      })();
      assert.equal(databaseUnavailable(closed), true, String(closed));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    for (const code of ["SQLITE_BUSY", "SQLITE_IOERR_WRITE", "SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_FULL"]) assert.equal(databaseUnavailable(coded(code)), true, code);
    assert.equal(databaseUnavailable(coded("SQLITE_CONSTRAINT_PRIMARYKEY")), false);
  });

  it("PostgreSQL away (refused, reset, admin shutdown, too many connections, the driver's timeouts) counts; a refused statement and other files' errors do not", () => {
    for (const err of [coded("ECONNREFUSED"), coded("ECONNRESET"), coded("57P01", "terminating connection due to administrator command"), coded("53300", "too many clients"), coded("08006"), new Error("timeout exceeded when trying to connect"), new Error("Connection terminated unexpectedly")]) {
      assert.equal(databaseUnavailable(err), true, err.message);
    }
    for (const err of [coded("42P01", "relation does not exist"), coded("23505", "duplicate key"), coded("ENOENT", "no such file"), new Error("something else"), "not an error"]) {
      assert.equal(databaseUnavailable(err), false, String(err));
    }
  });
});
