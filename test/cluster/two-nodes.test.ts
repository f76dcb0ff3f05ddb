// Two Sahayak nodes, as a cluster runs them: two `serve` processes, each with its own PBX (simulator), one
// PostgreSQL. A caller whose call dropped on A is resumed on B; a caller's rate limit counts both nodes' calls;
// the database stopped for 30 s while calls go on loses no call record; A killed mid-call leaves that call recorded as
// interrupted (by B, once A's lease lapses) while B keeps serving; a knowledge base edited and published on A
// reaches B, which switches to it between calls. Calls run by keypad (no recogniser is installed), so the nodes
// start quickly; the lease is short so nothing waits long.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { projectRoot } from "../../src/config.js";
import { KnowledgeStore } from "../../src/knowledge/index.js";
import { PostgresStore, type CallDetail } from "../../src/store/index.js";
import { PbxSimulator } from "../../src/telephony/sim/server.js";
import { cliCommand, runCliAsync, sampleRecords, sleep, tempDir, testConfig } from "../helpers.js";
import { PgServer, pgUnavailable } from "../store/pg-server.js";

const skip = pgUnavailable();
const SIM = { user: "sahayak", password: "simulator" };
/** Start-up on a loaded machine (the knowledge base opens, prompts are made) takes well under this. */
const START_WITHIN_MS = 120_000;
const CALLER_SALT = "0123456789abcdef0123456789abcdef0123456789abcdef";
const LEASE = { heartbeatMs: 400, leaseMs: 2500 };
/** How long the database is stopped while calls go on: the 30 s issue 21 names, far beyond every node's lease. */
const OUTAGE_MS = 30_000;

interface Node {
  name: string;
  pbx: PbxSimulator;
  child: ChildProcess;
  log(): string;
}

async function poll<T>(what: string, check: () => Promise<T | undefined> | T | undefined, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const found = await check();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error(`waited ${ms} ms for ${what}`);
    await sleep(100);
  }
}

