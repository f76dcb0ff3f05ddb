// The metrics registry: labels stay bounded whatever a record holds (no call id, no words), counters fed
// from other modules' totals never lose what a source counted before it went away, and a turn record's
// facts land in the right series.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { observeCall, observeTurn } from "../../src/call/observe.js";
import type { CallRecord, TurnRecord } from "../../src/call/records.js";
import { bounded, CALL_OUTCOMES, langLabel, mediaTotals, registry } from "../../src/ops/metrics.js";
import { metricValue as value } from "./metric-value.js";

describe("metrics registry", () => {
  it("labels are bounded: unknown outcomes and odd languages become other, none stays none", () => {
    assert.equal(bounded("goodbye", CALL_OUTCOMES), "goodbye");
    assert.equal(bounded("Caller said: my number is 98765", CALL_OUTCOMES), "other");
    assert.equal(langLabel(undefined), "none");
    assert.equal(langLabel("hi"), "hi");
    assert.equal(langLabel("hi-Latn; 9876543210"), "other");
  });

  it("a call's turns and end land in their series; neither its id nor its words appear in any label", async () => {
    const callId = "1796305113.8675";
    const before = { v2v: await value("sahayak_turn_latency_seconds", { stage: "voice_to_voice", lang: "en" }), barge: await value("sahayak_barge_ins_total", { lang: "en" }), falseBarge: await value("sahayak_false_barge_ins_total", { lang: "en" }) };
    const turns: TurnRecord[] = [
      { role: "caller", atMs: 1000, text: "my aadhaar is 1234 5678 9012", lang: "en", action: "question", confidence: 0.8, timings: { endOfSpeechMs: 1000, recogniserFinalMs: 1020 } },
      { role: "sahayak", atMs: 1300, text: "PM-KISAN gives ...", lang: "en", action: "answer", schemeIds: ["pm-kisan"], interrupted: true, timings: { replyReadyMs: 1100, firstAudioMs: 1600, voiceToVoiceMs: 600, bargeInStopMs: 0.4 } },
      { role: "sahayak", atMs: 2500, text: "... the rest", lang: "en", action: "resume", timings: {} },
      { role: "sahayak", atMs: 4000, text: "Sorry, I could not find the answer", lang: "en", action: "prompt:answerFailed", timings: {} },
    ];
    turns.forEach((t, i) => observeTurn(callId, t, turns.slice(0, i)));
    const record: CallRecord = { callId, startedAt: new Date().toISOString(), durationMs: 30_000, lang: "en", mode: "speech", outcome: "goodbye", states: [], turns, packets: { sent: 10, lateP99Ms: 0.2, lateMaxMs: 0.3 } };
    observeCall(record);
    assert.equal(await value("sahayak_barge_ins_total", { lang: "en" }), before.barge + 1);
    assert.equal(await value("sahayak_false_barge_ins_total", { lang: "en" }), before.falseBarge + 1);
    assert.ok((await value("sahayak_fallbacks_total", { component: "dialogue", level: "prompt" })) >= 1);
    assert.ok((await value("sahayak_engine_failures_total", { engine: "dialogue" })) >= 1);
    assert.ok((await value("sahayak_calls_total", { outcome: "goodbye", lang: "en", mode: "speech" })) >= 1);
    const text = await registry.metrics();
    assert.match(text, /sahayak_turn_latency_seconds_bucket\{le="0\.6",stage="voice_to_voice",lang="en"\} \d+/);
    assert.ok((await value("sahayak_turn_latency_seconds", { stage: "voice_to_voice", lang: "en" })) >= before.v2v);
    for (const secret of [callId, "aadhaar", "1234", "pm-kisan", "PM-KISAN"]) assert.ok(!text.includes(secret), `${secret} must not appear in /metrics`);
  });

  it("media counters grow by what each source gained, and keep a source's counts after it goes away", async () => {
    const start = await value("sahayak_rtp_packets_received_total");
    let a = 100;
    const removeA = mediaTotals.add(() => ({ packetsIn: a, malformed: 1 }));
    const removeB = mediaTotals.add(() => ({ packetsIn: 50 }));
    assert.equal(await value("sahayak_rtp_packets_received_total"), start + 150);
    a = 130;
    removeA(); // read one last time: its last 30 packets are kept
    assert.equal(await value("sahayak_rtp_packets_received_total"), start + 180);
    assert.ok((await value("sahayak_rtp_packets_dropped_total", { reason: "malformed" })) >= 1);
    removeB();
    assert.equal(await value("sahayak_rtp_packets_received_total"), start + 180);
  });
});
