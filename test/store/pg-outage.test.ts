// PostgreSQL as a cluster's store, beyond what SQLite shares with it: two nodes' rate limits counted together,
// the audit log append-only in the database itself, and the database lost mid-run: calls go on (served as new,
// not limited), their records wait on local disk, survive the node restarting, and all reach the database
// once it is back.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { CallSessions } from "../../src/call/session.js";
import type { CallRecord } from "../../src/call/records.js";
import { newContext } from "../../src/dialogue/index.js";
import { PostgresStore, probePostgres } from "../../src/store/index.js";
import { PG_MIGRATIONS } from "../../src/store/pg-migrations.js";
import { runCli, tempDir, testConfig, until } from "../helpers.js";
import { PgServer, pgUnavailable } from "./pg-server.js";

const skip = pgUnavailable();

describe("store on PostgreSQL: a cluster's database", { skip }, () => {
  let server: PgServer;
  before(async () => {
    server = await PgServer.start();
  });
  after(() => server?.destroy());

  const storeConfig = (dataDir: string, url: string, rateLimit = { callsPerHour: 10, callsPerDay: 30 }) =>
    testConfig(dataDir, { store: { backend: "postgres", postgres: { url, connectTimeoutMs: 500, retryMs: 100, callLookupTimeoutMs: 400 }, rateLimit } }).store;

  function record(callId: string, outcome: CallRecord["outcome"], text: string): CallRecord {
    return {
      callId,
      startedAt: new Date().toISOString(),
      durationMs: 2000,
      lang: "en",
      mode: "speech",
      outcome,
      states: [],
      turns: [{ role: "caller", atMs: 500, text, lang: "en", action: "question", timings: {} }],
      packets: { sent: 0, lateP99Ms: 0, lateMaxMs: 0 },
    } as unknown as CallRecord;
  }

  it("counts a caller's calls across nodes: two nodes admitting at once let in only the limit", async () => {
    const url = await server.newDatabase();
    const dirs = [tempDir(), tempDir()];
    const nodes = await Promise.all(dirs.map((d) => PostgresStore.open(d.path, storeConfig(d.path, url, { callsPerHour: 3, callsPerDay: 30 }))));
    try {
      const admissions = await Promise.all(Array.from({ length: 8 }, (_, i) => nodes[i % 2]!.rateLimits.admit("same-caller")));
      assert.equal(admissions.filter((a) => a.allowed).length, 3);
    } finally {
      for (const n of nodes) await n.close();
      for (const d of dirs) d.cleanup();
    }
  });

  it("a node started while the database is down serves and queues; the schema is made and the records written once it is up", async () => {
    const url = await server.newDatabase();
    const dir = tempDir();
    const config = storeConfig(dir.path, url);
    server.stopServer();
    let store: PostgresStore | undefined;
    try {
      store = await PostgresStore.open(dir.path, config);
      const sessions = new CallSessions(store, config, () => undefined);
      const session = sessions.begin("9876543210", "while-down");
      await session.settled;
      assert.deepEqual([session.admission.allowed, session.continuation.kind], [true, "fresh"]);
      sessions.arrived({ id: "while-down", callerNumber: "9876543210" });
      session.finish(record("while-down", "goodbye", "hello"), newContext("while-down", "en"));
      await store.flushWrites();
      assert.ok(store.pendingWrites() >= 2);
      server.startServer();
      // the queue is retried on its own (store.postgres.retryMs)
      await until(() => store!.pendingWrites() === 0, 10_000);
      assert.deepEqual((await store.calls.list()).map((c) => c.callId), ["while-down"]);
      assert.equal((await store.calls.show("while-down"))?.outcome, "goodbye");
    } finally {
      if (!server.running) server.startServer();
      await store?.close();
      dir.cleanup();
    }
  });

  it("a database from a newer Sahayak is refused with advice; nodes starting together migrate it once", async () => {
    const url = await server.newDatabase();
    const dirs = [tempDir(), tempDir(), tempDir()];
    const stores = await Promise.all(dirs.map((d) => PostgresStore.open(d.path, storeConfig(d.path, url))));
    for (const s of stores) await s.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      assert.deepEqual((await client.query("SELECT version FROM schema_version")).rows, [{ version: PG_MIGRATIONS.length }]);
      await client.query("UPDATE schema_version SET version = 99");
      await assert.rejects(PostgresStore.open(dirs[0]!.path, storeConfig(dirs[0]!.path, url)), /schema version is 99, made by a newer Sahayak.*upgrade this node/);
    } finally {
      await client.end();
      for (const d of dirs) d.cleanup();
    }
  });

  it("doctor's probe: no tables yet, then the schema version; unreachable once the server stops", async () => {
    const url = await server.newDatabase();
    const dir = tempDir();
    const config = storeConfig(dir.path, url);
    try {
      assert.deepEqual(await probePostgres(config), { reachable: true, schemaVersion: 0, known: PG_MIGRATIONS.length, url });
      await (await PostgresStore.open(dir.path, config)).close();
      assert.equal((await probePostgres(config)).schemaVersion, PG_MIGRATIONS.length);
      server.stopServer();
      const down = await probePostgres(config);
      assert.equal(down.reachable, false);
      assert.match(down.error ?? "", /ECONNREFUSED|connect/);
    } finally {
      if (!server.running) server.startServer();
      dir.cleanup();
    }
  });

  it("`sahayak calls list` and `calls show` on another node read the cluster's PostgreSQL, the view audited there", async () => {
    const url = await server.newDatabase();
    const dir = tempDir();
    const store = await PostgresStore.open(dir.path, storeConfig(dir.path, url));
    try {
      await store.calls.insert({ ...record("on-node-b", "goodbye", "what is apy"), startedAt: new Date().toISOString() }, { callerHash: null });
      const configFile = join(dir.path, "config.json");
      writeFileSync(configFile, JSON.stringify({ store: { backend: "postgres", postgres: { url } } }));
      const cliData = join(dir.path, "other-node");
      mkdirSync(cliData);
      const list = runCli(["--config", configFile, "calls", "list", "--json"], { dataDir: cliData });
      assert.equal(list.status, 0, list.stderr);
      assert.deepEqual((JSON.parse(list.stdout) as { calls: { callId: string }[] }).calls.map((c) => c.callId), ["on-node-b"]);
      const show = runCli(["--config", configFile, "calls", "show", "on-node-b", "--json"], { dataDir: cliData });
      assert.equal(show.status, 0, show.stderr);
      assert.equal((await store.audit.list()).at(-1)?.action, "calls.show", "the view is audited in the shared log");
    } finally {
      await store.close();
      dir.cleanup();
    }
  });

  it("a caller whose call dropped on node A is resumed on node B (same salt, one database)", async () => {
    const url = await server.newDatabase();
    const [a, b] = [tempDir(), tempDir()];
    // the nodes of a cluster share the caller salt (else one caller is two strangers)
    const salt = "0123456789abcdef0123456789abcdef0123456789abcdef";
    for (const d of [a, b]) {
      mkdirSync(join(d.path, "secrets"), { recursive: true });
      writeFileSync(join(d.path, "secrets", "caller-salt"), salt, { mode: 0o600 });
    }
    const [storeA, storeB] = [await PostgresStore.open(a.path, storeConfig(a.path, url)), await PostgresStore.open(b.path, storeConfig(b.path, url))];
    try {
      const nodeA = new CallSessions(storeA, storeConfig(a.path, url), () => "PM-KISAN");
      const nodeB = new CallSessions(storeB, storeConfig(b.path, url), () => "PM-KISAN");
      const first = nodeA.begin("+91 98765 43210", "on-a");
      await first.settled;
      first.finish(record("on-a", "caller_hangup", "what is pm kisan"), { ...newContext("on-a", "en"), turn: 1 });
      await storeA.flushWrites();
      const again = nodeB.begin("09876543210", "on-b");
      await again.settled;
      assert.equal(again.continuation.kind, "resumed", "node B knows the caller node A served");
    } finally {
      await storeA.close();
      await storeB.close();
      a.cleanup();
      b.cleanup();
    }
  });

  it("the audit log refuses updates, deletes and truncation in the database itself", async () => {
    const url = await server.newDatabase();
    const dir = tempDir();
    const store = await PostgresStore.open(dir.path, storeConfig(dir.path, url));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await store.audit.append("admin", "export", null);
      await assert.rejects(client.query("UPDATE audit SET actor = 'someone else'"), /append-only/);
      await assert.rejects(client.query("DELETE FROM audit"), /append-only/);
      await assert.rejects(client.query("TRUNCATE audit"), /append-only/);
      assert.equal((await store.audit.list()).length, 1);
    } finally {
      await client.end();
      await store.close();
      dir.cleanup();
    }
  });

  it("the database stopped mid-run: calls are served as new, records queue on disk, survive a restart of the node, and all arrive", async () => {
    const url = await server.newDatabase();
    const dir = tempDir();
    const config = storeConfig(dir.path, url);
    let store = await PostgresStore.open(dir.path, config);
    let sessions = new CallSessions(store, config, () => undefined);
    const caller = "9876543210";
    try {
      // before the outage: a call that drops, so the caller's next call would resume it
      let session = sessions.begin(caller, "before");
      await session.settled;
      sessions.arrived({ id: "before", callerNumber: caller });
      const context = { ...newContext("before", "en"), turn: 1 };
      session.finish(record("before", "caller_hangup", "what is pm kisan"), context);
      await store.flushWrites();
      session = sessions.begin(caller, "check");
      await session.settled;
      assert.equal(session.continuation.kind, "resumed", "the database works: the dropped call is resumed");

      server.stopServer();
      const started = performance.now();
      session = sessions.begin(caller, "during-1");
      await session.settled;
      assert.ok(performance.now() - started < 1500, `the lookup gave up quickly: ${Math.round(performance.now() - started)} ms`);
      assert.deepEqual([session.admission.allowed, session.continuation.kind], [true, "fresh"], "served as new and not limited while the database is down");
      const during = ["during-1", "during-2", "during-3"];
      for (const id of during) {
        sessions.arrived({ id, callerNumber: caller });
        sessions.progress(id, { turns: [{ role: "caller", atMs: 100, text: "my number is 98123 45678", lang: "en", timings: {} }], states: [] });
      }
      sessions.begin(caller, "during-1").finish(record("during-1", "goodbye", "thank you"), newContext("during-1", "en"));
      sessions.ended("during-2", { outcome: "caller_hangup" });
      await store.flushWrites();
      assert.ok(store.pendingWrites() >= 8, `the records wait on local disk: ${store.pendingWrites()}`);
      assert.match(store.health().detail, /unreachable/);
      assert.equal(store.health().ok, true, "a node without its database stays ready: it keeps taking calls");

      // the node restarts while the database is still down: what was queued is kept
      await store.close();
      server.startServer();
      store = await PostgresStore.open(dir.path, config);
      sessions = new CallSessions(store, config, () => undefined);
      await store.flushWrites();
      assert.equal(store.pendingWrites(), 0);
      const calls = new Map((await store.calls.list()).map((c) => [c.callId, c]));
      assert.deepEqual([...calls.keys()].sort(), ["before", ...during].sort(), "no call record was lost");
      assert.equal(calls.get("during-1")?.outcome, "goodbye");
      assert.equal(calls.get("during-2")?.outcome, "caller_hangup");
      assert.equal(calls.get("during-3")?.outcome, "in_progress", "still open: its process (this one) is alive");
      const progress = await store.calls.show("during-3");
      assert.equal(progress?.turnList.length, 1);
      assert.doesNotMatch(progress!.turnList[0]!.text, /98123/, "redacted before it was queued");
    } finally {
      await store.close();
      dir.cleanup();
    }
  });
});
