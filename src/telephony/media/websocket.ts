// One call's audio over chan_websocket (server mode): Sahayak connects to Asterisk's
// /media/<MEDIA_WEBSOCKET_CONNECTION_ID>, waits for MEDIA_START, then exchanges raw codec frames in
// binary messages. Asterisk plays our frames on its own 20 ms clock from a queue, so we keep it only a
// few frames ahead: FLUSH_MEDIA then empties it within those frames on barge-in, and MEDIA_XOFF/XON
// (queue at 900 / below 800 frames) pause and resume us. Control messages come as plain text or JSON
// (websocket-control.ts): the format MEDIA_START arrives in is the one every command is sent in.
import WebSocket from "ws";
import { FORMATS, appendFrames, decodePayload, encodePayload, padFrame, type MediaFormat } from "./codec.js";
import { DeadlinePacer } from "./pacer.js";
import type { CallMedia, MediaStats } from "./call-media.js";
import { controlCommand, parseControlMessage, type ControlCommand, type ControlEvent, type ControlFormat } from "./websocket-control.js";

export interface WebSocketMediaOptions {
  /** The ARI base URL (http://host:8088); the media socket is /media/<id> on the same server. */
  ariUrl: string;
  user: string;
  password: string;
  connectionId: string;
  format: MediaFormat;
  /** Frames kept queued in Asterisk ahead of its playout clock. */
  leadFrames: number;
  /** Binary messages larger than this are dropped. */
  maxPacketBytes: number;
  startTimeoutMs: number;
  signal: AbortSignal;
  onAudio(samples: Int16Array): void;
  /** The first frame of a talkspurt (after silence or a flush) was sent. */
  onTalkspurt?(): void;
  /** chan_websocket refused a command (an ERROR event): its text. */
  onError?(text: string): void;
}

export interface WebSocketMediaCounters {
  framesIn: number;
  framesOut: number;
  oversized: number;
  xoff: number;
  flushes: number;
  /** ERROR events: a command Asterisk did not accept. */
  errors: number;
  /** Text messages that are no control message in either format. */
  unreadable: number;
}

/** Media WebSockets held by all calls, for leak checks. */
export const openMediaSockets = new Set<WebSocket>();

export function mediaSocketUrl(ariUrl: string, connectionId: string): string {
  const u = new URL(ariUrl);
  u.protocol = u.protocol === "https:" ? "wss:" : "ws:";
  u.pathname = `/media/${encodeURIComponent(connectionId)}`;
  u.search = "";
  return u.toString();
}

export class WebSocketMedia implements CallMedia {
  private readonly queue: Int16Array[] = [];
  private readonly pacer: DeadlinePacer;
  private readonly frameBytes: number;
  private readonly samplesPerFrame: number;
  private partial = new Uint8Array(0);
  private paused = false;
  private inTalkspurt = false;
  private closed = false;
  readonly counters: WebSocketMediaCounters = { framesIn: 0, framesOut: 0, oversized: 0, xoff: 0, flushes: 0, errors: 0, unreadable: 0 };

  private constructor(
    private readonly ws: WebSocket,
    private readonly options: WebSocketMediaOptions,
    /** The format this channel's control messages use (MEDIA_START's): commands go in it too. */
    readonly controlFormat: ControlFormat,
    optimalFrameSize: number,
  ) {
    const info = FORMATS[options.format];
    this.frameBytes = optimalFrameSize > 0 ? optimalFrameSize : info.bytesPerPacket;
    this.samplesPerFrame = (this.frameBytes / info.bytesPerPacket) * info.samplesPerPacket;
    this.pacer = new DeadlinePacer(() => this.sendNext(), { intervalMs: 20 });
    ws.on("message", (data, isBinary) => (isBinary ? this.receive(data as Buffer) : this.control(String(data))));
    ws.on("close", () => this.close());
  }

