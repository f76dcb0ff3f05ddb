// The caller and their telephone line, as Asterisk connects them to an ExternalMedia channel. The caller is
// on the telco trunk (G.711 at 8 kHz, as the rendered pjsip.conf allows), so what they say reaches the
// ExternalMedia channel transcoded by Asterisk into the channel's format (μ-law/A-law as is, slin16
// upsampled to 16 kHz), and what the app sends is transcoded back to the line before the caller hears it:
// audio sent at the wrong rate is heard too fast or too slow, as on a real call. The caller's audio goes as
// 20 ms RTP packets (or chan_websocket binary frames), sent continuously while the bridge connects them
// (silence when the caller says nothing), with a random SSRC, sequence and timestamp; a pause with skipped
// sequence numbers while a DTMF digit is held; and optional loss, reordering, jitter and line echo. Incoming RTP passes
// Asterisk's strict RTP check first (strict-rtp.ts). Everything both ways is recorded.
import { randomInt } from "node:crypto";
import type { Socket, RemoteInfo } from "node:dgram";
import { decodeAlaw, decodeUlaw, encodeAlaw, encodeUlaw, float32ToInt16, Resampler } from "../../audio/index.js";
import { FORMATS, appendFrames, decodePayload, encodePayload, padFrame, type MediaFormat } from "../media/codec.js";
import { DeadlinePacer } from "../media/pacer.js";
import { buildRtp, parseRtp } from "../media/rtp.js";
import type { TtsEngine } from "../../speech/tts/types.js";
import type { ChanWebSocket } from "./chan-websocket.js";
import type { Faults } from "./server.js";
import type { StrictRtp } from "./strict-rtp.js";
import { callerSpeechFromText, callerSpeechFromWav } from "./voice.js";

/** The caller's line: the trunk's G.711 at 8 kHz. */
export const LINE_RATE = 8000;
const LINE_SAMPLES = LINE_RATE / 50;

export interface CallerMediaOptions {
  rtpAddress: string;
  /** The trunk's codec (pjsip.conf allows ulaw and alaw). */
  lineCodec: "ulaw" | "alaw";
}

/** Where the caller's audio goes and the app's comes from: an RTP socket, or a chan_websocket channel. */
export type MediaLeg =
  | { kind: "rtp"; socket: Socket; address: string; port: number; strict: StrictRtp }
  | { kind: "ws"; driver: ChanWebSocket; send(data: Uint8Array): void };

/** A G.711 round trip: what a sample sounds like after the line. */
function throughLine(codec: CallerMediaOptions["lineCodec"], samples: Int16Array): Int16Array {
  return codec === "alaw" ? decodeAlaw(encodeAlaw(samples)) : decodeUlaw(encodeUlaw(samples));
}

/**
 * Asterisk's translation between the line (8 kHz) and the channel's rate, as a stream: exactly `out`
 * samples per 20 ms in, the filter's delay filled with silence at the start.
 */
class RateConverter {
  private readonly resampler: Resampler | null;
  private pending = new Int16Array(0);

  constructor(
    inRate: number,
    outRate: number,
    private readonly out: number,
  ) {
    this.resampler = inRate === outRate ? null : new Resampler(inRate, outRate);
    if (this.resampler) this.pending = new Int16Array(Math.ceil((this.resampler.lookAhead * outRate) / inRate));
  }

  convert(samples: Int16Array): Int16Array {
    if (!this.resampler) return samples;
    const converted = float32ToInt16(this.resampler.process(samples));
    const joined = new Int16Array(this.pending.length + converted.length);
    joined.set(this.pending);
    joined.set(converted, this.pending.length);
    const frame = padFrame(joined.subarray(0, this.out), this.out).slice();
    this.pending = joined.slice(Math.min(joined.length, this.out));
    return frame;
  }
}

