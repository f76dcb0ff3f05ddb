// The local queue in front of a remote database: writes kept on disk in order, written out in batches, kept
// while the database is unreachable (and across a restart), and one the database refuses set aside alone.
import assert from "node:assert/strict";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { Outbox } from "../../src/store/outbox.js";
import { isUnreachable } from "../../src/store/pg-pool.js";
import { StoreError } from "../../src/store/index.js";
import { tempDir } from "../helpers.js";

class Refused extends Error {
  readonly code = "23505";
}

describe("store: the outbox", () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.cleanup());

  function outbox(apply: (ops: readonly number[]) => Promise<void>) {
    return new Outbox<number>({ path: join(dir.path, "outbox.db"), apply, isUnreachable: (err) => !(err instanceof Refused), retryMs: 10 });
  }

  it("writes every operation once, in order, several to a batch", async () => {
    const written: number[] = [];
    const batches: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const box = outbox(async (ops) => {
      await gate;
      batches.push(ops.length);
      written.push(...ops);
    });
    const done = Array.from({ length: 20 }, (_, i) => box.enqueue(i));
    release();
    await Promise.all(done);
    assert.deepEqual(written, Array.from({ length: 20 }, (_, i) => i));
    assert.ok(batches.length < 20, `batched: ${batches.join(", ")}`);
    assert.equal(box.pending(), 0);
    await box.close();
  });

  it("keeps operations while the database is unreachable, across a restart, and writes them when it returns", async () => {
    let up = false;
    const written: number[] = [];
    const apply = async (ops: readonly number[]) => {
      if (!up) throw Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
      written.push(...ops);
    };
    let box = outbox(apply);
    for (const n of [1, 2, 3]) void box.enqueue(n);
    await box.settled();
    assert.equal(box.reachable, false);
    assert.equal(box.pending(), 3);
    await box.close();
    up = true;
    box = outbox(apply);
    box.kick();
    await box.settled();
    assert.deepEqual(written, [1, 2, 3]);
    assert.equal(box.pending(), 0);
    await box.close();
  });

  it("an operation the database refuses is set aside alone; the others are written, in order", async () => {
    const written: number[] = [];
    const box = outbox(async (ops) => {
      if (ops.includes(13)) throw new Refused("duplicate key");
      written.push(...ops);
    });
    box.kick();
    const results = await Promise.allSettled([1, 2, 13, 4, 5].map((n) => box.enqueue(n)));
    assert.deepEqual(results.map((r) => r.status), ["fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled"]);
    assert.deepEqual(written, [1, 2, 4, 5]);
    assert.equal(box.refusedCount(), 1);
    assert.equal(box.pending(), 0);
    await box.close();
  });

  it("tells a database that cannot be reached from one that refuses the write", () => {
    const err = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});
    for (const e of [err("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED"), err("Connection terminated unexpectedly"), err("timeout exceeded when trying to connect"), err("terminating connection due to administrator command", "57P01"), err("the database system is starting up", "57P03"), err("could not serialize access", "40001")]) {
      assert.equal(isUnreachable(e), true, e.message);
    }
    for (const e of [err("duplicate key value", "23505"), err("relation \"calls\" does not exist", "42P01"), new TypeError("cannot read properties of undefined"), new StoreError("its schema version is 99")]) {
      assert.equal(isUnreachable(e), false, e.message);
    }
  });
});
