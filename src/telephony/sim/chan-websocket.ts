// Asterisk's chan_websocket, one channel's driver, as channels/chan_websocket.c (Asterisk 23.4.1) behaves:
// MEDIA_START on connect; every event in the channel's control format (plain text by default, JSON when
// chan_websocket.conf or the dial option f(json) says so), byte for byte as the C source prints them; the
// commands it takes in that format (a command Asterisk cannot parse as JSON is answered with ERROR; an
// unknown or plain-text-as-JSON one is only logged); binary media cut into optimal_frame_size frames, the
// remainder dropped unless media buffering is on; a queue played one frame per 20 ms tick with XOFF at 900
// queued frames, XON below 800 (checked at the tick), nothing taken at 1000; marks and buffering-completed
// notices played in queue order; QUEUE_DRAINED when asked for and the queue runs dry.
import type { ControlFormat } from "../media/websocket-control.js";

/** chan_websocket's queue limits. */
export const WS_QUEUE_MAX = 1000;
export const WS_XOFF = 900;
export const WS_XON = 800;
/** Longer text messages are ignored (MAX_TEXT_MESSAGE_LEN). */
const MAX_TEXT_MESSAGE_LEN = 128;

export type MediaDirection = "both" | "in" | "out";

/** What the dial string's options (`WebSocket/INCOMING/<options>`) set. */
export interface DialOptions {
  controlFormat?: ControlFormat;
  /** f() with a value that is neither format: Asterisk warns and uses plain text. */
  invalidControlFormat?: boolean;
  direction: MediaDirection;
  passthrough: boolean;
  noAutoAnswer: boolean;
  codec?: string;
}

/**
 * Asterisk's option parser (main/app.c parse_options) over chan_websocket's options c(codec), d(direction),
 * f(format), n, p, v(params): a letter, optionally with an argument in parentheses; unknown letters are
 * only warned about.
 */
export function parseDialOptions(options: string): DialOptions {
  const out: DialOptions = { direction: "both", passthrough: false, noAutoAnswer: false };
  for (const m of options.matchAll(/([A-Za-z])(?:\(([^)]*)\))?/g)) {
    const arg = m[2] ?? "";
    if (m[1] === "f") {
      if (arg.toLowerCase() === "json" || arg.toLowerCase() === "plain-text") out.controlFormat = arg.toLowerCase() as ControlFormat;
      else out.invalidControlFormat = true;
    } else if (m[1] === "d" && (arg === "both" || arg === "in" || arg === "out")) out.direction = arg;
    else if (m[1] === "p") out.passthrough = true;
    else if (m[1] === "n") out.noAutoAnswer = true;
    else if (m[1] === "c") out.codec = arg;
  }
  return out;
}

/** The dial string ARI's externalMedia builds for a websocket server channel (res/ari/resource_channels.c). */
export function externalMediaDialString(transportData: string | null, direction: string | null): string {
  return `WebSocket/INCOMING${transportData ? `/${transportData}` : ""}${!transportData && direction ? "/" : ""}${direction ? `d(${direction})` : ""}`;
}

export interface ChanWebSocketOptions {
  format: ControlFormat;
  connectionId: string;
  channelName: string;
  channelId: string;
  /** The codec's name as Asterisk prints it (ulaw, alaw, slin16). */
  codec: string;
  optimalFrameSize: number;
  direction: MediaDirection;
  passthrough: boolean;
  /** The channel's variables when MEDIA_START is sent (JSON only). */
  variables(): Record<string, string>;
  sendText(text: string): void;
  /** The HANGUP command: the channel hangs up (cause 16) and the socket closes with 1000. */
  hangup(): void;
}

type Queued = { kind: "audio"; bytes: Uint8Array } | { kind: "notice"; text: string };

export class ChanWebSocket {
  private readonly queue: Queued[] = [];
  /** Audio frames queued (notices are not counted, as in Asterisk). */
  private queueLength = 0;
  private queueFull = false;
  private queuePaused = false;
  private bulkMedia = false;
  private reportQueueDrained = false;
  private leftover = new Uint8Array(0);
  direction: MediaDirection;
  /** Every text message sent, in order (tests read what Asterisk said). */
  readonly sentText: string[] = [];
  /**
   * Plays the ticks the playout clock owes before a message from the app is handled. Asterisk's clock runs on
   * a thread of its own; the simulator's runs on an event loop the test's pipeline can hold, so without this a
   * FLUSH_MEDIA handled before overdue ticks would drop frames a real Asterisk had already played. (Audio read
   * late is not preceded by this: it arrived on time, and the overdue ticks play it at once, as they would have.)
   */
  playDue: (() => void) | null = null;

