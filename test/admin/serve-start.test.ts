// `serve` with Asterisk not there yet: it keeps trying instead of exiting, says so in /readyz and the log,
// and is ready once Asterisk answers (so is its SIP health responder, the cluster's probe); SIGTERM then stops it
// cleanly.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { projectRoot } from "../../src/config.js";
import { KnowledgeStore } from "../../src/knowledge/index.js";
import { PbxSimulator } from "../../src/telephony/sim/server.js";
import { freeUdpPort, probeOptions } from "../cluster/sip-probe.js";
import { cliCommand, freePort, sampleRecords, sleep, tempDir, testConfig } from "../helpers.js";

describe("serve before Asterisk is up", () => {
  it("keeps trying, reports it in /readyz and the log, and becomes ready when Asterisk answers", async () => {
    const work = tempDir("sahayak-serve-start-");
    const dataDir = join(work.path, "data");
    mkdirSync(dataDir);
    const writer = await KnowledgeStore.open({ dataDir, knowledge: testConfig(dataDir).knowledge });
    await writer.apply({ upserts: sampleRecords(["pm-kisan"]), deletes: [] }, { actor: "test", reason: "test", op: "import" });
    writer.close();
    const [ariPort, opsPort, sipHealthPort] = [await freePort(), await freePort(), await freeUdpPort("127.0.0.1")];
    const sim = { user: "sahayak", password: "simulator" };
    const configFile = join(work.path, "config.json");
    // no recogniser installed: every call would use the keypad, and start-up is quick
    writeFileSync(configFile, JSON.stringify({ dataDir, modelsDir: join(work.path, "models"), telephony: { ari: { url: `http://127.0.0.1:${ariPort}`, ...sim, reconnectMs: 100, maxReconnectMs: 400 } }, ops: { http: { port: opsPort }, sipHealth: { enabled: true, port: sipHealthPort, intervalMs: 200 } } }));
    const serve = spawn(process.execPath, [...cliCommand(), "--config", configFile, "serve"], { cwd: projectRoot, env: { ...process.env, SAHAYAK_CONFIG: "", LANCEDB_LOG: "error" }, stdio: ["ignore", "ignore", "pipe"] });
    let log = "";
    serve.stderr.on("data", (d: Buffer) => (log += d.toString()));
    const exited = new Promise<number | null>((r) => serve.on("exit", (code) => r(code)));
    const ops = `http://127.0.0.1:${opsPort}`;
    let pbx: PbxSimulator | undefined;
    try {
      let detail: { ready: boolean; checks: Record<string, { ok: boolean; detail: string }> } | undefined;
      for (let i = 0; i < 600 && !detail?.checks.ari?.detail.includes("attempt 2"); i++) {
        detail = await fetch(`${ops}/readyz`).then((r) => (r.status === 503 ? r.json() : undefined), () => undefined) as typeof detail;
        await sleep(100);
      }
      assert.ok(detail, `serve answered /readyz: ${log}`);
      assert.equal(detail.ready, false);
      assert.match(detail.checks.ari!.detail, new RegExp(`^still trying to reach ARI at http://127\\.0\\.0\\.1:${ariPort} \\(app sahayak\\) \\(attempt \\d+, since .*\\): .*Check that Asterisk runs and telephony\\.ari matches ari\\.conf$`));
      assert.equal((await fetch(`${ops}/healthz`)).status, 200, "alive while not ready");
      assert.equal(await probeOptions("127.0.0.1", sipHealthPort), 503, "the load balancer's probe is refused while not ready");
      assert.match(log, /cannot reach Asterisk's ARI yet; trying again/);
      assert.equal(serve.exitCode, null, "serve did not exit");

      pbx = new PbxSimulator({ ...sim, port: ariPort });
      await pbx.start();
      let status = 0;
      for (let i = 0; i < 300 && status !== 200; i++) {
        status = await fetch(`${ops}/readyz`).then((r) => r.status, () => 0);
        if (status !== 200) await sleep(100);
      }
      assert.equal(status, 200, log);
      let probe = 0;
      for (let i = 0; i < 50 && probe !== 200; i++) {
        probe = await probeOptions("127.0.0.1", sipHealthPort);
        if (probe !== 200) await sleep(100);
      }
      assert.equal(probe, 200, "the load balancer's probe is answered once ready");
      assert.ok(pbx.registered("sahayak"));
      assert.match(log, /"msg":"serving calls"/);
    } finally {
      serve.kill("SIGTERM");
      assert.equal(await exited, 0, log);
      await pbx?.stop();
      work.cleanup();
    }
  });
});
