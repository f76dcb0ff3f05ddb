// The ARI controller: for each call, answer, bridge the caller with an ExternalMedia channel that Sahayak
// names itself, carry the audio over RTP, and release everything (ExternalMedia channel, bridge, socket)
// on every path, since Asterisk never does it. Admission control, polite shutdown and reconnection live here
// too; the releases themselves, their retries and a previous run's orphans are orphans.ts's. What is said on a
// call is the CallHandler's job.
import { EventEmitter } from "node:events";
import { float32ToInt16, resample, type Frame } from "../audio/index.js";
import type { TelephonyConfig } from "../config.js";
import type { Logger } from "../ops/log.js";
import { AriConnection, AriError, type AriChannelData, type AriEvent } from "./ari/client.js";
import { FORMATS } from "./media/codec.js";
import type { CallMedia, MediaStats } from "./media/call-media.js";
import { callsRefused, mediaTotals, replyPacketLateness, rtpJitter, type MediaTotalKey } from "../ops/metrics.js";
import { MediaSession } from "./media/session.js";
import { startRtpSender } from "./media/rtp-sender.js";
import { WebSocketMedia } from "./media/websocket.js";
import { BRIDGE_PREFIX, EM_PREFIX, Releaser, type CleanedOrphans } from "./orphans.js";
import type { Call, CallHandler, CallLedger, ControllerCounters, EarlyEnd, EndReason, Refusal } from "./call-types.js";

export type * from "./call-types.js";
export { EM_PREFIX, BRIDGE_PREFIX } from "./orphans.js";

interface ActiveCall {
  callerId: string;
  emId: string;
  bridgeId: string;
  media?: CallMedia;
  abort: AbortController;
  events: EventEmitter;
  ended?: EndReason;
  setup: Promise<void>;
  emStarted: Promise<void>;
  markEmStarted: () => void;
  /** Settles once cleanup has released everything (the call has left `calls`). */
  cleanedUpDone: Promise<void>;
  markCleanedUp: () => void;
  cleanedUp: boolean;
  handler: CallHandler;
  /** Turned away: the handler only says so, the controller records it. */
  refused?: Refusal;
  /** The handler has the call and records it itself. */
  recordedByHandler: boolean;
  setupError?: string;
}

const EARLY_END: Record<EndReason, EarlyEnd> = { caller_hangup: "caller_hangup", gone: "caller_hangup", error: "setup_failed", shutdown: "shutting_down", app_hangup: "caller_hangup", transfer: "caller_hangup" };

export interface ControllerOptions {
  config: TelephonyConfig;
  handler: CallHandler;
  log?: Logger;
  /** Audio of "all lines are busy" (any rate: it is converted to the media format's), for overload. */
  busyAudio?: () => Promise<Frame | undefined>;
  /** How long to wait for the ExternalMedia channel's StasisStart. */
  setupTimeoutMs?: number;
  /** Call records for what only the controller sees (arrivals, refusals, set-up ends, orphans). */
  ledger?: CallLedger;
}

export class AriController {
  private readonly calls = new Map<string, ActiveCall>();
  private readonly byEm = new Map<string, ActiveCall>();
  /** Callers whose StasisStart this run has had, until their call is over: never orphans. */
  private readonly arrived = new Set<string>();
  private accepting = true;
  private wasDisconnected = false;
  /** Media counts of calls already released; those of calls in progress are added at scrape time. */
  private readonly endedMedia: Partial<Record<MediaTotalKey, number>> = {};
  private readonly removeMediaSource: () => void;
  private warnedAsymmetric = false;
  private readonly releaser: Releaser;
  readonly counters: ControllerCounters = { callsStarted: 0, callsRejected: 0, setupFailures: 0, unknownChannelEvents: 0, orphansCleaned: 0, releasesRetried: 0 };

