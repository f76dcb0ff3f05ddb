// The store at a call's edges: what starting a call costs (its record opened; rate limit + session lookup),
// rewriting its open record while it lasts, storing the finished call (redaction + one transaction),
// redaction per utterance, the purge, and the database's size per thousand calls.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/config.js";
import { redactText } from "../src/ops/redact.js";
import { SahayakStore, type CallToStore } from "../src/store/index.js";
import { percentile } from "./questions.js";

const CALLS = 3000;
const TURNS = 30;
const DAY = 86_400_000;

export async function benchStore(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), "sahayak-bench-store-"));
  let clock = Date.now() - 45 * DAY;
  const config = loadConfig({ env: {}, overrides: { dataDir: dir } });
  const store = SahayakStore.open(dir, config.store, () => clock);
  try {
    const utterance = "मेरा आधार नौ आठ सात छह पांच चार तीन दो एक शून्य एक दो है, what documents do I need for PM Kisan and my account 50100123456789";
    const turns: CallToStore["turns"] = Array.from({ length: TURNS }, (_, i) =>
      i % 2 ? { role: "sahayak", atMs: i * 4000, text: "PM Kisan gives ₹6,000 a year in three instalments to landholding farmer families.", lang: "en", action: "answer", schemeIds: ["pm-kisan"], timings: { voiceToVoiceMs: 600 } } : { role: "caller", atMs: i * 4000, text: utterance, lang: "en", action: "question", confidence: 0.8, timings: { endOfSpeechMs: i * 4000 } },
    );
    const startMs: number[] = [];
    const finishMs: number[] = [];
    const openMs: number[] = [];
    const progressMs: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const number = `98${String(i % 500).padStart(8, "0")}`;
      let t = performance.now();
      const hash = store.callers.hash(number)!;
      // the record opened as the call arrives, and rewritten while it lasts (two new turns since the last write)
      store.calls.open({ callId: `bench-${i}`, startedAt: clock, callerHash: hash, owner: "bench" });
      openMs.push(performance.now() - t);
      t = performance.now();
      store.rateLimits.admit(hash);
      store.sessions.load(`caller:${hash}`);
      startMs.push(performance.now() - t);
      store.calls.progress(`bench-${i}`, { turns: turns.slice(0, TURNS - 2), states: [] }, clock);
      t = performance.now();
      store.calls.progress(`bench-${i}`, { turns, states: [] }, clock);
      progressMs.push(performance.now() - t);
      t = performance.now();
      store.calls.insert({ callId: `bench-${i}`, startedAt: new Date(clock).toISOString(), durationMs: 120_000, lang: "en", mode: "speech", outcome: "goodbye", states: [], turns }, { callerHash: hash });
      store.sessions.save(`caller:${hash}`, { turn: i, lastReply: { text: turns[1]!.text } }, { lang: "en" });
      finishMs.push(performance.now() - t);
      clock += (45 * DAY) / CALLS;
    }
    store.db.pragma("wal_checkpoint(TRUNCATE)");
    const dbBytes = statSync(store.path).size;
    const redactMs: number[] = [];
    for (let i = 0; i < 500; i++) {
      const t = performance.now();
      redactText(utterance);
      redactMs.push(performance.now() - t);
    }
    const t = performance.now();
    const purged = store.purge("bench");
    const purgeMs = performance.now() - t;
    return {
      callOpenP95Ms: percentile(openMs, 95),
      callProgressP95Ms: percentile(progressMs, 95),
      callStartP95Ms: percentile(startMs, 95),
      callStoreP50Ms: percentile(finishMs, 50),
      callStoreP95Ms: percentile(finishMs, 95),
      redactUtteranceP95Ms: percentile(redactMs, 95),
      purgedCalls: purged.calls,
      purgeMs,
      dbMBPer1000Calls: dbBytes / 1e6 / (CALLS / 1000),
    };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
