// chan_websocket transport: the controller against the simulator's /media/<id> sockets, and the
// WebSocketMedia client against a scripted server (XOFF/XON, split frames, FLUSH_MEDIA).
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { afterEach, beforeEach, describe, it } from "node:test";
import { WebSocketServer, type WebSocket } from "ws";
import { concatInt16, decodeUlaw, encodeUlaw } from "../../src/audio/index.js";
import { AriController, EM_PREFIX, type Call, type CallHandler, type EndReason } from "../../src/telephony/controller.js";
import { openSockets } from "../../src/telephony/media/session.js";
import { WebSocketMedia, mediaSocketUrl, openMediaSockets } from "../../src/telephony/media/websocket.js";
import { PbxSimulator } from "../../src/telephony/sim/server.js";
import { sleep, testConfig, until } from "../helpers.js";

const tone = (n: number) => Int16Array.from({ length: n }, (_, i) => Math.round(9000 * Math.sin(i / 4 + 1)));

describe("chan_websocket media with the PBX simulator", () => {
  let sim: PbxSimulator;
  let controller: AriController | undefined;

  beforeEach(async () => {
    sim = new PbxSimulator({ user: "sahayak", password: "secret" });
    await sim.start();
  });
  afterEach(async () => {
    await controller?.close();
    controller = undefined;
    await sim.stop();
  });

  const start = async (handler: CallHandler, format: "ulaw" | "slin16" = "ulaw") => {
    const base = testConfig("/tmp/unused").telephony;
    const config = { ...base, ari: { ...base.ari, url: sim.url, password: "secret" }, media: { ...base.media, transport: "websocket" as const, format } };
    controller = await AriController.start({ config, handler });
  };
  const assertNoLeaks = async () => {
    await until(() => controller!.activeCalls === 0 && sim.counts().channels === 0 && sim.counts().bridges === 0 && openMediaSockets.size === 0).catch(() => undefined);
    assert.deepEqual(sim.counts(), { channels: 0, bridges: 0, rtpSockets: 0 });
    assert.equal(openMediaSockets.size, 0, "media WebSockets left open");
    assert.equal(openSockets.size, 0, "no RTP socket is opened for a WebSocket call");
  };

  for (const format of ["ulaw", "slin16"] as const) {
    it(`carries audio both ways exactly (${format}), with DTMF, and releases everything`, async () => {
      const heard: Int16Array[] = [];
      const digits: string[] = [];
      const calls: Call[] = [];
      const rate = format === "ulaw" ? 8000 : 16000;
      const signal = tone(rate);
      await start({
        handle: (call) => {
          calls.push(call);
          call.events.on("audio", (s: Int16Array) => heard.push(s));
          call.events.on("dtmf", (d: string) => digits.push(d));
          call.play(signal);
        },
      }, format);
      const id = sim.placeCall({ app: "sahayak" });
      await until(() => calls.length === 1 && sim.callerMedia(id)?.connectedTo !== null);
      assert.equal(calls[0]!.sampleRate, rate);
      const bridge = [...sim.bridges.values()][0]!;
      assert.deepEqual(new Set(bridge.channels), new Set([id, `${EM_PREFIX}${id}`]));
      sim.callerMedia(id)!.say(signal);
      await until(() => concatInt16(sim.callerMedia(id)!.heard).some((v) => v !== 0) && concatInt16(sim.callerMedia(id)!.heard).length >= rate && heard.reduce((n, h) => n + h.length, 0) >= rate * 1.2, 5000);
      const expected = format === "ulaw" ? decodeUlaw(encodeUlaw(signal)) : signal;
      const got = concatInt16(heard);
      const s1 = got.findIndex((v) => v !== 0);
      assert.deepEqual(got.subarray(s1, s1 + rate / 2), expected.subarray(0, rate / 2));
      const callerHeard = concatInt16(sim.callerMedia(id)!.heard);
      const s2 = callerHeard.findIndex((v) => v !== 0);
      assert.deepEqual(callerHeard.subarray(s2, s2 + rate / 2), expected.subarray(0, rate / 2));
      await sim.sendDtmf(id, "5#", 40, 20);
      await until(() => digits.length === 2);
      assert.deepEqual(digits, ["5", "#"]);
      sim.callerHangup(id);
      await assertNoLeaks();
    });
  }

  it("barge-in: flush empties Asterisk's playout queue too (FLUSH_MEDIA)", async () => {
    const calls: Call[] = [];
    await start({ handle: (call) => void calls.push(call) });
    const id = sim.placeCall({ app: "sahayak" });
    await until(() => calls.length === 1 && sim.callerMedia(id)?.connectedTo !== null);
    calls[0]!.play(tone(8000 * 3));
    await until(() => sim.callerMedia(id)!.heard.length >= 10);
    calls[0]!.flush();
    await sleep(60);
    const atFlush = sim.callerMedia(id)!.heard.length;
    await sleep(200);
    assert.equal(sim.callerMedia(id)!.heard.length, atFlush, "nothing more is played after a flush");
    assert.equal(sim.callerMedia(id)!.playoutQueue, 0);
    assert.equal(calls[0]!.queuedMs, 0);
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
    for (const wait of [0, 2, 5, 15, 40, 300]) {
      const id = sim.placeCall({ app: "sahayak" });
      await sleep(wait);
      sim.callerHangup(id);
      await assertNoLeaks();
    }
  });

  it("Asterisk dropping the media socket ends the call and hangs the caller up", async () => {
    const ends: EndReason[] = [];
    await start({ handle: (call) => void call.events.on("end", (r: EndReason) => ends.push(r)) });
    const id = sim.placeCall({ app: "sahayak" });
    await until(() => sim.callerMedia(id)?.connectedTo !== null);
    sim.channels.get(`${EM_PREFIX}${id}`)!.mediaWs!.terminate();
    await assertNoLeaks();
    assert.deepEqual(ends, ["error"]);
    assert.ok(sim.hungUp.some((h) => h.channelId === id && h.by === "app"), "the caller is not left in silence");
  });

  it("a wrong connection id is refused and an unclaimed channel dies (cause 19)", async () => {
    const abort = new AbortController();
    const options = { ariUrl: sim.url, user: "sahayak", password: "secret", format: "ulaw" as const, leadFrames: 3, maxPacketBytes: 1500, startTimeoutMs: 1000, signal: abort.signal, onAudio: () => undefined };
    await assert.rejects(WebSocketMedia.connect({ ...options, connectionId: "nope" }), /404|Unexpected server response/);
    assert.equal(openMediaSockets.size, 0);
    sim.faults.mediaConnectTimeoutMs = 50;
    const auth = `Basic ${Buffer.from("sahayak:secret").toString("base64")}`;
    const res = await fetch(`${sim.url}/ari/channels/externalMedia?app=sahayak&format=ulaw&transport=websocket&encapsulation=none&connection_type=server&channelId=em1`, { method: "POST", headers: { Authorization: auth } });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { state: string; channelvars: Record<string, string> };
    assert.equal(body.state, "Down");
    assert.ok(body.channelvars.MEDIA_WEBSOCKET_CONNECTION_ID);
    assert.equal(body.channelvars.MEDIA_WEBSOCKET_OPTIMAL_FRAME_SIZE, "160");
    await until(() => !sim.channels.has("em1"), 1000);
  });
});

