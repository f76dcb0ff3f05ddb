// The sender process (rtp-sender-worker.ts) as the main process sees it, and each call's outgoing RTP in it.
// The process paces every call's reply audio on 20 ms deadlines, RTP and chan_websocket alike
// (websocket.ts), away from the main event loop that the engines' results, the dialogue and JSON work stall.
// For RTP the main process hands over the call's socket (the worker sends from it: symmetric RTP) and its
// audio, and keeps an estimate of what is still queued (the worker plays it at 20 ms a packet), which is all
// the speaker needs to know when a reply has been heard.
import { fork, type ChildProcess } from "node:child_process";
import type { Socket } from "node:dgram";
import { fileURLToPath } from "node:url";
import { FORMATS, type MediaFormat } from "./codec.js";
import { FlushReports, type UnheardListener } from "./flush-reports.js";
import type { SenderEvent, SenderRequest } from "./rtp-sender-worker.js";
import { monotonicMs, type SenderPause } from "./send-report.js";

const PACKET_MS = 20;

/** A stream open in the sender process, as the main process follows it. */
export interface SenderStreamListener {
  onTalkspurt?(at: number): void;
  /** Lateness of each send so far, as the sender reports it. */
  lateness: number[];
  /** Packets or frames the sender process reports sent. */
  sent: number;
  /** Every other event of this stream ("closed" last). */
  onEvent(event: SenderEvent): void;
  /**
   * The sender process died with this stream open: true when the stream is to be handed to its replacement
   * (reopen() is then called), false when it ended with the process.
   */
  senderGone(): boolean;
  reopen(): void;
}
/** A reply packet that went more than a millisecond after its deadline: when (performance.now()) and how late. */
export interface LatePacket {
  at: number;
  lateMs: number;
}
/** The most recent late packets of every call, for diagnosis (benchmarks match them to machine stalls). */
const latePackets: LatePacket[] = [];
const LATE_PACKETS_KEPT = 10_000;

export function recentLatePackets(): readonly LatePacket[] {
  return latePackets;
}

/** What held the sender process up besides sending, `from`/`to` in performance.now() time (for diagnosis). */
export interface SenderBusy {
  what: SenderPause[0];
  from: number;
  to: number;
}
const senderBusy: SenderBusy[] = [];

export function recentSenderBusy(): readonly SenderBusy[] {
  return senderBusy;
}

/** The sender reports the monotonic clock, which performance.now() also runs on: the offset between them. */
function monotonicOffset(): number {
  return performance.now() - monotonicMs();
}

function noteLate(late: [number, number][]): void {
  const offset = monotonicOffset();
  for (const [at, lateMs] of late) latePackets.push({ at: at + offset, lateMs });
  if (latePackets.length > LATE_PACKETS_KEPT) latePackets.splice(0, latePackets.length - LATE_PACKETS_KEPT);
}

function noteBusy(pauses: SenderPause[]): void {
  const offset = monotonicOffset();
  for (const [what, at, ms] of pauses) senderBusy.push({ what, from: at + offset, to: at + offset + ms });
  if (senderBusy.length > LATE_PACKETS_KEPT) senderBusy.splice(0, senderBusy.length - LATE_PACKETS_KEPT);
}

/** A request waiting for the sender process to say it is ready (with the call's socket, when it carries one). */
interface HeldRequest {
  request: SenderRequest;
  handle?: Socket;
  failed?: (err: Error | null) => void;
}
let shared: { worker: ChildProcess; listeners: Map<number, SenderStreamListener>; ready: boolean; held: HeldRequest[] } | null = null;
/** Stream ids stay unique across sender processes: a stream keeps its id when handed to a replacement. */
let nextStreamId = 1;
/** A sender that dies this soon after the one before it was started is replaced only after this long. */
const SENDER_RESTART_MS = 1000;
let lastStartedAt = -Infinity;

/** The sender process: the build's .js, or the .ts source through tsx (tests, development). */
function startSender(realtimePriority: number): ChildProcess {
  const fromSource = import.meta.url.endsWith(".ts");
  const file = fileURLToPath(new URL(`./rtp-sender-worker.${fromSource ? "ts" : "js"}`, import.meta.url));
  return fork(file, [String(realtimePriority)], { serialization: "advanced", execArgv: fromSource ? ["--import", "tsx"] : [], stdio: ["ignore", "ignore", "inherit", "ipc"] });
}

