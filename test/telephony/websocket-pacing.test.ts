// chan_websocket reply frames are paced in the sender process, not on the main event loop: a receiver in a
// thread of its own (a scripted chan_websocket) timestamps every frame while this test's main thread is held
// in a busy loop, as the engines' results, the dialogue and JSON work hold the controller's. Also flow
// control obeyed where the frames leave, barge-in's flush, and every way a media socket ends.
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import { Worker } from "node:worker_threads";
import { openSenderStreams, senderPid } from "../../src/telephony/media/rtp-sender.js";
import { WebSocketMedia, openMediaSockets } from "../../src/telephony/media/websocket.js";
import { mediaTotals } from "../../src/ops/metrics.js";
import { sleep, until } from "../helpers.js";
import { metricValue } from "../ops/metric-value.js";

/** What the scripted chan_websocket saw, in order: absolute times (ms since the epoch, sub-millisecond). */
type Seen = { kind: "frame"; at: number } | { kind: "text"; at: number; text: string } | { kind: "sent"; at: number; text: string } | { kind: "close"; at: number; code: number };

interface ReceiverScript {
  /** Never sends MEDIA_START. */
  withholdStart?: boolean;
  /** After this many frames: MEDIA_XOFF, and MEDIA_XON xonAfterMs later. */
  xoffAfterFrames?: number;
  xonAfterMs?: number;
}

// CommonJS, run by the worker as it is (eval): it must not wait on this thread for anything. It stands in for
// Asterisk, a process with CPU time of its own: where allowed it runs above the busy thread's priority, so
// the times it notes are the frames' arrival, not its own wait for a CPU on a loaded machine.
const RECEIVER = `
const { parentPort, workerData } = require("node:worker_threads");
try {
  require("node:os").setPriority(Number(require("node:fs").readlinkSync("/proc/thread-self").split("/").pop()), -10);
} catch {}
const { createServer } = require("node:http");
const { WebSocketServer } = require("ws");
const now = () => performance.timeOrigin + performance.now();
const seen = [];
const server = createServer();
const wss = new WebSocketServer({ server });
let peer;
wss.on("connection", (ws) => {
  peer = ws;
  let frames = 0;
  ws.on("message", (data, binary) => {
    if (!binary) return seen.push({ kind: "text", at: now(), text: String(data) });
    seen.push({ kind: "frame", at: now() });
    if (++frames !== workerData.xoffAfterFrames) return;
    ws.send("MEDIA_XOFF");
    seen.push({ kind: "sent", at: now(), text: "MEDIA_XOFF" });
    setTimeout(() => {
      ws.send("MEDIA_XON");
      seen.push({ kind: "sent", at: now(), text: "MEDIA_XON" });
    }, workerData.xonAfterMs);
  });
  ws.on("close", (code) => seen.push({ kind: "close", at: now(), code }));
  if (!workerData.withholdStart) ws.send("MEDIA_START connection_id:c1 channel:WebSocket/INCOMING/0x5591 channel_id:em format:ulaw optimal_frame_size:160 ptime:20");
});
parentPort.on("message", (m) => {
  if (m === "seen") parentPort.postMessage(seen);
  else if (m === "drop") peer.terminate();
  else if (m === "stop") { for (const c of wss.clients) c.terminate(); server.close(() => parentPort.close()); }
});
server.listen(0, "127.0.0.1", () => parentPort.postMessage(server.address().port));
`;

class Receiver {
  private constructor(
    private readonly worker: Worker,
    readonly url: string,
  ) {}

  static async start(script: ReceiverScript = {}): Promise<Receiver> {
    const worker = new Worker(RECEIVER, { eval: true, workerData: script });
    const port = await new Promise<number>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    return new Receiver(worker, `http://127.0.0.1:${port}`);
  }

  seen(): Promise<Seen[]> {
    return new Promise((resolve) => {
      this.worker.once("message", resolve);
      this.worker.postMessage("seen");
    });
  }

  /** Asterisk's side closes the media socket (the channel hung up). */
  drop(): void {
    this.worker.postMessage("drop");
  }

  async stop(): Promise<void> {
    const exited = new Promise((r) => this.worker.once("exit", r));
    this.worker.postMessage("stop");
    await exited;
  }
}

const now = () => performance.timeOrigin + performance.now();

