// Records two serving nodes of a cluster wrote into its PostgreSQL, for the console's tests on PostgreSQL:
// one call each (a question that went unanswered, then one answered) and one audit entry each.
import { join } from "node:path";
import { PostgresStore, type CallToStore } from "../../src/store/index.js";
import { testConfig } from "../helpers.js";

const HOUR = 3_600_000;
/** A minute into an hour that has begun at least a minute ago: both calls' replies fall in one of the overview's hourly buckets. */
export const STARTED = Math.floor((Date.now() - 2 * 60_000) / HOUR) * HOUR + 60_000;

/** A call, its caller asking one question that went unanswered, then one that was answered. */
function callOn(callId: string, question: string, outcome: string): CallToStore {
  return {
    callId,
    startedAt: new Date(STARTED).toISOString(),
    durationMs: 20_000,
    lang: "en",
    mode: "speech",
    outcome,
    states: [{ state: "greeting", atMs: 0 }],
    turns: [
      { role: "caller", atMs: 2000, text: question, lang: "en", action: "question", confidence: 0.9, timings: { endOfSpeechMs: 2000 } },
      { role: "sahayak", atMs: 2500, text: "I can only help with government schemes.", lang: "en", action: "out_of_scope", timings: { voiceToVoiceMs: 500 } },
      { role: "caller", atMs: 8000, text: "what is pm kisan, my number is 9876543210", lang: "en", action: "question", confidence: 0.9, timings: { endOfSpeechMs: 8000 } },
      { role: "sahayak", atMs: 8700, text: "PM Kisan gives farmers 6,000 rupees a year.", lang: "en", action: "answer", schemeIds: ["pm-kisan"], timings: { voiceToVoiceMs: 700 } },
    ],
  };
}

export const NODES = [
  { node: "node-a", callId: "call-on-a", question: "how do I get a ration card in bihar", outcome: "goodbye" },
  { node: "node-b", callId: "call-on-b", question: "what is the price of onions today", outcome: "caller_hangup" },
];

/** Each node's call and audit entry, written as that node writes them (its own store, under its name). */
export async function writeNodesRecords(url: string, dirs: string): Promise<void> {
  for (const n of NODES) {
    const dir = join(dirs, n.node);
    const store = await PostgresStore.open(dir, testConfig(dir, { store: { backend: "postgres", postgres: { url, node: n.node } } }).store);
    try {
      await store.calls.insert(callOn(n.callId, n.question, n.outcome), { callerHash: null });
      await store.audit.append("root", "purge", null, { on: n.node });
    } finally {
      await store.close();
    }
  }
}
