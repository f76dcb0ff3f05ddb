// The node's readiness as SIP: a small UDP responder that answers OPTIONS with 200 while every readiness check
// passes (what /readyz answers 200 to) and 503 otherwise. The cluster's Kamailio probes each node's Asterisk
// through it (dispatcher `obproxy`, see src/cluster/render.ts), so a node whose Sahayak is not ready, has died
// (no answer at all), or lost its Asterisk (the ARI check) is taken out of the rotation and put back when ready.
import { createSocket, type RemoteInfo, type Socket } from "node:dgram";
import type { Logger } from "../ops/log.js";

export interface SipHealthOptions {
  host: string;
  port: number;
  /** How often readiness is evaluated; an answer older than three of these counts as not ready. */
  intervalMs: number;
  /** Evaluates readiness (shared with /readyz: one run serves both). */
  ready: () => Promise<boolean>;
  log?: Logger;
}

export interface SipHealthResponder {
  readonly port: number;
  close(): Promise<void>;
}

const STALE_INTERVALS = 3;

/** The headers a response copies from its request (RFC 3261 §8.2.6.2). */
const COPIED = new Set(["via", "v", "from", "f", "to", "t", "call-id", "i", "cseq"]);

const REASONS = { 100: "Trying", 200: "OK", 405: "Method Not Allowed", 486: "Busy Here", 503: "Service Unavailable" } as const;

/** A response to a SIP request, or undefined when the datagram is not a request (or is an ACK, which gets none). */
export function sipResponse(request: string, status: keyof typeof REASONS, toTag: string): string | undefined {
  const [head] = request.split(/\r?\n\r?\n/, 1);
  const lines = (head ?? "").split(/\r?\n/);
  const method = lines[0]?.match(/^([A-Z]+) \S+ SIP\/2\.0$/)?.[1];
  if (!method || method === "ACK") return undefined;
  const out = [`SIP/2.0 ${status} ${REASONS[status]}`];
  for (const line of lines.slice(1)) {
    const name = line.slice(0, line.indexOf(":")).trim().toLowerCase();
    if (!COPIED.has(name)) continue;
    // a provisional response carries no To tag of its own
    out.push((name === "to" || name === "t") && status !== 100 && !/;\s*tag=/i.test(line) ? `${line};tag=${toTag}` : line);
  }
  if (status === 405) out.push("Allow: OPTIONS");
  if (status === 503) out.push("Retry-After: 5");
  out.push("Content-Length: 0", "", "");
  return out.join("\r\n");
}

export async function startSipHealth(options: SipHealthOptions): Promise<SipHealthResponder> {
  let readyAt = -Infinity;
  let ready = false;
  const check = async () => {
    try {
      ready = await options.ready();
    } catch {
      ready = false;
    }
    readyAt = performance.now();
  };
  const socket: Socket = createSocket(options.host.includes(":") ? "udp6" : "udp4");
  const toTag = Math.random().toString(36).slice(2, 10);
  socket.on("message", (msg: Buffer, from: RemoteInfo) => {
    const text = msg.toString("latin1");
    const isOptions = text.startsWith("OPTIONS ");
    const fresh = performance.now() - readyAt <= STALE_INTERVALS * options.intervalMs;
    const reply = sipResponse(text, !isOptions ? 405 : ready && fresh ? 200 : 503, toTag);
    if (reply) socket.send(reply, from.port, from.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(options.port, options.host, () => {
      socket.off("error", reject);
      resolve();
    });
  });
  socket.on("error", (err) => options.log?.warn({ err: err.message }, "SIP health responder"));
  await check();
  const timer = setInterval(() => void check(), options.intervalMs);
  timer.unref();
  options.log?.info({ host: options.host, port: socket.address().port }, "SIP OPTIONS health responder listening (the load balancer's probe)");
  return {
    port: socket.address().port,
    close: async () => {
      clearInterval(timer);
      await new Promise<void>((resolve) => socket.close(() => resolve()));
    },
  };
}
