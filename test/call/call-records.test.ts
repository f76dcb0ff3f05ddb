// Every call is on record, however it ends: the controller against the PBX simulator (RTP and chan_websocket)
// with the real ledger and store, for callers turned away (busy, the waiting queue, shutting down), callers who
// hang up during set-up and set-ups that fail; and a real `sahayak serve` killed with SIGKILL mid-call, whose
// call is closed as interrupted (and its caller sent to a person) when it starts again.
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { CallSessions } from "../../src/call/session.js";
import { KnowledgeStore, validateFile } from "../../src/knowledge/index.js";
import { SahayakStore, type CallSummary } from "../../src/store/index.js";
import { AriController, type CallHandler } from "../../src/telephony/controller.js";
import { openSockets } from "../../src/telephony/media/session.js";
import { PbxSimulator } from "../../src/telephony/sim/server.js";
import { jsonl, runCliAsync, sampleRecords, sleep, tempDir, testConfig, until } from "../helpers.js";

describe("call records: every call that arrives is recorded", () => {
  let sim: PbxSimulator;
  let dir: ReturnType<typeof tempDir>;
  let store: SahayakStore;
  let controller: AriController | undefined;

  beforeEach(async () => {
    sim = new PbxSimulator({ user: "sahayak", password: "secret" });
    await sim.start();
    dir = tempDir();
    store = SahayakStore.open(dir.path, testConfig(dir.path).store);
  });
  afterEach(async () => {
    await controller?.close();
    controller = undefined;
    await sim.stop();
    store.close();
    dir.cleanup();
  });

  const start = async (handler: CallHandler, overrides: Record<string, unknown> = {}) => {
    const base = testConfig(dir.path).telephony;
    const config = { ...base, ari: { ...base.ari, url: sim.url, password: "secret", requestTimeoutMs: 1000 }, media: { ...base.media, portMin: 32000, portMax: 32999 }, ...overrides };
    const ledger = new CallSessions(store, testConfig(dir.path).store, () => undefined);
    controller = await AriController.start({ config, handler, ledger, busyAudio: async () => ({ samples: new Int16Array(8000).fill(1000), sampleRate: 8000 }) });
    return controller;
  };
  const record = (id: string): CallSummary | undefined => store.calls.list().find((c) => c.callId === id);
  const closed = (id: string) => until(() => store.db.prepare<[string], { owner: string | null }>("SELECT owner FROM calls WHERE id = ?").get(id)?.owner === null, 5000);

  it("the call is on record from its arrival, still in progress while it lasts", async () => {
    await start({ handle: () => undefined });
    const id = sim.placeCall({ app: "sahayak", number: "9876543210" });
    await until(() => !!record(id));
    assert.equal(record(id)!.outcome, "in_progress");
    assert.equal(store.db.prepare<[string], { caller_hash: string }>("SELECT caller_hash FROM calls WHERE id = ?").get(id)!.caller_hash, store.callers.hash("9876543210"), "the caller's hash, never the number");
    sim.callerHangup(id);
  });

  it("callers turned away are recorded with why: all lines busy (with the goodbye's length), and the waiting queue", async () => {
    await start({ handle: () => undefined }, { maxCalls: 1 });
    const first = sim.placeCall({ app: "sahayak" });
    await until(() => sim.callerMedia(first)?.connectedTo !== null);
    const busy = sim.placeCall({ app: "sahayak" });
    await closed(busy);
    assert.equal(record(busy)!.outcome, "busy");
    assert.ok(record(busy)!.durationMs >= 1000, `the busy message (1 s) was said: ${record(busy)!.durationMs} ms`);
    sim.callerHangup(first);
    await controller!.close();
    await start({ handle: () => undefined }, { maxCalls: 1, overload: "queue" });
    const held = sim.placeCall({ app: "sahayak" });
    await until(() => sim.callerMedia(held)?.connectedTo !== null);
    const queued = sim.placeCall({ app: "sahayak" });
    await closed(queued);
    assert.deepEqual([record(queued)!.outcome, record(queued)!.transferred], ["overflow", true]);
    sim.callerHangup(held);
  });

  it("a caller who rings while Sahayak is stopping is recorded as turned away for the shutdown", async () => {
    await start({ handle: () => undefined });
    const running = sim.placeCall({ app: "sahayak" });
    await until(() => sim.callerMedia(running)?.connectedTo !== null);
    const stopping = controller!.shutdown(400);
    await sleep(50);
    const late = sim.placeCall({ app: "sahayak" });
    await stopping;
    controller = undefined;
    await closed(late);
    assert.equal(record(late)!.outcome, "shutting_down");
  });

  for (const transport of ["rtp", "websocket"] as const) {
    it(`${transport}: a caller who hangs up during set-up, after the answer, is recorded`, async () => {
      const handled: string[] = [];
      await start({ handle: (call) => void handled.push(call.id) }, { media: { ...testConfig(dir.path).telephony.media, transport, portMin: 32000, portMax: 32999 } });
      sim.faults.externalMediaDelayMs = 300;
      const id = sim.placeCall({ app: "sahayak" });
      await until(() => sim.channels.get(id)?.state === "Up");
      sim.callerHangup(id);
      await closed(id);
      assert.deepEqual(handled, [], "it never reached the call flow");
      assert.equal(record(id)!.outcome, "caller_hangup");
      assert.ok(record(id)!.durationMs > 0);
      await until(() => sim.counts().channels === 0 && sim.counts().bridges === 0);
    });
  }

  it("a set-up that fails is recorded with its error", async () => {
    await start({ handle: () => undefined });
    sim.faults.restFailureRate = 1;
    const id = sim.placeCall({ app: "sahayak" });
    await closed(id);
    sim.faults.restFailureRate = 0;
    assert.equal(record(id)!.outcome, "setup_failed");
    assert.match(record(id)!.error ?? "", /503|Unavailable/);
    sim.callerHangup(id);
  });

  it("websocket: a call whose media never starts is recorded as a failed set-up whose caller reached a person (the fallback)", async () => {
    await start({ handle: () => undefined }, { media: { ...testConfig(dir.path).telephony.media, transport: "websocket", websocketStartTimeoutMs: 200 } });
    sim.faults.mediaStartWithheld = true;
    const id = sim.placeCall({ app: "sahayak" });
    await closed(id);
    assert.deepEqual([record(id)!.outcome, record(id)!.transferred], ["setup_failed", true]);
    assert.match(record(id)!.error ?? "", /MEDIA_START/);
    assert.equal(sim.transfers.find((t) => t.channelId === id)?.context, "sahayak-fallback");
  });

  it("a call that arrives while the controller starts is served, not taken for a previous run's orphan", async () => {
    const handled: string[] = [];
    // the start-up's look for orphans (GET /channels, /bridges) is slow: the call arrives meanwhile
    sim.faults.restDelayMs = 300;
    const starting = start({ handle: (call) => void handled.push(call.id) });
    // the call comes the moment the app is registered: its StasisStart may share a packet with the handshake's answer
    const deadline = Date.now() + 5000;
    while (!sim.registered("sahayak")) {
      assert.ok(Date.now() < deadline, "the controller registers");
      await new Promise((r) => setImmediate(r));
    }
    const id = sim.placeCall({ app: "sahayak" });
    await starting;
    sim.faults.restDelayMs = 0;
    await until(() => handled.includes(id), 5000);
    assert.deepEqual(sim.transfers, [], "not sent away");
    assert.equal(controller!.counters.orphansCleaned, 0);
    sim.callerHangup(id);
  });

  it("callers a dead run left in Stasis are sent to the fallback at start, and their records say they reached a person", async () => {
    const first = await start({ handle: () => undefined });
    const id = sim.placeCall({ app: "sahayak" });
    await until(() => sim.callerMedia(id)?.connectedTo !== null);
    first.ari.close();
    controller = undefined;
    for (const s of openSockets) s.close();
    openSockets.clear();
    await start({ handle: () => undefined });
    assert.deepEqual(sim.transfers.at(-1), { channelId: id, context: "sahayak-fallback", extension: "s", priority: 1 });
    assert.equal(record(id)!.transferred, true);
  });
});

