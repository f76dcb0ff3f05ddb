// The console's calls: the overview's figures over a period: calls by outcome, language and mode, and per time bucket
// the voice-to-voice p50/p95 of Sahayak's replies (in the bucket they were spoken in), refusals and fallbacks;
// and the calls page's filtered list. On both backends: the console reads a cluster's PostgreSQL the same way.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { CallToStore, StoreBackend } from "../../src/store/index.js";
import { BACKENDS, backendFixture, type BackendFixture } from "./each-backend.js";

const HOUR = 3_600_000;
const FROM = Date.parse("2026-11-02T00:00:00Z");

function call(id: string, startedAt: number, outcome: string, replies: { atMs: number; voiceToVoiceMs?: number; action?: string }[], extra: Partial<CallToStore> = {}): CallToStore {
  return {
    callId: id,
    startedAt: new Date(startedAt).toISOString(),
    durationMs: 60_000,
    lang: "hi",
    mode: "speech",
    outcome,
    states: [],
    turns: replies.flatMap((r) => [
      { role: "caller" as const, atMs: r.atMs - 500, text: "pm kisan", lang: "hi", action: "question", timings: {} },
      { role: "sahayak" as const, atMs: r.atMs, text: "PM Kisan ...", lang: "hi", action: r.action ?? "answer", timings: r.voiceToVoiceMs === undefined ? {} : { voiceToVoiceMs: r.voiceToVoiceMs } },
    ]),
    ...extra,
  };
}

for (const { backend, skip } of BACKENDS) {
  describe(`store: call statistics for the overview (${backend})`, { skip }, () => {
    let fixture: BackendFixture;
    let store: StoreBackend;
    before(async () => {
      fixture = await backendFixture(backend, Date.now);
      store = await fixture.open();
      // hour 0: replies of 100..1000 ms over two calls; one reply spoken in hour 1 although its call began in hour 0
      await store.calls.insert(call("a", FROM + 10 * 60_000, "goodbye", [100, 200, 300, 400, 500].map((v, i) => ({ atMs: 1000 * (i + 1), voiceToVoiceMs: v }))), { callerHash: null });
      await store.calls.insert(call("b", FROM + 20 * 60_000, "transfer", [600, 700, 800, 900, 1000].map((v, i) => ({ atMs: 1000 * (i + 1), voiceToVoiceMs: v })), { lang: "en" }), { callerHash: null });
      await store.calls.insert(call("c", FROM + 50 * 60_000, "goodbye", [{ atMs: 15 * 60_000, voiceToVoiceMs: 5000 }, { atMs: 16 * 60_000, action: "prompt:answerFailed" }]), { callerHash: null });
      // hour 2: a refused call, and one in keypad mode whose fallback prompt carries no latency
      await store.calls.insert(call("d", FROM + 2 * HOUR, "busy", []), { callerHash: null });
      await store.calls.insert(call("e", FROM + 2 * HOUR + 60_000, "caller_hangup", [{ atMs: 2000, action: "prompt:asrFailed" }], { mode: "keypad" }), { callerHash: null });
      // outside the period
      await store.calls.insert(call("f", FROM + 5 * HOUR, "goodbye", [{ atMs: 1000, voiceToVoiceMs: 1 }]), { callerHash: null });
    });
    after(async () => {
      await store?.close();
      fixture?.cleanup();
    });

    it("counts calls by outcome, language and mode, and per bucket the latency percentiles, refusals and fallbacks", async () => {
      const stats = await store.calls.stats({ from: FROM, to: FROM + 3 * HOUR, bucketMs: HOUR, refusalOutcomes: ["busy", "rate_limited"], fallbackActions: ["prompt:answerFailed", "prompt:asrFailed"] });
      assert.equal(stats.calls, 5);
      assert.deepEqual(stats.outcomes, { goodbye: 2, transfer: 1, busy: 1, caller_hangup: 1 });
      assert.deepEqual(stats.languages, { hi: 4, en: 1 });
      assert.deepEqual(stats.modes, { speech: 4, keypad: 1 });
      assert.deepEqual(
        stats.buckets.map((b) => [b.calls, b.replies, b.voiceToVoiceP50Ms, b.voiceToVoiceP95Ms, b.refusals, b.fallbacks]),
        [
          [3, 10, 500, 1000, 0, 0],
          [0, 1, 5000, 5000, 0, 1],
          [2, 0, null, null, 1, 1],
        ],
      );
      assert.equal(stats.buckets[1]!.start, "2026-11-02T01:00:00.000Z");
    });

    it("lists calls newest first, filtered by period, outcome, language and mode, a page at a time (the console's calls page)", async () => {
      const ids = async (filter: Parameters<typeof store.calls.query>[0]) => {
        const page = await store.calls.query(filter);
        return [page.total, page.calls.map((c) => c.callId)];
      };
      assert.deepEqual(await ids({ outcome: "goodbye" }), [3, ["f", "c", "a"]]);
      assert.deepEqual(await ids({ outcome: "goodbye", limit: 1, offset: 1 }), [3, ["c"]]);
      assert.deepEqual(await ids({ lang: "en" }), [1, ["b"]]);
      assert.deepEqual(await ids({ mode: "keypad" }), [1, ["e"]]);
      assert.deepEqual(await ids({ from: FROM + HOUR, to: FROM + 5 * HOUR }), [2, ["e", "d"]]);
      assert.deepEqual(await ids({ from: FROM, to: FROM + 5 * HOUR, lang: "hi", mode: "speech", outcome: "busy" }), [1, ["d"]]);
    });
  });
}
