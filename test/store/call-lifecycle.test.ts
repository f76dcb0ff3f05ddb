// A call is on record from the moment it arrives: opened in progress, rewritten while it lasts, closed by its
// own record, by the controller (refused, ended during set-up), or as interrupted when the process that had
// it open is gone. Schema version 2 brings a version-1 database up to date without losing a call.
import assert from "node:assert/strict";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import Database from "better-sqlite3";
import { MIGRATIONS } from "../../src/store/migrations.js";
import { SahayakStore, type CallToStore } from "../../src/store/index.js";
import { tempDir, testConfig } from "../helpers.js";

let dir: ReturnType<typeof tempDir>;
let clock: number;
let store: SahayakStore;
const open = () => SahayakStore.open(dir.path, testConfig(dir.path).store, () => clock);

beforeEach(() => {
  dir = tempDir();
  clock = Date.parse("2026-11-01T08:00:00Z");
});
afterEach(() => {
  store?.close();
  dir.cleanup();
});

const turn = (text: string, atMs: number) => ({ role: "caller" as const, atMs, text, lang: "en", action: "question", timings: {} });

describe("store: a call's record from arrival to end", () => {
  it("migrates a version-1 database to version 2, keeping its calls (closed, owned by nobody)", () => {
    const path = join(dir.path, "sahayak.db");
    const raw = new Database(path);
    raw.exec(MIGRATIONS[0]!);
    raw.pragma("user_version = 1");
    raw.prepare("INSERT INTO calls (id, started_at, ended_at, duration_ms, mode, outcome, transferred, turn_count, states) VALUES ('old', 1, 2, 1, 'speech', 'goodbye', 0, 0, '[]')").run();
    raw.close();
    store = open();
    assert.equal(store.db.pragma("user_version", { simple: true }), MIGRATIONS.length);
    assert.equal(store.calls.show("old")?.outcome, "goodbye");
    assert.deepEqual(store.calls.closeInterrupted(() => false), [], "an old call is not taken for an open one");
  });

  it("opened at arrival, rewritten while it lasts, closed by the call's record which keeps the arrival time", () => {
    store = open();
    const arrived = clock;
    store.calls.open({ callId: "c1", startedAt: arrived, callerHash: "h1", owner: "me" });
    store.calls.open({ callId: "c1", startedAt: arrived + 5, callerHash: "h1", owner: "me" });
    assert.deepEqual([store.calls.list().length, store.calls.list()[0]!.outcome, store.calls.list()[0]!.mode], [1, "in_progress", "none"]);
    clock += 12_000;
    store.calls.progress("c1", { turns: [turn("my aadhaar is 1234 5678 9012", 3000)], states: [{ to: "LISTENING" }] }, clock);
    const during = store.calls.show("c1")!;
    assert.deepEqual([during.outcome, during.turns, during.durationMs, during.turnList[0]!.text], ["in_progress", 1, 12_000, "my aadhaar is [aadhaar]"]);
    // the flow's record: its clock started after set-up, 300 ms after the arrival
    const record: CallToStore = { callId: "c1", startedAt: new Date(arrived + 300).toISOString(), durationMs: 20_000, lang: "hi", mode: "speech", outcome: "goodbye", states: [], turns: [turn("a", 1), turn("b", 2)] };
    store.calls.insert(record, { callerHash: "h1" });
    const done = store.calls.show("c1")!;
    assert.deepEqual([done.outcome, done.turns, done.startedAt, done.durationMs], ["goodbye", 2, new Date(arrived).toISOString(), 20_300]);
    // a closed call is not reopened, rewritten or closed again
    store.calls.progress("c1", { turns: [], states: [] }, clock + 1000);
    store.calls.close("c1", clock + 2000, { outcome: "caller_hangup" });
    assert.deepEqual([store.calls.show("c1")!.outcome, store.calls.show("c1")!.turns], ["goodbye", 2]);
    assert.deepEqual(store.calls.closeInterrupted(() => false), []);
  });

  it("refusals keep their reason and how long their goodbye took; early ends their outcome and redacted error", () => {
    store = open();
    for (const id of ["busy", "stop", "queue", "early", "failed"]) store.calls.open({ callId: id, startedAt: clock, callerHash: null, owner: "me" });
    store.calls.refuse("busy", "busy", clock);
    store.calls.refuse("stop", "shutting_down", clock);
    store.calls.refuse("queue", "overflow", clock);
    clock += 4000;
    store.calls.close("busy", clock);
    store.calls.close("stop", clock);
    store.calls.close("queue", clock);
    store.calls.close("early", clock, { outcome: "caller_hangup" });
    store.calls.close("failed", clock, { outcome: "setup_failed", error: "ExternalMedia failed for caller 9876543210" });
    const byId = Object.fromEntries(store.calls.list().map((c) => [c.callId, c]));
    assert.deepEqual(
      Object.fromEntries(Object.entries(byId).map(([id, c]) => [id, [c.outcome, c.durationMs, c.transferred]])),
      { busy: ["busy", 4000, false], stop: ["shutting_down", 4000, false], queue: ["overflow", 4000, true], early: ["caller_hangup", 4000, false], failed: ["setup_failed", 4000, false] },
    );
    assert.equal(byId.failed!.error, "ExternalMedia failed for caller [phone]");
    const outcomes = store.calls.outcomes();
    assert.deepEqual(outcomes.find((o) => o.outcome === "overflow"), { outcome: "overflow", calls: 1, transferred: 1 });
  });

  it("calls open in a process that is gone are closed as interrupted at their last sign of life; others stay open", () => {
    store = open();
    store.calls.open({ callId: "dead", startedAt: clock, callerHash: null, owner: "gone" });
    store.calls.open({ callId: "alive", startedAt: clock, callerHash: null, owner: "running" });
    clock += 9000;
    store.calls.progress("dead", { turns: [turn("hello", 1000)], states: [] }, clock);
    clock += 60_000;
    assert.deepEqual(store.calls.closeInterrupted((owner) => owner === "running"), ["dead"]);
    store.calls.markSentToPerson(["dead"]);
    const dead = store.calls.show("dead")!;
    assert.deepEqual([dead.outcome, dead.durationMs, dead.turns, dead.transferred], ["interrupted", 9000, 1, true]);
    assert.equal(store.calls.show("alive")!.outcome, "in_progress");
    assert.deepEqual(store.calls.closeInterrupted(() => false), ["alive"]);
  });
});
