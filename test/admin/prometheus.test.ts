// The operations side as a sysadmin sees it: a real Prometheus (Debian's package) on loopback scrapes a
// running `sahayak serve` talking to the PBX simulator while simulated callers ask questions; the
// counters, histograms and RTP totals it stored are read back through Prometheus's HTTP API, and /readyz
// follows the simulator going away and coming back.
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { projectRoot } from "../../src/config.js";
import { KnowledgeStore } from "../../src/knowledge/index.js";
import { collectProcessMetrics, registry } from "../../src/ops/metrics.js";
import { ModelStore } from "../../src/ops/models.js";
import { PbxSimulator } from "../../src/telephony/sim/server.js";
import { callerSpeechFromFlite } from "../../src/telephony/sim/voice.js";
import { cliCommand, freePort, sampleRecords, sleep, tempDir, testConfig } from "../helpers.js";
import { englishModelDir } from "../speech/asr-fixture.js";

const SIM = { user: "sahayak", password: "simulator" };
const CALLS = 3;

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(250);
  }
}

async function status(url: string): Promise<number> {
  return (await fetch(url)).status;
}

describe("a real Prometheus scraping `sahayak serve` during simulated calls", () => {
  const work = tempDir("sahayak-prometheus-");
  let pbx: PbxSimulator;
  let serve: ChildProcess;
  let prometheus: ChildProcess;
  let opsUrl = "";
  let promUrl = "";
  let serveLog = "";

  const query = async (expr: string): Promise<number> => {
    const res = (await (await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(expr)}`)).json()) as { status: string; data: { result: { value: [number, string] }[] } };
    assert.equal(res.status, "success", expr);
    return res.data.result.reduce((sum, r) => sum + Number(r.value[1]), 0);
  };
  /** Waits until Prometheus has scraped a value of `expr` that `ok` accepts (scrapes come every second). */
  const queryUntil = (expr: string, ok: (v: number) => boolean, ms = 15_000) => waitFor(`${expr} in Prometheus`, async () => { const v = await query(expr); return ok(v) ? v : undefined; }, ms);

  before(async () => {
    collectProcessMetrics();
    const dataDir = join(work.path, "data");
    const modelsDir = join(work.path, "models");
    mkdirSync(dataDir);
    new ModelStore(modelsDir).import(englishModelDir, { lang: "en" });
    const writer = await KnowledgeStore.open({ dataDir, knowledge: testConfig(dataDir).knowledge });
    await writer.apply({ upserts: sampleRecords(), deletes: [] }, { actor: "test", reason: "test", op: "import" });
    writer.close();

    pbx = new PbxSimulator(SIM);
    await pbx.start();
    const opsPort = await freePort();
    opsUrl = `http://127.0.0.1:${opsPort}`;
    const configFile = join(work.path, "config.json");
    writeFileSync(configFile, JSON.stringify({ dataDir, modelsDir, telephony: { ari: { url: pbx.url, ...SIM } }, ops: { http: { port: opsPort } } }));
    serve = spawn(process.execPath, [...cliCommand(), "--config", configFile, "serve"], { cwd: projectRoot, env: { ...process.env, LANCEDB_LOG: "error", SAHAYAK_CONFIG: "" }, stdio: ["ignore", "ignore", "pipe"] });
    serve.stderr!.on("data", (d: Buffer) => (serveLog = (serveLog + d.toString()).slice(-20_000)));
    await waitFor("/readyz 200", async () => ((await status(`${opsUrl}/readyz`)) === 200 ? true : undefined), 90_000).catch((err: Error) => {
      throw new Error(`${err.message}\nserve's log:\n${serveLog}`);
    });

    const promPort = await freePort();
    promUrl = `http://127.0.0.1:${promPort}`;
    const promConfig = join(work.path, "prometheus.yml");
    writeFileSync(promConfig, `global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n  - job_name: sahayak\n    static_configs:\n      - targets: ["127.0.0.1:${opsPort}"]\n`);
    const check = spawnSync("promtool", ["check", "config", promConfig], { encoding: "utf8" });
    assert.equal(check.status, 0, `promtool (Debian package prometheus) must be installed: ${check.error?.message ?? check.stderr}`);
    prometheus = spawn("prometheus", [`--config.file=${promConfig}`, `--storage.tsdb.path=${join(work.path, "tsdb")}`, `--web.listen-address=127.0.0.1:${promPort}`], { stdio: "ignore" });
    await waitFor("Prometheus ready", async () => ((await status(`${promUrl}/-/ready`)) === 200 ? true : undefined), 30_000);
    await queryUntil('up{job="sahayak"}', (v) => v === 1);
  });

  after(async () => {
    serve?.kill("SIGTERM");
    prometheus?.kill("SIGTERM");
    await Promise.all([serve, prometheus].map((p) => (p && p.exitCode === null ? new Promise((r) => p.once("exit", r)) : undefined)));
    await pbx?.stop().catch(() => undefined);
    work.cleanup();
  });

  it("calls, turns, stage latencies and RTP counters move as the calls do", async () => {
    const before = { calls: await query("sum(sahayak_calls_total)"), rtpIn: await query("sahayak_rtp_packets_received_total"), v2v: await query('sum(sahayak_turn_latency_seconds_count{stage="voice_to_voice"})') };
    assert.equal(before.calls, 0);
    assert.equal(before.rtpIn, 0);
    const question = await callerSpeechFromFlite("what is pm kisan", 8000);
    const heard = await Promise.all(Array.from({ length: CALLS }, (_, i) => sleep(i * 400).then(() => askOneQuestion(pbx, question))));
    for (const h of heard) assert.ok(h.replyPackets > 50, `the caller heard a reply (${h.replyPackets} packets)`);

    assert.equal(await queryUntil("sum(sahayak_calls_total)", (v) => v >= CALLS), CALLS);
    const calls = await fetch(`${promUrl}/api/v1/query?query=sahayak_calls_total`).then((r) => r.text());
    assert.equal(await query('sum(sahayak_calls_total{lang="en",mode="speech"})'), CALLS, `${calls}\n${serveLog.split("\n").filter((l) => /language chosen|call ended/.test(l)).join("\n")}`);
    assert.equal(await query("sahayak_calls_active"), 0);
    assert.ok((await query('sum(sahayak_turns_total{input="speech"})')) >= CALLS);
    assert.ok((await query('sum(sahayak_turns_total{input="key"})')) >= CALLS, "the language key of each call");
    assert.ok((await query('sum(sahayak_replies_total{action="answer"})')) >= CALLS);
    for (const stage of ["recogniser_final", "reply_ready", "voice_to_voice"]) {
      assert.ok((await query(`sum(sahayak_turn_latency_seconds_count{stage="${stage}",lang="en"})`)) >= CALLS, stage);
    }
    // every reply in under 5 s: the histogram's +Inf bucket equals its 5 s bucket
    assert.equal(await query('sum(sahayak_turn_latency_seconds_bucket{stage="voice_to_voice",le="5"})'), await query('sum(sahayak_turn_latency_seconds_count{stage="voice_to_voice"})'));
    // each call sent seconds of caller audio (50 packets a second) and heard its replies
    const callerPackets = heard.reduce((sum, h) => sum + h.sentPackets, 0);
    const received = await queryUntil("sahayak_rtp_packets_received_total", (v) => v >= callerPackets * 0.95);
    assert.ok(received <= callerPackets, `received ${received} of ${callerPackets} packets sent`);
    const replyPackets = heard.reduce((sum, h) => sum + h.replyPackets, 0);
    assert.ok((await query("sahayak_rtp_packets_sent_total")) >= replyPackets * 0.95, "reply packets counted");
    assert.ok((await query("sahayak_reply_packet_lateness_seconds_count")) >= replyPackets * 0.95, "every reply packet's lateness observed");
    assert.equal(await query("sahayak_rtp_jitter_seconds_count"), CALLS);
    assert.equal(await query("sahayak_ari_connected"), 1);
    assert.equal(await query("sahayak_ready"), 1);
    assert.ok((await query("sahayak_knowledge_base_version")) >= 1);
    assert.equal(await query('sahayak_model_usable{id="en-gigaspeech-zipformer-3.3m"}'), 1);
    assert.ok((await query("process_cpu_seconds_total")) > 0, "Node process metrics");
  });

  it("every expression of the dashboard and the alert rules parses in Prometheus and names only metrics Sahayak exports", async () => {
    const dashboard = JSON.parse(readFileSync(join(projectRoot, "appliance", "monitoring", "sahayak-dashboard.json"), "utf8")) as { panels: { targets?: { expr: string }[] }[] };
    const rules = readFileSync(join(projectRoot, "appliance", "monitoring", "sahayak.rules.yml"), "utf8");
    const exprs = [...dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr)), ...[...rules.matchAll(/^\s+expr: (.+)$/gm)].map((m) => m[1]!)];
    assert.ok(exprs.length > 40, `${exprs.length} expressions`);
    // prom-client types `type` as a numeric enum; at run time it is the name ("histogram")
    const exported = new Set((await registry.getMetricsAsJSON()).flatMap((m) => (String(m.type) === "histogram" ? ["_bucket", "_sum", "_count"].map((x) => m.name + x) : [m.name])));
    for (const expr of exprs) {
      const res = (await (await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(expr)}`)).json()) as { status: string; error?: string };
      assert.equal(res.status, "success", `${expr}: ${res.error}`);
      for (const name of expr.match(/\b(sahayak|process|nodejs)_[a-z0-9_]+/g) ?? []) assert.ok(exported.has(name), `${expr} names ${name}, which Sahayak does not export`);
    }
  });

  it("/readyz turns 503 when the simulated Asterisk stops and 200 when it returns", async () => {
    const port = pbx.port;
    await pbx.stop();
    const down = await waitFor("/readyz 503", async () => {
      const res = await fetch(`${opsUrl}/readyz`);
      return res.status === 503 ? ((await res.json()) as { checks: Record<string, { ok: boolean; detail: string }> }) : undefined;
    }, 20_000);
    assert.equal(down.checks.ari?.ok, false);
    assert.match(down.checks.ari!.detail, /ARI/);
    assert.equal(down.checks.models?.ok, true, "only ARI fails");
    await queryUntil("sahayak_ari_connected", (v) => v === 0);
    await queryUntil("sahayak_ready", (v) => v === 0);

    pbx = new PbxSimulator({ ...SIM, port });
    await pbx.start();
    await waitFor("/readyz 200 again", async () => ((await status(`${opsUrl}/readyz`)) === 200 ? true : undefined), 60_000);
    await queryUntil("sahayak_ari_connected", (v) => v === 1);
    assert.ok((await query("sahayak_ari_reconnects_total")) >= 1);
    assert.ok(pbx.registered("sahayak"), "the Stasis app registered again");
  });
});

/**
 * One caller: waits out the welcome and language menu, presses 2 (English), waits for "ask your question
 * after the tone", asks, listens to the reply, hangs up. Returns the packets it sent and heard in reply.
 */
async function askOneQuestion(pbx: PbxSimulator, question: Int16Array): Promise<{ sentPackets: number; replyPackets: number }> {
  const id = pbx.placeCall({ app: "sahayak", number: `9${String(Math.floor(Math.random() * 1e9)).padStart(9, "0")}` });
  const media = await waitFor("the caller's media", async () => (pbx.callerMedia(id)?.connectedTo ? pbx.callerMedia(id) : undefined), 20_000);
  /** Sahayak spoke after `since` and has been quiet for a second. */
  const quietAfter = (since: number) => waitFor("Sahayak to finish speaking", async () => {
    const last = media.heardAt.at(-1) ?? 0;
    return last > since && performance.now() - last > 1000 ? true : undefined;
  }, 60_000);
  await quietAfter(0);
  // the menu is said in Hindi then English; a key ends it
  await pbx.sendDtmf(id, "2");
  await quietAfter(performance.now() + 300);
  const askedAt = performance.now();
  media.say(question);
  while (media.pendingMs > 0) await sleep(20);
  await quietAfter(askedAt + (question.length / 8));
  const replyPackets = media.heardAt.filter((t) => t > askedAt).length;
  const sentPackets = media.sent.length;
  pbx.callerHangup(id);
  return { sentPackets, replyPackets };
}
