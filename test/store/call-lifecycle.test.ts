// A call is on record from the moment it arrives: opened in progress, rewritten while it lasts, closed by its
// own record, by the controller (refused, ended during set-up), or as interrupted when the process that had
// it open is gone. On both backends; schema version 2 bringing a version-1 SQLite file up to date is SQLite's own.
import assert from "node:assert/strict";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import Database from "better-sqlite3";
import { MIGRATIONS } from "../../src/store/migrations.js";
import { SahayakStore, type CallToStore, type StoreBackend } from "../../src/store/index.js";
import { tempDir, testConfig } from "../helpers.js";
import { BACKENDS, backendFixture, type BackendFixture } from "./each-backend.js";

const turn = (text: string, atMs: number) => ({ role: "caller" as const, atMs, text, lang: "en", action: "question", timings: {} });

describe("store: a call's record from arrival to end (SQLite file)", () => {
  // SQLite only: the PostgreSQL schema has its own migrations (pg-outage.test.ts)
  it("migrates a version-1 database to version 2, keeping its calls (closed, owned by nobody)", () => {
    const dir = tempDir();
    const path = join(dir.path, "sahayak.db");
    const raw = new Database(path);
    raw.exec(MIGRATIONS[0]!);
    raw.pragma("user_version = 1");
    raw.prepare("INSERT INTO calls (id, started_at, ended_at, duration_ms, mode, outcome, transferred, turn_count, states) VALUES ('old', 1, 2, 1, 'speech', 'goodbye', 0, 0, '[]')").run();
    raw.close();
    const store = SahayakStore.open(dir.path, testConfig(dir.path).store);
    try {
      assert.equal(store.db.pragma("user_version", { simple: true }), MIGRATIONS.length);
      assert.equal(store.calls.show("old")?.outcome, "goodbye");
      assert.deepEqual(store.calls.closeInterrupted(() => false), [], "an old call is not taken for an open one");
    } finally {
      store.close();
      dir.cleanup();
    }
  });
});

// owners as processOwner() writes them, on this host: PostgreSQL's closeInterrupted looks only at this host's calls
const owner = (name: string) => `${hostname()}:${name}:boot:1`;

for (const { backend, skip } of BACKENDS) {
  describe(`store: a call's record from arrival to end (${backend})`, { skip }, () => {
    let fixture: BackendFixture;
    let clock: number;
    let store: StoreBackend;

    beforeEach(async () => {
      clock = Date.parse("2026-11-01T08:00:00Z");
      fixture = await backendFixture(backend, () => clock);
      store = await fixture.open();
    });
    afterEach(async () => {
      await store?.close();
      fixture?.cleanup();
    });

    it("opened at arrival, rewritten while it lasts, closed by the call's record which keeps the arrival time", async () => {
      const arrived = clock;
      await store.calls.open({ callId: "c1", startedAt: arrived, callerHash: "h1", owner: owner("me") });
      await store.calls.open({ callId: "c1", startedAt: arrived + 5, callerHash: "h1", owner: owner("me") });
      const listed = await store.calls.list();
      assert.deepEqual([listed.length, listed[0]!.outcome, listed[0]!.mode], [1, "in_progress", "none"]);
      clock += 12_000;
      await store.calls.progress("c1", { turns: [turn("my aadhaar is 1234 5678 9012", 3000)], states: [{ to: "LISTENING" }] }, clock);
      const during = (await store.calls.show("c1"))!;
      assert.deepEqual([during.outcome, during.turns, during.durationMs, during.turnList[0]!.text], ["in_progress", 1, 12_000, "my aadhaar is [aadhaar]"]);
      // the flow's record: its clock started after set-up, 300 ms after the arrival
      const record: CallToStore = { callId: "c1", startedAt: new Date(arrived + 300).toISOString(), durationMs: 20_000, lang: "hi", mode: "speech", outcome: "goodbye", states: [], turns: [turn("a", 1), turn("b", 2)] };
      await store.calls.insert(record, { callerHash: "h1" });
      const done = (await store.calls.show("c1"))!;
      assert.deepEqual([done.outcome, done.turns, done.startedAt, done.durationMs], ["goodbye", 2, new Date(arrived).toISOString(), 20_300]);
      // a closed call is not reopened, rewritten or closed again
      await store.calls.progress("c1", { turns: [], states: [] }, clock + 1000);
      await store.calls.close("c1", clock + 2000, { outcome: "caller_hangup" });
      const after = (await store.calls.show("c1"))!;
      assert.deepEqual([after.outcome, after.turns], ["goodbye", 2]);
      assert.deepEqual(await store.calls.closeInterrupted(() => false), []);
    });

    it("refusals keep their reason and how long their goodbye took; early ends their outcome and redacted error", async () => {
      for (const id of ["busy", "stop", "queue", "early", "failed"]) await store.calls.open({ callId: id, startedAt: clock, callerHash: null, owner: owner("me") });
      await store.calls.refuse("busy", "busy", clock);
      await store.calls.refuse("stop", "shutting_down", clock);
      await store.calls.refuse("queue", "overflow", clock);
      clock += 4000;
      await store.calls.close("busy", clock);
      await store.calls.close("stop", clock);
      await store.calls.close("queue", clock);
      await store.calls.close("early", clock, { outcome: "caller_hangup" });
      await store.calls.close("failed", clock, { outcome: "setup_failed", error: "ExternalMedia failed for caller 9876543210" });
      const byId = Object.fromEntries((await store.calls.list()).map((c) => [c.callId, c]));
      assert.deepEqual(
        Object.fromEntries(Object.entries(byId).map(([id, c]) => [id, [c.outcome, c.durationMs, c.transferred]])),
        { busy: ["busy", 4000, false], stop: ["shutting_down", 4000, false], queue: ["overflow", 4000, true], early: ["caller_hangup", 4000, false], failed: ["setup_failed", 4000, false] },
      );
      assert.equal(byId.failed!.error, "ExternalMedia failed for caller [phone]");
      const outcomes = await store.calls.outcomes();
      assert.deepEqual(outcomes.find((o) => o.outcome === "overflow"), { outcome: "overflow", calls: 1, transferred: 1 });
    });

    it("calls open in a process that is gone are closed as interrupted at their last sign of life; others stay open", async () => {
      await store.calls.open({ callId: "dead", startedAt: clock, callerHash: null, owner: owner("gone") });
      await store.calls.open({ callId: "alive", startedAt: clock, callerHash: null, owner: owner("running") });
      clock += 9000;
      await store.calls.progress("dead", { turns: [turn("hello", 1000)], states: [] }, clock);
      clock += 60_000;
      assert.deepEqual(await store.calls.closeInterrupted((o) => o === owner("running")), ["dead"]);
      await store.calls.markSentToPerson(["dead"]);
      const dead = (await store.calls.show("dead"))!;
      assert.deepEqual([dead.outcome, dead.durationMs, dead.turns, dead.transferred], ["interrupted", 9000, 1, true]);
      assert.equal((await store.calls.show("alive"))!.outcome, "in_progress");
      assert.deepEqual(await store.calls.closeInterrupted(() => false), ["alive"]);
    });
  });
}
