// A small typed wrapper over ari-client: the ARI operations a call needs, events as typed data, errors
// with their HTTP status, counters for what went wrong. ari-client throws inside its WebSocket handler on
// an event type it does not know; the wrapper guards that handler so such an event is counted, never a crash.
import { EventEmitter } from "node:events";
import ari from "ari-client";
import type { TelephonyConfig } from "../../config.js";
import type { Logger } from "../../ops/log.js";
import { ariReconnects, ariRestErrors } from "../../ops/metrics.js";

export interface AriChannelData {
  id: string;
  name: string;
  state: string;
  caller: { number: string; name: string };
  dialplan?: { context: string; exten: string; app_name?: string; app_data?: string };
  channelvars?: Record<string, string>;
}

export interface AriBridgeData {
  id: string;
  channels: string[];
  bridge_type?: string;
}

export interface AriEvent {
  type: string;
  channel?: AriChannelData;
  bridge?: AriBridgeData;
  peer?: AriChannelData;
  digit?: string;
  duration_ms?: number;
  cause?: number;
  soft?: boolean;
  variable?: string;
  value?: string;
  timestamp?: string;
}

export class AriError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly operation: string,
  ) {
    super(message);
  }
  get notFound(): boolean {
    return /not found/i.test(this.message);
  }
}

export interface AriCounters {
  events: number;
  unknownEvents: number;
  restErrors4xx: number;
  restErrors5xx: number;
  reconnects: number;
}

export interface RawClient {
  channels: Record<string, (params: Record<string, unknown>) => Promise<unknown>>;
  bridges: Record<string, (params: Record<string, unknown>) => Promise<unknown>>;
  asterisk: Record<string, (params: Record<string, unknown>) => Promise<unknown>>;
  on(event: string, fn: (...args: unknown[]) => void): void;
  start(app: string): Promise<void>;
  stop(): void;
  _ws?: { listeners(e: string): ((...a: unknown[]) => void)[]; removeAllListeners(e: string): void; on(e: string, fn: (...a: unknown[]) => void): void };
}

/** Status from ari-client's error text (it keeps the body, not the code). */
function statusOf(message: string): number | undefined {
  if (/not found|Provided variable was not found/i.test(message)) return 404;
  if (/already exists/i.test(message)) return 409;
  if (/internal error|Unable to create/i.test(message)) return 500;
  if (/Service Unavailable/i.test(message)) return 503;
  if (/Authentication required/i.test(message)) return 401;
  if (/required|cannot be empty|must be|Invalid|Missing/i.test(message)) return 400;
  return undefined;
}

/** Our own deadline on a REST request passed (counted as a gateway timeout). */
class RequestTimeout extends Error {}

export class AriConnection extends EventEmitter {
  readonly counters: AriCounters = { events: 0, unknownEvents: 0, restErrors4xx: 0, restErrors5xx: 0, reconnects: 0 };
  private stopped = false;
  /** The event socket is up, so the Stasis app is registered (Asterisk registers it with the socket). */
  private socketUp = false;