  private constructor(
    readonly ari: AriConnection,
    private readonly options: ControllerOptions,
  ) {
    this.removeMediaSource = mediaTotals.add(() => this.mediaTotals());
    this.releaser = new Releaser({
      ari,
      config: options.config,
      log: options.log,
      counters: this.counters,
      calls: this.calls,
      arrived: this.arrived,
      maySweep: () => !this.wasDisconnected && this.accepting,
      record: (what, write) => this.record(what, write),
    });
    ari.on("event", (e: AriEvent) => this.onEvent(e));
    ari.on("disconnected", () => (this.wasDisconnected = true));
    ari.on("connected", () => {
      if (this.wasDisconnected) {
        this.wasDisconnected = false;
        void this.reconcile().catch((err: Error) => this.options.log?.warn({ err: err.message }, "reconcile after reconnect failed"));
      }
    });
  }

  static async start(options: ControllerOptions): Promise<AriController> {
    let controller: AriController | undefined;
    // the sender process (it paces RTP and chan_websocket alike) is up before the first call: started with
    // that call, it would hold its welcome back by a process start (serve starts it earlier still, for readiness)
    startRtpSender(options.config.media.senderRealtimePriority);
    // the controller listens before the event socket opens: a call may arrive at that very moment
    await AriConnection.connect(options.config.ari, options.log, (ari) => (controller = new AriController(ari, options)));
    await controller!.cleanOrphans();
    controller!.releaser.startSweeping();
    return controller!;
  }

  private release(kind: "channel" | "bridge", id: string): Promise<boolean> {
    return this.releaser.release(kind, id);
  }

  get activeCalls(): number {
    return this.calls.size;
  }

  private get log(): Logger | undefined {
    return this.options.log;
  }

  private onEvent(e: AriEvent): void {
    const channelId = e.channel?.id ?? e.peer?.id;
    if (e.type === "StasisStart" && e.channel) {
      if (e.channel.id.startsWith(EM_PREFIX)) {
        const call = this.byEm.get(e.channel.id);
        if (call) call.markEmStarted();
        else this.counters.unknownChannelEvents++;
        return;
      }
      this.arrived.add(e.channel.id);
      void this.admit(e.channel);
      return;
    }
    if (!channelId) return;
    const call = this.calls.get(channelId) ?? this.byEm.get(channelId);
    if (!call) {
      if (e.type !== "ChannelDestroyed" && e.type !== "BridgeDestroyed") this.counters.unknownChannelEvents++;
      return;
    }
    if (channelId === call.callerId) {
      if (e.type === "ChannelDtmfReceived" && e.digit) call.events.emit("dtmf", e.digit);
      else if (e.type === "StasisEnd" || (e.type === "ChannelHangupRequest" && !e.soft)) void this.end(call, call.ended ?? "caller_hangup");
    } else if (channelId === call.emId && (e.type === "ChannelDestroyed" || e.type === "StasisEnd") && !call.ended) {
      // the media leg died under us: the call cannot go on
      void this.end(call, "error");
    }
  }

  /** Writes to the call ledger; a failing store never fails a call. */
  private record(what: string, write: (ledger: CallLedger) => void): void {
    const ledger = this.options.ledger;
    if (!ledger) return;
    try {
      write(ledger);
    } catch (err) {
      this.log?.error({ err: (err as Error).message }, `call record not written (${what})`);
    }
  }

  private async admit(channel: AriChannelData): Promise<void> {
    if (this.calls.has(channel.id)) return;
    this.record("arrival", (l) => l.arrived({ id: channel.id, callerNumber: channel.caller?.number ?? "" }));
    if (!this.accepting || this.calls.size >= this.options.config.maxCalls) {
      this.counters.callsRejected++;
      callsRefused.inc({ reason: !this.accepting ? "shutting_down" : this.options.config.overload === "queue" ? "queued" : "busy" });
      await this.overload(channel).catch((err: Error) => this.log?.warn({ err: err.message }, "overload handling failed"));
      this.arrived.delete(channel.id);
      return;
    }
    await this.setupCall(channel, this.options.handler);
  }

