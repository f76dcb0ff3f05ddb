// The caller salt is made once, by whichever process starts first: processes opening a fresh data
// directory together (the CLI beside serve, two writers) must all read the same, complete salt.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { startWorker } from "../../src/ops/worker.js";
import { tempDir } from "../helpers.js";

describe("caller salt", () => {
  it("16 threads making it at the same moment all get one complete salt, and no draft is left behind", async () => {
    const dir = tempDir();
    try {
      for (let round = 0; round < 3; round++) {
        const path = join(dir.path, `round${round}`, "caller-salt");
        const gate = new SharedArrayBuffer(4);
        const workers = Array.from({ length: 16 }, () => startWorker("salt-race.worker", import.meta.url, { workerData: { path, gate } }));
        const results = workers.map((w) => new Promise<{ hash?: string; error?: string }>((resolve, reject) => { w.once("message", resolve); w.once("error", reject); }));
        await Promise.all(workers.map((w) => new Promise((resolve) => w.once("online", resolve))));
        Atomics.store(new Int32Array(gate), 0, 1);
        Atomics.notify(new Int32Array(gate), 0);
        const got = await Promise.all(results);
        await Promise.all(workers.map((w) => w.terminate()));
        assert.deepEqual(got.filter((r) => r.error), [], "no thread saw a missing or short salt");
        assert.equal(new Set(got.map((r) => r.hash)).size, 1, "every thread hashes a caller the same way");
        assert.equal(readFileSync(path, "utf8").length, 64);
        assert.equal(statSync(path).mode & 0o777, 0o600);
        assert.deepEqual(readdirSync(join(dir.path, `round${round}`)), ["caller-salt"]);
      }
    } finally {
      dir.cleanup();
    }
  });
});