  private restartAttempts = 0;
  private restartTimer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly client: RawClient,
    private readonly config: TelephonyConfig["ari"],
    private readonly log?: Logger,
  ) {
    super();
  }

  get app(): string {
    return this.config.app;
  }

  get connected(): boolean {
    return this.socketUp && !this.stopped;
  }

  /**
   * `listen` is called before the event socket opens: a call that arrives as it opens (its StasisStart in the same
   * packet as the handshake's answer) reaches its listener instead of being emitted to nobody.
   */
  static async connect(config: TelephonyConfig["ari"], log?: Logger, listen?: (conn: AriConnection) => void): Promise<AriConnection> {
    const client = (await quietly(() => ari.connect(config.url, config.user, config.password), log)) as RawClient;
    const conn = AriConnection.attach(client, config, log);
    listen?.(conn);
    await client.start(config.app);
    conn.socketUp = true;
    return conn;
  }

  /** Wires an ari-client instance (separate from connect so the reconnect policy can be tested). */
  static attach(client: RawClient, config: TelephonyConfig["ari"], log?: Logger): AriConnection {
    const conn = new AriConnection(client, config, log);
    client.on("*", (event: unknown) => conn.onEvent(event as AriEvent));
    client.on("WebSocketConnected", () => {
      conn.socketUp = true;
      conn.guardWebSocket();
      conn.emit("connected");
    });
    client.on("WebSocketReconnecting", () => {
      conn.socketUp = false;
      conn.counters.reconnects++;
      ariReconnects.inc();
      conn.emit("disconnected");
    });
    // ari-client gives up after 10 quick retries (about 40 s): a PBX down longer must not leave us deaf
    client.on("WebSocketMaxRetries", () => {
      conn.socketUp = false;
      conn.scheduleRestart();
    });
    return conn;
  }

  /** Starts the event socket again after reconnectMs, doubling up to maxReconnectMs, until closed. */
  private scheduleRestart(): void {
    if (this.stopped) return;
    const delayMs = Math.min(this.config.reconnectMs * 2 ** this.restartAttempts, this.config.maxReconnectMs);
    this.restartAttempts++;
    this.log?.warn({ delayMs, attempt: this.restartAttempts }, "Asterisk ARI unreachable; trying again (check that Asterisk runs and ari.conf/http.conf match telephony.ari)");
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      if (this.stopped) return;
      // on failure ari-client emits WebSocketMaxRetries again, which schedules the next attempt
      this.client.start(this.config.app).then(
        () => (this.restartAttempts = 0),
        () => undefined,
      );
    }, delayMs);
  }

  /** Wraps ari-client's message handler so a bad or unknown event cannot throw out of it. */
  private guardWebSocket(): void {
    const ws = this.client._ws;
    if (!ws) return;
    const handlers = ws.listeners("message");
    ws.removeAllListeners("message");
    ws.on("message", (...args: unknown[]) => {
      for (const h of handlers) {
        try {
          h(...args);
        } catch (err) {
          this.counters.unknownEvents++;
          this.log?.warn({ err: (err as Error).message }, "ARI event not understood; ignored");
        }
      }
    });
  }

  private onEvent(event: AriEvent): void {
    this.counters.events++;
    this.emit("event", event);
  }

  private async call<T>(resource: "channels" | "bridges" | "asterisk", operation: string, params: Record<string, unknown>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    // a PBX that dies mid-request (or a half-open TCP connection) would otherwise hold the call forever
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RequestTimeout(`no answer from Asterisk within ${this.config.requestTimeoutMs} ms`)), this.config.requestTimeoutMs);
    });
    try {
      return (await Promise.race([this.client[resource][operation]!(params), timeout])) as T;
    } catch (err) {
      const raw = (err as Error).message ?? String(err);
      let message = raw;
      try {
        message = (JSON.parse(raw) as { message?: string }).message ?? raw;
      } catch {
        /* not JSON */
      }
      const status = err instanceof RequestTimeout ? 504 : statusOf(message);
      ariRestErrors.inc({ status: status === undefined ? "unknown" : String(status) });
      if (status !== undefined && status >= 500) this.counters.restErrors5xx++;
      else this.counters.restErrors4xx++;
      throw new AriError(message, status, `${resource}.${operation}`);
    } finally {
      clearTimeout(timer);
    }
  }

  answer(channelId: string): Promise<void> {
    return this.call("channels", "answer", { channelId });
  }
  hangup(channelId: string): Promise<void> {
    return this.call("channels", "hangup", { channelId });
  }
  getChannel(channelId: string): Promise<AriChannelData> {
    return this.call("channels", "get", { channelId });
  }
  listChannels(): Promise<AriChannelData[]> {
    return this.call("channels", "list", {});
  }
  listBridges(): Promise<AriBridgeData[]> {
    return this.call("bridges", "list", {});
  }
  createBridge(bridgeId: string): Promise<AriBridgeData> {
    return this.call("bridges", "create", { type: "mixing", bridgeId, name: bridgeId });
  }
  destroyBridge(bridgeId: string): Promise<void> {
    return this.call("bridges", "destroy", { bridgeId });
  }
  addChannels(bridgeId: string, channels: string[]): Promise<void> {
    return this.call("bridges", "addChannel", { bridgeId, channel: channels });
  }
  /** RTP to our UDP port (externalHost), or chan_websocket in server mode (we connect to /media/<id>). */
  /** websocket `transportData`: chan_websocket dial options (e.g. `f(json)`), appended to its dial string. */
  externalMedia(p: { channelId: string; format: string; variables?: Record<string, string> } & ({ transport: "rtp"; externalHost: string } | { transport: "websocket"; transportData?: string })): Promise<AriChannelData> {
    const leg =
      p.transport === "rtp"
        ? { external_host: p.externalHost, encapsulation: "rtp", transport: "udp" }
        : { encapsulation: "none", transport: "websocket", connection_type: "server", ...(p.transportData ? { transport_data: p.transportData } : {}) };
    return this.call("channels", "externalMedia", { channelId: p.channelId, app: this.app, format: p.format, direction: "both", variables: p.variables ?? {}, ...leg });
  }
  continueInDialplan(channelId: string, target: { context: string; extension: string; priority: number }): Promise<void> {
    return this.call("channels", "continueInDialplan", { channelId, context: target.context, extension: target.extension, priority: target.priority });
  }
  info(): Promise<{ system?: { version?: string } }> {
    return this.call("asterisk", "getInfo", {});
  }

  close(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.restartTimer);
    try {
      this.client.stop();
    } catch {
      /* never started */
    }
    this.removeAllListeners();
  }
}

/**
 * ari-client's swagger-client prints "This API is using a deprecated version of Swagger!" with
 * console.log while it reads Asterisk's Swagger 1.1 resource docs: stdout belongs to the CLI's output
 * (e.g. `simulate --json`), so that line goes to the debug log instead.
 */
async function quietly<T>(load: () => Promise<T>, log?: Logger): Promise<T> {
  const original = console.log;
  console.log = (...args: unknown[]) => log?.debug({ swagger: args.map(String).join(" ") }, "ari-client");
  try {
    return await load();
  } finally {
    console.log = original;
  }
}
