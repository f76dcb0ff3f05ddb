// The store under load and under a crash: 20 calls ending together in one process (one connection, whose
// synchronous writes run back to back) and 20 processes writing at once through WAL lose nothing, and a
// process killed mid-write leaves a consistent database.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { afterEach, beforeEach, describe, it } from "node:test";
import { SahayakStore } from "../../src/store/index.js";
import { tempDir, testConfig, until } from "../helpers.js";

let dir: ReturnType<typeof tempDir>;
beforeEach(() => (dir = tempDir()));
afterEach(() => dir.cleanup());

function writer(prefix: string, count: number): { done: Promise<string[]>; committed: string[]; kill(): void } {
  const child = spawn(process.execPath, ["--import", "tsx", new URL("./writer.ts", import.meta.url).pathname, dir.path, prefix, String(count)], { stdio: ["ignore", "pipe", "pipe"] });
  const committed: string[] = [];
  let partial = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => {
    const lines = (partial + d.toString()).split("\n");
    partial = lines.pop()!;
    committed.push(...lines);
  });
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  let killedByTest = false;
  // a writer that could not start, or that something other than this test killed (the kernel's OOM killer),
  // fails with its own words rather than as a short count
  const done = new Promise<string[]>((resolve, reject) => {
    child.on("error", (err) => reject(new Error(`writer ${prefix} could not start: ${err.message}`)));
    child.on("exit", (code, signal) => (code === 0 || (killedByTest && signal === "SIGKILL") ? resolve(committed) : reject(new Error(`writer ${prefix} exited ${code ?? signal} after ${committed.length} calls: ${stderr}`))));
  });
  return { done, committed, kill: () => ((killedByTest = true), child.kill("SIGKILL")) };
}

function check(store: SahayakStore): void {
  assert.equal(store.db.pragma("integrity_check", { simple: true }), "ok");
  const torn = store.db.prepare("SELECT c.id FROM calls c WHERE c.turn_count != (SELECT count(*) FROM turns t WHERE t.call_id = c.id)").pluck().all();
  assert.deepEqual(torn, [], "every call has all of its turns");
}

describe("store: concurrency and crashes", () => {
  it("20 calls ending together in one process (their writes run back to back on one connection): every record, session and count is there", () => {
    const store = SahayakStore.open(dir.path, testConfig(dir.path).store);
    const finishes = Array.from({ length: 20 }, (_, i) => Promise.resolve().then(() => {
      const hash = store.callers.hash(`97000000${String(i).padStart(2, "0")}`)!;
      store.rateLimits.admit(hash);
      store.calls.insert({ callId: `c${i}`, startedAt: new Date().toISOString(), durationMs: 1, mode: "speech", outcome: "goodbye", states: [], turns: [{ role: "caller", atMs: 0, text: `q${i}`, lang: "en", timings: {} }] }, { callerHash: hash });
      store.sessions.save(`caller:${hash}`, { i });
    }));
    return Promise.all(finishes).then(() => {
      assert.equal(store.calls.list().length, 20);
      assert.equal(store.db.prepare("SELECT count(*) FROM sessions").pluck().get(), 20);
      assert.equal(store.db.prepare("SELECT count(*) FROM call_starts").pluck().get(), 20);
      check(store);
      store.close();
    });
  });

  it("20 writer processes at once (WAL, busy timeout): no call lost", async () => {
    const writers = Array.from({ length: 20 }, (_, i) => writer(`w${i}`, 10));
    const committed = (await Promise.all(writers.map((w) => w.done))).flat();
    assert.equal(committed.length, 200);
    const store = SahayakStore.open(dir.path, testConfig(dir.path).store);
    const stored = new Set(store.calls.list(0, 10_000).map((c) => c.callId));
    assert.equal(stored.size, 200);
    for (const id of committed) assert.ok(stored.has(id), id);
    check(store);
    store.close();
  });

  it("a writer killed mid-write leaves a consistent database holding every call it reported", async () => {
    const victim = writer("victim", 0);
    const bystander = writer("bystander", 40);
    await until(() => victim.committed.length >= 30, 60_000);
    victim.kill();
    const reported = await victim.done;
    await bystander.done;
    const store = SahayakStore.open(dir.path, testConfig(dir.path).store);
    check(store);
    const stored = new Set(store.calls.list(0, 100_000).map((c) => c.callId));
    for (const id of reported) assert.ok(stored.has(id), `${id} was committed before the kill`);
    assert.equal([...stored].filter((id) => id.startsWith("bystander")).length, 40);
    // and the store takes writes again at once
    store.calls.insert({ callId: "after", startedAt: new Date().toISOString(), durationMs: 1, mode: "speech", outcome: "goodbye", states: [], turns: [] }, { callerHash: null });
    assert.ok(store.calls.show("after"));
    store.close();
  });
});
