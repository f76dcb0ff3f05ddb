// The process that sends every call's reply audio on its 20 ms deadlines: RTP, and chan_websocket's media
// frames (websocket-stream.ts: this process holds those calls' media WebSockets). It does nothing else, and
// as a process of its own it shares no memory map with the main process, whose page-table work (heap
// growth, native engines) stalled a sender thread for 15–20 ms at a time under load.
// Each call's packets leave from the call's own socket, the one whose port Asterisk was given as
// external_host (symmetric RTP): Asterisk's strict RTP takes them at once, where packets from any other port
// lose their first 80 ms while it learns the new source. The main process binds that socket, reads it, and
// hands this process a copy, which only sends: a copy that also read would take half the caller's audio.
import { spawnSync } from "node:child_process";
import { PerformanceObserver } from "node:perf_hooks";
import { createSocket, type Socket } from "node:dgram";
import { randomInt } from "node:crypto";
import { FORMATS, encodePayloadInto, type FormatInfo, type MediaFormat } from "./codec.js";
import { FrameQueue } from "./frame-queue.js";
import { DeadlinePacer } from "./pacer.js";
import { blockUntil, PacingClock } from "./pacing-clock.js";
import { SendReport, type SendReportFigures, type SenderPause, monotonicMs } from "./send-report.js";
import { WebSocketStream, type WebSocketStreamEvent, type WebSocketStreamRequest } from "./websocket-stream.js";
import { RTP_HEADER_BYTES, writeRtpHeader } from "./rtp.js";
import { leaveCpuBudget } from "../../ops/cpu-budget.js";
import { niceThisThread } from "../../ops/worker.js";

export type SenderRequest =
  /** Comes with the call's socket as the message's handle. */
  | { op: "open"; id: number; format: MediaFormat }
  | { op: "remote"; id: number; address: string; port: number }
  | { op: "play"; id: number; samples: Int16Array }
  /** `seq` comes back with the "flushed" event. */
  | { op: "flush"; id: number; seq: number }
  | { op: "close"; id: number }
  | WebSocketStreamRequest;

export type SenderEvent =
  /** The process listens for requests: sockets handed over from now on are made send-only at once. */
  | { ev: "ready" }
  /** `at`: performance.timeOrigin + performance.now() in this process, when the talkspurt's first packet went. */
  | { ev: "talkspurt"; id: number; at: number }
  /** Since the last report (the pacer also measures a wake-up that found a flushed queue empty). */
  | ({ ev: "lateness"; id: number } & SendReportFigures)
  /** The call's socket is held here (the main process may close its own copy); `symmetric`: packets leave from it. */
  | { ev: "opened"; id: number; symmetric: boolean }
  | { ev: "closed"; id: number }
  /** A flush dropped this much audio (samples at the stream's rate) the caller had not heard. */
  | { ev: "flushed"; id: number; seq: number; unheardSamples: number }
  /** Since the last report: when this process could not send (see SenderPause), for diagnosis. */
  | { ev: "pauses"; pauses: SenderPause[] }
  | WebSocketStreamEvent;

/**
 * One clock wakes this process for every stream's packets, and waits out the last milliseconds before a
 * deadline precisely (blocking: this process has nothing else to do then; requests are handled between waits).
 */
const clock = new PacingClock({ waitUntil: blockUntil });
/** How often each stream's lateness figures go back to the main thread. */
const REPORT_MS = 250;
const SENDER_NICENESS = -10;
/** Packet buffers each stream takes in turn: a send still queued in the kernel keeps its buffer this long. */
const PACKET_BUFFERS = 8;

// Per packet the sender allocates nothing that lives: queued audio stays in the chunks it came in (no object
// per packet to survive into the old generation) and packets are written into reused buffers: under 20 calls
// its major collections (1.5–3.7 ms pauses, one source of its own lateness) stopped.
class Stream {
  /** Audio still to send, as played. */
  private readonly queue: FrameQueue;
  private readonly packets: { bytes: Uint8Array; view: DataView }[];
  private nextPacket = 0;
  private readonly info: FormatInfo;
  private readonly pacer: DeadlinePacer;
  private remote: { address: string; port: number } | null = null;
  private seq = randomInt(0, 0x10000);
  private ts = randomInt(0, 0x100000000);
  private readonly ssrc = randomInt(1, 0x100000000);
  private inTalkspurt = false;
  private readonly report = new SendReport();