describe("call records: `sahayak serve` killed mid-call", () => {
  it("the call is closed as interrupted when serve starts again, its caller sent to a person; both logged without personal data", async () => {
    const dir = tempDir();
    const models = tempDir("sahayak-models-");
    const pbx = new PbxSimulator({ user: "sahayak", password: "pbx-secret" });
    await pbx.start();
    const children: ChildProcess[] = [];
    try {
      const data = join(dir.path, "data");
      // a small knowledge base, no recogniser installed (keypad mode): what matters here is the call's record
      const config = testConfig(data);
      const writer = await KnowledgeStore.open({ dataDir: data, knowledge: config.knowledge });
      await writer.apply({ upserts: validateFile(Buffer.from(jsonl(sampleRecords(["pm-kisan", "apy"]))), config.knowledge).records.map((r) => r.record), deletes: [] }, { actor: "test", reason: "test", op: "import" });
      writer.close();
      const configFile = join(dir.path, "config.json");
      writeFileSync(configFile, JSON.stringify({ telephony: { ari: { url: pbx.url, user: "sahayak", password: "pbx-secret" }, media: { portMin: 33000, portMax: 33999 }, shutdownGraceMs: 200 }, store: { recordProgressSeconds: 0.5 } }));
      const serve = () => {
        let child: ChildProcess | undefined;
        const done = runCliAsync(["--config", configFile, "serve"], { dataDir: data, env: { SAHAYAK_MODELS_DIR: models.path }, started: (c) => children.push((child = c)) });
        return { done, child: () => child! };
      };
      const first = serve();
      const step = async (what: string, check: () => boolean, ms: number, run: { done: Promise<{ stderr: string }> }) => {
        try {
          await until(check, ms);
        } catch {
          for (const c of children) c.kill("SIGKILL");
          assert.fail(`${what} within ${ms} ms; serve logged:\n${(await run.done).stderr}`);
        }
      };
      await step("serve registers", () => pbx.registered("sahayak"), 60_000, first);
      const id = pbx.placeCall({ app: "sahayak", number: "9876543210" });
      await step("the caller hears the welcome", () => (pbx.callerMedia(id)?.heard.length ?? 0) > 50, 20_000, first);
      const peek = () => {
        const s = SahayakStore.open(data, config.store);
        try {
          return s.calls.show(id);
        } finally {
          s.close();
        }
      };
      await step("the open record is rewritten while the call lasts", () => (peek()?.states.length ?? 0) > 0, 5000, first);
      first.child().kill("SIGKILL");
      await first.done;
      assert.equal(peek()?.outcome, "in_progress", "killed: nobody closed it");
      assert.ok(pbx.channels.has(id), "the caller is left in Stasis, in dead air, as on a real Asterisk");

      const second = serve();
      await step("the caller is sent to the fallback", () => pbx.transfers.some((t) => t.channelId === id), 60_000, second);
      await step("the record is closed, its caller sent on", () => peek()?.outcome === "interrupted" && peek()?.transferred === true, 5000, second);
      await step("serve is serving again", () => pbx.registered("sahayak"), 5000, second);
      second.child().kill("SIGTERM");
      const log = (await second.done).stderr;
      const call = peek()!;
      assert.deepEqual([call.outcome, call.transferred], ["interrupted", true]);
      assert.ok(call.durationMs > 0 && call.states.length > 0, "what was known of it before the kill is kept");
      const lines = log.split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
      const interrupted = lines.find((l) => String(l.msg).includes("recorded as interrupted"));
      assert.deepEqual([interrupted?.interrupted, interrupted?.callIds], [1, [id]], log);
      const orphans = lines.find((l) => String(l.msg).includes("a previous run left behind"));
      assert.deepEqual(orphans?.orphans, { callers: 1, mediaChannels: 1, bridges: 1 }, log);
      assert.deepEqual(orphans?.callIds, [id]);
      assert.ok(!log.includes("9876543210"), "no caller number in the log");
      assert.ok(!readFileSync(join(data, "sahayak.db")).includes("9876543210"), "nor in the database");
    } finally {
      for (const c of children) c.kill("SIGKILL");
      await pbx.stop();
      models.cleanup();
      dir.cleanup();
    }
  });
});
