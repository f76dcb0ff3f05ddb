// One call's chan_websocket media socket, held in the sender process (rtp-sender-worker.ts), which paces the
// reply frames on their 20 ms deadlines there: on the main event loop they waited behind the engines' results,
// the dialogue and JSON work (a p99 of 199 ms under 20 calls, against 0.72 ms for RTP paced here). A ws
// socket is one object with its own framing state and belongs to one thread, so the socket lives here whole
// (connect, MEDIA_START, the caller's audio, control messages) and the main process follows it through
// events (websocket.ts). Flow control is obeyed here, where the frames leave: MEDIA_XOFF stops the pacer at
// once, MEDIA_XON starts it again. Asterisk plays our frames on its own 20 ms clock from a queue, so we keep
// it only a few frames ahead: FLUSH_MEDIA then empties it within those frames on barge-in.
import WebSocket from "ws";
import { FORMATS, encodePayloadInto, type MediaFormat } from "./codec.js";
import { FrameQueue } from "./frame-queue.js";
import { DeadlinePacer } from "./pacer.js";
import type { PacingClock } from "./pacing-clock.js";
import { SendReport, type SendReportFigures } from "./send-report.js";
import { controlCommand, parseControlMessage, type ControlEvent, type ControlFormat } from "./websocket-control.js";

/** chan_websocket's ptime: a frame's length, and Asterisk's playout tick. */
export const WEBSOCKET_FRAME_MS = 20;
/** How long a flush waits for the STATUS it asked for before counting by its own estimate (a loopback round trip is well under 1 ms). */
export const WEBSOCKET_STATUS_WAIT_MS = 250;

/** A flush waiting for Asterisk's count of the frames it held. */
interface PendingStatus {
  settle(heldFrames: number | undefined): void;
  timer: NodeJS.Timeout | undefined;
}

export type WebSocketStreamRequest = {
  op: "wsOpen";
  id: number;
  url: string;
  /** The Authorization header (ARI's user and password). */
  authorization: string;
  format: MediaFormat;
  /** Frames kept queued in Asterisk ahead of its playout clock. */
  leadFrames: number;
  /** Binary messages larger than this are dropped. */
  maxPacketBytes: number;
  startTimeoutMs: number;
};

export type WebSocketStreamEvent =
  /** MEDIA_START came: the channel's control format and frame size. */
  | { ev: "wsStarted"; id: number; controlFormat: ControlFormat; frameBytes: number }
  /** No media: why (refused, timed out, closed before MEDIA_START, another format). "closed" follows. */
  | { ev: "wsFailed"; id: number; message: string }
  /** A binary message from Asterisk: the caller's audio as it came (frames may be split or joined). */
  | { ev: "wsAudio"; id: number; data: Uint8Array }
  | { ev: "wsNoted"; id: number; what: "oversized" | "unreadable" }
  /** MEDIA_XOFF or MEDIA_XON obeyed; `at`: performance.timeOrigin + performance.now() here, when. */
  | { ev: "wsFlow"; id: number; paused: boolean; at: number }
  /** An ERROR event: a command Asterisk did not accept. */
  | { ev: "wsError"; id: number; text: string };

type Post = (event: WebSocketStreamEvent | { ev: "talkspurt"; id: number; at: number }) => void;

export class WebSocketStream {
  readonly id: number;
  private readonly ws: WebSocket;
  private queue: FrameQueue | null = null;
  private frameBytes = 0;
  private controlFormat: ControlFormat = "plain-text";
  private readonly pacer: DeadlinePacer;
  private startTimer: NodeJS.Timeout | undefined;
  private paused = false;
  private inTalkspurt = false;
  private ended = false;
  private readonly report = new SendReport();
  /** Flushes waiting for their STATUS, in the order their GET_STATUS went. */
  private readonly pendingStatus: PendingStatus[] = [];
  /** When Asterisk will have played every frame sent so far (performance.now()): it plays one per 20 ms tick. */
  private asteriskPlaysUntil = 0;

  /** `onEnded`: the socket closed or never started (not called after close()). `clock`: the process's pacing clock. */
  constructor(
    private readonly request: WebSocketStreamRequest,
    private readonly post: Post,
    private readonly onEnded: () => void,
    clock?: PacingClock,
  ) {
    this.id = request.id;
    this.pacer = new DeadlinePacer(() => this.sendNext(), { intervalMs: WEBSOCKET_FRAME_MS, onSent: this.report.onSent, clock });
    this.ws = new WebSocket(request.url, { headers: { Authorization: request.authorization } });
    this.startTimer = setTimeout(() => this.fail(`no MEDIA_START within ${request.startTimeoutMs} ms`), request.startTimeoutMs);
    this.ws.on("message", (data: Buffer, isBinary) => (isBinary ? this.receive(data) : this.control(String(data))));
    this.ws.on("error", (err) => this.queue === null && this.fail(`media WebSocket: ${err.message}`));
    this.ws.on("close", () => (this.queue === null ? this.fail("media WebSocket closed before MEDIA_START") : this.end()));
  }

  private fail(message: string): void {
    if (this.ended) return;
    this.post({ ev: "wsFailed", id: this.id, message });
    this.end();
  }

  /** Releases everything and tells the sender process the stream is gone. */
  private end(): void {
    if (this.ended) return;
    this.release();
    // refused, timed out or closed by Asterisk: nothing more to say on the socket
    this.ws.terminate();
    this.onEnded();
  }

  private release(): void {
    this.ended = true;
    for (const pending of [...this.pendingStatus]) pending.settle(undefined);
    clearTimeout(this.startTimer);
    this.pacer.stop();
    this.queue?.clear();
    this.ws.removeAllListeners();
    this.ws.on("error", () => undefined);
  }