  constructor(
    readonly id: number,
    private readonly format: MediaFormat,
    /** The call's own socket, or the shared one when it could not be taken over. */
    private readonly socket: Socket,
  ) {
    this.info = FORMATS[format];
    this.queue = new FrameQueue(this.info.samplesPerPacket);
    this.packets = Array.from({ length: PACKET_BUFFERS }, () => {
      const bytes = new Uint8Array(RTP_HEADER_BYTES + this.info.bytesPerPacket);
      return { bytes, view: new DataView(bytes.buffer) };
    });
    this.pacer = new DeadlinePacer(() => this.sendNext(), { intervalMs: 20, onSent: this.report.onSent, clock });
  }

  setRemote(address: string, port: number): void {
    this.remote = { address, port };
  }

  play(samples: Int16Array): void {
    if (samples.length === 0) return;
    this.queue.push(samples);
    if (!this.pacer.active) this.pacer.run();
  }

  /** Drops what is queued; `onUnheard` hears how many samples of it the caller had not heard (RTP: none of it was sent), at once. */
  flush(onUnheard?: (unheardSamples: number) => void): void {
    const unheard = this.queue.samples;
    this.queue.clear();
    this.inTalkspurt = false;
    onUnheard?.(unheard);
  }

  newLateness(): SendReportFigures {
    return this.report.take(this.pacer);
  }

  close(): void {
    this.pacer.stop();
    this.flush();
    if (this.socket !== fallbackSocket()) this.socket.close();
  }

  private sendNext(): boolean {
    if (!this.queue.take()) return false;
    if (this.remote) {
      const packet = this.packets[this.nextPacket]!;
      this.nextPacket = (this.nextPacket + 1) % this.packets.length;
      writeRtpHeader(packet.view, this.info.payloadType, this.seq, this.ts, this.ssrc, !this.inTalkspurt);
      encodePayloadInto(this.format, this.queue.frame, packet.view, RTP_HEADER_BYTES);
      this.socket.send(packet.bytes, this.remote.port, this.remote.address);
      this.report.countSent();
      if (!this.inTalkspurt) {
        this.inTalkspurt = true;
        post({ ev: "talkspurt", id: this.id, at: performance.timeOrigin + performance.now() });
      }
    }
    this.seq = (this.seq + 1) & 0xffff;
    this.ts = (this.ts + this.info.samplesPerPacket) >>> 0;
    if (this.queue.empty) this.inTalkspurt = false;
    return !this.queue.empty;
  }
}

// Keeping time comes first. With permission (root, or CAP_SYS_NICE in the service unit) the main thread
// runs SCHED_FIFO: under 20 calls on 2 cores a normal-priority sender was preempted for up to 20 ms. Only
// the main thread, never all threads (`chrt -a`): a real-time V8 helper thread spinning on a lock held by
// a normal one livelocked a 2-core machine when tried. Without permission: a raised nice value, or normal.
// Out of the bulk work's CPU quota first (see ops/cpu-budget.ts): the V8 helper threads a collection waits
// for must never be throttled while this process's real-time thread waits.
leaveCpuBudget();
const realtimePriority = Number(process.argv[2] ?? 0);
const realtime = realtimePriority > 0 && spawnSync("chrt", ["-f", "-p", String(realtimePriority), String(process.pid)], { stdio: "ignore" }).status === 0;
if (!realtime) niceThisThread(SENDER_NICENESS);

/**
 * Makes the call's socket copy send-only. Node starts reading a socket handed over from another process, and
 * offers no way to stop; its UDP handle does (Node's internal state symbol, unchanged since Node 12). Where it
 * is missing, false: the copy is closed and the call's packets go from the shared socket.
 */
