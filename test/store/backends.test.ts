// The store through its common interface, on both backends: the embedded SQLite file and a real PostgreSQL
// (a private server, each-backend.ts). Each case runs on each; the same calls must leave the same data.
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import type { CallToStore, StoreBackend } from "../../src/store/index.js";
import { processOwner } from "../../src/store/owner.js";
import { BACKENDS, backendFixture, type BackendFixture } from "./each-backend.js";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const caller = (text: string, action = "question") => ({ role: "caller" as const, atMs: 1000, text, lang: "en", action, confidence: 0.9, timings: { endOfSpeechMs: 1000 } });
const sahayak = (text: string, action: string) => ({ role: "sahayak" as const, atMs: 1500, text, lang: "en", action, schemeIds: ["pm-kisan"], timings: { voiceToVoiceMs: 600 } });

function callRecord(callId: string, startedAt: number, turns: CallToStore["turns"], outcome = "goodbye"): CallToStore {
  return { callId, startedAt: new Date(startedAt).toISOString(), durationMs: 30_000, lang: "en", mode: "speech", outcome, states: [{ from: "GREETING", to: "LISTENING", atMs: 1, reason: "x" }], turns, packets: { sent: 10 } };
}

for (const { backend, skip } of BACKENDS) {
  describe(`store backend: ${backend}`, { skip }, () => {
    let fixture: BackendFixture;
    let clock: number;
    let store: StoreBackend;

    beforeEach(async () => {
      clock = Date.parse("2026-11-01T08:00:00Z");
      fixture = await backendFixture(backend, () => clock);
      store = await fixture.open({ store: { rateLimit: { callsPerHour: 2, callsPerDay: 3, allow: ["+91 90000 00000"] } } });
    });
    afterEach(async () => {
      await store?.close();
      fixture?.cleanup();
    });

    it("keeps a session's context, redacted, until its retention ends", async () => {
      await store.sessions.save("caller:abc", { said: "my aadhaar is 2345 6789 0123", turn: 2 }, { lang: "hi", abnormal: true, callId: "c1" });
      const loaded = await store.sessions.load<{ said: string; turn: number }>("caller:abc");
      assert.equal(loaded?.context.turn, 2);
      assert.doesNotMatch(loaded!.context.said, /2345/, "the Aadhaar number is not stored");
      assert.deepEqual([loaded!.lang, loaded!.abnormal, loaded!.lastCallId, loaded!.endedAt], ["hi", true, "c1", clock]);
      clock += 61 * MINUTE;
      assert.equal(await store.sessions.load("caller:abc"), undefined, "expired after the hour");
      assert.equal(await store.sessions.purgeExpired(), 1);
    });

    it("saving again replaces the context and restarts the retention clock", async () => {
      await store.sessions.save("caller:abc", { turn: 1 });
      clock += 50 * MINUTE;
      await store.sessions.save("caller:abc", { turn: 2 }, { abnormal: false });
      clock += 50 * MINUTE;
      const loaded = await store.sessions.load<{ turn: number }>("caller:abc");
      assert.deepEqual([loaded?.context.turn, loaded?.abnormal], [2, false]);
    });

    it("20 calls finishing at once: every record, context and count is there", async () => {
      await Promise.all(
        Array.from({ length: 20 }, async (_, i) => {
          const hash = `caller-${i}`;
          await store.rateLimits.admit(hash);
          await store.calls.open({ callId: `c${i}`, startedAt: clock, callerHash: hash, owner: "o" });
          await store.calls.insert(callRecord(`c${i}`, clock, [caller("what is pm kisan"), sahayak("PM Kisan gives", "answer")]), { callerHash: hash });
          await store.sessions.save(`caller:${hash}`, { turn: i });
        }),
      );
      assert.equal((await store.calls.list()).length, 20);
      assert.equal((await store.calls.outcomes())[0]?.calls, 20);
      for (let i = 0; i < 20; i++) assert.equal((await store.sessions.load<{ turn: number }>(`caller:caller-${i}`))?.context.turn, i);
      assert.equal(await store.rateLimits.purgeOld(), 0, "counts are kept for the day");
    });

    it("a call is on record from arrival, rewritten as it goes, and closed by its own record with its arrival time", async () => {
      const arrived = clock;
      await store.calls.open({ callId: "c1", startedAt: arrived, callerHash: "h1", owner: "host:1:boot:1" });
      await store.calls.open({ callId: "c1", startedAt: arrived + 5, callerHash: "h1", owner: "host:1:boot:1" });
      assert.equal((await store.calls.list())[0]?.outcome, "in_progress");
      await store.calls.progress("c1", { turns: [caller("what is pm kisan"), sahayak("PM Kisan gives", "answer")], states: [{ s: 1 }], lang: "en", mode: "speech" }, arrived + 10_000);
      let shown = await store.calls.show("c1");
      assert.deepEqual([shown?.turns, shown?.durationMs, shown?.lang, shown?.turnList.length], [2, 10_000, "en", 2]);
      await store.calls.insert(callRecord("c1", arrived + 1000, [caller("my number is 98123 45678"), sahayak("PM Kisan gives", "answer"), caller("bye", "goodbye")]), { callerHash: null, continued: "resumed" });
      shown = await store.calls.show("c1");
      assert.equal(shown?.startedAt, new Date(arrived).toISOString(), "the arrival time is kept");
      assert.equal(shown?.durationMs, 31_000);
      assert.equal(shown?.continued, "resumed");
      assert.equal(shown?.turnList.length, 3);
      assert.doesNotMatch(shown!.turnList[0]!.text, /98123/, "the caller's number is redacted");
      assert.deepEqual(shown?.turnList[1]?.schemeIds, ["pm-kisan"]);
      assert.deepEqual(shown?.packets, { sent: 10 });
      assert.deepEqual(await store.calls.closeInterrupted(() => false), [], "a closed call is not open");
    });

    it("calls in progress: the open calls of processes still serving (PostgreSQL: by their lease), as their records last showed them", async () => {
      const running = processOwner();
      await store.calls.open({ callId: "live", startedAt: clock, callerHash: null, owner: running });
      await store.calls.open({ callId: "gone-process", startedAt: clock, callerHash: null, owner: "elsewhere:1:boot:1" });
      await store.calls.open({ callId: "ended", startedAt: clock, callerHash: null, owner: running });
      await store.calls.close("ended", clock + 100);
      await store.calls.progress("live", { turns: [caller("what is pm kisan")], states: [{ from: "GREETING", to: "LISTENING", atMs: 1, reason: "x" }], lang: "en", mode: "speech" }, clock + 2000);
      const lease = await store.holdLease(running, { interrupted: () => undefined });
      try {
        assert.deepEqual(await store.calls.inProgress(), [
          { callId: "live", startedAt: new Date(clock).toISOString(), state: "LISTENING", lang: "en", mode: "speech", turns: 1, ...(backend === "postgres" ? { node: store.node } : {}) },
        ]);
      } finally {
        await lease.stop();
      }
    });

    it("refusals, early ends, calls sent to a person and interrupted calls", async () => {
      await store.calls.open({ callId: "busy", startedAt: clock, callerHash: null, owner: "o" });
      await store.calls.refuse("busy", "busy", clock + 500);
      await store.calls.close("busy", clock + 1500);
      await store.calls.open({ callId: "gone", startedAt: clock, callerHash: null, owner: "o" });
      await store.calls.close("gone", clock + 200, { outcome: "caller_hangup", error: "lost 98123 45678" });
      await store.calls.open({ callId: "orphan", startedAt: clock, callerHash: null, owner: "o" });
      await store.calls.markSentToPerson(["orphan"]);
      const byId = new Map((await store.calls.list()).map((c) => [c.callId, c]));
      assert.deepEqual([byId.get("busy")?.outcome, byId.get("busy")?.durationMs], ["busy", 1500]);
      assert.equal(byId.get("gone")?.outcome, "caller_hangup");
      assert.doesNotMatch(byId.get("gone")!.error!, /98123/);
      assert.equal(byId.get("orphan")?.transferred, true);
      // only the dead owner's open call is closed; "busy" and "gone" are closed already
      await store.calls.open({ callId: "alive", startedAt: clock, callerHash: null, owner: "running" });
      const interrupted = await store.calls.closeInterrupted((owner) => owner === "running");
      const expectOrphan = backend === "sqlite" ? ["orphan"] : [];
      // PostgreSQL closes only this host's calls: "o" names no host, so it belongs to nobody here
      assert.deepEqual(interrupted, expectOrphan);
      const outcomes = await store.calls.outcomes();
      assert.equal(outcomes.reduce((n, o) => n + o.calls, 0), 4);
    });

    it("groups unanswered questions by their words, with reasons and example calls", async () => {
      await store.calls.insert(callRecord("u1", clock, [caller("how to apply for mudra loan"), sahayak("I have no information", "no_info")]), { callerHash: null });
      await store.calls.insert(callRecord("u2", clock + MINUTE, [caller("mudra loan how apply"), sahayak("I have no information", "no_info")]), { callerHash: null });
      const groups = await store.calls.unanswered();
      assert.equal(groups.length, 1);
      assert.deepEqual([groups[0]!.count, groups[0]!.reasons, groups[0]!.callIds], [2, { no_info: 2 }, ["u1", "u2"]]);
      assert.equal(await store.calls.purgeOlderThan(clock + 1), 1);
      assert.equal((await store.calls.unanswered()).length, 1);
    });

    it("the audit log appends in order, redacted, and records which settings changed", async () => {
      await store.audit.append("admin", "kb.edit", "pm-kisan", { phone: "98123 45678" });
      clock += 1000;
      await store.audit.append("admin", "export", null);
      const entries = await store.audit.list();
      assert.deepEqual(entries.map((e) => e.action), ["kb.edit", "export"]);
      assert.doesNotMatch(JSON.stringify(entries[0]!.details), /98123/);
      assert.deepEqual(await store.audit.recordConfig({ a: 1, b: { c: 2 } }, "serve"), ["(first start)"]);
      assert.deepEqual(await store.audit.recordConfig({ a: 1, b: { c: 2 } }, "serve"), []);
      assert.deepEqual(await store.audit.recordConfig({ a: 1, b: { c: 3 } }, "serve"), ["b.c"]);
      assert.equal((await store.audit.list(clock)).length, 3);
    });

    it("rate limits: per hour, then per day, the allow-list never", async () => {
      const admissions = [];
      for (let i = 0; i < 3; i++) admissions.push(await store.rateLimits.admit("h1"));
      assert.deepEqual(admissions.map((a) => a.allowed), [true, true, false]);
      assert.deepEqual(admissions[2], { allowed: false, window: "hour", retryAfterMs: 60 * MINUTE });
      clock += 61 * MINUTE;
      assert.equal((await store.rateLimits.admit("h1")).allowed, true);
      const day = await store.rateLimits.admit("h1");
      assert.equal(day.allowed === false && day.window, "day");
      const allowed = store.callers.hash("9000000000")!;
      for (let i = 0; i < 5; i++) assert.equal((await store.rateLimits.admit(allowed)).allowed, true);
      clock += DAY;
      assert.equal(await store.rateLimits.purgeOld(), 3);
    });

    it("purges what is due, audited; a dry run removes nothing", async () => {
      await store.calls.insert(callRecord("old", clock, [caller("hello")]), { callerHash: null });
      await store.sessions.save("caller:x", { turn: 1 });
      await store.rateLimits.admit("h2");
      clock += 31 * DAY;
      await store.calls.insert(callRecord("new", clock, [caller("hello")]), { callerHash: null });
      const dry = await store.purge("tester", { dryRun: true });
      assert.deepEqual([dry.calls, dry.sessions, dry.rateLimitEntries], [1, 1, 1]);
      assert.equal((await store.calls.list()).length, 2, "the dry run removed nothing");
      const done = await store.purge("tester");
      assert.deepEqual([done.calls, done.sessions, done.rateLimitEntries], [1, 1, 1]);
      assert.deepEqual((await store.calls.list()).map((c) => c.callId), ["new"]);
      assert.equal((await store.audit.list()).at(-1)?.action, "purge");
    });
  });
}
