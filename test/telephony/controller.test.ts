// The ARI controller against the PBX simulator, over real loopback HTTP, WebSocket and UDP.
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import { concatInt16, decodeUlaw, encodeUlaw, writeWav } from "../../src/audio/index.js";
import { EspeakEngine } from "../../src/speech/tts/index.js";
import { AriController, BRIDGE_PREFIX, EM_PREFIX, type Call, type CallHandler } from "../../src/telephony/controller.js";
import { openSockets } from "../../src/telephony/media/session.js";
import { PbxSimulator } from "../../src/telephony/sim/server.js";
import { sleep, testConfig, until } from "../helpers.js";
import { metricValue } from "../ops/metric-value.js";

/** A seeded generator (the same faults every run, so a failure can be replayed). */
function seeded(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

function telephony(overrides: Record<string, unknown> = {}) {
  const base = testConfig("/tmp/unused").telephony;
  return { ...base, ari: { ...base.ari, password: "secret", requestTimeoutMs: 1000 }, media: { ...base.media, portMin: 30000, portMax: 30999 }, ...overrides };
}

describe("ARI controller with the PBX simulator", () => {
  let sim: PbxSimulator;
  let controller: AriController | undefined;
  let calls: Call[];

  beforeEach(async () => {
    sim = new PbxSimulator({ user: "sahayak", password: "secret" });
    await sim.start();
    calls = [];
  });
  afterEach(async () => {
    await controller?.close();
    controller = undefined;
    await sim.stop();
  });

  const start = async (handler: CallHandler, overrides: Record<string, unknown> = {}) => {
    const config = telephony(overrides);
    config.ari.url = sim.url;
    controller = await AriController.start({ config, handler, busyAudio: async () => ({ samples: new Int16Array(8000).fill(1000), sampleRate: 8000 }) });
    return controller;
  };

  const assertNoLeaks = async () => {
    await until(() => controller!.activeCalls === 0 && sim.counts().channels === 0 && sim.counts().bridges === 0 && openSockets.size === 0).catch(() => undefined);
    if (sim.counts().channels || sim.counts().bridges || openSockets.size) console.error("LEAK", JSON.stringify({ calls: controller!.activeCalls, sim: sim.counts(), sockets: openSockets.size, ch: [...sim.channels.keys()], br: [...sim.bridges.keys()] }));
    assert.deepEqual(sim.counts(), { channels: 0, bridges: 0, rtpSockets: 0 });
    assert.equal(openSockets.size, 0);
  };

  it("sets up a call: answer, bridge, ExternalMedia, audio both ways", async () => {
    const heard: Int16Array[] = [];
    const signal = Int16Array.from({ length: 8000 }, (_, i) => Math.round(9000 * Math.sin(i / 4 + 1)));
    await start({
      handle: (call) => {
        calls.push(call);
        call.events.on("audio", (s: Int16Array) => heard.push(s));
        call.play(signal);
      },
    });
    for (const race of ["event-first", "response-first"] as const) {
      sim.faults.externalMediaRace = race;
      heard.length = 0;
      const id = sim.placeCall({ app: "sahayak", number: "9876543210" });
      await until(() => calls.length > 0 && sim.callerMedia(id)?.connectedTo !== null);
      const call = calls.pop()!;
      assert.equal(call.id, id);
      assert.equal(call.callerNumber, "9876543210");
      const bridge = [...sim.bridges.values()][0]!;
      assert.deepEqual(new Set(bridge.channels), new Set([id, `${EM_PREFIX}${id}`]));
      assert.ok(bridge.id.startsWith(BRIDGE_PREFIX));
      sim.callerMedia(id)!.say(signal);
      await until(() => sim.callerMedia(id)!.heard.length >= 50 && heard.reduce((n, h) => n + h.length, 0) >= 8000, 4000);
      // what the caller said reached the call G.711-exact (after any leading silence), and vice versa
      const expected = decodeUlaw(encodeUlaw(signal));
      // on a loopback line nothing is lost, rejected or concealed; if something is, the counts say which
      const totals = controller!.mediaTotals();
      assert.deepEqual({ lost: totals.lost ?? 0, concealed: totals.concealed ?? 0, late: totals.late ?? 0, rejected: totals.rejected_source ?? 0 }, { lost: 0, concealed: 0, late: 0, rejected: 0 }, JSON.stringify({ race, totals, sim: sim.callerMedia(id)!.strictRtpDropped }));
      const got = concatInt16(heard);
      const start = got.findIndex((v) => v !== 0);
      assert.deepEqual(got.subarray(start, start + 4000), expected.subarray(0, 4000));
      const callerHeard = concatInt16(sim.callerMedia(id)!.heard);
      const s2 = callerHeard.findIndex((v) => v !== 0);
      assert.deepEqual(callerHeard.subarray(s2, s2 + 4000), expected.subarray(0, 4000));
      sim.callerHangup(id);
      await assertNoLeaks();
    }
  });

  it("delivers DTMF digits in order", async () => {
    const digits: string[] = [];
    await start({ handle: (call) => void call.events.on("dtmf", (d: string) => digits.push(d)) });
    const id = sim.placeCall({ app: "sahayak" });
    await until(() => sim.callerMedia(id)?.connectedTo !== null);
    await sim.sendDtmf(id, "12#", 60, 40);
    await until(() => digits.length === 3);
    assert.deepEqual(digits, ["1", "2", "#"]);
    sim.callerHangup(id);
    await assertNoLeaks();
  });

  it("a hangup at every moment leaves nothing behind", async () => {
    await start({
      handle: async (call) => {
        call.play(new Int16Array(8000 * 3));
        await new Promise((r) => call.signal.addEventListener("abort", r));
      },
    });
    // before the ExternalMedia response
    sim.faults.externalMediaDelayMs = 150;
    let id = sim.placeCall({ app: "sahayak" });
    await sleep(60);
    sim.callerHangup(id);
    await sleep(300);
    await assertNoLeaks();
    sim.faults.externalMediaDelayMs = 0;
    // right at the start, during playback, and after a while
    for (const wait of [0, 5, 100, 400]) {
      id = sim.placeCall({ app: "sahayak" });
      await sleep(wait);
      sim.callerHangup(id);
      await assertNoLeaks();
    }
  });

  it("our own hangup and a transfer release everything; a transfer reaches the human queue", async () => {
    await start({
      handle: async (call) => {
        if (call.callerNumber === "1") await call.hangup();
        else await call.transfer();
      },
    });
    sim.placeCall({ app: "sahayak", number: "1" });
    await assertNoLeaks();
    assert.equal(sim.hungUp.filter((h) => h.by === "app").length, 2, "the caller and the ExternalMedia channel");
    const id = sim.placeCall({ app: "sahayak", number: "2" });
    await assertNoLeaks();
    assert.deepEqual(sim.transfers.at(-1), { channelId: id, context: "sahayak-human", extension: "s", priority: 1 });
  });

  it("overload: busy prompt then hangup, or the waiting queue", async () => {
    const held: Call[] = [];
    const refused = async () => ({ busy: await metricValue("sahayak_calls_refused_total", { reason: "busy" }), queued: await metricValue("sahayak_calls_refused_total", { reason: "queued" }) });
    const before = await refused();
    await start({ handle: (call) => void held.push(call) }, { maxCalls: 1 });
    const first = sim.placeCall({ app: "sahayak" });
    await until(() => held.length === 1);
    const second = sim.placeCall({ app: "sahayak" });
    await until(() => (sim.callerMedia(second)?.heard.length ?? 0) > 20 || !sim.channels.has(second), 4000);
    await until(() => !sim.channels.has(second), 4000);
    assert.equal(controller!.counters.callsRejected, 1);
    assert.deepEqual(await refused(), { busy: before.busy + 1, queued: before.queued });
    sim.callerHangup(first);
    await assertNoLeaks();
    await controller!.close();
    controller = undefined;
    await start({ handle: (call) => void held.push(call) }, { maxCalls: 1, overload: "queue" });
    const a = sim.placeCall({ app: "sahayak" });
    await until(() => held.length === 2);
    const b = sim.placeCall({ app: "sahayak" });
    await until(() => sim.transfers.some((t) => t.channelId === b));
    assert.equal(sim.transfers.find((t) => t.channelId === b)?.context, "sahayak-queue");
    assert.deepEqual(await refused(), { busy: before.busy + 1, queued: before.queued + 1 });
    sim.callerHangup(a);
    await assertNoLeaks();
  });

  it("survives an ARI WebSocket drop mid-call and cleans up afterwards", async () => {
    const heard: Int16Array[] = [];
    await start({ handle: (call) => void call.events.on("audio", (s: Int16Array) => heard.push(s)) });
    const id = sim.placeCall({ app: "sahayak" });
    await until(() => sim.callerMedia(id)?.connectedTo !== null);
    sim.dropEventSockets();
    await until(() => sim.registered("sahayak"), 5000);
    assert.ok(controller!.ari.counters.reconnects >= 1);
    const before = heard.length;
    await sleep(200);
    assert.ok(heard.length > before, "media kept flowing");
    assert.equal(controller!.activeCalls, 1);
    sim.callerHangup(id);
    await assertNoLeaks();
  });

  it("unknown events, events for unknown channels and ARI errors are counted, never a crash", async () => {
    await start({ handle: () => undefined });
    sim.emit("sahayak", { type: "SomethingNew", channel: { id: "x" } });
    sim.emit("sahayak", { type: "ChannelDtmfReceived", digit: "5", channel: { id: "no-such-call", name: "x", state: "Up", caller: { number: "", name: "" } } });
    await until(() => controller!.ari.counters.unknownEvents === 1 && controller!.counters.unknownChannelEvents === 1);
    sim.faults.restFailureRate = 1;
    sim.placeCall({ app: "sahayak" });
    await until(() => controller!.counters.setupFailures === 1);
    // the failed call is given up (fallback and hang-up refused too) before the REST API comes back
    await until(() => controller!.activeCalls === 0);
    assert.ok(controller!.ari.counters.restErrors5xx >= 1);
    sim.faults.restFailureRate = 0;
    await controller!.cleanOrphans();
    await assertNoLeaks();
  });

  it("a hang-up or bridge release Asterisk refuses is made again by the sweep while serving, the caller hung up, not sent on", async () => {
    await start({ handle: (call) => void calls.push(call) }, { orphanSweepMs: 100 });
    const id = sim.placeCall({ app: "sahayak" });
    await until(() => calls.length === 1 && sim.callerMedia(id)?.connectedTo !== null);
    // Asterisk answers every request 503 while the call is ended: caller, media channel and bridge stay up
    sim.faults.restFailureRate = 1;
    await calls[0]!.hangup();
    assert.equal(controller!.activeCalls, 0);
    assert.deepEqual({ channels: sim.counts().channels, bridges: sim.counts().bridges }, { channels: 2, bridges: 1 });
    sim.faults.restFailureRate = 0;
    await until(() => sim.counts().channels === 0 && sim.counts().bridges === 0, 2000);
    assert.equal(controller!.counters.releasesRetried, 3);
    assert.equal(sim.transfers.length, 0, "a caller Sahayak meant to hang up is hung up, not sent to a person");
    await assertNoLeaks();
  });

  it("cleans up a previous run's orphans at start", async () => {
    const first = await start({ handle: () => undefined });
    const id = sim.placeCall({ app: "sahayak" });
    await until(() => sim.callerMedia(id)?.connectedTo !== null);
    // the old process dies without cleaning up
    first.ari.close();
    controller = undefined;
    assert.equal(sim.counts().bridges, 1);
    await start({ handle: () => undefined });
    assert.ok(controller!.counters.orphansCleaned >= 3);
    assert.equal(sim.transfers.at(-1)?.channelId, id, "the caller left behind goes to a person");
    // the dead process's socket died with it
    for (const s of openSockets) s.close();
    openSockets.clear();
    await assertNoLeaks();
  });

  it("packet loss, reordering and jitter on the caller's audio are absorbed: what arrives is in order, each lost packet concealed", async () => {
    const heard: Int16Array[] = [];
    // 15 ms of jitter plus a packet held back for the next one take 35 ms of the default 40 ms buffer: too little
    // room for a loaded test machine's event loop; 100 ms of buffer keeps the check on reordering, not on load
    const base = telephony().media;
    await start({ handle: (call) => void call.events.on("audio", (s: Int16Array) => heard.push(s)) }, { media: { ...base, jitterDepth: 5 } });
    const metricsBefore = { lost: await metricValue("sahayak_rtp_packets_lost_total"), concealed: await metricValue("sahayak_rtp_frames_concealed_total") };
    Object.assign(sim.faults, { packetLoss: 0.05, reorder: 0.1, jitterMs: 15, random: seeded(11) });
    const id = sim.placeCall({ app: "sahayak" });
    await until(() => sim.callerMedia(id)?.connectedTo !== null);
    // each 20 ms of the caller's audio at a level of its own (one μ-law code), so the order it arrives in can be read
    const levels = Array.from({ length: 100 }, (_, k) => decodeUlaw(new Uint8Array([0x81 + k]))[0]!);
    const frameOf = new Map(levels.map((v, k) => [v, k]));
    sim.callerMedia(id)!.say(Int16Array.from({ length: 160 * 100 }, (_, i) => levels[Math.floor(i / 160)]!));
    await until(() => heard.filter((f) => f.some((v) => v !== 0)).length >= 95, 5000).catch(() => undefined);
    await sleep(200);
    assert.ok(heard.every((f) => f.length === 160), "every frame is 20 ms");
    // each frame is the caller's audio (its index), or a concealed one (a faded copy of the last, or silence)
    const kinds: (number | "concealed")[] = [];
    let last: Int16Array | undefined;
    for (const frame of heard) {
      if (!last && frame.every((v) => v === 0)) continue;
      const faded = last && [0.5, 0.25, 0.125, 0].some((gain) => frame.every((v, i) => v === Math.round(last![i]! * gain)));
      if (faded) {
        kinds.push("concealed");
        continue;
      }
      const k = frameOf.get(frame[0]!);
      assert.ok(k !== undefined && frame.every((v) => v === frame[0]), `frame ${kinds.length}: neither the caller's audio nor a concealed copy`);
      kinds.push(k);
      last = frame;
    }
    const order = kinds.filter((k): k is number => k !== "concealed");
    // concealed frames between the first and the last of the caller's frames that arrived
    const inside = kinds.slice(0, kinds.lastIndexOf(order.at(-1)!));
    const concealed = inside.filter((k) => k === "concealed").length;
    assert.deepEqual(order, [...order].sort((a, b) => a - b), "the caller's audio arrives in order");
    assert.equal(new Set(order).size, order.length, "no packet twice");
    assert.ok(order.length >= 85, `${order.length} of 100 packets heard (5% lost, 10% reordered, up to 15 ms jitter)`);
    const missing = order.at(-1)! - order[0]! + 1 - order.length;
    assert.equal(concealed, missing, "each packet lost inside the stream is concealed by one frame");
    assert.equal(controller!.mediaTotals().late ?? 0, 0, "no reordered or delayed packet came too late to be put back in its place");
    // what Prometheus scrapes: the call's lost packets and concealed frames, while it is in progress
    const totals = controller!.mediaTotals();
    assert.ok((totals.lost ?? 0) >= missing && (totals.concealed ?? 0) >= concealed, JSON.stringify(totals));
    assert.equal(await metricValue("sahayak_rtp_packets_lost_total"), metricsBefore.lost + (totals.lost ?? 0));
    assert.equal(await metricValue("sahayak_rtp_frames_concealed_total"), metricsBefore.concealed + (totals.concealed ?? 0));
    Object.assign(sim.faults, { packetLoss: 0, reorder: 0, jitterMs: 0, random: Math.random });
    sim.callerHangup(id);
    await assertNoLeaks();
  });

  it("ARI REST errors are counted by status: 404 for a channel Asterisk does not know, 504 for no answer in time", async () => {
    const base = telephony();
    await start({ handle: () => undefined }, { ari: { ...base.ari, requestTimeoutMs: 100 } });
    const errors = async () => ({ notFound: await metricValue("sahayak_ari_rest_errors_total", { status: "404" }), timeout: await metricValue("sahayak_ari_rest_errors_total", { status: "504" }) });
    const before = await errors();
    await assert.rejects(controller!.ari.hangup("no-such-channel"), (err: Error & { status?: number }) => err.status === 404);
    assert.deepEqual(await errors(), { notFound: before.notFound + 1, timeout: before.timeout });
    sim.faults.restDelayMs = 300;
    await assert.rejects(controller!.ari.listChannels(), (err: Error & { status?: number }) => err.status === 504);
    sim.faults.restDelayMs = 0;
    assert.deepEqual(await errors(), { notFound: before.notFound + 1, timeout: before.timeout + 1 });
    await sleep(300); // the delayed answer comes and is ignored before the simulator stops
  });

  it("slow ARI answers only slow the set-up", async () => {
    const started: Call[] = [];
    await start({ handle: (call) => void started.push(call) });
    sim.faults.restDelayMs = 80;
    const id = sim.placeCall({ app: "sahayak" });
    await until(() => started.length === 1, 5000);
    sim.faults.restDelayMs = 0;
    sim.callerHangup(id);
    await assertNoLeaks();
  });

  it("a REST request Asterisk never answers fails after requestTimeoutMs, and the call is released", async () => {
    const started: Call[] = [];
    await start({ handle: (call) => void started.push(call) });
    sim.faults.restDelayMs = 1500;
    sim.placeCall({ app: "sahayak" });
    await until(() => controller!.counters.setupFailures === 1, 2500);
    assert.ok(controller!.ari.counters.restErrors5xx >= 1);
    sim.faults.restDelayMs = 0;
    await assertNoLeaks();
    assert.equal(started.length, 0);
  });

  it("an Asterisk restart ends the calls it took with it, and the controller reconnects", async () => {
    const ended: string[] = [];
    await start({ handle: (call) => void call.events.on("end", (r: string) => ended.push(r)) });
    const first = sim.placeCall({ app: "sahayak" });
    await until(() => sim.callerMedia(first)?.connectedTo !== null);
    await sim.restart(300);
    await until(() => sim.registered("sahayak"), 8000);
    await until(() => ended.length === 1, 5000);
    assert.deepEqual(ended, ["gone"]);
    const id = sim.placeCall({ app: "sahayak" });
    await until(() => sim.callerMedia(id)?.connectedTo !== null);
    sim.callerHangup(id);
    await assertNoLeaks();
  });

  it("SIGTERM: no new calls, running calls may finish, then they are ended politely", async () => {
    let politely = 0;
    const handler: CallHandler = {
      handle: () => undefined,
      endForShutdown: async (call) => {
        politely++;
        call.play(new Int16Array(800));
      },
    };
    await start(handler);
    const refusedBefore = await metricValue("sahayak_calls_refused_total", { reason: "shutting_down" });
    const id = sim.placeCall({ app: "sahayak" });
    await until(() => sim.callerMedia(id)?.connectedTo !== null);
    const stopping = controller!.shutdown(300);
    await sleep(50);
    const late = sim.placeCall({ app: "sahayak" });
    await stopping;
    assert.equal(politely, 1);
    assert.ok(!sim.channels.has(id), "the running call was ended");
    assert.ok(!sim.channels.has(late), "the new call was turned away");
    assert.equal(await metricValue("sahayak_calls_refused_total", { reason: "shutting_down" }), refusedBefore + 1);
    controller = undefined;
  });

  it("200 calls with random hangups leave no channel, bridge, socket, timer or call", async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    const timersBefore = timers();
    const rnd = seeded(7);
    sim.faults.random = seeded(8);
    await start({
      handle: (call) => {
        call.play(new Int16Array(8000));
        if (rnd() < 0.3) void call.hangup();
      },
    }, { maxCalls: 50 });
    for (let batch = 0; batch < 20; batch++) {
      const ids = Array.from({ length: 10 }, () => sim.placeCall({ app: "sahayak" }));
      await Promise.all(ids.map(async (id) => {
        await sleep(Math.floor(rnd() * 150));
        sim.callerHangup(id);
      }));
    }
    await assertNoLeaks();
    assert.equal(controller!.counters.callsStarted, 200);
    await sleep(50);
    assert.ok(timers() <= timersBefore, `timers left: ${JSON.stringify(process.getActiveResourcesInfo())}`);
  });

  it("the caller speaks a WAV file and text synthesised on the fly (espeak-ng)", async () => {
    const heard: Int16Array[] = [];
    const calls: Call[] = [];
    await start({ handle: (call) => void (calls.push(call), call.events.on("audio", (s: Int16Array) => heard.push(s))) });
    const id = sim.placeCall({ app: "sahayak" });
    await until(() => calls.length === 1 && sim.callerMedia(id)?.connectedTo !== null);
    const voiced = () => heard.reduce((n, h) => n + h.filter((v) => Math.abs(v) > 50).length, 0);
    // half a second of 440 Hz at 16 kHz stereo-free PCM, resampled to the call's 8 kHz
    const wav = writeWav(Float32Array.from({ length: 8000 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / 16000)), 16000);
    const wavMs = sim.callerMedia(id)!.sayWav(wav);
    assert.equal(Math.round(wavMs), 500);
    await until(() => voiced() > 3000, 3000);
    heard.length = 0;
    const espeak = new EspeakEngine(testConfig("/tmp/unused").speech.tts);
    const textMs = await sim.callerMedia(id)!.sayText(espeak, "What documents do I need for the PM Kisan scheme?", "en");
    assert.ok(textMs > 1000 && textMs < 8000, `synthesised question lasts ${textMs} ms`);
    await until(() => voiced() > (textMs / 1000) * 8000 * 0.4, 10_000);
    sim.callerHangup(id);
    await assertNoLeaks();
  });
});
