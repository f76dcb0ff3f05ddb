// What the simulator's Asterisk objects look like (channels as ARI shows them, bridges, the faults it can
// inject) and which externalMedia requests it accepts, with Asterisk's own status codes and messages.
import { randomInt } from "node:crypto";
import type { Socket } from "node:dgram";
import type { WebSocket } from "ws";
import type { ControlFormat } from "../media/websocket-control.js";
import type { CallerMedia } from "./caller.js";
import type { ChanWebSocket } from "./chan-websocket.js";
import type { SimDialplan } from "./dialplan.js";
import type { StrictRtp } from "./strict-rtp.js";

export interface SimChannel {
  id: string;
  name: string;
  state: "Ring" | "Up" | "Down";
  caller: { name: string; number: string };
  connected: { name: string; number: string };
  accountcode: string;
  dialplan: { context: string; exten: string; priority: number; app_name: string; app_data: string };
  creationtime: string;
  language: string;
  protocol_id: string;
  channelvars?: Record<string, string>;
  /** internal */
  app: string | null;
  bridge: string | null;
  vars: Record<string, string>;
  kind: "caller" | "external";
  media?: CallerMedia;
  rtpSocket?: Socket;
  externalHost?: { address: string; port: number };
  /** RTP: Asterisk's strict RTP check on what the app sends. */
  strictRtp?: StrictRtp;
  format?: string;
  /** chan_websocket (server mode): the id the app connects to, and its socket once connected. */
  connectionId?: string;
  /** chan_websocket: the dial string's options (`f(json)d(both)`), from externalMedia's transport_data and direction. */
  dialOptions?: string;
  mediaWs?: WebSocket;
  /** chan_websocket: the channel driver (its queue and control messages), once the app connected. */
  wsDriver?: ChanWebSocket;
  /** chan_websocket: the channel dies if the app never connects. */
  connectTimer?: NodeJS.Timeout;
}

export interface SimBridge {
  id: string;
  technology: string;
  bridge_type: string;
  bridge_class: string;
  creator: string;
  name: string;
  channels: string[];
  creationtime: string;
}

export interface Faults {
  /** Every REST answer is delayed this long. */
  restDelayMs: number;
  /** Share of REST requests answered 503. */
  restFailureRate: number;
  /** Order of the externalMedia response and its StasisStart. */
  externalMediaRace: "event-first" | "response-first" | "random";
  /** Extra delay of the externalMedia request alone (to hang up while it is in flight). */
  externalMediaDelayMs: number;
  /** chan_websocket: how long a server-mode channel waits for the app to connect (about 31 s on Asterisk). */
  mediaConnectTimeoutMs: number;
  /** chan_websocket: MEDIA_START is never sent after the app connects (a media leg that never starts). */
  mediaStartWithheld: boolean;
  /** Caller-audio packet faults. */
  packetLoss: number;
  reorder: number;
  jitterMs: number;
}

export interface SimOptions {
  user: string;
  password: string;
  /** The rendered dialplan: runs what Asterisk does with calls the app does not hold (fallback, queues). */
  dialplan?: SimDialplan;
  host?: string;
  port?: number;
  rtpAddress?: string;
  asteriskId?: string;
  /** chan_websocket.conf `[global] control_message_format` (Asterisk's default: plain-text). */
  websocketControlFormat?: ControlFormat;
}

export interface TransferRecord {
  channelId: string;
  context?: string;
  extension?: string;
  priority?: number;
}

export const ts = (): string => new Date().toISOString().replace("Z", "+0000");

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A channel as ARI's JSON shows it (without the simulator's own fields). */
export function snapshot(c: SimChannel): Record<string, unknown> {
  return { id: c.id, name: c.name, state: c.state, caller: c.caller, connected: c.connected, accountcode: c.accountcode, dialplan: c.dialplan, creationtime: c.creationtime, language: c.language, protocol_id: c.protocol_id };
}

/** A call from the telco trunk, ringing, sent by the dialplan into Stasis(app). */
export function callerChannel(id: string, app: string, number: string, exten: string): SimChannel {
  return {
    id,
    name: `PJSIP/telco-${id.replace(".", "")}`,
    state: "Ring",
    caller: { name: "", number },
    connected: { name: "", number: "" },
    accountcode: "",
    dialplan: { context: "from-telco", exten, priority: 2, app_name: "Stasis", app_data: app },
    creationtime: ts(),
    language: "en",
    protocol_id: `${randomInt(1e9)}@telco`,
    app,
    bridge: null,
    vars: {},
    kind: "caller",
  };
}

/** An ExternalMedia channel as Asterisk first shows it: Down, in the AppDial2 outgoing-line dialplan. */
export function externalChannel(id: string, name: string, app: string, format: string, vars: Record<string, string>): SimChannel {
  return {
    id,
    name,
    state: "Down",
    caller: { name: "", number: "" },
    connected: { name: "", number: "" },
    accountcode: "",
    dialplan: { context: "default", exten: "s", priority: 1, app_name: "AppDial2", app_data: "(Outgoing Line)" },
    creationtime: ts(),
    language: "en",
    protocol_id: "",
    app,
    bridge: null,
    vars: { ...vars },
    kind: "external",
    format,
  };
}

export type ExternalMediaRequest = { app: string; format: string } & ({ transport: "rtp"; host: string; address: string; port: number } | { transport: "websocket" });

/** Checks an externalMedia request's parameters in Asterisk's order, with its answers (ARI-BEHAVIOUR.md). */
export function parseExternalMediaRequest(q: URLSearchParams): ExternalMediaRequest {
  const app = q.get("app");
  if (!app) throw new HttpError(400, "app cannot be empty");
  const transport = q.get("transport") ?? "udp";
  const encapsulation = q.get("encapsulation") ?? "rtp";
  if (!["rtp", "audiosocket", "none"].includes(encapsulation) || !["udp", "tcp", "websocket"].includes(transport)) throw new HttpError(501, "The encapsulation and/or transport is not supported");
  if (encapsulation === "rtp" && transport !== "udp") throw new HttpError(400, "transport must be 'udp' for rtp encapsulation");
  if (transport === "websocket" && encapsulation === "rtp" && q.get("encapsulation")) throw new HttpError(400, "encapsulation must be 'none' for websocket transport");
  if (q.get("connection_type") === "server" && transport !== "websocket") throw new HttpError(400, "'server' connection_type can only be used with the websocket transport");
  const wsServer = transport === "websocket" && q.get("connection_type") === "server";
  const host = q.get("external_host");
  if (!host && !wsServer) throw new HttpError(400, "external_host is required for all but websocket server connections");
  const hp = host ? /^(.+):(\d+)$/.exec(host) : null;
  if (!hp && transport !== "websocket") throw new HttpError(400, "external_host must be <host>:<port> for all transports other than websocket");
  if (transport === "websocket" && !wsServer) throw new HttpError(501, "The encapsulation and/or transport is not supported");
  const format = q.get("format");
  if (!format) throw new HttpError(400, "format cannot be empty");
  const direction = q.get("direction") ?? "both";
  if (!["both", "in", "out"].includes(direction)) throw new HttpError(400, "Invalid direction specified");
  if (!["ulaw", "alaw", "slin16", "slin", "g722"].includes(format)) throw new HttpError(500, "An internal error prevented this request from being handled");
  if (wsServer) return { app, format, transport: "websocket" };
  return { app, format, transport: "rtp", host: host!, address: hp![1]!, port: Number(hp![2]) };
}