  /** Connects and waits for MEDIA_START; rejects (socket closed) on refusal, timeout or abort. */
  static connect(options: WebSocketMediaOptions): Promise<WebSocketMedia> {
    const auth = Buffer.from(`${options.user}:${options.password}`).toString("base64");
    const ws = new WebSocket(mediaSocketUrl(options.ariUrl, options.connectionId), { headers: { Authorization: `Basic ${auth}` } });
    openMediaSockets.add(ws);
    return new Promise((resolve, reject) => {
      const fail = (err: Error) => {
        cleanup();
        openMediaSockets.delete(ws);
        ws.removeAllListeners();
        ws.on("error", () => undefined);
        ws.terminate();
        reject(err);
      };
      const onAbort = () => fail(new Error("call ended before the media WebSocket started"));
      const timer = setTimeout(() => fail(new Error(`no MEDIA_START within ${options.startTimeoutMs} ms`)), options.startTimeoutMs);
      const onMessage = (data: WebSocket.RawData, isBinary: boolean) => {
        if (isBinary) return;
        const parsed = parseControlMessage(String(data));
        if (parsed?.message.event !== "MEDIA_START") return;
        const start = parsed.message;
        if (start.format && start.format !== options.format) return fail(new Error(`media WebSocket format is ${start.format}, expected ${options.format}`));
        cleanup();
        resolve(new WebSocketMedia(ws, options, parsed.format, start.optimalFrameSize));
      };
      const onError = (err: Error) => fail(new Error(`media WebSocket: ${err.message}`));
      const onClose = () => fail(new Error("media WebSocket closed before MEDIA_START"));
      const cleanup = () => {
        clearTimeout(timer);
        options.signal.removeEventListener("abort", onAbort);
        ws.off("message", onMessage);
        ws.off("error", onError);
        ws.off("close", onClose);
        ws.on("error", () => undefined);
      };
      if (options.signal.aborted) return onAbort();
      options.signal.addEventListener("abort", onAbort, { once: true });
      ws.on("message", onMessage);
      ws.on("error", onError);
      ws.on("close", onClose);
    });
  }

  private receive(data: Buffer): void {
    if (this.closed) return;
    if (data.length > this.options.maxPacketBytes) {
      this.counters.oversized++;
      return;
    }
    // frames may be split or joined: re-cut into whole 20 ms frames
    const joined = new Uint8Array(this.partial.length + data.length);
    joined.set(this.partial);
    joined.set(data, this.partial.length);
    let offset = 0;
    for (; offset + this.frameBytes <= joined.length; offset += this.frameBytes) {
      this.counters.framesIn++;
      this.options.onAudio(decodePayload(this.options.format, joined.subarray(offset, offset + this.frameBytes), true));
    }
    this.partial = joined.slice(offset);
  }

  private control(text: string): void {
    const parsed = parseControlMessage(text);
    if (!parsed) {
      this.counters.unreadable++;
      return;
    }
    this.handle(parsed.message);
  }

  // DTMF_END also arrives over ARI (ChannelDtmfReceived), where the call takes its keys from
  private handle(event: ControlEvent): void {
    if (event.event === "MEDIA_XOFF") {
      this.paused = true;
      this.counters.xoff++;
    } else if (event.event === "MEDIA_XON") {
      this.paused = false;
      if (this.queue.length && !this.pacer.active) this.pacer.run();
    } else if (event.event === "ERROR") {
      this.counters.errors++;
      this.options.onError?.(event.errorText);
    }
  }

  private command(cmd: ControlCommand): void {
    if (!this.closed && this.ws.readyState === WebSocket.OPEN) this.ws.send(controlCommand(this.controlFormat, cmd));
  }

  play(samples: Int16Array): void {
    if (this.closed || samples.length === 0) return;
    appendFrames(this.queue, samples, this.samplesPerFrame);
    if (!this.pacer.active && !this.paused) {
      // prime Asterisk's playout queue so its clock never runs dry between our ticks
      for (let i = 1; i < this.options.leadFrames && this.queue.length > 1; i++) this.sendFrame(this.queue.shift()!);
      this.pacer.run();
    }
  }

  /** Drops our queue and Asterisk's (FLUSH_MEDIA): barge-in silences the caller within a frame. */
  flush(): number {
    const dropped = this.queue.length;
    this.queue.length = 0;
    this.inTalkspurt = false;
    if (!this.closed && this.ws.readyState === WebSocket.OPEN) {
      this.command({ command: "FLUSH_MEDIA" });
      this.counters.flushes++;
    }
    return dropped;
  }

  get queuedMs(): number {
    return this.queue.length * 20;
  }

  mediaStats(): MediaStats {
    const c = this.counters;
    return { packetsIn: c.framesIn, packetsOut: c.framesOut, lost: 0, late: 0, concealed: 0, duplicate: 0, malformed: 0, wrong_payload_type: 0, oversized: c.oversized, rejected_source: 0, xoff: c.xoff };
  }

  get lateness(): readonly number[] {
    return this.pacer.lateness;
  }

  private sendFrame(frame: Int16Array): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.ws.send(encodePayload(this.options.format, padFrame(frame, this.samplesPerFrame), true));
    this.counters.framesOut++;
    if (!this.inTalkspurt) {
      this.inTalkspurt = true;
      this.options.onTalkspurt?.();
    }
    if (this.queue.length === 0) this.inTalkspurt = false;
  }

  private sendNext(): boolean {
    if (this.closed || this.paused) return false;
    const frame = this.queue.shift();
    if (!frame) return false;
    this.sendFrame(frame);
    return this.queue.length > 0;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pacer.stop();
    this.queue.length = 0;
    openMediaSockets.delete(this.ws);
    // closing the media socket hangs the ExternalMedia channel up on Asterisk's side too
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close(1000);
  }
}
