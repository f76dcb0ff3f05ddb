// The operations HTTP server `serve` starts (ops.http, loopback by default): /metrics for Prometheus,
// /healthz (the process is alive and its event loop answers) and /readyz (every readiness check, JSON
// detail, 503 when one fails). No personal data is ever served here.
import Fastify, { type FastifyInstance } from "fastify";
import type { OpsConfig } from "../config.js";
import type { Logger } from "../ops/log.js";
import { metricsContentType, metricsText, ready, readinessCheck } from "../ops/metrics.js";
import type { Readiness } from "../ops/readiness.js";

export interface OpsServer {
  /** Where it listens, e.g. http://127.0.0.1:9464. */
  readonly url: string;
  close(): Promise<void>;
}

export async function startOpsServer(config: OpsConfig["http"], readiness: Readiness, log?: Logger): Promise<OpsServer> {
  const app: FastifyInstance = Fastify({ logger: false });
  const started = Date.now();
  const removeSources = [
    ready.sources.add(() => (readiness.last?.ready ? 1 : 0)),
    readinessCheck.sources.add(() => Object.fromEntries(Object.entries(readiness.last?.checks ?? {}).map(([name, r]) => [name, r.ok ? 1 : 0]))),
  ];

  app.get("/healthz", async () => ({ status: "ok", pid: process.pid, uptimeSeconds: Math.round((Date.now() - started) / 1000) }));

  app.get("/readyz", async (_req, reply) => {
    const report = await readiness.evaluate();
    return reply.code(report.ready ? 200 : 503).send(report);
  });

  app.get("/metrics", async (_req, reply) => {
    // the readiness gauges show this moment, not the last time someone asked /readyz
    await readiness.evaluate();
    return reply.header("content-type", metricsContentType).send(await metricsText());
  });

  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (err) {
    for (const remove of removeSources) remove();
    throw new Error(`cannot open the ops HTTP server on ${config.host}:${config.port}: ${(err as Error).message}. Choose a free port in ops.http.port.`);
  }
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;
  log?.info({ url, paths: ["/metrics", "/healthz", "/readyz"] }, "ops HTTP server listening");
  return {
    url,
    async close() {
      for (const remove of removeSources) remove();
      await app.close();
    },
  };
}