export class CallerMedia {
  private queue: Int16Array[] = [];
  private pacer: DeadlinePacer | null = null;
  private socket: Socket | null = null;
  private target: { address: string; port: number } | null = null;
  private strict: StrictRtp | null = null;
  private ws: Extract<MediaLeg, { kind: "ws" }> | null = null;
  /** When the websocket channel's playout timer started, and the ticks it has played since. */
  private wsClockStart = 0;
  private wsTicks = 0;
  private format: MediaFormat = "ulaw";
  private toChannel: RateConverter | null = null;
  private toLine: RateConverter | null = null;
  private seq = randomInt(0, 0x10000);
  private ts = randomInt(0, 0x100000000);
  private readonly ssrc = randomInt(1, 0x100000000);
  private pausedPackets = 0;
  private held: Uint8Array | null = null;
  /** What the caller heard from the app: 20 ms at a time, at the line's 8 kHz, in arrival order. */
  readonly heard: Int16Array[] = [];
  /** performance.now() of each packet received from the app. */
  readonly heardAt: number[] = [];
  /** The app's audio as the ExternalMedia channel received it, decoded at the channel's rate (exact). */
  readonly fromApp: Int16Array[] = [];
  /** The UDP port the app's RTP comes to (the last one, once connected over RTP). */
  rtpPort: number | undefined;
  /** Everything the caller said (speech and the silence between), 20 ms at a time at the line's 8 kHz. */
  readonly sent: Int16Array[] = [];
  /** The caller's audio as the ExternalMedia channel sent it to the app, at the channel's rate (exact). */
  readonly sentToApp: Int16Array[] = [];
  /** performance.now() when each packet of `sent` went out. */
  readonly sentAt: number[] = [];
  /** The app's audio on its way back as line echo: when it comes back, and how loud. */
  private readonly echoes: { at: number; samples: Int16Array }[] = [];
  /** performance.now() of the caller's first packet: the start of both recordings' timeline. */
  firstSentAt = 0;
  /** performance.now() when the app answered the call (0 until then): where the caller's wait begins. */
  answeredAt = 0;
  /** performance.now() when the caller's last queued audio packet went out. */
  lastSpokenAt = 0;
  private readonly onMessage = (msg: Buffer, from: RemoteInfo) => {
    const p = parseRtp(msg);
    if (typeof p === "string") return;
    if (this.strict && !this.strict.accept(from, p.sequence)) return;
    this.hear(decodePayload(this.format, p.payload));
  };

  constructor(
    private readonly options: CallerMediaOptions,
    private readonly faults: Faults,
  ) {}

  get connectedTo(): { address: string; port: number } | { ws: true } | null {
    return this.target ?? (this.ws ? { ws: true } : null);
  }

  /** The rate caller speech is given at: the line's. */
  get sampleRate(): number {
    return LINE_RATE;
  }

  /** chan_websocket: frames of the app's audio waiting in Asterisk's queue. */
  get playoutQueue(): number {
    return this.ws?.driver.queuedFrames ?? 0;
  }

  /** Packets strict RTP dropped on the channel the caller is connected to. */
  get strictRtpDropped(): number {
    return this.strict?.dropped ?? 0;
  }

  /** Queues a WAV file as caller speech (any rate/format, converted to the line's). */
  sayWav(bytes: Uint8Array): number {
    const samples = callerSpeechFromWav(bytes, LINE_RATE);
    this.say(samples);
    return (samples.length / LINE_RATE) * 1000;
  }

  /** Queues text spoken by a synthesiser; resolves with its duration in ms once it is queued. */
  async sayText(tts: TtsEngine, text: string, lang: string, signal?: AbortSignal): Promise<number> {
    const samples = await callerSpeechFromText(tts, text, lang, LINE_RATE, signal);
    this.say(samples);
    return (samples.length / LINE_RATE) * 1000;
  }

  /** Queues caller speech at the line's rate (8 kHz). */
  say(samples: Int16Array): void {
    appendFrames(this.queue, samples, LINE_SAMPLES);
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
    const info = FORMATS[this.format];
    this.toChannel = new RateConverter(LINE_RATE, info.sampleRate, info.samplesPerPacket);
    this.toLine = new RateConverter(info.sampleRate, LINE_RATE, LINE_SAMPLES);
    if (leg.kind === "rtp") {
      this.socket = leg.socket;
      this.rtpPort = leg.socket.address().port;
      this.target = { address: leg.address, port: leg.port };
      this.strict = leg.strict;
      leg.socket.on("message", this.onMessage);
    } else {
      this.ws = leg;
      this.wsClockStart = performance.now();
      this.wsTicks = 0;
      leg.driver.playDue = () => this.playDueTicks();
    }
    this.pacer = new DeadlinePacer(() => this.sendNext(), { intervalMs: 20 });
    this.pacer.run();
  }

