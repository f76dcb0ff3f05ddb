// The ops HTTP server and the readiness framework: /healthz, /readyz (JSON detail, 503 naming the failing
// check, a check that hangs or throws counts as failing), /metrics in Prometheus's text format.
import assert from "node:assert/strict";
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
    const server = await startOpsServer({ enabled: true, host: "127.0.0.1", port: 0 }, readiness);
    try {
      const ready = await fetch(`${server.url}/readyz`);
      assert.equal(ready.status, 200);
      const body = (await ready.json()) as { ready: boolean; checks: Record<string, { ok: boolean; detail: string; data?: unknown }> };
      assert.equal(body.ready, true);
      assert.deepEqual(body.checks.disk?.data, { freeMb: 5000 });
      ariUp = false;
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
    const first = await startOpsServer({ enabled: true, host: "127.0.0.1", port: 0 }, readiness);
    try {
      const port = Number(new URL(first.url).port);
      await assert.rejects(startOpsServer({ enabled: true, host: "127.0.0.1", port }, readiness), new RegExp(`^Error: cannot open the ops HTTP server on 127\\.0\\.0\\.1:${port}: .*EADDRINUSE.*Choose a free port in ops\\.http\\.port\\.$`));
    } finally {
      await first.close();
    }
  });
});
