// The ops HTTP server's own thread: it answers /metrics, /readyz and /healthz from the latest snapshot the
// main thread posts every ops.http.snapshotMs, so a main event loop busy with calls never delays a scrape,
// and a scrape never takes time from calls. /healthz turns 503 when the main thread stops posting (its
// event loop is stuck): the process is then alive in name only.
import Fastify from "fastify";
import { parentPort, workerData } from "node:worker_threads";
import type { ReadinessReport } from "../ops/readiness.js";

export interface OpsWorkerData {
  host: string;
  port: number;
  /** A snapshot older than this means the main thread is stuck. */
  staleAfterMs: number;
}

export type OpsWorkerRequest = { op: "snapshot"; metrics: string; contentType: string; readiness: ReadinessReport; at: number } | { op: "close" };
export type OpsWorkerReply = { op: "listening"; port: number } | { op: "error"; message: string } | { op: "closed" };

const options = workerData as OpsWorkerData;
const started = Date.now();
let snapshot: Extract<OpsWorkerRequest, { op: "snapshot" }> | undefined;
const app = Fastify({ logger: false });

/** Milliseconds since the main thread last posted, or undefined when it is fresh. */
function stalledFor(): number | undefined {
  const age = snapshot ? Date.now() - snapshot.at : Date.now() - started;
  return age > options.staleAfterMs ? age : undefined;
}

app.get("/healthz", async (_req, reply) => {
  const stalled = stalledFor();
  if (stalled !== undefined) return reply.code(503).send({ status: "stalled", detail: `the main event loop has not answered for ${Math.round(stalled / 1000)} s` });
  return { status: "ok", pid: process.pid, uptimeSeconds: Math.round((Date.now() - started) / 1000) };
});

app.get("/readyz", async (_req, reply) => {
  const stalled = stalledFor();
  if (!snapshot || stalled !== undefined) return reply.code(503).send({ ready: false, detail: `the main event loop has not answered for ${Math.round((stalled ?? 0) / 1000)} s` });
  return reply.code(snapshot.readiness.ready ? 200 : 503).send(snapshot.readiness);
});

app.get("/metrics", async (_req, reply) => {
  if (!snapshot) return reply.code(503).send("no metrics yet\n");
  return reply.header("content-type", snapshot.contentType).send(snapshot.metrics);
});

parentPort!.on("message", (msg: OpsWorkerRequest) => {
  if (msg.op === "snapshot") snapshot = msg;
  else if (msg.op === "close") void app.close().then(() => parentPort!.postMessage({ op: "closed" } satisfies OpsWorkerReply));
});

app.listen({ host: options.host, port: options.port }).then(
  () => {
    const address = app.server.address();
    parentPort!.postMessage({ op: "listening", port: typeof address === "object" && address ? address.port : options.port } satisfies OpsWorkerReply);
  },
  (err: Error) => parentPort!.postMessage({ op: "error", message: err.message } satisfies OpsWorkerReply),
);
