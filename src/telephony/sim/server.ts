// The PBX simulator: an HTTP + WebSocket server speaking the ARI subset Sahayak uses, with the status
// codes, event orders, races and hangup sequences of ../shared/asterisk/ARI-BEHAVIOUR.md, and the
// caller's side of the media (RTP or chan_websocket). The real ari-client talks to it exactly as to Asterisk.
// The calls themselves (channels, bridges, the events Asterisk sends about them) live in calls.ts; the shapes
// of its objects and the externalMedia parameter checks in model.ts.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createSocket } from "node:dgram";
import { randomInt, randomUUID } from "node:crypto";
import { WebSocketServer } from "ws";
import { apiDeclaration, resourceListing } from "./docs.js";
import { SimCalls } from "./calls.js";
import { ChanWebSocket, externalMediaDialString, parseDialOptions } from "./chan-websocket.js";
import { StrictRtp } from "./strict-rtp.js";
import { FORMATS, type MediaFormat } from "../media/codec.js";
import { HttpError, externalChannel, parseExternalMediaRequest, snapshot, ts, type SimBridge, type SimChannel, type SimOptions } from "./model.js";

export type { Faults, SimBridge, SimChannel } from "./model.js";

/** What Asterisk's channel names print for the driver's private pointer (%p). */
function pointer(): string {
  return `0x${randomInt(0x5500_0000, 0x7fff_ffff).toString(16)}${randomInt(0, 0x1000).toString(16).padStart(3, "0")}`;
}

/** The calls (calls.ts) behind the ARI interface: REST, the event WebSocket, chan_websocket media sockets. */
export class PbxSimulator extends SimCalls {
  private server: Server;
  private wss: WebSocketServer;
  readonly requestLog: { method: string; path: string; status: number }[] = [];
  port = 0;

  constructor(options: SimOptions) {
    super(options);
    this.server = this.createHttpServer();
    this.wss = new WebSocketServer({ noServer: true });
  }

  private createHttpServer(): Server {
    const server = createServer((req, res) => void this.handle(req, res));
    server.on("upgrade", this.onUpgrade);
    return server;
  }

