// The ops HTTP server and the readiness framework: /healthz, /readyz (JSON detail, 503 naming the failing
// check, a check that hangs or throws counts as failing), /metrics in Prometheus's text format, served from
// a thread of its own that keeps answering while the main event loop is busy, and says when it is stuck.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import { startOpsServer } from "../../src/admin/ops-server.js";
import { Readiness } from "../../src/ops/readiness.js";

describe("ops server and readiness", () => {
  it("/readyz is 200 with every check passing and 503 naming the one that fails; /healthz stays 200", async () => {
    const readiness = new Readiness(100);
    let ariUp = true;
    readiness.register("ari", () => (ariUp ? { ok: true, detail: "connected" } : { ok: false, detail: "the ARI event socket is down" }));
    readiness.register("disk", async () => ({ ok: true, detail: "plenty", data: { freeMb: 5000 } }));
    assert.throws(() => readiness.register("disk", () => ({ ok: true, detail: "" })), /registered twice/);
    const server = await startOpsServer({ enabled: true, host: "127.0.0.1", port: 0, snapshotMs: 60_000 }, readiness);
    try {
      const ready = await fetch(`${server.url}/readyz`);
      assert.equal(ready.status, 200);
      const body = (await ready.json()) as { ready: boolean; checks: Record<string, { ok: boolean; detail: string; data?: unknown }> };
      assert.equal(body.ready, true);
      assert.deepEqual(body.checks.disk?.data, { freeMb: 5000 });
      ariUp = false;
      // served from the latest snapshot: taken every snapshotMs, here at once
      await server.refresh();
      const notReady = await fetch(`${server.url}/readyz`);
      assert.equal(notReady.status, 503);
      const detail = (await notReady.json()) as typeof body;
      assert.equal(detail.checks.ari?.ok, false);
      assert.equal(detail.checks.ari?.detail, "the ARI event socket is down");
      assert.equal(detail.checks.disk?.ok, true);
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
      const metrics = await fetch(`${server.url}/metrics`);
      assert.match(metrics.headers.get("content-type") ?? "", /^text\/plain; version=0\.0\.4/);
      const text = await metrics.text();
      assert.match(text, /^sahayak_ready 0$/m);
      assert.match(text, /^sahayak_readiness_check\{check="ari"\} 0$/m);
      assert.match(text, /^sahayak_readiness_check\{check="disk"\} 1$/m);
    } finally {
      await server.close();
    }
  });

  it("answers while the main event loop is busy, from the last snapshot; /healthz turns 503 when the main thread stops posting", async () => {
    const readiness = new Readiness(100);
    readiness.register("ari", () => ({ ok: true, detail: "connected" }));
    const server = await startOpsServer({ enabled: true, host: "127.0.0.1", port: 0, snapshotMs: 100 }, readiness);
    try {
      // a scraper in another process, while this thread is blocked for 1.5 s
      const child = spawn(process.execPath, ["-e", `setTimeout(async () => { const t = performance.now(); const r = await fetch(${JSON.stringify(`${server.url}/metrics`)}); await r.text(); console.log(r.status, Math.round(performance.now() - t)); }, 300)`], { stdio: ["ignore", "pipe", "inherit"] });
      let out = "";
      child.stdout.on("data", (d: Buffer) => (out += d.toString()));
      const closed = new Promise((r) => child.on("close", r));
      const until = Date.now() + 1500;
      while (Date.now() < until) {
        /* the main thread is busy */
      }
      await closed;
      const [status, ms] = out.trim().split(" ").map(Number);
      assert.equal(status, 200);
      assert.ok(ms! < 500, `answered in ${ms} ms while the main thread was blocked`);
    } finally {
      await server.close();
    }
    // stuck: no snapshot for longer than 5 intervals (at least 10 s) is reported by /healthz
    const stuck = await startOpsServer({ enabled: true, host: "127.0.0.1", port: 0, snapshotMs: 100 }, readiness);
    try {
      const until = Date.now() + 10_500;
      while (Date.now() < until) {
        /* the main event loop is stuck */
      }
      const res = spawnSync(process.execPath, ["-e", `fetch(${JSON.stringify(`${stuck.url}/healthz`)}).then(async (r) => console.log(r.status, await r.text()))`], { encoding: "utf8" });
      assert.match(res.stdout, /^503 \{"status":"stalled","detail":"the main event loop has not answered for 1\d s"\}/);
    } finally {
      await stuck.close();
    }
  });

  it("a check that hangs or throws fails with that as its reason; no checks is not ready", async () => {
    const empty = new Readiness(50);
    assert.equal((await empty.evaluate()).ready, false);
    const readiness = new Readiness(50);
    readiness.register("hangs", () => new Promise(() => undefined));
    readiness.register("throws", () => {
      throw new Error("no database handle");
    });
    const report = await readiness.evaluate();
    assert.equal(report.ready, false);
    assert.equal(report.checks.hangs?.detail, "no answer within 50 ms");
    assert.equal(report.checks.throws?.detail, "the check failed: no database handle");
  });

  it("a port already taken is an error saying which and what to do", async () => {
    const readiness = new Readiness(50);
    const first = await startOpsServer({ enabled: true, host: "127.0.0.1", port: 0, snapshotMs: 60_000 }, readiness);
    try {
      const port = Number(new URL(first.url).port);
      await assert.rejects(startOpsServer({ enabled: true, host: "127.0.0.1", port, snapshotMs: 60_000 }, readiness), new RegExp(`^Error: cannot open the ops HTTP server on 127\\.0\\.0\\.1:${port}: .*EADDRINUSE.*Choose a free port in ops\\.http\\.port\\.$`));
    } finally {
      await first.close();
    }
  });
});
