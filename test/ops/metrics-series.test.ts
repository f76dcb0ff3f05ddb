// The series of issue 18 that the call flow feeds through its records (call duration, transfers, keypad
// entries, repeats, recogniser confidence, refusals for rate limiting), the shared engines' queue, and the
// info series `serve` sets once: each moved by the code that observes it, with bounded labels only.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { registerMetricSources } from "../../src/admin/serve.js";
import type { CallFlowHandler } from "../../src/call/handler.js";
import { observeCall, observeTurn } from "../../src/call/observe.js";
import type { CallOutcome, CallRecord, TurnRecord } from "../../src/call/records.js";
import type { CallServices } from "../../src/call/services.js";
import { CALL_OUTCOMES, engineRequest, registry } from "../../src/ops/metrics.js";
import { tempDir, testConfig } from "../helpers.js";
import { metricLabels, metricValue as value } from "./metric-value.js";

const CALL_ID = "1796305113.4242";
const CALLER = "9876543210";

/** A call record; `outcome` may be a value no code writes, as a bug might, to check the label stays bounded. */
function record(outcome: string, lang: string, durationMs: number, turns: TurnRecord[] = []): CallRecord {
  return { callId: CALL_ID, startedAt: new Date().toISOString(), durationMs, lang, mode: "speech", outcome: outcome as CallOutcome, states: [], turns, packets: { sent: 0, lateP99Ms: 0, lateMaxMs: 0 } };
}

async function assertNoSecretIn(...secrets: string[]): Promise<void> {
  const text = await registry.metrics();
  for (const secret of secrets) assert.ok(!text.includes(secret), `${secret} must not appear in /metrics`);
}

describe("metric series observed from call records", () => {
  it("call duration by outcome: an unknown outcome is labelled other", async () => {
    const before = { count: await value("sahayak_call_duration_seconds", { outcome: "goodbye" }, "count"), sum: await value("sahayak_call_duration_seconds", { outcome: "goodbye" }, "sum"), other: await value("sahayak_call_duration_seconds", { outcome: "other" }, "count") };
    observeCall(record("goodbye", "hi", 42_000));
    observeCall(record(`spoke to ${CALLER}`, "hi", 1_000));
    assert.equal(await value("sahayak_call_duration_seconds", { outcome: "goodbye" }, "count"), before.count + 1);
    assert.equal(await value("sahayak_call_duration_seconds", { outcome: "goodbye" }, "sum"), before.sum + 42);
    assert.equal(await value("sahayak_call_duration_seconds", { outcome: "other" }, "count"), before.other + 1);
    assert.match(await registry.getSingleMetricAsString("sahayak_call_duration_seconds"), /sahayak_call_duration_seconds_bucket\{le="60",outcome="goodbye"\} [1-9]/);
    for (const labels of await metricLabels("sahayak_call_duration_seconds")) assert.ok([...CALL_OUTCOMES, "other"].includes(labels.outcome as (typeof CALL_OUTCOMES)[number]), String(labels.outcome));
    await assertNoSecretIn(CALL_ID, CALLER);
  });

  it("a transferred call counts a transfer by language; a rate-limited one a refusal with reason rate_limited", async () => {
    const before = { transfers: await value("sahayak_transfers_total", { lang: "hi" }), refused: await value("sahayak_calls_refused_total", { reason: "rate_limited" }) };
    observeCall(record("transfer", "hi", 20_000));
    observeCall(record("goodbye", "hi", 20_000));
    assert.equal(await value("sahayak_transfers_total", { lang: "hi" }), before.transfers + 1);
    observeCall(record("rate_limited", "", 0));
    assert.equal(await value("sahayak_calls_refused_total", { reason: "rate_limited" }), before.refused + 1);
    assert.equal(await value("sahayak_transfers_total", { lang: "hi" }), before.transfers + 1, "only the transfer counted");
  });

  it("turns: keypad entry, a repeat asked for and each recognised utterance's confidence, by language", async () => {
    const before = {
      keypad: await value("sahayak_keypad_entries_total", { lang: "hi" }),
      repeats: await value("sahayak_repeats_total", { lang: "hi" }),
      confCount: await value("sahayak_recogniser_confidence", { lang: "hi" }, "count"),
      confSum: await value("sahayak_recogniser_confidence", { lang: "hi" }, "sum"),
    };
    const turns: TurnRecord[] = [
      // what the conversation records when the recogniser's confidence is too low (src/call/conversation.ts)
      { role: "caller", atMs: 1000, text: `mera number ${CALLER}`, lang: "hi", action: "not_understood", confidence: 0.25, timings: { endOfSpeechMs: 1000, recogniserFinalMs: 1100 } },
      { role: "caller", atMs: 5000, text: "kisan yojana", lang: "hi", action: "question", confidence: 0.75, timings: {} },
      // the keypad mode's introduction prompt (src/call/keypad-mode.ts)
      { role: "sahayak", atMs: 9000, text: "Hash repeats, 0 for a person.", lang: "hi", action: "prompt:keypadIntro", timings: {} },
      { role: "caller", atMs: 12000, text: "1", lang: "hi", action: "question", dtmf: "1", timings: {} },
    ];
    turns.forEach((t, i) => observeTurn(CALL_ID, t, turns.slice(0, i)));
    assert.equal(await value("sahayak_repeats_total", { lang: "hi" }), before.repeats + 1);
    assert.equal(await value("sahayak_keypad_entries_total", { lang: "hi" }), before.keypad + 1);
    assert.equal(await value("sahayak_recogniser_confidence", { lang: "hi" }, "count"), before.confCount + 2, "two utterances carried a confidence; the key press none");
    assert.ok(Math.abs((await value("sahayak_recogniser_confidence", { lang: "hi" }, "sum")) - (before.confSum + 1)) < 1e-9);
    const text = await registry.getSingleMetricAsString("sahayak_recogniser_confidence");
    assert.match(text, /sahayak_recogniser_confidence_bucket\{le="0\.3",lang="hi"\} [1-9]/);
    await assertNoSecretIn(CALL_ID, CALLER, "kisan", "Hash repeats");
  });
});

