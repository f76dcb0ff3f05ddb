// Several nodes on one PostgreSQL: each call and audit entry names the node it happened on, and the CLI on any
// node shows them all; a node that stops renewing its lease has its open calls recorded as interrupted by a
// peer, while a live node's calls are left alone and a record written late (a node cut off, not dead) wins.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { CallSessions } from "../../src/call/session.js";
import type { CallRecord } from "../../src/call/records.js";
import { newContext } from "../../src/dialogue/index.js";
import { PostgresStore } from "../../src/store/index.js";
import type { CallToStore } from "../../src/store/index.js";
import { runCli, tempDir, testConfig } from "../helpers.js";
import { PgServer, pgUnavailable } from "./pg-server.js";

const skip = pgUnavailable();
const LEASE = { heartbeatMs: 60_000, leaseMs: 120_000 };
const MINUTE = 60_000;
// the nodes of a cluster share the caller salt (else one caller is two strangers)
const SALT = "0123456789abcdef0123456789abcdef0123456789abcdef";

describe("store on PostgreSQL: nodes of one cluster", { skip }, () => {
  let server: PgServer;
  before(async () => {
    server = await PgServer.start();
  });
  after(() => server?.destroy());

  const storeConfig = (dataDir: string, url: string, node: string) => testConfig(dataDir, { store: { backend: "postgres", postgres: { url, node, connectTimeoutMs: 500, retryMs: 100, ...LEASE } } }).store;

  /** Two nodes' stores on one database, sharing a clock the test moves. */
  async function twoNodes(url: string, clock: { now: number }) {
    const dirs = [tempDir(), tempDir()];
    for (const d of dirs) {
      mkdirSync(join(d.path, "secrets"), { recursive: true });
      writeFileSync(join(d.path, "secrets", "caller-salt"), SALT, { mode: 0o600 });
    }
    const [a, b] = await Promise.all(["node-a", "node-b"].map((node, i) => PostgresStore.open(dirs[i]!.path, storeConfig(dirs[i]!.path, url, node), { now: () => clock.now })));
    return {
      a: a!,
      b: b!,
      config: storeConfig(dirs[0]!.path, url, "node-a"),
      async close() {
        await Promise.all([a!.close(), b!.close()]);
        dirs.forEach((d) => d.cleanup());
      },
    };
  }

  function finished(callId: string, at: number, outcome: string): CallToStore {
    return { callId, startedAt: new Date(at).toISOString(), durationMs: 3000, lang: "en", mode: "keypad", outcome, states: [], turns: [] } as unknown as CallToStore;
  }

  it("every call and audit entry names its node; `calls list` and `audit` on a third show both nodes'", async () => {
    const url = await server.newDatabase();
    const clock = { now: Date.now() - 60_000 };
    const nodes = await twoNodes(url, clock);
    try {
      await nodes.a.calls.open({ callId: "call-on-a", startedAt: clock.now, callerHash: null, owner: "elsewhere:1::" });
      await nodes.a.calls.insert(finished("call-on-a", clock.now, "goodbye"), { callerHash: null });
      await nodes.b.calls.insert(finished("call-on-b", clock.now + 1000, "caller_hangup"), { callerHash: null });
      await nodes.b.audit.append("asha", "kb.update", "pm-kisan");
      await Promise.all([nodes.a.flushWrites(), nodes.b.flushWrites()]);
      assert.deepEqual((await nodes.a.calls.list()).map((c) => [c.callId, c.node]), [["call-on-b", "node-b"], ["call-on-a", "node-a"]]);

      const cli = tempDir();
      try {
        const configFile = join(cli.path, "config.json");
        writeFileSync(configFile, JSON.stringify({ store: { backend: "postgres", postgres: { url, node: "node-c" } } }));
        mkdirSync(join(cli.path, "data"));
        const run = (...args: string[]) => {
          const r = runCli(["--config", configFile, ...args], { dataDir: join(cli.path, "data") });
          assert.equal(r.status, 0, r.stderr);
          return r.stdout;
        };
        const listed = JSON.parse(run("calls", "list", "--json")) as { calls: { callId: string; node?: string }[] };
        assert.deepEqual(listed.calls.map((c) => `${c.callId}@${c.node}`), ["call-on-b@node-b", "call-on-a@node-a"]);
        const text = run("calls", "list").split("\n");
        assert.match(text[0]!, /^call-on-b\s+node-b\s+\d{4}-/);
        assert.match(text[1]!, /^call-on-a\s+node-a\s+\d{4}-/);
        assert.match(run("audit"), /node-b\s+asha\s+kb\.update\s+pm-kisan/);
      } finally {
        cli.cleanup();
      }
    } finally {
      await nodes.close();
    }
  });

  it("a node whose lease lapses has its open calls recorded as interrupted by a peer; a live node's stay open; a late record wins", async () => {
    const url = await server.newDatabase();
    const clock = { now: Date.now() };
    const nodes = await twoNodes(url, clock);
    const [ownerA, ownerB] = ["host-a:101:boot:1", "host-b:202:boot:1"];
    try {
      const leaseA = await nodes.a.holdLease(ownerA, { interrupted: () => undefined, kbVersion: () => 7 });
      const interruptedByB: string[][] = [];
      const leaseB = await nodes.b.holdLease(ownerB, { interrupted: (ids) => interruptedByB.push(ids), kbVersion: () => 8 });
      await nodes.a.calls.open({ callId: "a-killed", startedAt: clock.now, callerHash: null, owner: ownerA });
      await nodes.a.calls.open({ callId: "a-cut-off", startedAt: clock.now, callerHash: null, owner: ownerA });
      await nodes.b.calls.open({ callId: "b-live", startedAt: clock.now, callerHash: null, owner: ownerB });
      await Promise.all([nodes.a.flushWrites(), nodes.b.flushWrites()]);
      // each serving process reports the knowledge base it answers from: `kb status` on any node lists them
      assert.deepEqual((await nodes.a.servingNodes()).map((n) => [n.node, n.process, n.kbVersion]), [["node-a", "host-a:101", 7], ["node-b", "host-b:202", 8]]);
      const cli = tempDir();
      try {
        const configFile = join(cli.path, "config.json");
        writeFileSync(configFile, JSON.stringify({ store: { backend: "postgres", postgres: { url } } }));
        const status = runCli(["--config", configFile, "kb", "status"], { dataDir: cli.path });
        assert.equal(status.status, 0, status.stderr);
        assert.match(status.stdout, /^node-a\s+version 7 \(the newest served is 8\)\s+host-a:101, last heartbeat /m);
        assert.match(status.stdout, /^node-b\s+version 8\s+host-b:202/m);
      } finally {
        cli.cleanup();
      }

      // A beats, then stops (killed); just before its lease lapses, B closes nothing
      clock.now += LEASE.heartbeatMs;
      assert.deepEqual(await leaseA.beat(), []);
      clock.now += LEASE.leaseMs - 1;
      assert.deepEqual(await leaseB.beat(), [], "A's lease has not lapsed yet");
      assert.equal((await nodes.b.calls.show("a-killed"))?.outcome, "in_progress");

      clock.now += 2;
      assert.deepEqual((await leaseB.beat()).sort(), ["a-cut-off", "a-killed"], "B records A's open calls as interrupted");
      assert.deepEqual(interruptedByB.flat().sort(), ["a-cut-off", "a-killed"], "and says so");
      const killed = (await nodes.b.calls.show("a-killed"))!;
      assert.equal(killed.outcome, "interrupted");
      assert.equal(killed.node, "node-a");
      assert.match(killed.error ?? "", /node-a.*lease.*node-b/);
      assert.equal((await nodes.b.calls.show("b-live"))?.outcome, "in_progress", "B's own call, under a live lease, stays open");
      assert.deepEqual(await leaseB.beat(), [], "closed once");

      // A was cut off, not dead: the call's own record, written when the database is back, replaces the guess
      await nodes.a.calls.insert(finished("a-cut-off", clock.now - 5000, "goodbye"), { callerHash: null });
      await nodes.a.flushWrites();
      const cutOff = (await nodes.b.calls.show("a-cut-off"))!;
      assert.deepEqual([cutOff.outcome, cutOff.error, cutOff.node], ["goodbye", null, "node-a"]);

      // a clean stop gives the lease up at once (nothing left to wait out)
      await leaseB.stop();
      const db = new pg.Client({ connectionString: url });
      await db.connect();
      try {
        assert.deepEqual((await db.query<{ owner: string }>("SELECT owner FROM owner_leases")).rows, [], "no lease is left: B gave its up, A's lapsed one was removed");
      } finally {
        await db.end();
      }
    } finally {
      await nodes.close();
    }
  });

  it("the 60-minute carry-on across nodes: a conversation that ended on A is offered on B 30 minutes on, and not after the hour", async () => {
    const url = await server.newDatabase();
    const clock = { now: Date.parse("2026-11-20T09:00:00Z") };
    const nodes = await twoNodes(url, clock);
    const names = (id: string) => (id === "pm-kisan" ? "PM Kisan" : undefined);
    const [onA, onB] = [new CallSessions(nodes.a, nodes.config, names), new CallSessions(nodes.b, nodes.config, names)];
    try {
      const first = onA.begin("+91 98123 45678", "on-a");
      await first.settled;
      onA.arrived({ id: "on-a", callerNumber: "+91 98123 45678" });
      const record = { callId: "on-a", startedAt: new Date(clock.now).toISOString(), durationMs: 40_000, lang: "en", mode: "speech", outcome: "goodbye", states: [], turns: [] } as unknown as CallRecord;
      first.finish(record, { ...newContext("on-a", "en"), turn: 2, currentScheme: { id: "pm-kisan", turn: 2 }, mentioned: [{ id: "pm-kisan", turn: 2 }] });
      await nodes.a.flushWrites();

      clock.now += 30 * MINUTE;
      const back = onB.begin("09812345678", "on-b-after-30");
      await back.settled;
      assert.equal(back.continuation.kind, "returning", "node B offers to carry on the conversation node A ended");
      assert.deepEqual(back.continuation.kind === "returning" && [back.continuation.schemeName, back.continuation.context.turn], ["PM Kisan", 2]);

      clock.now += 31 * MINUTE;
      const late = onB.begin("9812345678", "on-b-after-61");
      await late.settled;
      assert.equal(late.admission.allowed, true);
      assert.equal(late.continuation.kind, "fresh", "after the hour the conversation is gone on every node");
    } finally {
      await nodes.close();
    }
  });
});