  /** Beyond capacity or stopping: the waiting queue, or "all lines are busy" and goodbye. */
  private async overload(channel: AriChannelData): Promise<void> {
    const c = this.options.config;
    const reason: Refusal = !this.accepting ? "shutting_down" : c.overload === "queue" ? "overflow" : "busy";
    this.record("refusal", (l) => l.refused(channel.id, reason));
    if (c.overload === "queue") {
      try {
        await this.ari.continueInDialplan(channel.id, c.queue);
      } finally {
        this.record("refusal", (l) => l.ended(channel.id, { sentToPerson: true }));
      }
      return;
    }
    const busy = await this.options.busyAudio?.();
    await this.setupCall(channel, {
      handle: async (call) => {
        const audio = busy && (busy.sampleRate === call.sampleRate ? busy.samples : float32ToInt16(resample(busy.samples, busy.sampleRate, call.sampleRate)));
        if (audio?.length) {
          call.play(audio);
          await new Promise((r) => setTimeout(r, call.queuedMs + 200));
        }
        await call.hangup();
      },
    }, reason);
  }

  private async setupCall(channel: AriChannelData, handler: CallHandler, refused?: Refusal): Promise<void> {
    let markEmStarted = () => {};
    const emStarted = new Promise<void>((resolve) => (markEmStarted = resolve));
    let markCleanedUp = () => {};
    const cleanedUpDone = new Promise<void>((resolve) => (markCleanedUp = resolve));
    const call: ActiveCall = {
      callerId: channel.id,
      emId: `${EM_PREFIX}${channel.id}`,
      bridgeId: `${BRIDGE_PREFIX}${channel.id}`,
      abort: new AbortController(),
      events: new EventEmitter(),
      setup: Promise.resolve(),
      emStarted,
      markEmStarted: () => markEmStarted(),
      cleanedUpDone,
      markCleanedUp: () => markCleanedUp(),
      cleanedUp: false,
      handler,
      refused,
      recordedByHandler: false,
    };
    this.calls.set(call.callerId, call);
    this.byEm.set(call.emId, call);
    this.counters.callsStarted++;
    const stillOn = () => !call.ended;
    call.setup = (async () => {
      await this.ari.answer(call.callerId);
      if (!stillOn()) return;
      await this.ari.createBridge(call.bridgeId);
      if (!stillOn()) return;
      await this.openMediaLeg(call);
      if (!stillOn()) return;
      await this.ari.addChannels(call.bridgeId, [call.callerId, call.emId]);
    })();
    try {
      await call.setup;
    } catch (err) {
      if (call.ended) {
        // the caller left mid-set-up: not a failure, just clean up
        await this.cleanup(call);
        return;
      }
      this.counters.setupFailures++;
      call.setupError = (err as Error).message;
      this.log?.warn({ callId: call.callerId, err: (err as Error).message }, "call set-up failed: the caller goes to the fallback");
      await this.end(call, "error");
      return;
    }
    if (call.ended) {
      await this.cleanup(call);
      return;
    }
    call.recordedByHandler = !refused;
    try {
      await handler.handle(this.callApi(call, channel.caller?.number ?? "")!);
    } catch (err) {
      this.log?.error({ callId: call.callerId, err: (err as Error).message }, "call handler failed");
      await this.end(call, "error");
    }
  }

