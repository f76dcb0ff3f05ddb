// Outgoing RTP for every call, paced in a child process of its own (rtp-sender-worker.ts). The main process
// hands over the call's socket (the worker sends from it: symmetric RTP) and its audio, and keeps an estimate
// of what is still queued (the worker plays it at 20 ms a packet), which is all the speaker needs to know
// when a reply has been heard.
import { fork, type ChildProcess } from "node:child_process";
import type { Socket } from "node:dgram";
import { fileURLToPath } from "node:url";
import { FORMATS, type MediaFormat } from "./codec.js";
import type { SenderEvent, SenderRequest } from "./rtp-sender-worker.js";

const PACKET_MS = 20;

interface Listener {
  onTalkspurt?(at: number): void;
  lateness: number[];
  onOpened(symmetric: boolean): void;
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

function noteLate(late: [number, number][]): void {
  // the sender reports the monotonic clock, which performance.now() also runs on
  const offset = performance.now() - Number(process.hrtime.bigint()) / 1e6;
  for (const [at, lateMs] of late) latePackets.push({ at: at + offset, lateMs });
  if (latePackets.length > LATE_PACKETS_KEPT) latePackets.splice(0, latePackets.length - LATE_PACKETS_KEPT);
}

let shared: { worker: ChildProcess; listeners: Map<number, Listener>; nextId: number } | null = null;

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
  const listeners = new Map<number, Listener>();
  worker.on("message", (e: SenderEvent) => {
    const l = listeners.get(e.id);
    if (!l) return;
    if (e.ev === "talkspurt") l.onTalkspurt?.(e.at - performance.timeOrigin);
    else if (e.ev === "opened") l.onOpened(e.symmetric);
    else if (e.ev === "lateness") {
      for (const v of e.values) l.lateness.push(v);
      noteLate(e.late);
    }
    else listeners.delete(e.id);
  });
  const gone = () => {
    if (shared?.worker === worker) shared = null;
    // a call waiting for the sender to take its socket waits no longer
    for (const l of listeners.values()) l.onOpened(false);
  };
  worker.on("error", gone);
  worker.on("exit", gone);
  // this process may exit while the sender idles; the sender exits when its channel closes
  worker.unref();
  worker.channel?.unref();
  shared = { worker, listeners, nextId: 1 };
  return shared;
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
  private readonly listener: Listener;
  /** Since when audio has played without a break, and how much of it (its end is derived from these). */
  private playoutStartedAt = 0;
  private playoutSamples = 0;
  private closed = false;
  private readonly samplesPerPacket: number;
  /**
   * Settles once the sender holds its copy of the call's socket (until then the socket must stay open here):
   * true when packets leave from it, false when they go from the sender's own socket (or it is gone).
   */
  readonly opened: Promise<boolean>;

  /**
   * `socket`: the call's bound socket, whose port Asterisk sends to; its copy in the sender only sends.
   * `realtimePriority`: the sender process's SCHED_FIFO priority when it starts (0: normal scheduling).
   */
  constructor(format: MediaFormat, socket: Socket, realtimePriority: number, onTalkspurt?: () => void) {
    const s = sender(realtimePriority);
    this.id = s.nextId++;
    this.samplesPerPacket = FORMATS[format].samplesPerPacket;
    let onOpened: (symmetric: boolean) => void = () => undefined;
    this.opened = new Promise((resolve) => (onOpened = resolve));
    this.listener = { onTalkspurt, lateness: [], onOpened };
    s.listeners.set(this.id, this.listener);
    if (s.worker.connected) s.worker.send({ op: "open", id: this.id, format } satisfies SenderRequest, socket, (err) => err && onOpened(false));
    else onOpened(false);
  }

  private post(msg: SenderRequest): void {
    if (shared?.worker.connected) shared.worker.send(msg);
  }

  setRemote(address: string, port: number): void {
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

  flush(): number {
    const dropped = Math.ceil(this.queuedMs / PACKET_MS);
    this.playoutSamples = 0;
    this.post({ op: "flush", id: this.id });
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

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.playoutSamples = 0;
    this.post({ op: "close", id: this.id });
  }
}
