// One call's audio over RTP: a UDP socket of its own from the configured port range, incoming packets
// through the jitter buffer to the listener, outgoing audio paced on 20 ms deadlines to the address
// Asterisk gave (UNICASTRTP_LOCAL_ADDRESS/PORT). Bad packets are counted, never fatal.
import { createSocket, type Socket } from "node:dgram";
import { randomInt } from "node:crypto";
import { FORMATS, decodePayload, encodePayload, toPackets, type MediaFormat } from "./codec.js";
import { JitterBuffer, type JitterStats } from "./jitter.js";
import { DeadlinePacer } from "./pacer.js";
import { buildRtp, parseRtp } from "./rtp.js";

export interface MediaCounters {
  packetsIn: number;
  packetsOut: number;
  malformed: number;
  wrongPayloadType: number;
  oversized: number;
}

export interface MediaSessionOptions {
  format: MediaFormat;
  bindAddress: string;
  portMin: number;
  portMax: number;
  jitterDepth: number;
  /** Packets larger than this are dropped (a 20 ms slin16 packet is 652 bytes). */
  maxPacketBytes: number;
  onAudio(samples: Int16Array): void;
  /** The first packet of a talkspurt (after silence or a flush) was sent. */
  onTalkspurt?(): void;
}

/** Sockets held by all calls, for leak checks. */
export const openSockets = new Set<Socket>();

export class MediaSession {
  private remote: { address: string; port: number } | null = null;
  private readonly queue: Int16Array[] = [];
  private readonly pacer: DeadlinePacer;
  private readonly jitter: JitterBuffer;
  private seq = randomInt(0, 0x10000);
  private ts = randomInt(0, 0x100000000);
  private readonly ssrc = randomInt(1, 0x100000000);
  /** Sending a run of audio; the next packet after silence starts a talkspurt (RTP marker bit). */
  private inTalkspurt = false;
  private closed = false;
  readonly counters: MediaCounters = { packetsIn: 0, packetsOut: 0, malformed: 0, wrongPayloadType: 0, oversized: 0 };

  private constructor(
    private readonly socket: Socket,
    readonly port: number,
    private readonly options: MediaSessionOptions,
  ) {
    const info = FORMATS[options.format];
    this.jitter = new JitterBuffer({ depth: options.jitterDepth, samplesPerPacket: info.samplesPerPacket, maxConceal: 10 });
    this.pacer = new DeadlinePacer(() => this.sendNext(), { intervalMs: 20 });
    socket.on("message", (msg) => this.receive(msg));
  }

  /** Binds a socket on a free port of the range. */
  static async open(options: MediaSessionOptions): Promise<MediaSession> {
    const span = options.portMax - options.portMin + 1;
    // RTP ports are even by convention
    const first = options.portMin + 2 * randomInt(0, Math.max(1, Math.floor(span / 2)));
    for (let i = 0; i < span; i += 2) {
      const port = options.portMin + ((first - options.portMin + i) % span);
      const socket = createSocket("udp4");
      const ok = await new Promise<boolean>((resolve) => {
        socket.once("error", () => resolve(false));
        socket.bind(port, options.bindAddress, () => resolve(true));
      });
      if (ok) {
        openSockets.add(socket);
        socket.on("error", () => undefined);
        return new MediaSession(socket, port, options);
      }
      socket.close();
    }
    throw new Error(`no free UDP port for RTP in ${options.portMin}-${options.portMax}`);
  }

  get stats(): JitterStats {
    return this.jitter.stats;
  }

  /** Where to send our audio: Asterisk's UNICASTRTP_LOCAL_ADDRESS/PORT. */
  setRemote(address: string, port: number): void {
    this.remote = { address, port };
  }

  private receive(msg: Buffer): void {
    if (this.closed) return;
    if (msg.length > this.options.maxPacketBytes) {
      this.counters.oversized++;
      return;
    }
    const p = parseRtp(msg);
    if (typeof p === "string") {
      this.counters.malformed++;
      return;
    }
    const info = FORMATS[this.options.format];
    if (p.payloadType !== info.payloadType) {
      this.counters.wrongPayloadType++;
      return;
    }
    this.counters.packetsIn++;
    for (const frame of this.jitter.push(p.sequence, decodePayload(this.options.format, p.payload))) this.options.onAudio(frame);
  }

  /** Queues audio (at the format's rate) to be sent in 20 ms packets. */
  play(samples: Int16Array): void {
    if (this.closed || samples.length === 0) return;
    for (const packet of toPackets(samples, FORMATS[this.options.format].samplesPerPacket)) this.queue.push(packet);
    if (!this.pacer.active) this.pacer.run();
  }

  /** Drops every queued packet (barge-in): playback stops within one packet. */
  flush(): number {
    const dropped = this.queue.length;
    this.queue.length = 0;
    this.inTalkspurt = false;
    return dropped;
  }

  get queuedMs(): number {
    return this.queue.length * 20;
  }

  /** ms each sent packet was late, for benchmarks. */
  get lateness(): readonly number[] {
    return this.pacer.lateness;
  }

  private sendNext(): boolean {
    const frame = this.queue.shift();
    if (!frame || this.closed) return false;
    if (this.remote) {
      const info = FORMATS[this.options.format];
      const packet = buildRtp({ payloadType: info.payloadType, sequence: this.seq, timestamp: this.ts, ssrc: this.ssrc, marker: !this.inTalkspurt, payload: encodePayload(this.options.format, frame) });
      this.socket.send(packet, this.remote.port, this.remote.address);
      this.counters.packetsOut++;
      if (!this.inTalkspurt) {
        this.inTalkspurt = true;
        this.options.onTalkspurt?.();
      }
    }
    this.seq = (this.seq + 1) & 0xffff;
    this.ts = (this.ts + FORMATS[this.options.format].samplesPerPacket) >>> 0;
    if (this.queue.length === 0) this.inTalkspurt = false;
    return this.queue.length > 0;
  }

  /** Idempotent: stops sending, closes the socket. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pacer.stop();
    this.queue.length = 0;
    openSockets.delete(this.socket);
    try {
      this.socket.close();
    } catch {
      /* already closed */
    }
  }
}