  /**
   * Creates the ExternalMedia channel and our end of its audio (RTP socket or media WebSocket), ready to be
   * bridged. The response and the channel's StasisStart race: it acts when both are in.
   */
  private async openMediaLeg(call: ActiveCall): Promise<void> {
    const cfg = this.options.config;
    const stillOn = () => !call.ended;
    const onAudio = (samples: Int16Array) => call.events.emit("audio", samples);
    const onTalkspurt = () => call.events.emit("audioStarted", performance.now());
    const variables = { SAHAYAK_CALL: call.callerId };
    const inStasis = async () => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error("ExternalMedia channel never entered Stasis")), this.options.setupTimeoutMs ?? 5000)));
      try {
        await Promise.race([call.emStarted, timeout]);
      } finally {
        clearTimeout(timer);
      }
    };
    if (cfg.media.transport === "websocket") {
      // the control message format asked for with the dial option f(); MEDIA_START tells which one came
      const em = await this.ari.externalMedia({ channelId: call.emId, transport: "websocket", format: cfg.media.format, variables, transportData: `f(${cfg.media.websocketControlFormat})` });
      if (!stillOn()) return;
      const connectionId = em.channelvars?.MEDIA_WEBSOCKET_CONNECTION_ID;
      if (!connectionId) throw new Error("ExternalMedia gave no MEDIA_WEBSOCKET_CONNECTION_ID: is chan_websocket loaded (Asterisk 20.16 / 21.11 / 22.6 or later)?");
      call.media = await WebSocketMedia.connect({
        ariUrl: cfg.ari.url,
        user: cfg.ari.user,
        password: cfg.ari.password,
        connectionId,
        format: cfg.media.format,
        leadFrames: cfg.media.websocketLeadFrames,
        maxPacketBytes: cfg.media.maxPacketBytes,
        startTimeoutMs: cfg.media.websocketStartTimeoutMs,
        senderRealtimePriority: cfg.media.senderRealtimePriority,
        signal: call.abort.signal,
        onAudio,
        onTalkspurt,
        onError: (text) => this.log?.warn({ callId: call.callerId, asterisk: text }, "chan_websocket refused a command"),
      });
      await inStasis();
      return;
    }
    const media = await MediaSession.open({
      format: cfg.media.format,
      bindAddress: cfg.media.bindAddress,
      portMin: cfg.media.portMin,
      portMax: cfg.media.portMax,
      jitterDepth: cfg.media.jitterDepth,
      maxPacketBytes: cfg.media.maxPacketBytes,
      senderRealtimePriority: cfg.media.senderRealtimePriority,
      onAudio,
      onTalkspurt,
    });
    call.media = media;
    void media.symmetric.then((symmetric) => {
      if (symmetric || this.warnedAsymmetric) return;
      this.warnedAsymmetric = true;
      this.log?.warn("the RTP sender cannot send from each call's own port: Asterisk's strict RTP drops the first 80 ms of every call's audio (this Node.js version hides the UDP handle the sender needs)");
    });
    if (!stillOn()) return;
    const em = await this.ari.externalMedia({ channelId: call.emId, transport: "rtp", externalHost: `${cfg.media.advertiseAddress}:${media.port}`, format: cfg.media.format, variables });
    await inStasis();
    if (!stillOn()) return;
    const vars = em.channelvars ?? {};
    if (!vars.UNICASTRTP_LOCAL_ADDRESS || !vars.UNICASTRTP_LOCAL_PORT) throw new Error("ExternalMedia gave no UNICASTRTP_LOCAL_ADDRESS/PORT");
    media.setRemote(vars.UNICASTRTP_LOCAL_ADDRESS, Number(vars.UNICASTRTP_LOCAL_PORT));
  }

  /** Ends a call once: tells the handler, then releases everything (after set-up steps settle). */
  private async end(call: ActiveCall, reason: EndReason): Promise<void> {
    if (call.ended) return;
    call.ended = reason;
    call.abort.abort(new Error(`call ended: ${reason}`));
    call.events.emit("end", reason);
    call.markEmStarted();
    if (reason === "transfer") {
      await this.ari.continueInDialplan(call.callerId, this.options.config.transfer).catch((err: Error) => this.log?.warn({ err: err.message }, "transfer failed"));
    } else if (reason === "error") {
      // a caller Sahayak cannot serve (media never started, media leg lost, a failure) hears the dialplan's
      // fallback and reaches a person, not silence and a hang-up
      await this.ari.continueInDialplan(call.callerId, this.options.config.fallback).then(
        () => this.record("fallback", (l) => l.sentToPerson([call.callerId])),
        async (err: Error) => {
          this.log?.warn({ err: err.message }, "sending the caller to the fallback failed: hanging up");
          // (if that fails too, the caller is left unowned in Stasis: the sweep sends them to the fallback again)
          await this.ari.hangup(call.callerId).catch(() => undefined);
        },
      );
    } else if (reason === "app_hangup" || reason === "shutdown") {
      await this.release("channel", call.callerId);
    }
    await call.setup.catch(() => undefined);
    await this.cleanup(call);
  }

  /** Deletes the ExternalMedia channel and the bridge, closes the socket: idempotent. */
  private async cleanup(call: ActiveCall): Promise<void> {
    if (call.cleanedUp) return;
    call.cleanedUp = true;
    call.media?.close();
    if (call.media) this.noteMediaOfEndedCall(call.media);
    await this.release("channel", call.emId);
    await this.release("bridge", call.bridgeId);
    this.calls.delete(call.callerId);
    this.byEm.delete(call.emId);
    this.arrived.delete(call.callerId);
    call.events.removeAllListeners();
    call.markCleanedUp();
    if (!call.recordedByHandler) {
      const how = call.refused ? {} : { outcome: EARLY_END[call.ended ?? "caller_hangup"], error: call.setupError };
      this.record("early end", (l) => l.ended(call.callerId, how));
    }
  }

  /** Packets of every call so far (released and in progress), monotonic: the metrics' RTP counters. */
  mediaTotals(): Partial<Record<MediaTotalKey, number>> {
    const totals = { ...this.endedMedia };
    for (const call of this.calls.values()) if (call.media && !call.cleanedUp) addMedia(totals, call.media.mediaStats());
    return totals;
  }

  private noteMediaOfEndedCall(media: CallMedia): void {
    const stats = media.mediaStats();
    addMedia(this.endedMedia, stats);
    if (stats.jitterSeconds !== undefined && stats.packetsIn > 1) rtpJitter.observe(stats.jitterSeconds);
    for (const ms of media.lateness) replyPacketLateness.observe(ms / 1000);
  }

  /** After an ARI reconnect: calls whose caller is gone are released; everything else carries on. */
  async reconcile(): Promise<void> {
    const alive = new Set((await this.ari.listChannels()).map((c) => c.id));
    for (const call of [...this.calls.values()]) if (!alive.has(call.callerId)) await this.end(call, "gone");
    await this.cleanOrphans();
  }

  /** Channels and bridges of ours that no call owns (a previous run's) released, their callers sent to the fallback. */
  cleanOrphans(): Promise<CleanedOrphans> {
    return this.releaser.cleanOrphans();
  }

  /** SIGTERM: take no new calls, let calls finish up to the grace period, then end them politely. */
  async shutdown(graceMs = this.options.config.shutdownGraceMs): Promise<void> {
    this.accepting = false;
    this.releaser.stopSweeping();
    const deadline = Date.now() + graceMs;
    while (this.calls.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, Math.min(200, graceMs)));
    await Promise.all(
      [...this.calls.values()].map(async (call) => {
        const api = this.callApi(call);
        if (api && call.handler.endForShutdown) await call.handler.endForShutdown(api).catch(() => undefined);
        await this.end(call, "shutdown");
      }),
    );
    this.removeMediaSource();
    this.ari.close();
  }

  private callApi(call: ActiveCall, callerNumber = ""): Call | undefined {
    const media = call.media;
    if (!media) return undefined;
    return {
      id: call.callerId,
      callerNumber,
      sampleRate: FORMATS[this.options.config.media.format].sampleRate,
      signal: call.abort.signal,
      events: call.events,
      play: (s) => media.play(s),
      flush: (onUnheard) => media.flush(onUnheard),
      get queuedMs() {
        return media.queuedMs;
      },
      get packetLateness() {
        return media.lateness;
      },
      hangup: () => this.end(call, "app_hangup"),
      transfer: () => this.end(call, "transfer"),
    };
  }

  /** Stops without waiting (tests, fatal errors): every call released. */
  async close(): Promise<void> {
    this.accepting = false;
    this.releaser.stopSweeping();
    await Promise.all([...this.calls.values()].map((c) => this.end(c, "shutdown")));
    this.removeMediaSource();
    this.ari.close();
  }
}

function addMedia(totals: Partial<Record<MediaTotalKey, number>>, stats: MediaStats): void {
  for (const [key, value] of Object.entries(stats) as [keyof MediaStats, number][]) {
    if (key !== "jitterSeconds") totals[key] = (totals[key] ?? 0) + value;
  }
}

export { AriError };
