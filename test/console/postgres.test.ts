// The console of a cluster node whose store is PostgreSQL (a private server this file starts): an account
// made with `sahayak users add` on that database logs in; the calls list, a call's turns, the overview, the
// unanswered report and the audit log show the records two other nodes wrote; and a database that goes away
// gives the API a 503 and the browser a page saying so, until it is back.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { PostgresStore } from "../../src/store/index.js";
import { runCli, tempDir, testConfig } from "../helpers.js";
import { PgServer, pgUnavailable } from "../store/pg-server.js";
import { apiLogin, startConsoleFixture, type ConsoleFixture } from "./fixture.js";
import { STARTED, writeNodesRecords } from "./pg-records.js";

const skip = pgUnavailable();
const MEERA = { user: "meera", password: "river-stone-4711" };
describe("console on PostgreSQL", { skip }, () => {
  let server: PgServer;
  let f: ConsoleFixture;
  let session: { cookie: string; csrf: string };
  const nodeDirs = tempDir("sahayak-console-pg-");

  before(async () => {
    server = await PgServer.start();
    const url = await server.newDatabase();
    await writeNodesRecords(url, nodeDirs.path);
    f = await startConsoleFixture({ config: { store: { backend: "postgres", postgres: { url, node: "console-node", connectTimeoutMs: 1000 } } } });
    // the account is made as a sysadmin makes it: `sahayak users add` on a node configured for the cluster's database
    const configFile = join(nodeDirs.path, "cluster.json");
    writeFileSync(configFile, JSON.stringify({ store: { backend: "postgres", postgres: { url, node: "admin-node" } } }));
    const added = runCli(["--config", configFile, "users", "add", MEERA.user, "--role", "viewer", "--password-stdin", "--actor", "root"], { dataDir: join(nodeDirs.path, "admin-node"), input: `${MEERA.password}\n` });
    assert.equal(added.status, 0, added.stderr);
    session = await apiLogin(f.url, "viewer", MEERA);
  });
  after(async () => {
    await f?.cleanup();
    server?.destroy();
    nodeDirs.cleanup();
  });

  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${f.url}/api/v1${path}`, { headers: { cookie: session.cookie } });
    assert.equal(response.status, 200, `${path}: ${await response.clone().text()}`);
    return (await response.json()) as T;
  };

  it("the account `users add` made in PostgreSQL logs in, and the login is in the audit log with this node's name", async () => {
    const me = await get<{ user: string; role: string }>("/session");
    assert.deepEqual([me.user, me.role], [MEERA.user, "viewer"]);
    const audit = await get<{ entries: { actor: string; action: string; target: string; node?: string }[] }>(`/audit?action=login&actor=${MEERA.user}`);
    assert.deepEqual(
      audit.entries.map((e) => [e.action, e.target, e.node]),
      [["login", MEERA.user, "console-node"]],
    );
    const added = await get<{ entries: { actor: string; node?: string }[] }>(`/audit?action=users.add&target=${MEERA.user}`);
    assert.deepEqual(
      added.entries.map((e) => [e.actor, e.node]),
      [["root", "admin-node"]],
    );
  });

  it("the calls list shows both nodes' calls, filters them, and a call's detail has its turns, redacted", async () => {
    const all = await get<{ total: number; calls: { callId: string; node?: string; outcome: string; turns: number }[] }>("/calls");
    assert.equal(all.total, 2);
    assert.deepEqual(all.calls.map((c) => [c.callId, c.node, c.turns]).sort(), [
      ["call-on-a", "node-a", 4],
      ["call-on-b", "node-b", 4],
    ]);
    const hungUp = await get<{ total: number; calls: { callId: string }[] }>("/calls?outcome=caller_hangup&lang=en&mode=speech");
    assert.deepEqual([hungUp.total, hungUp.calls.map((c) => c.callId)], [1, ["call-on-b"]]);
    const paged = await get<{ total: number; calls: unknown[] }>("/calls?page=2&pageSize=1");
    assert.deepEqual([paged.total, paged.calls.length], [2, 1]);

    const detail = await get<{ callId: string; node?: string; turnList: { role: string; text: string; unanswered?: string; timings: Record<string, number> }[] }>("/calls/call-on-b");
    assert.equal(detail.node, "node-b");
    assert.deepEqual(
      detail.turnList.map((t) => t.role),
      ["caller", "sahayak", "caller", "sahayak"],
    );
    assert.equal(detail.turnList[0]!.unanswered, "out_of_scope");
    assert.equal(detail.turnList[2]!.text, "what is pm kisan, my number is [phone]");
    assert.equal(detail.turnList[3]!.timings.voiceToVoiceMs, 700);
    const views = await get<{ entries: { actor: string }[] }>("/audit?action=calls.show&target=call-on-b");
    assert.deepEqual(
      views.entries.map((e) => e.actor),
      [MEERA.user],
    );
    const missing = await fetch(`${f.url}/api/v1/calls/no-such-call`, { headers: { cookie: session.cookie } });
    assert.equal(missing.status, 404);
  });

  it("the unanswered report and the overview count both nodes' calls", async () => {
    const report = await get<{ total: number; groups: { question: string; count: number; callIds: string[] }[] }>("/unanswered");
    assert.equal(report.total, 2);
    assert.deepEqual(report.groups.map((g) => [g.question, g.callIds]).sort(), [
      ["how do I get a ration card in bihar", ["call-on-a"]],
      ["what is the price of onions today", ["call-on-b"]],
    ]);
    // the overview is read a minute after the calls: a run that crosses midnight would otherwise find them yesterday
    f.clock.offsetMs = STARTED + 60_000 - Date.now();
    const overview = await get<{ today: { calls: number; outcomes: Record<string, number> }; stats: { calls: number; buckets: { replies: number; voiceToVoiceP50Ms: number | null; voiceToVoiceP95Ms: number | null }[] } }>("/overview?range=24h").finally(() => {
      f.clock.offsetMs = 0;
    });
    assert.equal(overview.today.calls, 2);
    assert.deepEqual(overview.today.outcomes, { goodbye: 1, caller_hangup: 1 });
    assert.equal(overview.stats.calls, 2);
    const replies = overview.stats.buckets.filter((b) => b.replies > 0);
    assert.deepEqual(
      replies.map((b) => [b.replies, b.voiceToVoiceP50Ms, b.voiceToVoiceP95Ms]),
      [[4, 500, 700]],
    );
  });

  it("the audit log shows every node's entries", async () => {
    const purges = await get<{ total: number; entries: { node?: string }[] }>("/audit?action=purge");
    assert.equal(purges.total, 2);
    assert.deepEqual(purges.entries.map((e) => e.node).sort(), ["node-a", "node-b"]);
  });

  it("with the database stopped the API answers 503 and pages say what to check; it serves again once the database is back", async () => {
    server.stopServer();
    try {
      const api = await fetch(`${f.url}/api/v1/calls`, { headers: { cookie: session.cookie } });
      assert.equal(api.status, 503);
      assert.equal(api.headers.get("retry-after"), "10");
      const body = (await api.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, "database_unavailable");
      assert.match(body.error.message, /PostgreSQL database \(store\.postgres\.url\)/);
      assert.doesNotMatch(body.error.message, /127\.0\.0\.1|ECONNREFUSED/, "the database's address stays in the server's log");
      for (const path of ["/calls", "/login"]) {
        const page = await fetch(`${f.url}${path}`, { headers: { cookie: session.cookie }, redirect: "manual" });
        assert.equal(page.status, 503, path);
        assert.match(page.headers.get("content-type") ?? "", /text\/html/);
        const text = await page.text();
        assert.match(text, /cannot use the cluster's PostgreSQL database/, path);
        assert.doesNotMatch(text, /127\.0\.0\.1|ECONNREFUSED/, `${path}: the database's address stays in the server's log`);
      }
      // a login cannot be checked either: it is not taken for a wrong password (nothing counts against the account)
      const login = await fetch(`${f.url}/api/v1/login`, { method: "POST", headers: { "content-type": "application/json", cookie: `sahayak_login=${"a".repeat(43)}`, "x-csrf-token": "a".repeat(43) }, body: JSON.stringify(MEERA) });
      assert.equal(login.status, 503);
    } finally {
      server.startServer();
    }
    const back = await get<{ total: number }>("/calls");
    assert.equal(back.total, 2);
  });

  it("a call another node has open is among the calls in progress, with its node, until that node's lease is gone", async () => {
    const dir = join(nodeDirs.path, "node-c");
    const nodeC = await PostgresStore.open(dir, testConfig(dir, { store: { backend: "postgres", postgres: { url: f.config.store.postgres.url, node: "node-c" } } }).store);
    const owner = "node-c-host:4242:boot:1";
    const lease = await nodeC.holdLease(owner, { interrupted: () => undefined });
    try {
      await nodeC.calls.open({ callId: "live-on-c", startedAt: nodeC.now(), callerHash: null, owner });
      await nodeC.calls.progress("live-on-c", { turns: [], states: [{ from: "CALL_INITIATED", to: "GREETING", atMs: 5, reason: "answered" }], lang: "hi", mode: "keypad" }, nodeC.now());
      const live = await get<{ inServe: boolean; calls: { callId: string; node?: string; state: string; lang: string; mode: string }[] }>("/live");
      assert.equal(live.inServe, false, "this console runs alone");
      assert.deepEqual(
        live.calls.map((c) => [c.callId, c.node, c.state, c.lang, c.mode]),
        [["live-on-c", "node-c", "GREETING", "hi", "keypad"]],
      );
      const overview = await get<{ live: { calls: { callId: string }[] } }>("/overview");
      assert.deepEqual(overview.live.calls.map((c) => c.callId), ["live-on-c"]);
    } finally {
      await lease.stop();
    }
    const after = await get<{ calls: unknown[] }>("/live");
    assert.deepEqual(after.calls, [], "a node whose lease is gone has no calls in progress");
    await nodeC.close();
  });
});
