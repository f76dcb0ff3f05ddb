// One call's audio over RTP: a UDP socket of its own from the configured port range, for incoming packets
// (taken only from the address and port Asterisk sends from, UNICASTRTP_LOCAL_ADDRESS/PORT) through the
// jitter buffer to the listener, and for outgoing audio, paced on 20 ms deadlines by the sender process from
// this same socket (symmetric RTP, as Asterisk's strict RTP expects). Bad packets are counted, never fatal.
import { createSocket, type RemoteInfo, type Socket } from "node:dgram";
import { randomInt } from "node:crypto";
import { FORMATS, decodePayload, type MediaFormat } from "./codec.js";
import type { CallMedia, MediaStats } from "./call-media.js";
import { InterarrivalJitter, JitterBuffer, type JitterStats } from "./jitter.js";
import { parseRtp } from "./rtp.js";
import { RtpSender } from "./rtp-sender.js";
import type { UnheardListener } from "./flush-reports.js";

export interface MediaCounters {
  packetsIn: number;
  /** Packets sent to Asterisk (not those queued: a flushed reply's dropped packets never count). */
  readonly packetsOut: number;
  malformed: number;
  wrongPayloadType: number;
  oversized: number;
  /** Packets from anywhere but Asterisk's UNICASTRTP_LOCAL_ADDRESS/PORT (or before it was known). */
  rejectedSource: number;
  /** Times Asterisk's stream changed its SSRC (a new source: the jitter buffer starts afresh). */
  ssrcChanges: number;
}

export interface MediaSessionOptions {
  format: MediaFormat;
  bindAddress: string;
  portMin: number;
  portMax: number;
  jitterDepth: number;
  /** Packets larger than this are dropped (a 20 ms slin16 packet is 652 bytes). */
  maxPacketBytes: number;
  /** SCHED_FIFO priority of the shared sender process (0: normal scheduling). */
  senderRealtimePriority: number;
  onAudio(samples: Int16Array): void;
  /** The first packet of a talkspurt (after silence or a flush) was sent. */
  onTalkspurt?(): void;
}

/** Sockets held by all calls, for leak checks. */
export const openSockets = new Set<Socket>();

export class MediaSession implements CallMedia {
  private readonly sender: RtpSender;
  private readonly jitter: JitterBuffer;
  private readonly arrivalJitter: InterarrivalJitter;
  private remote: { address: string; port: number } | null = null;
  private ssrc: number | null = null;
  private closed = false;
  readonly counters: MediaCounters;

  private constructor(
    private readonly socket: Socket,
    readonly port: number,
    private readonly options: MediaSessionOptions,
  ) {
    const info = FORMATS[options.format];
    this.jitter = new JitterBuffer({ depth: options.jitterDepth, samplesPerPacket: info.samplesPerPacket, maxConceal: 10 });
    this.arrivalJitter = new InterarrivalJitter(info.sampleRate);
    this.sender = new RtpSender(options.format, socket, options.senderRealtimePriority, options.onTalkspurt);
    const sender = this.sender;
    this.counters = {
      packetsIn: 0,
      get packetsOut() {
        return sender.packetsSent;
      },
      malformed: 0,
      wrongPayloadType: 0,
      oversized: 0,
      rejectedSource: 0,
      ssrcChanges: 0,
    };
    socket.on("message", (msg, from) => this.receive(msg, from));
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

  mediaStats(): MediaStats {
    const c = this.counters;
    const j = this.jitter.stats;
    return { packetsIn: c.packetsIn, packetsOut: c.packetsOut, lost: j.lost, late: j.late, concealed: j.concealed, duplicate: j.duplicates, malformed: c.malformed, wrong_payload_type: c.wrongPayloadType, oversized: c.oversized, rejected_source: c.rejectedSource, xoff: 0, jitterSeconds: this.arrivalJitter.seconds };
  }

  /**
   * Settles once the sender process holds this call's socket: true when our packets leave from the port
   * Asterisk was given (symmetric), false when they cannot (Asterisk then drops their first 80 ms).
   */
  get symmetric(): Promise<boolean> {
    return this.sender.opened;
  }

  /** Asterisk's UNICASTRTP_LOCAL_ADDRESS/PORT: where our audio goes, and the only source taken. */
  setRemote(address: string, port: number): void {
    this.remote = { address, port };
    this.sender.setRemote(address, port);
  }

  private receive(msg: Buffer, from: RemoteInfo): void {
    if (this.closed) return;
    if (from.port !== this.remote?.port || from.address !== this.remote.address) {
      this.counters.rejectedSource++;
      return;
    }
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
    if (this.ssrc !== p.ssrc) {
      // Asterisk changes the SSRC when the bridge's source changes, and the sequence numbers may start anywhere
      if (this.ssrc !== null) {
        this.counters.ssrcChanges++;
        for (const frame of this.jitter.restart()) this.options.onAudio(frame);
        this.arrivalJitter.restart();
      }
      this.ssrc = p.ssrc;
    }
    this.arrivalJitter.add(performance.now(), p.timestamp);
    for (const frame of this.jitter.push(p.sequence, decodePayload(this.options.format, p.payload))) this.options.onAudio(frame);
  }

  /** Queues audio (at the format's rate) to be sent in 20 ms packets. */
  play(samples: Int16Array): void {
    if (this.closed || samples.length === 0) return;
    this.sender.play(samples);
  }

  /** Drops every queued packet (barge-in): playback stops within one packet. */
  flush(onUnheard?: UnheardListener): number {
    return this.sender.flush(onUnheard);
  }

  get queuedMs(): number {
    return this.sender.queuedMs;
  }

  /** ms each sent packet was late, for benchmarks. */
  get lateness(): readonly number[] {
    return this.sender.lateness;
  }

  /** Idempotent: stops sending and receiving; the socket closes once the sender holds its own copy. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.sender.close();
    // closed before the sender took it, the copy in flight to the sender would never arrive
    void this.sender.opened.then(() => {
      openSockets.delete(this.socket);
      try {
        this.socket.close();
      } catch {
        /* already closed */
      }
    });
  }
}