function sender(realtimePriority: number) {
  if (shared) return shared;
  const worker = startSender(realtimePriority);
  everStarted = true;
  lastStartedAt = performance.now();
  const listeners = new Map<number, SenderStreamListener>();
  const started = { worker, listeners, ready: false, held: [] as HeldRequest[] };
  worker.on("message", (e: SenderEvent) => {
    if (e.ev === "ready") {
      started.ready = true;
      for (const h of started.held.splice(0)) worker.send(h.request, h.handle, h.failed);
      return;
    }
    if (e.ev === "pauses") return noteBusy(e.pauses);
    const l = listeners.get(e.id);
    if (!l) return;
    if (e.ev === "talkspurt") l.onTalkspurt?.(e.at - performance.timeOrigin);
    else if (e.ev === "lateness") {
      for (const v of e.values) l.lateness.push(v);
      l.sent += e.sent;
      noteLate(e.late);
    } else {
      if (e.ev === "closed") listeners.delete(e.id);
      l.onEvent(e);
    }
  });
  let wentAway = false;
  const gone = () => {
    if (wentAway) return;
    wentAway = true;
    if (shared?.worker === worker) shared = null;
    // RTP calls still open would stay silent for the rest of the call: a new sender takes their sockets over
    // (a chan_websocket call's media socket closed with the process: Asterisk hangs its channel up)
    const reopening = [...listeners.values()].filter((l) => l.senderGone());
    listeners.clear();
    if (reopening.length === 0) return;
    const replace = () => {
      sender(realtimePriority);
      for (const l of reopening) l.reopen();
    };
    const wait = lastStartedAt + SENDER_RESTART_MS - performance.now();
    if (wait <= 0) replace();
    else setTimeout(replace, wait).unref();
  };
  worker.on("error", gone);
  // the channel closes a moment before the exit is seen (a loop turn or more under load): a call opened
  // in between would be handed to the dead process and never be symmetric, so the channel's end is the end
  worker.on("disconnect", gone);
  worker.on("exit", gone);
  // this process may exit while the sender idles; the sender exits when its channel closes
  worker.unref();
  worker.channel?.unref();
  shared = started;
  return shared;
}

/** A new stream's id, unique across sender processes. */
export function newSenderStreamId(): number {
  return nextStreamId++;
}

/** Follows a stream in the sender process (started if need be) and sends it its first request. */
export function openSenderStream(id: number, listener: SenderStreamListener, realtimePriority: number, request: SenderRequest, handle?: Socket, failed?: (err: Error | null) => void): boolean {
  const s = sender(realtimePriority);
  s.listeners.set(id, listener);
  if (!s.worker.connected) return false;
  deliver(s, { request, handle, failed });
  return true;
}

/** A request to the running sender process (none running: nothing to tell it). */
export function postToSender(msg: SenderRequest): void {
  if (shared?.worker.connected) deliver(shared, { request: msg });
}

/**
 * Requests wait, in order, until the sender has its message listener: a socket handed over before that is
 * read by the sender's copy (Node starts reading a received socket at once) until the listener stops it, and
 * the caller's packets it took in the meantime were lost to the call.
 */
function deliver(s: NonNullable<typeof shared>, h: HeldRequest): void {
  if (s.ready) s.worker.send(h.request, h.handle, h.failed);
  else s.held.push(h);
}

/** Starts the sender process before the first call (serve), so readiness can watch it from the start. */
export function startRtpSender(realtimePriority: number): void {
  sender(realtimePriority);
}

/** Whether the sender process runs: undefined before it was ever started. */
export function rtpSenderRunning(): boolean | undefined {
  if (!shared) return everStarted ? false : undefined;
  return shared.worker.exitCode === null && shared.worker.signalCode === null && shared.worker.connected;
}
let everStarted = false;

/** The sender process's pid, once started (for checks of its scheduling). */
export function senderPid(): number | undefined {
  return shared?.worker.pid;
}