function stopReading(socket: Socket): boolean {
  const state = Object.getOwnPropertySymbols(socket).find((s) => s.description === "state symbol");
  const handle = state && (socket as unknown as Record<symbol, { handle?: { recvStop?: () => number } }>)[state]?.handle;
  if (typeof handle?.recvStop !== "function") return false;
  const result: unknown = handle.recvStop();
  // libuv's error codes are negative
  return typeof result !== "number" || result >= 0;
}

let shared: Socket | null = null;
/** One socket of this process's own, for calls whose socket could not be taken over. */
function fallbackSocket(): Socket {
  if (!shared) {
    shared = createSocket("udp4");
    shared.on("error", () => undefined);
    shared.bind(0);
  }
  return shared;
}

const streams = new Map<number, Stream | WebSocketStream>();

/** Moments this process ran something other than a send, longer than PAUSE_NOTED_MS. */
let pauses: SenderPause[] = [];
const PAUSE_NOTED_MS = 0.5;
// performance.now() here → the monotonic clock the late packets are stamped with
const toMonotonic = monotonicMs() - performance.now();
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (e.duration > PAUSE_NOTED_MS) pauses.push(["gc", e.startTime + toMonotonic, e.duration]);
}).observe({ entryTypes: ["gc"] });

/** Notes what ran since `began` (performance.now()) as a pause when it held this process longer than PAUSE_NOTED_MS. */
function notePause(what: SenderPause[0], began: number): void {
  const took = performance.now() - began;
  if (took > PAUSE_NOTED_MS) pauses.push([what, began + toMonotonic, took]);
}

function post(event: SenderEvent): void {
  const began = performance.now();
  process.send?.(event);
  notePause("post", began);
}

function report(stream: Stream | WebSocketStream): void {
  const { values, late, sent } = stream.newLateness();
  if (values.length) post({ ev: "lateness", id: stream.id, values, late, sent });
}

setInterval(() => {
  const began = performance.now();
  streams.forEach(report);
  notePause("report", began);
  if (pauses.length) post({ ev: "pauses", pauses });
  pauses = [];
}, REPORT_MS).unref();

// the main process went away (or closed the channel): nothing left to send for
process.on("disconnect", () => process.exit(0));

process.on("message", (msg: SenderRequest, handle?: Socket) => {
  const began = performance.now();
  handleRequest(msg, handle);
  notePause("message", began);
});

function handleRequest(msg: SenderRequest, handle?: Socket): void {
  const stream = streams.get(msg.id);
  switch (msg.op) {
    case "open": {
      handle?.on("error", () => undefined);
      const own = handle !== undefined && stopReading(handle);
      if (handle && !own) handle.close();
      streams.set(msg.id, new Stream(msg.id, msg.format, own ? handle : fallbackSocket()));
      post({ ev: "opened", id: msg.id, symmetric: own });
      return;
    }
    case "wsOpen": {
      // closed from Asterisk's side, or never started: the main process hears "closed" after what ended it
      const ended = () => {
        const ws = streams.get(msg.id);
        if (ws) report(ws);
        streams.delete(msg.id);
        post({ ev: "closed", id: msg.id });
      };
      try {
        streams.set(msg.id, new WebSocketStream(msg, post, ended, clock));
      } catch (err) {
        post({ ev: "wsFailed", id: msg.id, message: `media WebSocket: ${(err as Error).message}` });
        ended();
      }
      return;
    }
    case "remote":
      return stream instanceof Stream ? stream.setRemote(msg.address, msg.port) : undefined;
    case "play":
      return stream?.play(msg.samples);
    case "flush": {
      const flushed = (unheardSamples: number) => post({ ev: "flushed", id: msg.id, seq: msg.seq, unheardSamples });
      if (stream) stream.flush(flushed);
      else flushed(0);
      return;
    }
    case "close":
      if (stream) {
        stream.close();
        report(stream);
        streams.delete(msg.id);
      }
      post({ ev: "closed", id: msg.id });
  }
}

// only now may the main process hand over sockets (rtp-sender.ts holds its requests until this)
post({ ev: "ready" });
