// One call's audio over chan_websocket (server mode): Sahayak connects to Asterisk's
// /media/<MEDIA_WEBSOCKET_CONNECTION_ID>, waits for MEDIA_START, then exchanges raw codec frames in
// binary messages. The socket itself is held by the sender process (websocket-stream.ts), which paces our
// frames on their 20 ms deadlines away from the main event loop and obeys MEDIA_XOFF/XON there; this side
// re-cuts the caller's audio into frames, hands the call's audio and commands over, and keeps an estimate
// of what the caller has yet to hear. Control messages come as plain text or JSON (websocket-control.ts):
// the format MEDIA_START arrives in is the one every command is sent in.
import { FORMATS, decodePayload, type MediaFormat } from "./codec.js";
import type { CallMedia, MediaStats } from "./call-media.js";
import { FlushReports, type UnheardListener } from "./flush-reports.js";
import { newSenderStreamId, openSenderStream, postToSender, type SenderStreamListener } from "./rtp-sender.js";
import type { SenderEvent } from "./rtp-sender-worker.js";
import type { ControlFormat } from "./websocket-control.js";
import { WEBSOCKET_FRAME_MS } from "./websocket-stream.js";

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
  /** SCHED_FIFO priority of the shared sender process, if this call starts it (0: normal scheduling). */
  senderRealtimePriority: number;
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

/** Calls' media WebSockets still open in the sender process, for leak checks. */
export const openMediaSockets = new Set<WebSocketMedia>();

export function mediaSocketUrl(ariUrl: string, connectionId: string): string {
  const u = new URL(ariUrl);
  u.protocol = u.protocol === "https:" ? "wss:" : "ws:";
  u.pathname = `/media/${encodeURIComponent(connectionId)}`;
  u.search = "";
  return u.toString();
}

export class WebSocketMedia implements CallMedia {
  private readonly samplesPerFrame: number;
  private partial = new Uint8Array(0);
  /** Since when reply audio has played without a break, and how much of it (its end is derived from these). */
  private playoutStartedAt = 0;
  private playoutSamples = 0;
  /** The playout's start above is this side's guess until the sender reports when its first frame went. */
  private playoutStartGuessed = false;
  /** While Asterisk's queue is full (MEDIA_XOFF): since when, for the estimate of what is still to hear. */
  private pausedAt: number | null = null;
  private closed = false;
  private readonly flushReports = new FlushReports();
  readonly counters: WebSocketMediaCounters = { framesIn: 0, framesOut: 0, oversized: 0, xoff: 0, flushes: 0, errors: 0, unreadable: 0 };

  private constructor(
    private readonly id: number,
    private readonly listener: SenderStreamListener,
    private readonly options: WebSocketMediaOptions,
    /** The format this channel's control messages use (MEDIA_START's): commands go in it too. */
    readonly controlFormat: ControlFormat,
    private readonly frameBytes: number,
  ) {
    const info = FORMATS[options.format];
    this.samplesPerFrame = (frameBytes / info.bytesPerPacket) * info.samplesPerPacket;
    listener.onEvent = (e) => this.event(e);
    listener.senderGone = () => {
      this.flushReports.clear();
      // the socket closed with the sender process: Asterisk hangs the channel up, and the call ends over ARI
      this.released();
      return false;
    };
  }

  /** Connects (in the sender process) and waits for MEDIA_START; rejects (socket closed) on refusal, timeout or abort. */
  static connect(options: WebSocketMediaOptions): Promise<WebSocketMedia> {
    const id = newSenderStreamId();
    const authorization = `Basic ${Buffer.from(`${options.user}:${options.password}`).toString("base64")}`;
    return new Promise((resolve, reject) => {
      let settled = false;
      let media: WebSocketMedia | undefined;
      const fail = (err: Error) => {
        settled = true;
        options.signal.removeEventListener("abort", onAbort);
        reject(err);
      };
      const onAbort = () => {
        postToSender({ op: "close", id });
        fail(new Error("call ended before the media WebSocket started"));
      };
      const listener: SenderStreamListener = {
        lateness: [],
        sent: 0,
        onTalkspurt: (at) => {
          media?.talkspurt(at);
          options.onTalkspurt?.();
        },
        onEvent: (e) => {
          // started after the call ended: the close already asked for ends it
          if (e.ev === "wsStarted" && !settled) {
            settled = true;
            options.signal.removeEventListener("abort", onAbort);
            media = new WebSocketMedia(id, listener, options, e.controlFormat, e.frameBytes);
            openMediaSockets.add(media);
            resolve(media);
          } else if (e.ev === "wsFailed") fail(new Error(e.message));
          else if (e.ev === "closed") fail(new Error("media WebSocket closed before MEDIA_START"));
        },
        senderGone: () => {
          fail(new Error("the media sender process stopped before MEDIA_START"));
          return false;
        },
        reopen: () => undefined,
      };
      if (options.signal.aborted) return reject(new Error("call ended before the media WebSocket started"));
      options.signal.addEventListener("abort", onAbort, { once: true });
      const request = {
        op: "wsOpen" as const,
        id,
        url: mediaSocketUrl(options.ariUrl, options.connectionId),
        authorization,
        format: options.format,
        leadFrames: options.leadFrames,
        maxPacketBytes: options.maxPacketBytes,
        startTimeoutMs: options.startTimeoutMs,
      };
      if (!openSenderStream(id, listener, options.senderRealtimePriority, request)) fail(new Error("the media sender process is not running"));
    });
  }

