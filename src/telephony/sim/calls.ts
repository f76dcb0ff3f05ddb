// The simulated PBX's calls: its channels and bridges, the caller's side (a call arriving, keys pressed, a
// hangup), and what Asterisk does to them, as the events of ../shared/asterisk/ARI-BEHAVIOUR.md sent to each
// Stasis app's sockets: entering and leaving bridges (media flows only while a caller and an ExternalMedia
// channel share one), ExternalMedia channels starting and dying, hangups by the app. server.ts puts the ARI
// HTTP and WebSocket interface in front of it.
import { randomInt } from "node:crypto";
import type { WebSocket } from "ws";
import { CallerMedia, type CallerMediaOptions } from "./caller.js";
import { callerChannel, snapshot, ts, type Faults, type SimBridge, type SimChannel, type SimOptions, type TransferRecord } from "./model.js";

export class SimCalls {
  readonly channels = new Map<string, SimChannel>();
  readonly bridges = new Map<string, SimBridge>();
  /** Each Stasis app's event sockets. */
  protected readonly sockets = new Map<string, Set<WebSocket>>();
  readonly faults: Faults = { restDelayMs: 0, restFailureRate: 0, externalMediaRace: "random", externalMediaDelayMs: 0, mediaConnectTimeoutMs: 31_000, mediaStartWithheld: false, packetLoss: 0, reorder: 0, jitterMs: 0, random: Math.random };
  readonly transfers: TransferRecord[] = [];
  readonly hungUp: { channelId: string; by: "caller" | "app" }[] = [];
  private callCounter = randomInt(1000, 9000);
  private readonly epoch = Math.floor(Date.now() / 1000);

  constructor(protected readonly options: SimOptions) {}

  /** A channel id as Asterisk makes them: its start time and a counter. */
  protected newChannelId(): string {
    return `${this.epoch}.${this.callCounter++}`;
  }

  private members(b: SimBridge | undefined): SimChannel[] {
    return (b?.channels ?? []).map((id) => this.channels.get(id)).filter((c): c is SimChannel => !!c);
  }

  /** The first other channel in c's bridge that matches. */
  private bridgedWith(c: SimChannel, match: (m: SimChannel) => boolean): SimChannel | undefined {
    return this.members(c.bridge ? this.bridges.get(c.bridge) : undefined).find((m) => m !== c && match(m));
  }

  /** An ExternalMedia channel hung up by Asterisk itself (socket closed, never connected). */
  protected destroyExternal(c: SimChannel, cause: number): void {
    const app = c.app;
    if (app) this.emit(app, { type: "ChannelHangupRequest", cause, channel: snapshot(c) });
    this.leaveBridge(c, true);
    if (app && c.mediaWs) this.emit(app, { type: "StasisEnd", channel: snapshot(c) });
    if (app) this.emit(app, { type: "ChannelDestroyed", cause, cause_txt: cause === 19 ? "No user responding" : "Normal Clearing", channel: snapshot(c) });
    this.releaseChannelMedia(c);
    this.channels.delete(c.id);
  }

  /** Is an app's event socket connected (the Stasis app registered)? */
  registered(app: string): boolean {
    return (this.sockets.get(app)?.size ?? 0) > 0;
  }

  /** Closes every event WebSocket (app crash or network drop); channels stay in Stasis. */
  dropEventSockets(): void {
    for (const set of this.sockets.values()) for (const ws of set) ws.terminate();
    this.sockets.clear();
  }

  // ---- the caller's side ----

  /** A call arrives from the trunk into the dialplan's Stasis(app). Returns the caller channel id. */
  placeCall(options: { app: string; number?: string; exten?: string; media?: Partial<CallerMediaOptions> }): string {
    const id = this.newChannelId();
    const channel = callerChannel(id, options.app, options.number ?? "9876543210", options.exten ?? "1800110001");
    channel.media = new CallerMedia({ rtpAddress: this.options.rtpAddress ?? "127.0.0.1", lineCodec: "ulaw", ...options.media }, this.faults);
    this.channels.set(id, channel);
    if (!this.registered(options.app)) {
      // the dialplan's fallback: Stasis fails at once when the app is not registered
      this.channels.delete(id);
      this.transfers.push({ channelId: id, context: "sahayak-fallback" });
      this.options.dialplan?.run(id, channel.dialplan.context, channel.dialplan.exten, channel.dialplan.priority + 1);
      return id;
    }
    this.emit(options.app, { type: "StasisStart", args: [], channel: snapshot(channel) });
    return id;
  }