/** Holds this thread as a long synchronous piece of work does; returns when it was held (absolute ms). */
function stallMainThread(ms: number): { from: number; to: number } {
  const from = now();
  while (now() - from < ms) {
    /* busy */
  }
  return { from, to: now() };
}

const frameTimes = (seen: Seen[]) => seen.filter((s) => s.kind === "frame").map((s) => s.at);

describe("chan_websocket reply pacing in the sender process", () => {
  let receiver: Receiver | undefined;
  let media: WebSocketMedia | undefined;
  beforeEach(() => {
    receiver = undefined;
    media = undefined;
  });
  afterEach(async () => {
    media?.close();
    await until(() => openMediaSockets.size === 0).catch(() => undefined);
    await receiver?.stop();
  });

  const connect = (url: string, onAudio: (s: Int16Array) => void = () => undefined, startTimeoutMs = 3000, signal = new AbortController().signal) =>
    WebSocketMedia.connect({ ariUrl: url, user: "u", password: "p", connectionId: "c1", format: "ulaw", leadFrames: 3, maxPacketBytes: 1500, startTimeoutMs, senderRealtimePriority: 0, signal, onAudio });

  /** Until the scripted chan_websocket has seen its socket close. */
  const closedAtReceiver = async () => {
    for (let i = 0; i < 60; i++) {
      if ((await receiver!.seen()).some((s) => s.kind === "close")) return true;
      await sleep(50);
    }
    return false;
  };

  it("no MEDIA_START in time, or the call ending first, closes the socket the sender opened", async () => {
    receiver = await Receiver.start({ withholdStart: true });
    await assert.rejects(connect(receiver.url, undefined, 300), /no MEDIA_START within 300 ms/);
    assert.ok(await closedAtReceiver(), "the socket was closed");
    // the sender says "closed" after the failure the promise rejected with
    await until(() => openSenderStreams() === 0);
    await receiver.stop();
    receiver = await Receiver.start({ withholdStart: true });
    const abort = new AbortController();
    const pending = connect(receiver.url, undefined, 3000, abort.signal);
    await sleep(100);
    abort.abort();
    await assert.rejects(pending, /call ended before the media WebSocket started/);
    assert.ok(await closedAtReceiver(), "the socket was closed");
    await until(() => openSenderStreams() === 0);
    assert.equal(openMediaSockets.size, 0);
  });

  it("a main thread held for 200 ms does not hold back the frames: they keep arriving every 20 ms", async () => {
    receiver = await Receiver.start();
    media = await connect(receiver.url);
    media.play(new Int16Array(160 * 40));
    await sleep(150);
    const stall = stallMainThread(200);
    await until(() => media!.queuedMs === 0, 3000);
    await sleep(60);
    const frames = frameTimes(await receiver.seen());
    assert.equal(frames.length, 40, "every frame went");
    const during = frames.filter((at) => at > stall.from && at < stall.to).length;
    // about 10 frames are due while the thread is held; on the main loop none went until it was free
    assert.ok(during >= 7, `${during} frames arrived during the 200 ms stall`);
    const gaps = frames.slice(1).map((at, i) => at - frames[i]!);
    assert.ok(Math.max(...gaps) < 100, `longest gap between frames ${Math.max(...gaps).toFixed(1)} ms`);
    // lateness is counted as each frame was sent, and comes back to the main process
    await until(() => media!.lateness.length >= 38, 2000);
  });

  it("obeys MEDIA_XOFF at once and resumes on MEDIA_XON while the main thread is held", async () => {
    receiver = await Receiver.start({ xoffAfterFrames: 10, xonAfterMs: 200 });
    media = await connect(receiver.url);
    // the call's media as the controller reports it to the metrics (src/telephony/controller.ts mediaTotals)
    const pausesBefore = await metricValue("sahayak_websocket_media_pauses_total");
    const connected = media;
    const removeSource = mediaTotals.add(() => connected.mediaStats());
    media.play(new Int16Array(160 * 60));
    await sleep(60);
    // frame 10 goes at about 140 ms: XOFF then, XON 200 ms later, both while this thread is held
    const stall = stallMainThread(600);
    await until(() => media!.queuedMs === 0, 5000);
    await sleep(60);
    const seen = await receiver.seen();
    const xoff = seen.find((s) => s.kind === "sent" && s.text === "MEDIA_XOFF")!.at;
    const xon = seen.find((s) => s.kind === "sent" && s.text === "MEDIA_XON")!.at;
    assert.ok(xoff > stall.from && xon < stall.to, "flow control came while the main thread was held");
    const frames = frameTimes(seen);
    // a frame already on its way when XOFF went may still arrive
    assert.deepEqual(frames.filter((at) => at > xoff + 25 && at < xon), [], "nothing is sent while Asterisk's queue is full");
    const resumed = frames.find((at) => at > xon);
    assert.ok(resumed !== undefined && resumed - xon < 50, `first frame ${resumed === undefined ? "never" : (resumed - xon).toFixed(1) + " ms"} after MEDIA_XON`);
    assert.ok(frames.filter((at) => at > xon && at < stall.to).length >= 8, "frames resumed on their 20 ms clock before the main thread was free");
    assert.equal(frames.length, 60, "the reply is sent whole after the pause");
    assert.equal(media.counters.xoff, 1);
    assert.equal(await metricValue("sahayak_websocket_media_pauses_total"), pausesBefore + 1, "the pause reaches /metrics");
    removeSource();
  });

  it("barge-in: after FLUSH_MEDIA no frame of the flushed reply goes, and the next reply plays", async () => {
    receiver = await Receiver.start();
    media = await connect(receiver.url);
    media.play(new Int16Array(160 * 100).fill(3000));
    await sleep(200);
    assert.ok(media.flush() > 0);
    assert.equal(media.queuedMs, 0);
    await sleep(150);
    let seen = await receiver.seen();
    const flushAt = seen.findIndex((s) => s.kind === "text" && s.text === "FLUSH_MEDIA");
    assert.ok(flushAt > 0, "FLUSH_MEDIA in the channel's format");
    assert.deepEqual(seen.slice(flushAt + 1).filter((s) => s.kind === "frame"), [], "no frame after the flush");
    const before = frameTimes(seen).length;
    assert.ok(before < 30, `${before} frames went before the flush`);
    media.play(new Int16Array(160 * 5));
    await until(() => media!.queuedMs === 0);
    await sleep(60);
    seen = await receiver.seen();
    assert.equal(frameTimes(seen).length, before + 5);
  });

  it("a hang-up closes the media socket normally and releases the stream in the sender", async () => {
    receiver = await Receiver.start();
    media = await connect(receiver.url);
    media.play(new Int16Array(160 * 50));
    await sleep(50);
    assert.equal(openMediaSockets.size, 1);
    media.close();
    media.close();
    await until(() => openMediaSockets.size === 0 && openSenderStreams() === 0);
    await sleep(50);
    const seen = await receiver.seen();
    assert.deepEqual(seen.filter((s) => s.kind === "close").map((s) => (s as { code: number }).code), [1000]);
    const closedAt = seen.find((s) => s.kind === "close")!.at;
    assert.ok(frameTimes(seen).every((at) => at < closedAt));
  });

  it("Asterisk closing the socket ends the stream: nothing is sent after, nothing is left open", async () => {
    receiver = await Receiver.start();
    const heard: Int16Array[] = [];
    media = await connect(receiver.url, (s) => heard.push(s));
    receiver.drop();
    await until(() => openMediaSockets.size === 0 && openSenderStreams() === 0);
    media.play(new Int16Array(160 * 10));
    assert.equal(media.queuedMs, 0, "audio for a closed socket is not counted as waiting");
    media.close();
  });

  it("the sender process dying closes its media sockets (Asterisk hangs the channels up) and the next call starts a new one", async () => {
    receiver = await Receiver.start();
    media = await connect(receiver.url);
    media.play(new Int16Array(160 * 50));
    const pid = senderPid()!;
    process.kill(pid, "SIGKILL");
    await until(() => openMediaSockets.size === 0, 3000);
    assert.ok(await closedAtReceiver(), "Asterisk saw the socket close");
    await receiver.stop();
    receiver = await Receiver.start();
    media = await connect(receiver.url);
    assert.notEqual(senderPid(), pid);
    media.play(new Int16Array(160 * 3));
    await until(() => media!.queuedMs === 0);
    await sleep(60);
    assert.equal(frameTimes(await receiver.seen()).length, 3);
  });
});