  /** The app's audio reaches the caller through the line (and, on an echoing line, starts back). */
  private hear(channelSamples: Int16Array): void {
    const now = performance.now();
    const heard = throughLine(this.options.lineCodec, this.toLine!.convert(channelSamples));
    this.fromApp.push(channelSamples);
    this.heard.push(heard);
    this.heardAt.push(now);
    const echo = this.faults.echo;
    if (echo) {
      const gain = 10 ** (-echo.lossDb / 20);
      this.echoes.push({ at: now + echo.delayMs, samples: Int16Array.from(heard, (v) => Math.round(v * gain)) });
    }
  }

  /** The line echo due now, one packet per tick, mixed into what the caller says (echo of a moment that went by is gone). */
  private mixEcho(samples: Int16Array): Int16Array {
    const now = performance.now();
    while (this.echoes.length > 0 && this.echoes[0]!.at < now - 2 * 20) this.echoes.shift();
    const due = this.echoes[0];
    if (!due || due.at > now) return samples;
    this.echoes.shift();
    return Int16Array.from(samples, (v, i) => Math.max(-32768, Math.min(32767, v + (due.samples[i] ?? 0))));
  }

  private playDueTicks(): void {
    if (!this.ws) return;
    const due = Math.floor((performance.now() - this.wsClockStart) / 20) + 1;
    for (; this.wsTicks < due; this.wsTicks++) {
      const played = this.ws.driver.tick();
      if (played) this.hear(decodePayload(this.format, played, true));
    }
  }

  private sendNext(): boolean {
    const info = FORMATS[this.format];
    const advance = () => {
      this.seq = (this.seq + 1) & 0xffff;
      this.ts = (this.ts + info.samplesPerPacket) >>> 0;
    };
    if (this.ws) {
      // Asterisk's 20 ms timer on the websocket channel: one queued frame of the app's audio played a tick,
      // by a channel thread of Asterisk's own that the app's load does not hold up. The simulator's ticks run
      // on the test's event loop, which the pipeline holds for up to seconds under load: ticks it missed are
      // played at once (here, and before a command from the app is read), or its playout fell behind
      // Sahayak's punctual sender (50 frames queued at a barge-in) by stalls that are the simulator's, not Asterisk's.
      this.playDueTicks();
    } else if (!this.socket || !this.target) return false;
    if (this.pausedPackets > 0) {
      this.pausedPackets--;
      advance();
      return true;
    }
    const speech = this.queue.shift();
    if (speech && this.queue.length === 0) this.lastSpokenAt = performance.now();
    const line = throughLine(this.options.lineCodec, this.mixEcho(speech ? padFrame(speech, LINE_SAMPLES) : new Int16Array(LINE_SAMPLES)));
    if (this.sent.length === 0) this.firstSentAt = performance.now();
    this.sent.push(line);
    this.sentAt.push(performance.now());
    const samples = this.toChannel!.convert(line);
    if (this.ws) {
      // a websocket channel whose app asked for media direction 'out' is sent nothing
      if (this.ws.driver.direction !== "out") {
        this.sentToApp.push(samples);
        this.ws.send(encodePayload(this.format, samples, true));
      }
      return true;
    }
    this.sentToApp.push(samples);
    const payload = encodePayload(this.format, samples);
    const packet = buildRtp({ payloadType: info.payloadType, sequence: this.seq, timestamp: this.ts, ssrc: this.ssrc, payload });
    advance();
    if (this.faults.packetLoss && this.faults.random() < this.faults.packetLoss) return true;
    if (this.faults.reorder && this.faults.random() < this.faults.reorder && !this.held) {
      this.held = packet;
      return true;
    }
    const out = (p: Uint8Array) => {
      const delay = this.faults.jitterMs ? this.faults.random() * this.faults.jitterMs : 0;
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
    this.strict = null;
    if (this.ws) this.ws.driver.playDue = null;
    this.ws = null;
  }

  close(): void {
    this.disconnect();
    this.queue = [];
  }
}
