// Operations benchmark: what metrics cost while the helpline works. 20 concurrent calls through the real
// pipeline on the PBX simulator (as bench/call.ts), with the ops server up and /metrics fetched over HTTP
// every 200 ms by a process of its own, as Prometheus would (it scrapes every 15 s on the appliance): the
// scrape's time from request to the last byte. Then the CPU the metrics code spends for one call, on the
// main thread: observing each of its turns, its end, each of its reply packets' lateness, and the
// readiness checks and metrics text rendered every ops.http.snapshotMs for the call's whole length (as if
// no other call shared them), run again on the calls' own records and timed with process.cpuUsage().
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { registerServingChecks } from "../src/admin/health.js";
import { startOpsServer } from "../src/admin/ops-server.js";
import { registerMetricSources } from "../src/admin/serve.js";
import { openCallServices } from "../src/call/index.js";
import { observeCall, observeTurn } from "../src/call/observe.js";
import { Simulation, type CallerScript } from "../src/call/simulation.js";
import { replyPacketLateness } from "../src/ops/metrics.js";
import { Readiness } from "../src/ops/readiness.js";
import { loadQuestions, percentile, pipelineBenchConfig } from "./questions.js";

const SCRAPE_EVERY_MS = 200;

export async function benchOps(): Promise<Record<string, unknown>> {
  const work = mkdtempSync(join(tmpdir(), "sahayak-bench-ops-"));
  try {
    const { config } = pipelineBenchConfig(work, { ops: { http: { port: 0 } } });
    const services = await openCallServices(config);
    const simulation = await Simulation.start(config, services);
    const readiness = new Readiness(config.ops.readinessCheckTimeoutMs);
    registerServingChecks(readiness, config, services, () => ({ connected: simulation.controller.ari.connected }));
    const removeSources = registerMetricSources(config, services, simulation.handler, () => simulation.controller.ari.connected);
    const ops = await startOpsServer(config.ops.http, readiness);
    try {
      const asked = loadQuestions().filter((q) => q.lang === "en" && q.type === "direct" && q.question.split(" ").length <= 9).map((q) => q.question);
      await Promise.all(asked.map((q) => simulation.voice(q, "en")));
      // one call first, so every series exists before the measured scrapes
      await simulation.call({ lang: "en", hurry: true, steps: [{ kind: "say", text: asked[0]! }] });

      // Prometheus is a process of its own: so is the scraper, timing each scrape from request to last byte
      const scraper = spawn(process.execPath, ["-e", SCRAPER, `${ops.url}/metrics`, String(SCRAPE_EVERY_MS)], { stdio: ["pipe", "pipe", "inherit"] });
      let scraperOut = "";
      scraper.stdout.on("data", (d: Buffer) => (scraperOut += d.toString()));
      const scraped = new Promise<number[]>((resolve) => scraper.on("close", () => resolve(JSON.parse(scraperOut || "[]") as number[])));
      const loopDelay = monitorEventLoopDelay({ resolution: 1 });
      loopDelay.enable();
      const scripts: CallerScript[] = Array.from({ length: 20 }, (_, i) => ({ lang: "en", hurry: true, steps: [{ kind: "say", text: asked[i % asked.length]! }, { kind: "say", text: asked[(i + 7) % asked.length]! }] }));
      const calls = await Promise.all(scripts.map((s, i) => new Promise((r) => setTimeout(r, i * 150)).then(() => simulation.call(s))));
      loopDelay.disable();
      scraper.stdin.end();
      const scrapeMs = await scraped;

      // the metrics code's CPU for each call, run again on its own record
      // the main thread's share of serving metrics: readiness and the metrics text, every snapshotMs
      const snapshotCpuMs = await cpuMs(() => ops.refresh());
      const perCallPercent: number[] = [];
      for (const { record } of calls) {
        const observeMs = await cpuMs(() => {
          for (const [i, turn] of record.turns.entries()) observeTurn(record.callId, turn, record.turns.slice(0, i));
          for (let p = 0; p < record.packets.sent; p++) replyPacketLateness.observe(record.packets.lateP99Ms / 1000);
          observeCall(record);
        });
        const snapshots = record.durationMs / config.ops.http.snapshotMs;
        perCallPercent.push(((observeMs + snapshots * snapshotCpuMs) / record.durationMs) * 100);
      }
      return {
        scrapes: scrapeMs.length,
        concurrentCalls: calls.length,
        scrapeP50Ms: percentile(scrapeMs, 50),
        scrapeP95Ms: percentile(scrapeMs, 95),
        snapshotCpuMs,
        eventLoopDelayP95Ms: loopDelay.percentile(95) / 1e6,
        eventLoopDelayMaxMs: loopDelay.max / 1e6,
        metricsCpuPerCallPercentOfCore: Math.max(...perCallPercent),
      };
    } finally {
      await ops.close();
      for (const remove of removeSources) remove();
      await simulation.close();
      await services.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Fetches the URL every N ms until its stdin closes, then prints the durations (ms) as JSON. */
const SCRAPER = `
const [url, every] = process.argv.slice(1);
const times = [];
let running = true;
process.stdin.on("end", () => (running = false)).resume();
(async () => {
  while (running) {
    const t = performance.now();
    await (await fetch(url)).text();
    times.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, Number(every)));
  }
  process.stdout.write(JSON.stringify(times));
})();
`;

/** CPU milliseconds (user + system) of this process spent in `fn`, averaged over enough runs to time. */
async function cpuMs(fn: () => void | Promise<void>): Promise<number> {
  let runs = 0;
  let used = 0;
  const start = process.cpuUsage();
  do {
    await fn();
    runs++;
    const d = process.cpuUsage(start);
    used = (d.user + d.system) / 1000;
  } while (used < 50 && runs < 10_000);
  return used / runs;
}