describe("two nodes, one PostgreSQL", { skip }, () => {
  let server: PgServer;
  let work: { path: string; cleanup(): void };
  let url: string;
  let store: PostgresStore;
  const nodes: Node[] = [];

  /** A data directory with the cluster's caller salt (as `sahayak cluster config` renders it), or one caller is two strangers. */
  function dataDirFor(name: string): string {
    const dataDir = join(work.path, name);
    mkdirSync(join(dataDir, "secrets"), { recursive: true });
    writeFileSync(join(dataDir, "secrets", "caller-salt"), CALLER_SALT, { mode: 0o600 });
    return dataDir;
  }

  async function startNode(name: string): Promise<Node> {
    const dataDir = dataDirFor(name);
    const kb = await KnowledgeStore.open({ dataDir, knowledge: testConfig(dataDir).knowledge });
    await kb.apply({ upserts: sampleRecords(["pm-kisan"]), deletes: [] }, { actor: "test", reason: "test", op: "import" });
    kb.close();
    const pbx = new PbxSimulator(SIM);
    await pbx.start();
    const configFile = join(work.path, `${name}.json`);
    writeFileSync(
      configFile,
      JSON.stringify({
        dataDir,
        modelsDir: join(work.path, "no-models"),
        telephony: { ari: { url: pbx.url, ...SIM } },
        ops: { http: { enabled: false } },
        console: { enabled: false },
        store: {
          backend: "postgres",
          // a loaded test machine may answer a lookup slower than a call would wait for it in service
          postgres: { url, node: name, retryMs: 200, connectTimeoutMs: 500, callLookupTimeoutMs: 5000, ...LEASE },
          rateLimit: { callsPerHour: 2 },
          recordProgressSeconds: 0.2,
        },
      }),
    );
    const child = spawn(process.execPath, [...cliCommand(), "--config", configFile, "serve"], {
      cwd: projectRoot,
      env: { ...process.env, SAHAYAK_CONFIG: "", LANCEDB_LOG: "error" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    child.stdout!.on("data", (d: Buffer) => (log += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (log += d.toString()));
    const node = { name, pbx, child, log: () => log };
    nodes.push(node);
    return node;
  }

  before(async () => {
    server = await PgServer.start();
    url = await server.newDatabase();
    work = tempDir("sahayak-two-nodes-");
    const [a, b] = await Promise.all([startNode("node-a"), startNode("node-b")]);
    for (const n of [a!, b!]) await poll(`${n.name} to serve`, () => (n.pbx.registered("sahayak") ? true : n.child.exitCode === null ? undefined : assert.fail(`${n.name} exited: ${n.log()}`)), START_WITHIN_MS);
    // the test reads the database as a third node would
    const reader = dataDirFor("reader");
    store = await PostgresStore.open(reader, testConfig(reader, { store: { backend: "postgres", postgres: { url } } }).store, { sendQueued: false });
  });

  after(async () => {
    await store?.close();
    for (const n of nodes) {
      if (n.child.exitCode === null && n.child.signalCode === null) {
        const exited = new Promise((r) => n.child.once("exit", r));
        n.child.kill("SIGTERM");
        await exited;
      }
      await n.pbx.stop();
    }
    server?.destroy();
    work?.cleanup();
  });

  const node = (name: string) => nodes.find((n) => n.name === name)!;

  /** A call placed on `n`'s PBX, once the caller hears Sahayak (its rate limit and earlier conversation are then known). */
  async function call(n: Node, number: string): Promise<string> {
    const id = n.pbx.placeCall({ app: "sahayak", number });
    await poll(`the caller on ${n.name} to hear Sahayak`, () => ((n.pbx.callerMedia(id)?.heardAt.length ?? 0) > 0 || n.pbx.counts().channels === 0 ? true : undefined));
    return id;
  }

  /** The call's record once its node has written how it ended. */
  const ended = (id: string, ms?: number): Promise<CallDetail> => poll(`call ${id}'s final record`, async () => {
    const c = await store.calls.show(id);
    return c && c.outcome !== "in_progress" ? c : undefined;
  }, ms);

  /**
   * The caller picks English, then the first topic, scheme and question by key, and hears the answer begin:
   * the node keeps the conversation so far in the database once it has answered.
   */
  async function answered(n: Node, id: string, number: string): Promise<void> {
    await n.pbx.sendDtmf(id, "2111");
    await poll("the conversation kept mid-call", async () => ((await store.sessions.load(`caller:${store.callers.hash(number)}`)) ? true : undefined));
    const kept = performance.now();
    await poll("the answer to be heard", () => ((n.pbx.callerMedia(id)?.heardAt.at(-1) ?? 0) > kept + 1000 ? true : undefined));
  }

  it("a caller whose call dropped on A is resumed on B", async () => {
    const onA = await call(node("node-a"), "9876500001");
    // an answer is under way when the line drops
    await answered(node("node-a"), onA, "9876500001");
    node("node-a").pbx.callerHangup(onA);
    const dropped = await ended(onA);
    assert.deepEqual([dropped.node, dropped.outcome], ["node-a", "caller_hangup"]);
    assert.deepEqual(dropped.turnList.filter((t) => t.role === "caller").map((t) => t.dtmf), ["2", "1", "1", "1"]);

    const onB = await call(node("node-b"), "+91 98765 00001");
    await sleep(300);
    node("node-b").pbx.callerHangup(onB);
    const resumed = await ended(onB);
    assert.deepEqual([resumed.node, resumed.continued], ["node-b", "resumed"], "B carried on A's conversation");
  });

  it("a caller's rate limit counts the calls of both nodes", async () => {
    const outcomes: string[] = [];
    for (const name of ["node-a", "node-b", "node-a"]) {
      const n = node(name);
      const id = await call(n, "9876500002");
      n.pbx.callerHangup(id);
      outcomes.push(`${(await ended(id)).node}:${(await ended(id)).outcome}`);
    }
    assert.deepEqual(outcomes, ["node-a:caller_hangup", "node-b:caller_hangup", "node-a:rate_limited"], "two calls an hour, wherever they land");
  });

  it("the database stopped for 30 s while calls go on loses no call record; a call spanning the outage keeps its own", async () => {
    server.stopServer();
    const downAt = performance.now();
    let spanning: string;
    const during: string[] = [];
    try {
      for (const [i, name] of ["node-a", "node-b"].entries()) {
        const id = await call(node(name), `987650010${i}`);
        node(name).pbx.callerHangup(id);
        during.push(id);
      }
      spanning = await call(node("node-a"), "9876500110");
      // calls keep coming as the outage goes on: one more near its end, after every lease has lapsed
      await poll("the outage to near its end", () => (performance.now() - downAt > OUTAGE_MS - 5000 ? true : undefined), OUTAGE_MS);
      const late = await call(node("node-b"), "9876500102");
      node("node-b").pbx.callerHangup(late);
      during.push(late);
      await poll("the outage to last its time", () => (performance.now() - downAt > OUTAGE_MS ? true : undefined), OUTAGE_MS);
    } finally {
      server.startServer();
    }
    const outageMs = performance.now() - downAt;
    for (const id of during) assert.equal((await ended(id)).outcome, "caller_hangup", `call ${id} made during the outage`);
    node("node-a").pbx.callerHangup(spanning);
    const whole = await poll("the spanning call's own record", async () => {
      const c = await store.calls.show(spanning);
      return c?.outcome === "caller_hangup" ? c : undefined;
    });
    assert.equal(whole.node, "node-a");
    assert.ok(outageMs > OUTAGE_MS, `the outage lasted ${Math.round(outageMs)} ms`);
    assert.match(node("node-a").log() + node("node-b").log(), /PostgreSQL|database/);
  });

  it("`kb publish` on A after an edit there reaches B, which switches to it once its call in progress ends; B's next call answers with the edit", async () => {
    const [a, b] = [node("node-a"), node("node-b")];
    const fact = "Each farming family also gets a solar water pump free of cost.";
    const cli = (n: Node, ...args: string[]) => runCliAsync(["--config", join(work.path, `${n.name}.json`), ...args], { dataDir: join(work.path, n.name) });
    // the scheme's benefits become this one sentence (a short answer to say)
    const edited = await cli(a, "kb", "update", "pm-kisan", "--set", `benefits.en=${JSON.stringify([fact])}`, "--reason", "a new benefit");
    assert.equal(edited.status, 0, edited.stderr);
    const inProgress = await call(b, "9876500201");
    const published = await cli(a, "kb", "publish", "--actor", "asha");
    assert.equal(published.status, 0, published.stderr);
    assert.match(published.stdout, /^published version 2 \(1 schemes, .* sha256 [0-9a-f]{12}…\): serving nodes switch to it between calls/);
    // B has it on disk at once; its call goes on with version 1, and its heartbeats say so
    await poll("B to commit the published knowledge base", () => (/the published knowledge base is committed here/.test(b.log()) ? true : undefined)).catch((err: Error) => assert.fail(`${err.message}; B's log:\n${b.log().slice(-3000)}`));
    const beatAfter = Date.now();
    const meanwhile = await poll("a heartbeat of B's after that", async () => (await store.servingNodes()).find((n) => n.node === "node-b" && Date.parse(n.lastBeat) > beatAfter));
    assert.equal(meanwhile.kbVersion, 1, "B's call in progress keeps the knowledge base it began with");
    b.pbx.callerHangup(inProgress);
    await poll("both nodes to answer from version 2", async () => {
      const nodes = await store.servingNodes();
      return nodes.length === 2 && nodes.every((n) => n.kbVersion === 2) ? nodes : undefined;
    });
    // `kb status` on B while the next caller asks B about the scheme's benefits by key: English, first topic,
    // first scheme, benefits
    const status = cli(b, "kb", "status", "--json");
    const next = await call(b, "9876500202");
    await b.pbx.sendDtmf(next, "2113");
    // recorded once said whole (the answer, then the menu after it: some seconds of real-time audio)
    const answer = await poll("B's answer in its call record", async () => (await store.calls.show(next))?.turnList.find((t) => t.role === "sahayak" && t.action === "answer"), 60_000);
    b.pbx.callerHangup(next);
    assert.ok(answer.text.includes(fact), answer.text);
    assert.equal((await ended(next)).node, "node-b");

    const statusRun = await status;
    assert.equal(statusRun.status, 0, statusRun.stderr);
    const shown = JSON.parse(statusRun.stdout) as { local: { version: number }; published: { kbVersion: number; node: string; actor: string }; nodes: { node: string; onPublished: boolean }[] };
    assert.deepEqual([shown.local.version, shown.published.kbVersion, shown.published.node, shown.published.actor], [2, 2, "node-a", "asha"], "B's own copy is the published one");
    assert.deepEqual(shown.nodes.map((n) => [n.node, n.onPublished]), [["node-a", true], ["node-b", true]]);
    assert.ok((await store.audit.list()).some((e) => e.action === "kb.publish" && e.actor === "asha" && e.node === "node-a"), "the publication is in the audit log, with its node");
  });

  it("A killed mid-call: B records the call as interrupted once A's lease lapses, keeps serving, and the caller resumes on B", async () => {
    const [a, b] = [node("node-a"), node("node-b")];
    const id = await call(a, "9876500003");
    // the conversation so far is kept while the call lasts (A will not live to keep it at the end)
    await answered(a, id, "9876500003");
    const serving = await store.servingNodes();
    assert.deepEqual(serving.map((n) => n.node), ["node-a", "node-b"], "both nodes hold a lease (`kb status` lists them)");
    assert.ok(serving.every((n) => n.kbVersion !== null && n.kbVersion === serving[0]!.kbVersion), JSON.stringify(serving));
    const exited = new Promise((r) => a.child.once("exit", r));
    a.child.kill("SIGKILL");
    await exited;
    // while A's last lease has not run out, its call stays open (a node slow to beat may lose it sooner)
    const leaseA = (await store.servingNodes()).find((n) => n.node === "node-a");
    const meanwhile = await store.calls.show(id);
    if (leaseA && Date.now() < Date.parse(leaseA.lastBeat) + LEASE.leaseMs) assert.equal(meanwhile?.outcome, "in_progress", "not closed while A's lease was live");
    const interrupted = await ended(id, 10 * LEASE.leaseMs);
    assert.equal(interrupted.outcome, "interrupted");
    assert.equal(interrupted.node, "node-a");
    assert.match(interrupted.error ?? "", /node-a.*lease.*node-b/);
    // B's log line may reach the test a moment after its write reaches the database
    await poll("B to say so in its log", () => (/calls left open by a node whose lease lapsed are recorded as interrupted/.test(b.log()) ? true : undefined), 5000);
    a.pbx.callerHangup(id);

    // the caller rings back and lands on B, which carries on where A was
    const back = await call(b, "9876500003");
    await sleep(300);
    b.pbx.callerHangup(back);
    const resumed = await ended(back);
    assert.deepEqual([resumed.node, resumed.outcome, resumed.continued], ["node-b", "caller_hangup", "resumed"], "B keeps serving, and resumes A's caller");
    const all = await store.calls.list();
    assert.equal(all.filter((c) => c.outcome === "in_progress").length, 0, JSON.stringify(all.map((c) => [c.callId, c.node, c.outcome])));
  });
});