describe("shared engines' queue", () => {
  it("queue depth counts requests waiting at the scrape; the wait is observed once per request, by engine", async () => {
    const before = { depth: await value("sahayak_engine_queue_depth", { engine: "asr" }), waits: await value("sahayak_engine_wait_seconds", { engine: "asr" }, "count") };
    const first = engineRequest("asr");
    const second = engineRequest("asr");
    assert.equal(await value("sahayak_engine_queue_depth", { engine: "asr" }), before.depth + 2);
    first();
    first(); // answered twice (a result and then an abort): counted once
    assert.equal(await value("sahayak_engine_queue_depth", { engine: "asr" }), before.depth + 1);
    assert.equal(await value("sahayak_engine_wait_seconds", { engine: "asr" }, "count"), before.waits + 1);
    second();
    assert.equal(await value("sahayak_engine_queue_depth", { engine: "asr" }), before.depth);
    assert.equal(await value("sahayak_engine_wait_seconds", { engine: "asr" }, "count"), before.waits + 2);
    for (const labels of await metricLabels("sahayak_engine_wait_seconds")) assert.ok(["asr", "vad", "tts", "dialogue", "llm"].includes(labels.engine as string));
  });
});

describe("what serve sets once", () => {
  it("model_info has one series per installed model (id, kind, language); build_info the version and Node's", async () => {
    const dir = tempDir("sahayak-metrics-info-");
    const config = testConfig(join(dir.path, "data"));
    const modelsDir = join(dir.path, "models");
    config.modelsDir = modelsDir;
    mkdirSync(modelsDir, { recursive: true });
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(
      join(modelsDir, "manifest.json"),
      JSON.stringify({
        format: 1,
        models: [
          { id: "test-asr-hi", kind: "asr", engine: "online-ctc", languages: ["hi"], files: {} },
          { id: "test-tts-en", kind: "tts", engine: "vits", languages: ["en"], files: {} },
        ],
        chosen: {},
      }),
    );
    const services = { models: [{ id: "test-asr-hi", usable: true }, { id: "test-tts-en", usable: false }] } as unknown as CallServices;
    const remove = registerMetricSources(config, services, { active: 0 } as unknown as CallFlowHandler, () => true);
    try {
      assert.equal(await value("sahayak_model_info", { id: "test-asr-hi", kind: "asr", language: "hi" }), 1);
      assert.equal(await value("sahayak_model_info", { id: "test-tts-en", kind: "tts", language: "en" }), 1);
      assert.equal(await value("sahayak_model_usable", { id: "test-asr-hi" }), 1);
      assert.equal(await value("sahayak_model_usable", { id: "test-tts-en" }), 0);
      const build = await metricLabels("sahayak_build_info");
      assert.equal(build.length, 1);
      assert.match(String(build[0]!.version), /^\d+\.\d+\.\d+/);
      assert.equal(build[0]!.node_version, process.version);
      assert.equal(await value("sahayak_build_info"), 1);
    } finally {
      for (const r of remove) r();
      dir.cleanup();
    }
  });

  it("a source that fails at the scrape (the data disk gone) leaves the rest of /metrics served", async () => {
    const dir = tempDir("sahayak-metrics-gone-");
    const config = testConfig(join(dir.path, "data-not-there"));
    config.modelsDir = join(dir.path, "models");
    const remove = registerMetricSources(config, { models: [] } as unknown as CallServices, { active: 2 } as unknown as CallFlowHandler, () => true);
    try {
      const text = await registry.metrics();
      assert.match(text, /^sahayak_calls_active 2$/m);
      assert.match(text, /^sahayak_ari_connected 1$/m);
      assert.match(text, /^sahayak_data_disk_free_bytes nan$/im, "unknown, not a value an alert would read as a full disk");
    } finally {
      for (const r of remove) r();
      dir.cleanup();
    }
  });
});
