// The operations HTTP server `serve` starts (ops.http, loopback by default): /metrics for Prometheus,
// /healthz (the process and its event loop answer) and /readyz (every readiness check, JSON detail, 503
// when one fails). It runs on a thread of its own (ops-http-worker.ts), serving what the main thread
// evaluates and renders every ops.http.snapshotMs. No personal data is ever served here.
import type { Worker } from "node:worker_threads";
import type { OpsConfig } from "../config.js";
import type { Logger } from "../ops/log.js";
import { metricsContentType, metricsText, ready, readinessCheck } from "../ops/metrics.js";
import type { Readiness } from "../ops/readiness.js";
import { startWorker } from "../ops/worker.js";
import type { OpsWorkerData, OpsWorkerReply, OpsWorkerRequest } from "./ops-http-worker.js";

export interface OpsServer {
  /** Where it listens, e.g. http://127.0.0.1:9464. */
  readonly url: string;
  /** Evaluates readiness and renders the metrics now, for the server to serve. */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

/** Snapshots this many intervals old mean the main thread is stuck (/healthz 503). */
const STALE_INTERVALS = 5;
const MIN_STALE_MS = 10_000;

export async function startOpsServer(config: OpsConfig["http"], readiness: Readiness, log?: Logger): Promise<OpsServer> {
  const removeSources = [
    ready.sources.add(() => (readiness.last?.ready ? 1 : 0)),
    readinessCheck.sources.add(() => Object.fromEntries(Object.entries(readiness.last?.checks ?? {}).map(([name, r]) => [name, r.ok ? 1 : 0]))),
  ];
  const data: OpsWorkerData = { host: config.host, port: config.port, staleAfterMs: Math.max(MIN_STALE_MS, STALE_INTERVALS * config.snapshotMs) };
  const worker: Worker = startWorker("ops-http-worker", import.meta.url, { workerData: data });
  const post = (msg: OpsWorkerRequest) => worker.postMessage(msg);
  let refreshing: Promise<void> | undefined;
  const refresh = () =>
    (refreshing ??= (async () => {
      try {
        // the readiness gauges in the metrics show this moment
        const report = await readiness.evaluate();
        post({ op: "snapshot", metrics: await metricsText(), contentType: metricsContentType, readiness: report, at: Date.now() });
      } catch (err) {
        log?.warn({ err: (err as Error).message }, "metrics snapshot failed; the last one is served");
      } finally {
        refreshing = undefined;
      }
    })());
  const stopWorker = async () => {
    for (const remove of removeSources) remove();
    await worker.terminate();
  };

  let port: number;
  try {
    await refresh();
    port = await new Promise<number>((resolve, reject) => {
      worker.once("error", reject);
      worker.on("message", function listening(msg: OpsWorkerReply) {
        if (msg.op === "listening") resolve(msg.port);
        else if (msg.op === "error") reject(new Error(msg.message));
        else return;
        worker.off("message", listening);
      });
    });
  } catch (err) {
    await stopWorker();
    throw new Error(`cannot open the ops HTTP server on ${config.host}:${config.port}: ${(err as Error).message}. Choose a free port in ops.http.port.`);
  }
  const timer = setInterval(() => void refresh(), config.snapshotMs);
  timer.unref();
  // a stuck main thread must not be kept alive by this thread alone
  worker.unref();
  const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;
  log?.info({ url, paths: ["/metrics", "/healthz", "/readyz"], snapshotMs: config.snapshotMs }, "ops HTTP server listening");
  return {
    url,
    refresh,
    async close() {
      clearInterval(timer);
      await refreshing;
      await new Promise<void>((resolve) => {
        const done = setTimeout(resolve, 1000);
        worker.once("message", (msg: OpsWorkerReply) => {
          if (msg.op === "closed") {
            clearTimeout(done);
            resolve();
          }
        });
        post({ op: "close" });
      });
      await stopWorker();
    },
  };
}