  private readonly onUpgrade = (req: IncomingMessage, socket: import("node:stream").Duplex, head: Buffer): void => {
    const url = new URL(req.url ?? "/", "http://sim");
    const media = /^\/media\/([^/]+)$/.exec(url.pathname);
    if (media) return this.mediaUpgrade(decodeURIComponent(media[1]!), req, socket, head);
    if (url.pathname !== "/ari/events" || !this.authorised(req, url)) {
      socket.write("HTTP/1.1 401 Unauthorized\r\n\r\n");
      socket.destroy();
      return;
    }
    const apps = (url.searchParams.get("app") ?? "").split(",").filter(Boolean);
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      for (const app of apps) {
        const set = this.sockets.get(app) ?? new Set();
        set.add(ws);
        this.sockets.set(app, set);
      }
      ws.on("close", () => {
        for (const set of this.sockets.values()) set.delete(ws);
      });
    });
  };

  /** chan_websocket server mode: the app connects to /media/<connection id>; then the channel enters Stasis. */
  private mediaUpgrade(connectionId: string, req: IncomingMessage, socket: import("node:stream").Duplex, head: Buffer): void {
    const channel = [...this.channels.values()].find((c) => c.connectionId === connectionId);
    // one connection per id: a second one is refused with 409
    if (!channel || channel.mediaWs) {
      socket.write(channel ? "HTTP/1.1 409 Conflict\r\n\r\n" : "HTTP/1.1 404 Not Found\r\n\r\n");
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      clearTimeout(channel.connectTimer);
      channel.mediaWs = ws;
      const info = FORMATS[(channel.format ?? "ulaw") as MediaFormat] ?? FORMATS.ulaw;
      const dial = parseDialOptions(channel.dialOptions ?? "");
      const driver = new ChanWebSocket({
        // the dial option f() wins over chan_websocket.conf; a bad f() value means plain text
        format: dial.controlFormat ?? (dial.invalidControlFormat ? "plain-text" : (this.options.websocketControlFormat ?? "plain-text")),
        connectionId,
        channelName: channel.name,
        channelId: channel.id,
        codec: channel.format ?? "ulaw",
        optimalFrameSize: info.bytesPerPacket,
        direction: dial.direction,
        passthrough: dial.passthrough,
        variables: () => ({ ...channel.vars }),
        sendText: (text) => ws.readyState === ws.OPEN && ws.send(text),
        hangup: () => {
          if (this.channels.get(channel.id) === channel) this.destroyExternal(channel, 16);
        },
      });
      channel.wsDriver = driver;
      ws.on("message", (data, isBinary) => {
        if (isBinary) driver.onBinary(new Uint8Array(data as Buffer));
        else driver.onText(String(data));
      });
      ws.on("close", () => {
        // the app closed its media socket: the ExternalMedia channel hangs up, the caller stays
        if (this.channels.get(channel.id) === channel) this.destroyExternal(channel, 16);
      });
      if (!this.faults.mediaStartWithheld) driver.start();
      this.startExternal(channel);
    });
  }

  get url(): string {
    return `http://${this.options.host ?? "127.0.0.1"}:${this.port}`;
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(this.options.port ?? 0, this.options.host ?? "127.0.0.1", resolve));
    const address = this.server.address();
    this.port = typeof address === "object" && address ? address.port : 0;
  }

  // ---- fault injection ----

  /** An Asterisk restart: every call is gone, sockets closed, REST refused for a while. */
  async restart(downMs = 200): Promise<void> {
    await this.shutDown();
    await new Promise((r) => setTimeout(r, downMs));
    this.server = this.createHttpServer();
    await new Promise<void>((resolve) => this.server.listen(this.port, this.options.host ?? "127.0.0.1", resolve));
  }

  /** Every channel, bridge and socket gone, the HTTP server closed. */
  private async shutDown(): Promise<void> {
    this.dropEventSockets();
    for (const c of this.channels.values()) this.releaseChannelMedia(c);
    this.channels.clear();
    this.bridges.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  // ---- REST ----

  private authorised(req: IncomingMessage, url: URL): boolean {
    const key = url.searchParams.get("api_key");
    if (key) return decodeURIComponent(key) === `${this.options.user}:${this.options.password}`;
    const auth = req.headers.authorization;
    if (!auth?.startsWith("Basic ")) return false;
    return Buffer.from(auth.slice(6), "base64").toString() === `${this.options.user}:${this.options.password}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.url);
    const send = (status: number, body?: unknown) => {
      this.requestLog.push({ method: req.method ?? "GET", path: url.pathname, status });
      if (body === undefined) {
        res.writeHead(status).end();
        return;
      }
      const text = JSON.stringify(body);
      res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) }).end(text);
    };
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (!this.authorised(req, url)) return send(401, { message: "Authentication required" });
    if (url.pathname === "/ari/api-docs/resources.json") return send(200, resourceListing(this.url));
    const docs = /^\/ari\/api-docs\/([a-z]+)\.json$/.exec(url.pathname);
    if (docs) {
      const decl = apiDeclaration(docs[1]!, this.url);
      return decl ? send(200, decl) : send(404, { message: "Resource not found" });
    }
    if (this.faults.restDelayMs) await new Promise((r) => setTimeout(r, this.faults.restDelayMs));
    if (this.faults.restFailureRate && this.faults.random() < this.faults.restFailureRate) return send(503, { message: "Service Unavailable" });
    let body: Record<string, unknown> = {};
    if (chunks.length) {
      try {
        body = JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>;
      } catch {
        return send(400, { message: "Malformed JSON body" });
      }
    }
    try {
      const result = await this.route(req.method ?? "GET", url.pathname.replace(/^\/ari/, ""), url.searchParams, body);
      if (result.after) {
        // events that race the response (ExternalMedia): some go before it, the rest after
        const eventFirst = this.faults.externalMediaRace === "event-first" || (this.faults.externalMediaRace === "random" && this.faults.random() < 0.67);
        if (eventFirst) {
          result.after();
          setTimeout(() => send(result.status, result.body), 3);
        } else {
          send(result.status, result.body);
          setTimeout(result.after, 3);
        }
        return;
      }
      send(result.status, result.body);
    } catch (err) {
      if (err instanceof HttpError) return send(err.status, { message: err.message });
      return send(500, { message: "An internal error prevented this request from being handled" });
    }
  }

  private async route(method: string, path: string, q: URLSearchParams, body: Record<string, unknown>): Promise<{ status: number; body?: unknown; after?: () => void }> {
    let m: RegExpExecArray | null;
    if (path === "/asterisk/info" && method === "GET") return { status: 200, body: { system: { version: "23.4.1", entity_id: this.options.asteriskId ?? "sim" } } };
    if (path === "/applications" && method === "GET") return { status: 200, body: [...this.sockets.keys()].map((name) => ({ name, channel_ids: [...this.channels.values()].filter((c) => c.app === name).map((c) => c.id), bridge_ids: [], endpoint_ids: [], device_names: [], events_allowed: [], events_disallowed: [] })) };
    if (path === "/channels" && method === "GET") return { status: 200, body: [...this.channels.values()].map((c) => snapshot(c)) };
    if (path === "/channels/externalMedia") {
      if (method !== "POST") throw new HttpError(405, "Invalid method");
      if (this.faults.externalMediaDelayMs) await new Promise((r) => setTimeout(r, this.faults.externalMediaDelayMs));
      return this.externalMedia(q, body);
    }
    if ((m = /^\/channels\/([^/]+)$/.exec(path))) {
      const c = this.channelOr404(m[1]!);
      if (method === "GET") return { status: 200, body: snapshot(c) };
      if (method === "DELETE") {
        this.appHangup(c);
        return { status: 204 };
      }
      throw new HttpError(405, "Invalid method");
    }
    if ((m = /^\/channels\/([^/]+)\/answer$/.exec(path)) && method === "POST") {
      const c = this.channelOr404(m[1]!);
      if (c.media && !c.media.answeredAt) c.media.answeredAt = performance.now();
      if (c.state !== "Up") {
        c.state = "Up";
        if (c.app) this.emit(c.app, { type: "ChannelStateChange", channel: snapshot(c) });
      }
      return { status: 204 };
    }
    if ((m = /^\/channels\/([^/]+)\/continue$/.exec(path)) && method === "POST") {
      const c = this.channelOr404(m[1]!);
      const app = c.app;
      this.leaveBridge(c, true);
      c.app = null;
      if (app) this.emit(app, { type: "StasisEnd", channel: snapshot(c) });
      this.transfers.push({ channelId: c.id, context: q.get("context") ?? undefined, extension: q.get("extension") ?? undefined, priority: q.get("priority") ? Number(q.get("priority")) : undefined });
      this.options.dialplan?.run(c.id, q.get("context") ?? c.dialplan.context, q.get("extension") ?? c.dialplan.exten, q.get("priority") ? Number(q.get("priority")) : c.dialplan.priority + 1);
      // the call now belongs to the dialplan (queue / operator): it is no longer ours
      this.releaseChannelMedia(c);
      this.channels.delete(c.id);
      return { status: 204 };
    }
    if ((m = /^\/channels\/([^/]+)\/variable$/.exec(path))) {
      const c = this.channelOr404(m[1]!);
      const name = q.get("variable");
      if (!name) throw new HttpError(400, "Variable name is required");
      if (method === "GET") {
        const value = c.vars[name];
        if (value === undefined) throw new HttpError(404, "Provided variable was not found");
        return { status: 200, body: { value } };
      }
      c.vars[name] = q.get("value") ?? "";
      return { status: 204 };
    }
    if ((m = /^\/channels\/([^/]+)\/play$/.exec(path)) && method === "POST") {
      const c = this.channelOr404(m[1]!);
      const id = q.get("playbackId") ?? `pb-${randomInt(1e9)}`;
      const playback = { id, media_uri: q.get("media") ?? "", target_uri: `channel:${c.id}`, language: q.get("lang") ?? "en", state: "queued" };
      const app = c.app;
      if (app) {
        setTimeout(() => {
          this.emit(app, { type: "PlaybackStarted", playback: { ...playback, state: "playing" } });
          // no sound packages on a simulator, as on a bare Asterisk
          this.emit(app, { type: "PlaybackFinished", playback: { ...playback, state: "failed" } });
        }, 5);
      }
      return { status: 201, body: playback };
    }
    if (path === "/bridges") {
      if (method === "GET") return { status: 200, body: [...this.bridges.values()] };
      if (method === "POST") {
        const type = q.get("type") ?? "mixing";
        if (!["mixing", "holding", "dtmf_events", "proxy_media", "video_sfu", "video_single"].some((t) => type.split(",").includes(t))) throw new HttpError(500, "Unable to create bridge. Possible duplicate bridge id '(null)'");
        const id = q.get("bridgeId") ?? `${randomInt(1e8)}-${randomInt(1e8)}`;
        if (this.bridges.has(id)) throw new HttpError(409, `Bridge with id '${id}' already exists`);
        const bridge: SimBridge = { id, technology: "simple_bridge", bridge_type: "mixing", bridge_class: "stasis", creator: "Stasis", name: q.get("name") ?? "", channels: [], creationtime: ts() };
        this.bridges.set(id, bridge);
        return { status: 200, body: bridge };
      }
      throw new HttpError(405, "Invalid method");
    }
    if ((m = /^\/bridges\/([^/]+)$/.exec(path))) {
      const b = this.bridges.get(m[1]!);
      if (!b) throw new HttpError(404, "Bridge not found");
      if (method === "GET") return { status: 200, body: b };
      if (method === "DELETE") {
        for (const id of [...b.channels]) {
          const c = this.channels.get(id);
          if (c) this.leaveBridge(c, false);
        }
        this.bridges.delete(b.id);
        for (const app of this.sockets.keys()) this.emit(app, { type: "BridgeDestroyed", bridge: { ...b, channels: [] } });
        return { status: 204 };
      }
      throw new HttpError(405, "Invalid method");
    }
    if ((m = /^\/bridges\/([^/]+)\/(addChannel|removeChannel)$/.exec(path)) && method === "POST") {
      const ids = q.getAll("channel").flatMap((v) => v.split(","));
      if (!ids.length) throw new HttpError(400, "Missing parameter channel");
      const b = this.bridges.get(m[1]!);
      if (!b) throw new HttpError(404, "Bridge not found");
      for (const id of ids) {
        const c = this.channels.get(id);
        if (!c) throw new HttpError(400, "Channel not found");
        if (m[2] === "addChannel") this.enterBridge(c, b);
        else {
          if (c.bridge !== b.id) throw new HttpError(400, "Channel not found");
          this.leaveBridge(c, false);
        }
      }
      return { status: 204 };
    }
    throw new HttpError(404, "Resource not found");
  }

  private channelOr404(id: string): SimChannel {
    const c = this.channels.get(id);
    if (!c) throw new HttpError(404, "Channel not found");
    return c;
  }

  private async externalMedia(q: URLSearchParams, body: Record<string, unknown>): Promise<{ status: number; body: unknown; after?: () => void }> {
    const request = parseExternalMediaRequest(q);
    const vars = (body.variables as Record<string, string> | undefined) ?? {};
    const id = q.get("channelId") ?? this.newChannelId();
    if (this.channels.has(id)) throw new HttpError(500, "An internal error prevented this request from being handled");
    if (request.transport === "websocket") return this.externalMediaWebSocket(id, request.app, request.format, vars, externalMediaDialString(q.get("transport_data"), q.get("direction")));
    const socket = createSocket("udp4");
    socket.on("error", () => undefined);
    await new Promise<void>((resolve) => socket.bind(0, this.options.rtpAddress ?? "127.0.0.1", resolve));
    if (this.channels.has(id)) {
      socket.close();
      throw new HttpError(500, "An internal error prevented this request from being handled");
    }
    const local = socket.address();
    const channelVars = { ...vars, UNICASTRTP_LOCAL_ADDRESS: local.address, UNICASTRTP_LOCAL_PORT: String(local.port) };
    const externalHost = { address: request.address, port: request.port };
    const channel: SimChannel = {
      ...externalChannel(id, `UnicastRTP/${request.host}-${pointer()}`, request.app, request.format, channelVars),
      rtpSocket: socket,
      externalHost,
      // setting the remote address starts strict RTP's learning
      strictRtp: new StrictRtp(externalHost, performance.now()),
    };
    this.channels.set(id, channel);
    return { status: 200, body: { ...snapshot(channel), channelvars: { ...channel.vars } }, after: () => this.startExternal(channel) };
  }

  /** chan_websocket server mode: the response comes first; Stasis waits for the app's media connection. */
  private externalMediaWebSocket(id: string, app: string, format: string, vars: Record<string, string>, dialString: string): { status: number; body: unknown } {
    // server mode: the dial string's connection id is INCOMING (the channel's name keeps it); the id the app
    // connects with is a fresh UUID
    const connectionId = randomUUID();
    const info = FORMATS[format as MediaFormat] ?? FORMATS.ulaw;
    const channel: SimChannel = {
      ...externalChannel(id, `WebSocket/INCOMING/${pointer()}`, app, format, { ...vars, MEDIA_WEBSOCKET_CONNECTION_ID: connectionId, MEDIA_WEBSOCKET_OPTIMAL_FRAME_SIZE: String(info.bytesPerPacket) }),
      connectionId,
      dialOptions: dialString.split("/").slice(2).join("/"),
    };
    this.channels.set(id, channel);
    channel.connectTimer = setTimeout(() => {
      if (this.channels.get(id) === channel && !channel.mediaWs) this.destroyExternal(channel, 19);
    }, this.faults.mediaConnectTimeoutMs);
    channel.connectTimer.unref();
    // the response always comes first: nothing to race
    return { status: 200, body: { ...snapshot(channel), channelvars: { ...channel.vars } } };
  }

  async stop(): Promise<void> {
    this.wss.close();
    await this.shutDown();
  }
}