  /** The caller presses keys: audio pauses while each digit is held, one event per digit at its end. */
  async sendDtmf(channelId: string, digits: string, durationMs = 120, gapMs = 120): Promise<void> {
    for (const digit of digits) {
      const c = this.channels.get(channelId);
      if (!c || !c.app) return;
      c.media?.pause(durationMs + gapMs);
      await new Promise((r) => setTimeout(r, durationMs + gapMs));
      const still = this.channels.get(channelId);
      if (!still?.app) return;
      this.emit(still.app, { type: "ChannelDtmfReceived", digit, duration_ms: durationMs, channel: snapshot(still) });
      // chan_websocket tells its media socket too, when the digit's end reaches it through the bridge
      this.bridgedWith(still, (m) => !!m.wsDriver)?.wsDriver?.dtmfEnd(digit);
    }
  }

  /** The caller hangs up: the sequence Asterisk sends, and the ExternalMedia channel stays behind. */
  callerHangup(channelId: string): void {
    const c = this.channels.get(channelId);
    if (!c || c.kind !== "caller") return;
    const app = c.app;
    if (app) {
      for (const v of ["RTPAUDIOQOS", "RTPAUDIOQOSJITTER", "RTPAUDIOQOSLOSS", "RTPAUDIOQOSRTT", "RTPAUDIOQOSMES", "RTPAUDIOQOSBRIDGED", "RTPAUDIOQOSJITTERBRIDGED", "RTPAUDIOQOSLOSSBRIDGED", "RTPAUDIOQOSRTTBRIDGED", "RTPAUDIOQOSMESBRIDGED"]) {
        this.emit(app, { type: "ChannelVarset", variable: v, value: "", channel: snapshot(c) });
      }
      this.emit(app, { type: "ChannelHangupRequest", channel: snapshot(c) });
    }
    this.leaveBridge(c, true);
    if (app) this.emit(app, { type: "StasisEnd", channel: snapshot(c) });
    this.releaseChannelMedia(c);
    this.channels.delete(channelId);
    this.hungUp.push({ channelId, by: "caller" });
  }

  callerMedia(channelId: string): CallerMedia | undefined {
    return this.channels.get(channelId)?.media;
  }

  /** The ExternalMedia channel answers and enters Stasis (same millisecond, this order). */
  protected startExternal(channel: SimChannel): void {
    const app = channel.app!;
    if (!this.channels.has(channel.id)) return;
    if (!this.registered(app)) {
      // created for an app that is not there: the channel dies at once
      this.releaseChannelMedia(channel);
      this.channels.delete(channel.id);
      return;
    }
    this.emit(app, { type: "Dial", dialstatus: "", peer: snapshot(channel) });
    channel.state = "Up";
    this.emit(app, { type: "ChannelStateChange", channel: snapshot(channel) });
    this.emit(app, { type: "Dial", dialstatus: "ANSWER", peer: snapshot(channel) });
    this.emit(app, { type: "ChannelVarset", variable: "STASISSTATUS", value: "", channel: snapshot(channel) });
    this.emit(app, { type: "StasisStart", args: [], channel: snapshot(channel) });
  }