  private receive(data: Buffer): void {
    if (this.ended || this.queue === null) return;
    if (data.length > this.request.maxPacketBytes) return this.post({ ev: "wsNoted", id: this.id, what: "oversized" });
    this.post({ ev: "wsAudio", id: this.id, data });
  }

  private control(text: string): void {
    if (this.ended) return;
    const parsed = parseControlMessage(text);
    if (!parsed) return this.post({ ev: "wsNoted", id: this.id, what: "unreadable" });
    if (this.queue === null) return parsed.message.event === "MEDIA_START" ? this.start(parsed.format, parsed.message) : undefined;
    this.handle(parsed.message);
  }

  private start(format: ControlFormat, start: Extract<ControlEvent, { event: "MEDIA_START" }>): void {
    if (start.format && start.format !== this.request.format) return this.fail(`media WebSocket format is ${start.format}, expected ${this.request.format}`);
    clearTimeout(this.startTimer);
    const info = FORMATS[this.request.format];
    this.frameBytes = start.optimalFrameSize > 0 ? start.optimalFrameSize : info.bytesPerPacket;
    this.controlFormat = format;
    this.queue = new FrameQueue((this.frameBytes / info.bytesPerPacket) * info.samplesPerPacket);
    this.post({ ev: "wsStarted", id: this.id, controlFormat: format, frameBytes: this.frameBytes });
  }

  // DTMF_END also arrives over ARI (ChannelDtmfReceived), where the call takes its keys from
  private handle(event: ControlEvent): void {
    if (event.event === "MEDIA_XOFF") {
      this.paused = true;
      this.post({ ev: "wsFlow", id: this.id, paused: true, at: performance.timeOrigin + performance.now() });
    } else if (event.event === "MEDIA_XON") {
      this.paused = false;
      this.post({ ev: "wsFlow", id: this.id, paused: false, at: performance.timeOrigin + performance.now() });
      if (!this.queue!.empty && !this.pacer.active) this.pacer.run();
    } else if (event.event === "STATUS") {
      this.pendingStatus[0]?.settle(event.queueLength);
    } else if (event.event === "ERROR") {
      this.post({ ev: "wsError", id: this.id, text: event.errorText });
    }
  }

  play(samples: Int16Array): void {
    const queue = this.queue;
    if (this.ended || queue === null || samples.length === 0) return;
    queue.push(samples);
    if (!this.pacer.active && !this.paused) {
      // prime Asterisk's playout queue so its clock never runs dry between our ticks
      for (let i = 1; i < this.request.leadFrames && queue.frames > 1; i++) this.sendFrame();
      this.pacer.run();
    }
  }

  /**
   * Drops our queue and Asterisk's (FLUSH_MEDIA): barge-in silences the caller within a frame. `onUnheard` hears
   * the samples dropped that the caller had not heard: ours, and the frames Asterisk still held, as its STATUS
   * counts them just before the flush (GET_STATUS goes first, and commands are read in order). Asterisk's own
   * clock can fall behind ours (a loaded Asterisk loses timer ticks), so its count, not our estimate of its
   * playout, says where a paused reply resumes; the estimate stands only if no STATUS comes.
   */
  flush(onUnheard: (unheardSamples: number) => void): void {
    const queue = this.queue;
    const ours = queue?.samples ?? 0;
    const heldMs = Math.max(0, this.asteriskPlaysUntil - performance.now());
    const estimate = queue === null ? 0 : ours + Math.round(heldMs / WEBSOCKET_FRAME_MS) * queue.frame.length;
    this.asteriskPlaysUntil = 0;
    queue?.clear();
    this.inTalkspurt = false;
    if (this.ended || queue === null || this.ws.readyState !== WebSocket.OPEN) return onUnheard(estimate);
    const pending: PendingStatus = {
      settle: (held) => {
        clearTimeout(pending.timer);
        this.pendingStatus.splice(this.pendingStatus.indexOf(pending), 1);
        onUnheard(held === undefined ? estimate : ours + held * queue.frame.length);
      },
      timer: setTimeout(() => pending.settle(undefined), WEBSOCKET_STATUS_WAIT_MS),
    };
    this.pendingStatus.push(pending);
    this.ws.send(controlCommand(this.controlFormat, { command: "GET_STATUS" }));
    this.ws.send(controlCommand(this.controlFormat, { command: "FLUSH_MEDIA" }));
  }

  newLateness(): SendReportFigures {
    return this.report.take(this.pacer);
  }

  /** Closes the socket normally: closing the media socket hangs the ExternalMedia channel up too. */
  close(): void {
    if (this.ended) return;
    this.release();
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(1000);
    else this.ws.terminate();
  }

  private sendFrame(): void {
    const queue = this.queue!;
    if (!queue.take() || this.ws.readyState !== WebSocket.OPEN) return;
    // a buffer per frame: ws masks a client's frame into a copy of its own anyway
    const bytes = new Uint8Array(this.frameBytes);
    encodePayloadInto(this.request.format, queue.frame, new DataView(bytes.buffer), 0, true);
    this.ws.send(bytes);
    this.asteriskPlaysUntil = Math.max(this.asteriskPlaysUntil, performance.now()) + WEBSOCKET_FRAME_MS;
    this.report.countSent();
    if (!this.inTalkspurt) {
      this.inTalkspurt = true;
      this.post({ ev: "talkspurt", id: this.id, at: performance.timeOrigin + performance.now() });
    }
    if (queue.empty) this.inTalkspurt = false;
  }

  private sendNext(): boolean {
    if (this.ended || this.paused || this.queue === null || this.queue.empty) return false;
    this.sendFrame();
    return !this.queue.empty;
  }
}
