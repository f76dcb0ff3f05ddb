// The serving process's operations side: readiness checks, the ops HTTP server and the metrics sources,
// and the ARI controller — which `serve` keeps trying to start while Asterisk cannot be reached, instead
// of exiting, saying so in the log and in /readyz.
import { readFileSync } from "node:fs";
import type { CallServices } from "../call/index.js";
import type { CallFlowHandler } from "../call/handler.js";
import type { Config } from "../config.js";
import type { Logger } from "../ops/log.js";
import * as m from "../ops/metrics.js";
import { ModelStore } from "../ops/models.js";
import { Readiness } from "../ops/readiness.js";
import { AriController, type ControllerOptions } from "../telephony/controller.js";
import { startRtpSender } from "../telephony/media/rtp-sender.js";
import { freeDiskBytes, registerServingChecks, type AriState } from "./health.js";
import { startOpsServer, type OpsServer } from "./ops-server.js";

export interface RunningService {
  readiness: Readiness;
  ops?: OpsServer;
  /** The controller, once Asterisk was reached. */
  readonly controller: AriController | undefined;
  /** Resolves when the controller is up (or the service was stopped first). */
  readonly connected: Promise<void>;
  /** SIGTERM: no new calls, calls may finish (grace), then everything released. */
  shutdown(): Promise<void>;
}

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };

export async function startService(options: { config: Config; services: CallServices; handler: CallFlowHandler; log: Logger; busyAudio: ControllerOptions["busyAudio"] }): Promise<RunningService> {
  const { config, services, handler, log } = options;
  const readiness = new Readiness(config.ops.readinessCheckTimeoutMs);
  let controller: AriController | undefined;
  let ari: AriState = { connected: false, connecting: { since: new Date().toISOString(), attempts: 0, lastError: "not tried yet" } };
  registerServingChecks(readiness, config, services, () => (controller ? { connected: controller.ari.connected } : ari));
  const removeSources = registerMetricSources(config, services, handler, () => controller?.ari.connected ?? false);
  if (config.telephony.media.transport === "rtp") startRtpSender(config.telephony.media.senderRealtimePriority);

  let ops: OpsServer | undefined;
  if (config.ops.http.enabled) {
    try {
      ops = await startOpsServer(config.ops.http, readiness, log);
    } catch (err) {
      for (const remove of removeSources) remove();
      throw err;
    }
  }

  let stopping = false;
  let wake: () => void = () => undefined;
  const connected = (async () => {
    const cfg = config.telephony.ari;
    for (let attempt = 1; !stopping; attempt++) {
      try {
        controller = await AriController.start({ config: config.telephony, handler, log, ledger: services.sessions, busyAudio: options.busyAudio });
        if (stopping) await controller.close();
        else log.warn({ ari: cfg.url, app: cfg.app, attempts: attempt }, "serving calls");
        return;
      } catch (err) {
        const message = (err as Error).message;
        ari = { connected: false, connecting: { since: ari.connecting!.since, attempts: attempt, lastError: message } };
        const delayMs = Math.min(cfg.reconnectMs * 2 ** (attempt - 1), cfg.maxReconnectMs);
        log.warn({ ari: cfg.url, attempt, retryInMs: delayMs, err: message }, "cannot reach Asterisk's ARI yet; trying again (check that Asterisk runs with res_ari and the ari.conf user from `sahayak asterisk config`)");
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delayMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  })();

  return {
    readiness,
    ops,
    get controller() {
      return controller;
    },
    connected,
    async shutdown() {
      stopping = true;
      wake();
      await connected;
      await controller?.shutdown();
      await ops?.close();
      for (const remove of removeSources) remove();
    },
  };
}

/** What the metrics read from this process's components at each scrape, and what is set once. */
export function registerMetricSources(config: Config, services: CallServices, handler: CallFlowHandler, ariConnected: () => boolean): (() => void)[] {
  m.collectProcessMetrics();
  m.buildInfo.set({ version: pkg.version, node_version: process.version }, 1);
  for (const entry of new ModelStore(config.modelsDir).manifest().models) m.modelInfo.set({ id: entry.id, kind: entry.kind, language: entry.languages.join(",") }, 1);
  for (const model of services.models ?? []) m.modelUsable.set({ id: model.id }, model.usable ? 1 : 0);
  return [
    m.callsActive.sources.add(() => handler.active),
    m.ariConnected.sources.add(() => (ariConnected() ? 1 : 0)),
    m.knowledgeBaseVersion.sources.add(() => services.knowledge?.version ?? 0),
    m.knowledgeBaseSchemes.sources.add(() => services.knowledge?.schemes ?? 0),
    m.diskFree.sources.add(() => freeDiskBytes(config.dataDir)),
  ];
}