  private event(e: SenderEvent): void {
    if (e.ev === "wsAudio") this.receive(e.data);
    else if (e.ev === "wsError") {
      this.counters.errors++;
      this.options.onError?.(e.text);
    } else if (e.ev === "wsNoted") {
      if (e.what === "oversized") this.counters.oversized++;
      else this.counters.unreadable++;
    } else if (e.ev === "wsFlow") {
      // by the sender's clock: both events may come at once after this thread was held
      const at = e.at - performance.timeOrigin;
      if (e.paused) {
        this.counters.xoff++;
        this.pausedAt ??= at;
      } else if (this.pausedAt !== null) {
        // what was queued resumes where it stopped
        this.playoutStartedAt += at - this.pausedAt;
        this.pausedAt = null;
      }
    } else if (e.ev === "flushed") this.flushReports.settle(e.seq, e.unheardSamples);
    else if (e.ev === "closed") this.released();
  }

  /** The sender sent a talkspurt's first frame at `at` (performance.now() here): Asterisk's playout starts then. */
  private talkspurt(at: number): void {
    // an earlier talkspurt's report (before a flush or a break) tells nothing about this playout
    if (!this.playoutStartGuessed || at < this.playoutStartedAt) return;
    this.playoutStartGuessed = false;
    this.playoutStartedAt = at;
  }

  /** The sender holds the socket no more (closed by us or by Asterisk, or the sender died). */
  private released(): void {
    this.closed = true;
    this.flushReports.clear();
    this.playoutSamples = 0;
    openMediaSockets.delete(this);
  }

  private receive(data: Uint8Array): void {
    if (this.closed) return;
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

  play(samples: Int16Array): void {
    if (this.closed || samples.length === 0) return;
    // the sender sends pieces back to back and pads only the end of what is queued
    if (this.queuedMs === 0) {
      this.playoutStartedAt = performance.now();
      this.playoutStartGuessed = true;
      this.playoutSamples = 0;
    }
    this.playoutSamples += samples.length;
    postToSender({ op: "play", id: this.id, samples });
  }

  /**
   * Drops the sender's queue and Asterisk's (FLUSH_MEDIA): barge-in silences the caller within a frame.
   * `onUnheard` hears how much of it the caller had not heard, as the sender counted it.
   */
  flush(onUnheard?: UnheardListener): number {
    const dropped = Math.ceil(this.queuedMs / WEBSOCKET_FRAME_MS);
    this.playoutSamples = 0;
    if (!this.closed) {
      postToSender({ op: "flush", id: this.id, seq: this.flushReports.add(onUnheard) });
      this.counters.flushes++;
    }
    return dropped;
  }

  /**
   * What the caller has yet to hear: Asterisk plays what it is sent on its own 20 ms clock from when the
   * first frames went (the sender keeps it a few frames ahead), so a paused reply resumes from what was
   * heard, not from what was handed over.
   */
  get queuedMs(): number {
    const endsAt = this.playoutStartedAt + Math.ceil(this.playoutSamples / this.samplesPerFrame) * WEBSOCKET_FRAME_MS;
    return Math.max(0, endsAt - (this.pausedAt ?? performance.now()));
  }

  mediaStats(): MediaStats {
    const c = this.counters;
    c.framesOut = this.listener.sent;
    return { packetsIn: c.framesIn, packetsOut: c.framesOut, lost: 0, late: 0, concealed: 0, duplicate: 0, malformed: 0, wrong_payload_type: 0, oversized: c.oversized, rejected_source: 0, xoff: c.xoff };
  }

  /** ms each frame went after its deadline, as the sender process reports it (a few times a second). */
  get lateness(): readonly number[] {
    return this.listener.lateness;
  }

  /** Idempotent: the sender closes the socket (normal closure), which hangs the ExternalMedia channel up. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.playoutSamples = 0;
    postToSender({ op: "close", id: this.id });
  }
}
