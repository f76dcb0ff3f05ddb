// The caller's audio as Asterisk delivers it to an ExternalMedia channel: 20 ms RTP packets (or
// chan_websocket binary frames), sent
// continuously while the bridge connects them (silence when the caller says nothing), with a random
// SSRC, sequence and timestamp; a pause with skipped sequence numbers while a DTMF digit is held; and
// optional loss, reordering and jitter. Everything the app sends back is recorded.
import { randomInt } from "node:crypto";
import type { Socket } from "node:dgram";
import { FORMATS, appendFrames, decodePayload, encodePayload, padFrame, type MediaFormat } from "../media/codec.js";
import { DeadlinePacer } from "../media/pacer.js";
import { buildRtp, parseRtp } from "../media/rtp.js";
import type { TtsEngine } from "../../speech/tts/types.js";
import type { Faults } from "./server.js";
import { callerSpeechFromText, callerSpeechFromWav } from "./voice.js";

export interface CallerMediaOptions {
  rtpAddress: string;
  format: string;
}

/** Where the caller's audio goes and the app's comes from: an RTP socket, or a media WebSocket. */
export type MediaLeg =
  | { kind: "rtp"; socket: Socket; address: string; port: number }
  | { kind: "ws"; send(data: Uint8Array): void; sendText(text: string): void };

/** chan_websocket's queue limits: XOFF above, XON below. */
export const WS_XOFF = 900;
export const WS_XON = 800;

export class CallerMedia {
  private queue: Int16Array[] = [];
  private pacer: DeadlinePacer | null = null;
  private socket: Socket | null = null;
  private target: { address: string; port: number } | null = null;
  private ws: Extract<MediaLeg, { kind: "ws" }> | null = null;
  /** chan_websocket: audio the app sent, played out on Asterisk's own 20 ms clock. */
  private readonly wsQueue: Uint8Array[] = [];
  private xoff = false;
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
  /** The UDP port the app's RTP comes to (the last one, once connected over RTP). */
  rtpPort: number | undefined;
  /** Everything the caller sent (speech and the silence between), one packet per 20 ms. */
  readonly sent: Int16Array[] = [];
  /** performance.now() of the caller's first packet: the start of both recordings' timeline. */
  firstSentAt = 0;
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

  get connectedTo(): { address: string; port: number } | { ws: true } | null {
    return this.target ?? (this.ws ? { ws: true } : null);
  }

  /** chan_websocket: a binary frame from the app joins Asterisk's playout queue. */
  receiveFromWebSocket(frame: Uint8Array): void {
    this.wsQueue.push(frame);
    if (!this.xoff && this.wsQueue.length > WS_XOFF) {
      this.xoff = true;
      this.ws?.sendText(JSON.stringify({ event: "MEDIA_XOFF" }));
    }
  }

  /** chan_websocket commands: FLUSH_MEDIA drops the queue (barge-in), GET_STATUS reports it. */
  command(cmd: { command?: string }): void {
    if (cmd.command === "FLUSH_MEDIA") {
      this.wsQueue.length = 0;
      this.checkXon();
    } else if (cmd.command === "GET_STATUS") this.ws?.sendText(JSON.stringify({ event: "STATUS", queue_length: this.wsQueue.length, xon_level: WS_XON, xoff_level: WS_XOFF, queue_full: this.xoff }));
  }

  private checkXon(): void {
    if (this.xoff && this.wsQueue.length < WS_XON) {
      this.xoff = false;
      this.ws?.sendText(JSON.stringify({ event: "MEDIA_XON" }));
    }
  }

  get playoutQueue(): number {
    return this.wsQueue.length;
  }

  /** Queues caller speech (samples at the channel format's rate). */
  /** The rate caller speech must have: the ExternalMedia format's (known once the media is connected). */
  get sampleRate(): number {
    return FORMATS[this.format].sampleRate;
  }

  /** Queues a WAV file as caller speech (any rate/format, converted to the channel's). */
  sayWav(bytes: Uint8Array): number {
    const samples = callerSpeechFromWav(bytes, this.sampleRate);
    this.say(samples);
    return (samples.length / this.sampleRate) * 1000;
  }

  /** Queues text spoken by a synthesiser; resolves with its duration in ms once it is queued. */
  async sayText(tts: TtsEngine, text: string, lang: string, signal?: AbortSignal): Promise<number> {
    const samples = await callerSpeechFromText(tts, text, lang, this.sampleRate, signal);
    this.say(samples);
    return (samples.length / this.sampleRate) * 1000;
  }

  say(samples: Int16Array): void {
    appendFrames(this.queue, samples, FORMATS[this.format].samplesPerPacket);
  }

  /** Queued caller speech not yet sent, in ms. */
  get pendingMs(): number {
    return this.queue.length * 20;
  }

  pause(ms: number): void {
    this.pausedPackets += Math.round(ms / 20);
  }

  connect(leg: MediaLeg, format: string): void {
    this.disconnect();
    this.format = (format in FORMATS ? format : "ulaw") as MediaFormat;
    if (leg.kind === "rtp") {
      this.socket = leg.socket;
      this.rtpPort = leg.socket.address().port;
      this.target = { address: leg.address, port: leg.port };
      leg.socket.on("message", this.onMessage);
    } else this.ws = leg;
    this.pacer = new DeadlinePacer(() => this.sendNext(), { intervalMs: 20 });
    this.pacer.run();
  }

  private sendNext(): boolean {
    const info = FORMATS[this.format];
    const advance = () => {
      this.seq = (this.seq + 1) & 0xffff;
      this.ts = (this.ts + info.samplesPerPacket) >>> 0;
    };
    if (this.ws) {
      // Asterisk's side of chan_websocket: one queued frame of the app's audio played per tick
      const played = this.wsQueue.shift();
      if (played) {
        this.heard.push(decodePayload(this.format, played, true));
        this.heardAt.push(performance.now());
        this.checkXon();
      }
    } else if (!this.socket || !this.target) return false;
    if (this.pausedPackets > 0) {
      this.pausedPackets--;
      advance();
      return true;
    }
    const speech = this.queue.shift();
    if (speech && this.queue.length === 0) this.lastSpokenAt = performance.now();
    const samples = speech ? padFrame(speech, info.samplesPerPacket) : new Int16Array(info.samplesPerPacket);
    if (this.sent.length === 0) this.firstSentAt = performance.now();
    this.sent.push(samples);
    if (this.ws) {
      this.ws.send(encodePayload(this.format, samples, true));
      return true;
    }
    const payload = encodePayload(this.format, samples);
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
    this.ws = null;
  }

  close(): void {
    this.disconnect();
    this.queue = [];
  }
}