  constructor(private readonly o: ChanWebSocketOptions) {
    this.direction = o.direction;
  }

  get format(): ControlFormat {
    return this.o.format;
  }

  get queuedFrames(): number {
    return this.queueLength;
  }

  private send(text: string): void {
    this.sentText.push(text);
    this.o.sendText(text);
  }

  // ---- events, as _create_event_* print them ----

  private nodata(event: string): string {
    return this.o.format === "json" ? JSON.stringify({ event, channel_id: this.o.channelId }) : event;
  }

  mediaStart(): string {
    const o = this.o;
    if (o.format === "json") return JSON.stringify({ event: "MEDIA_START", connection_id: o.connectionId, channel: o.channelName, channel_id: o.channelId, format: o.codec, optimal_frame_size: o.optimalFrameSize, ptime: 20, channel_variables: o.variables() });
    return `MEDIA_START connection_id:${o.connectionId} channel:${o.channelName} channel_id:${o.channelId} format:${o.codec} optimal_frame_size:${o.optimalFrameSize} ptime:20`;
  }

  private withId(event: "MEDIA_BUFFERING_COMPLETED" | "MEDIA_MARK_PROCESSED", id: string | undefined): string {
    if (this.o.format === "json") return JSON.stringify({ event, channel_id: this.o.channelId, correlation_id: id ?? "" });
    return id ? `${event} ${id}` : event;
  }

  dtmfEnd(digit: string): void {
    this.send(this.o.format === "json" ? JSON.stringify({ event: "DTMF_END", channel_id: this.o.channelId, digit }) : `DTMF_END digit:${digit} channel_id:${this.o.channelId}`);
  }

  private status(): string {
    const o = this.o;
    if (o.format === "json") return JSON.stringify({ event: "STATUS", channel_id: o.channelId, queue_length: this.queueLength, xon_level: WS_XON, xoff_level: WS_XOFF, queue_full: this.queueFull, bulk_media: this.bulkMedia, media_paused: this.queuePaused });
    return `STATUS channel_id:${o.channelId} queue_length:${this.queueLength} xon_level:${WS_XON} xoff_level:${WS_XOFF} queue_full:${this.queueFull} bulk_media:${this.bulkMedia} media_paused:${this.queuePaused}`;
  }

  private error(text: string): void {
    this.send(this.o.format === "json" ? JSON.stringify({ event: "ERROR", channel_id: this.o.channelId, error_text: text }) : `ERROR channel_id:${this.o.channelId} error_text:${text}`);
  }

  /** The app connected: MEDIA_START, then (auto-answer) the channel answers. */
  start(): void {
    this.send(this.mediaStart());
  }

  // ---- commands (handle_command) ----