/** Streams open in the sender, for leak checks. */
export function openSenderStreams(): number {
  return shared?.listeners.size ?? 0;
}

export class RtpSender {
  private readonly id: number;
  private readonly listener: SenderStreamListener;
  private readonly onOpened: (symmetric: boolean) => void;
  /** Since when audio has played without a break, and how much of it (its end is derived from these). */
  private playoutStartedAt = 0;
  private playoutSamples = 0;
  private closed = false;
  private remote: { address: string; port: number } | null = null;
  private readonly samplesPerPacket: number;
  private readonly flushReports = new FlushReports();
  /**
   * Settles once the sender holds its copy of the call's socket (until then the socket must stay open here):
   * true when packets leave from it, false when they go from the sender's own socket (or it is gone).
   */
  readonly opened: Promise<boolean>;

  /**
   * `socket`: the call's bound socket, whose port Asterisk sends to; its copy in the sender only sends.
   * `realtimePriority`: the sender process's SCHED_FIFO priority when it starts (0: normal scheduling).
   */
  constructor(
    private readonly format: MediaFormat,
    private readonly socket: Socket,
    realtimePriority: number,
    onTalkspurt?: () => void,
  ) {
    this.id = newSenderStreamId();
    this.samplesPerPacket = FORMATS[format].samplesPerPacket;
    let onOpened: (symmetric: boolean) => void = () => undefined;
    this.opened = new Promise((resolve) => (onOpened = resolve));
    this.onOpened = onOpened;
    this.listener = {
      onTalkspurt,
      lateness: [],
      sent: 0,
      onEvent: (e) => {
        if (e.ev === "opened") onOpened(e.symmetric);
        else if (e.ev === "flushed") this.flushReports.settle(e.seq, e.unheardSamples);
      },
      senderGone: () => {
        // a call waiting for the sender to take its socket waits no longer
        onOpened(false);
        this.flushReports.clear();
        return true;
      },
      reopen: () => this.open(realtimePriority),
    };
    this.open(realtimePriority);
  }

  /** Hands the call's socket to the sender process (again, to a replacement, after the sender died). */
  private open(realtimePriority: number): void {
    if (this.closed) return;
    const failed = (err: Error | null) => err && this.onOpened(false);
    if (!openSenderStream(this.id, this.listener, realtimePriority, { op: "open", id: this.id, format: this.format }, this.socket, failed)) this.onOpened(false);
    if (this.remote) this.post({ op: "remote", id: this.id, ...this.remote });
  }

  private post(msg: SenderRequest): void {
    postToSender(msg);
  }

  setRemote(address: string, port: number): void {
    this.remote = { address, port };
    this.post({ op: "remote", id: this.id, address, port });
  }

  play(samples: Int16Array): void {
    if (this.closed || samples.length === 0) return;
    // the sender plays pieces back to back and pads only the end of what is queued
    if (this.queuedMs === 0) {
      this.playoutStartedAt = performance.now();
      this.playoutSamples = 0;
    }
    this.playoutSamples += samples.length;
    this.post({ op: "play", id: this.id, samples });
  }

  /** Drops what is queued; `onUnheard` hears how much of it the caller had not heard, as the sender counted it. */
  flush(onUnheard?: UnheardListener): number {
    const dropped = Math.ceil(this.queuedMs / PACKET_MS);
    this.playoutSamples = 0;
    this.post({ op: "flush", id: this.id, seq: this.flushReports.add(onUnheard) });
    return dropped;
  }

  get queuedMs(): number {
    // the sender pads only the end of what is queued: whole packets of everything played since the last break
    const endsAt = this.playoutStartedAt + Math.ceil(this.playoutSamples / this.samplesPerPacket) * PACKET_MS;
    return Math.max(0, endsAt - performance.now());
  }

  get lateness(): readonly number[] {
    return this.listener.lateness;
  }

  /** Packets that left for the caller (reported by the sender process a few times a second). */
  get packetsSent(): number {
    return this.listener.sent;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.playoutSamples = 0;
    this.post({ op: "close", id: this.id });
  }
}