  protected enterBridge(c: SimChannel, b: SimBridge): void {
    if (c.bridge && c.bridge !== b.id) {
      const old = this.bridges.get(c.bridge);
      if (old) this.leaveBridge(c, false);
    }
    if (c.bridge === b.id) this.leaveBridge(c, false);
    b.channels.push(c.id);
    c.bridge = b.id;
    if (c.app) this.emit(c.app, { type: "ChannelEnteredBridge", bridge: b, channel: snapshot(c) });
    if (b.channels.length >= 2) {
      for (const id of b.channels) {
        const member = this.channels.get(id);
        if (member?.app) this.emit(member.app, { type: "ChannelVarset", variable: "BRIDGEPEER", value: b.channels.filter((x) => x !== id).join(","), channel: snapshot(member) });
      }
      if (c.app) {
        this.emit(c.app, { type: "ChannelVarset", variable: "BRIDGEPVTCALLID", value: "", channel: snapshot(c) });
        this.emit(c.app, { type: "ChannelConnectedLine", channel: snapshot(c) });
      }
    }
    this.connectMedia(b);
  }

  protected leaveBridge(c: SimChannel, hangup: boolean): void {
    if (!c.bridge) return;
    const b = this.bridges.get(c.bridge);
    c.bridge = null;
    if (!b) return;
    b.channels = b.channels.filter((x) => x !== c.id);
    if (c.kind === "caller") c.media?.disconnect();
    if (hangup && c.app) this.emit(c.app, { type: "ChannelVarset", variable: "BRIDGEPEER", value: "", channel: snapshot(c) });
    if (c.app) this.emit(c.app, { type: "ChannelLeftBridge", bridge: b, channel: snapshot(c) });
    this.connectMedia(b);
  }

  /** Media flows between a caller and an ExternalMedia channel only while both share a bridge. */
  private connectMedia(b: SimBridge): void {
    const members = this.members(b);
    const caller = members.find((c) => c.kind === "caller");
    const external = members.find((c) => c.kind === "external");
    if (caller?.media && external?.rtpSocket && external.externalHost && external.strictRtp) {
      caller.media.connect({ kind: "rtp", socket: external.rtpSocket, address: external.externalHost.address, port: external.externalHost.port, strict: external.strictRtp }, external.format ?? "ulaw");
    } else if (caller?.media && external?.mediaWs && external.wsDriver) {
      const ws = external.mediaWs;
      caller.media.connect({ kind: "ws", driver: external.wsDriver, send: (d) => ws.readyState === ws.OPEN && ws.send(d) }, external.format ?? "ulaw");
    } else if (caller?.media?.connectedTo) caller.media.disconnect();
  }

  protected appHangup(c: SimChannel): void {
    const app = c.app;
    if (app) this.emit(app, { type: "ChannelHangupRequest", cause: 32, soft: true, channel: snapshot(c) });
    this.leaveBridge(c, false);
    if (app) this.emit(app, { type: "StasisEnd", channel: snapshot(c) });
    if (c.kind === "external" && app) this.emit(app, { type: "ChannelDestroyed", cause: 16, cause_txt: "Normal Clearing", channel: snapshot(c) });
    this.releaseChannelMedia(c);
    this.channels.delete(c.id);
    this.hungUp.push({ channelId: c.id, by: "app" });
  }

  protected releaseChannelMedia(c: SimChannel): void {
    c.media?.close();
    clearTimeout(c.connectTimer);
    if (c.mediaWs) {
      const ws = c.mediaWs;
      c.mediaWs = undefined;
      ws.close(1000);
    }
    if (c.rtpSocket) {
      try {
        c.rtpSocket.close();
      } catch {
        /* closed */
      }
      c.rtpSocket = undefined;
    }
  }

  /** Sends one event to an app, stamped as Asterisk stamps them. */
  emit(app: string, event: Record<string, unknown>): void {
    const text = JSON.stringify({ ...event, timestamp: ts(), asterisk_id: this.options.asteriskId ?? "sim", application: app });
    for (const ws of this.sockets.get(app) ?? []) if (ws.readyState === ws.OPEN) ws.send(text);
  }

  /** Counts of what is alive, for leak checks. */
  counts(): { channels: number; bridges: number; rtpSockets: number } {
    return { channels: this.channels.size, bridges: this.bridges.size, rtpSockets: [...this.channels.values()].filter((c) => c.rtpSocket).length };
  }
}