describe("WebSocketMedia against a scripted chan_websocket", () => {
  let server: ReturnType<typeof createServer>;
  let wss: WebSocketServer;
  let peer: WebSocket | undefined;
  let received: (Buffer | string)[];
  let url: string;

  beforeEach(async () => {
    received = [];
    server = createServer();
    wss = new WebSocketServer({ server });
    wss.on("connection", (ws) => {
      peer = ws;
      ws.on("message", (d, binary) => received.push(binary ? (d as Buffer) : String(d)));
      ws.send(JSON.stringify({ event: "MEDIA_START", connection_id: "c1", channel: "WebSocket/c1", channel_id: "em", format: "ulaw", optimal_frame_size: 160, ptime: 20, channel_variables: {} }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const addr = server.address() as { port: number };
    url = `http://127.0.0.1:${addr.port}`;
  });
  afterEach(async () => {
    for (const c of wss.clients) c.terminate();
    await new Promise((r) => server.close(r));
  });

  const connect = (onAudio: (s: Int16Array) => void = () => undefined, signal = new AbortController().signal) =>
    WebSocketMedia.connect({ ariUrl: url, user: "u", password: "p", connectionId: "c1", format: "ulaw", leadFrames: 3, maxPacketBytes: 1500, startTimeoutMs: 500, signal, onAudio });

  it("builds the media URL on the ARI server", () => {
    assert.equal(mediaSocketUrl("http://10.0.0.5:8088/", "a b"), "ws://10.0.0.5:8088/media/a%20b");
    assert.equal(mediaSocketUrl("https://pbx:8089", "x"), "wss://pbx:8089/media/x");
  });

  it("re-cuts split and joined binary messages into 20 ms frames", async () => {
    const frames: Int16Array[] = [];
    const media = await connect((s) => frames.push(s));
    const bytes = encodeUlaw(tone(480));
    peer!.send(bytes.subarray(0, 100));
    peer!.send(bytes.subarray(100, 400));
    peer!.send(bytes.subarray(400));
    await until(() => frames.length === 3);
    assert.ok(frames.every((f) => f.length === 160));
    assert.deepEqual(concatInt16(frames), decodeUlaw(bytes));
    media.close();
  });

  it("pauses on MEDIA_XOFF, resumes on MEDIA_XON, and flush sends FLUSH_MEDIA", async () => {
    const media = await connect();
    peer!.send(JSON.stringify({ event: "MEDIA_XOFF" }));
    await sleep(20);
    media.play(new Int16Array(160 * 20));
    await sleep(120);
    assert.equal(received.filter((r) => typeof r !== "string").length, 0, "nothing is sent while Asterisk's queue is full");
    peer!.send(JSON.stringify({ event: "MEDIA_XON" }));
    await until(() => received.filter((r) => typeof r !== "string").length >= 5);
    media.flush();
    await until(() => received.includes(JSON.stringify({ command: "FLUSH_MEDIA" })));
    assert.equal(media.queuedMs, 0);
    media.close();
    await until(() => openMediaSockets.size === 0);
  });

  it("gives up without MEDIA_START and when the call is aborted", async () => {
    wss.removeAllListeners("connection");
    await assert.rejects(connect(), /no MEDIA_START/);
    const abort = new AbortController();
    const pending = connect(undefined, abort.signal);
    abort.abort();
    await assert.rejects(pending, /call ended/);
    assert.equal(openMediaSockets.size, 0);
  });
});
