// The caller's audio as Asterisk delivers it to an ExternalMedia channel: 20 ms RTP packets, sent
// continuously while the bridge connects them (silence when the caller says nothing), with a random
// SSRC, sequence and timestamp; a pause with skipped sequence numbers while a DTMF digit is held; and
// optional loss, reordering and jitter. Everything the app sends back is recorded.
import { randomInt } from "node:crypto";
import type { Socket } from "node:dgram";
import { FORMATS, decodePayload, encodePayload, type MediaFormat } from "../media/codec.js";
import { DeadlinePacer } from "../media/pacer.js";
import { buildRtp, parseRtp } from "../media/rtp.js";
import type { Faults } from "./server.js";

export interface CallerMediaOptions {
  rtpAddress: string;
  format: string;
}

export class CallerMedia {
  private queue: Int16Array[] = [];
  private pacer: DeadlinePacer | null = null;
  private socket: Socket | null = null;
  private target: { address: string; port: number } | null = null;
  private format: MediaFormat = "ulaw";
  private seq = randomInt(0, 0x10000);
  private ts = randomInt(0, 0x100000000);
  private readonly ssrc = randomInt(1, 0x100000000);
  private pausedPackets = 0;
  private held: Uint8Array | null = null;
  /** Everything the app sent, decoded, in arrival order. */
  readonly heard: Int16Array[] = [];
  /** performance.now() of each packet received from the app. */
  readonly heardAt: number[] = [];
  /** performance.now() when the caller's last queued audio packet went out. */
  lastSpokenAt = 0;
  private readonly onMessage = (msg: Buffer) => {
    const p = parseRtp(msg);
    if (typeof p === "string") return;
    this.heard.push(decodePayload(this.format, p.payload));
    this.heardAt.push(performance.now());
  };

  constructor(
    private readonly options: CallerMediaOptions,
    private readonly faults: Faults,
  ) {}

  get connectedTo(): { address: string; port: number } | null {
    return this.target;
  }

  /** Queues caller speech (samples at the channel format's rate). */
  say(samples: Int16Array): void {
    const n = FORMATS[this.format].samplesPerPacket;
    for (let i = 0; i < samples.length; i += n) {
      const chunk = new Int16Array(n);
      chunk.set(samples.subarray(i, i + n));
      this.queue.push(chunk);
    }
  }

  /** Queued caller speech not yet sent, in ms. */
  get pendingMs(): number {
    return this.queue.length * 20;
  }

  pause(ms: number): void {
    this.pausedPackets += Math.round(ms / 20);
  }

  connect(socket: Socket, target: { address: string; port: number }, format: string): void {
    this.disconnect();
    this.format = (format in FORMATS ? format : "ulaw") as MediaFormat;
    this.socket = socket;
    this.target = target;
    socket.on("message", this.onMessage);
    this.pacer = new DeadlinePacer(() => this.sendNext(), { intervalMs: 20 });
    this.pacer.run();
  }

  private sendNext(): boolean {
    const info = FORMATS[this.format];
    const advance = () => {
      this.seq = (this.seq + 1) & 0xffff;
      this.ts = (this.ts + info.samplesPerPacket) >>> 0;
    };
    if (!this.socket || !this.target) return false;
    if (this.pausedPackets > 0) {
      this.pausedPackets--;
      advance();
      return true;
    }
    const speech = this.queue.shift();
    if (speech && this.queue.length === 0) this.lastSpokenAt = performance.now();
    const payload = encodePayload(this.format, speech ?? new Int16Array(info.samplesPerPacket));
    const packet = buildRtp({ payloadType: info.payloadType, sequence: this.seq, timestamp: this.ts, ssrc: this.ssrc, payload });
    advance();
    if (this.faults.packetLoss && Math.random() < this.faults.packetLoss) return true;
    if (this.faults.reorder && Math.random() < this.faults.reorder && !this.held) {
      this.held = packet;
      return true;
    }
    const out = (p: Uint8Array) => {
      const delay = this.faults.jitterMs ? Math.random() * this.faults.jitterMs : 0;
      const go = () => this.socket?.send(p, this.target!.port, this.target!.address, () => undefined);
      if (delay) setTimeout(go, delay);
      else go();
    };
    out(packet);
    if (this.held) {
      out(this.held);
      this.held = null;
    }
    return true;
  }

  disconnect(): void {
    this.pacer?.stop();
    this.pacer = null;
    this.socket?.off("message", this.onMessage);
    this.socket = null;
    this.target = null;
  }

  close(): void {
    this.disconnect();
    this.queue = [];
  }
}