  /** A text message from the app. */
  onText(payload: string): void {
    this.playDue?.();
    if (payload.length === 0 || Buffer.byteLength(payload) > MAX_TEXT_MESSAGE_LEN) return;
    const text = payload.trim();
    let command: string | undefined;
    let data: string | undefined;
    let json: Record<string, unknown> | undefined;
    if (this.o.format === "json") {
      try {
        json = JSON.parse(text) as Record<string, unknown>;
      } catch {
        this.error("Unable to parse JSON command");
        return;
      }
      command = typeof json?.command === "string" ? json.command : undefined;
    } else {
      const space = text.indexOf(" ");
      command = space < 0 ? text : text.slice(0, space);
      data = space < 0 ? undefined : text.slice(space + 1);
    }
    const id = () => (json ? (typeof json.correlation_id === "string" ? json.correlation_id : undefined) : data);
    const passthroughRefuses = () => {
      if (this.o.passthrough) this.error(`${command} not supported in passthrough mode`);
      return this.o.passthrough;
    };
    const directionRefuses = () => {
      if (this.direction === "in") this.error(`${command} not supported while media direction is 'in'`);
      return this.direction === "in";
    };
    switch (command) {
      case "ANSWER":
        return;
      case "HANGUP":
        return this.o.hangup();
      case "START_MEDIA_BUFFERING":
        if (passthroughRefuses() || directionRefuses()) return;
        this.bulkMedia = true;
        return;
      case "STOP_MEDIA_BUFFERING": {
        if (passthroughRefuses() || directionRefuses()) return;
        this.bulkMedia = false;
        if (this.leftover.length > 0) this.enqueue(this.leftover);
        this.leftover = new Uint8Array(0);
        this.queue.push({ kind: "notice", text: this.withId("MEDIA_BUFFERING_COMPLETED", id()) });
        return;
      }
      case "MARK_MEDIA":
        if (passthroughRefuses() || directionRefuses()) return;
        this.queue.push({ kind: "notice", text: this.withId("MEDIA_MARK_PROCESSED", id()) });
        return;
      case "FLUSH_MEDIA":
        if (passthroughRefuses()) return;
        this.queue.length = 0;
        this.queueLength = 0;
        this.bulkMedia = false;
        this.leftover = new Uint8Array(0);
        return;
      case "REPORT_QUEUE_DRAINED":
        if (passthroughRefuses()) return;
        this.reportQueueDrained = true;
        return;
      case "GET_STATUS":
        return this.send(this.status());
      case "PAUSE_MEDIA":
        if (passthroughRefuses() || directionRefuses()) return;
        this.queuePaused = true;
        return;
      case "CONTINUE_MEDIA":
        if (passthroughRefuses() || directionRefuses()) return;
        this.queuePaused = false;
        return;
      case "SET_MEDIA_DIRECTION": {
        if (passthroughRefuses()) return;
        // the C source ends these two messages with a newline
        if (!json) return this.error(`${command} only supports JSON format.\n`);
        const direction = json.direction;
        if (typeof direction !== "string") return this.error(`${command} requires a 'direction' parameter.\n`);
        if (direction !== "both" && direction !== "in" && direction !== "out") return this.error(`'${direction}' is not a valid direction for ${command}.\n`);
        this.direction = direction;
        return;
      }
      default:
      // "WebSocket %s command unknown": a warning in Asterisk's log, nothing on the socket
    }
  }

  // ---- media ----

  /** A binary message from the app (process_binary_message). */
  onBinary(payload: Uint8Array): void {
    if (this.direction === "in") return;
    if (this.queueLength >= WS_QUEUE_MAX) return;
    if (this.o.passthrough) {
      this.enqueue(payload);
      return;
    }
    const size = this.o.optimalFrameSize;
    let data = payload;
    if (this.bulkMedia && this.leftover.length > 0) {
      const need = size - this.leftover.length;
      const take = Math.min(need, data.length);
      const joined = new Uint8Array(this.leftover.length + take);
      joined.set(this.leftover);
      joined.set(data.subarray(0, take), this.leftover.length);
      if (take < need) {
        this.leftover = joined;
        return;
      }
      this.enqueue(joined);
      data = data.subarray(take);
      this.leftover = new Uint8Array(0);
    }
    if (!this.bulkMedia) this.leftover = new Uint8Array(0);
    let at = 0;
    for (; data.length - at >= size; at += size) this.enqueue(data.slice(at, at + size));
    // a partial frame is kept only while media buffering is on; otherwise it is dropped
    if (this.bulkMedia && at < data.length) this.leftover = data.slice(at);
  }

  private enqueue(bytes: Uint8Array): void {
    this.queue.push({ kind: "audio", bytes });
    this.queueLength++;
    if (!this.queueFull && this.queueLength >= WS_XOFF) {
      this.queueFull = true;
      this.send(this.nodata("MEDIA_XOFF"));
    }
  }

  /** Asterisk's 20 ms timer fired (dequeue_frame): the frame to play to the bridge, if any. */
  tick(): Uint8Array | null {
    if (this.direction === "in" || this.queuePaused) return null;
    if (this.queueFull && this.queueLength < WS_XON) {
      this.queueFull = false;
      this.send(this.nodata("MEDIA_XON"));
    }
    let next = this.queue.shift();
    if (!next) {
      if (this.reportQueueDrained) {
        this.reportQueueDrained = false;
        this.send(this.nodata("QUEUE_DRAINED"));
      }
      return null;
    }
    // notices go out in queue order without using up the tick's frame
    while (next?.kind === "notice") {
      this.send(next.text);
      next = this.queue.shift();
    }
    if (!next) return null;
    this.queueLength--;
    return next.bytes;
  }
}
