// A process that writes call records (and sessions and rate-limit counts, as a call does) to a store,
// printing each committed call id: the concurrency and crash tests run several, and kill some.
import { SahayakStore } from "../../src/store/index.js";
import { testConfig } from "../helpers.js";

const [dataDir, prefix, countArg] = process.argv.slice(2);
const count = Number(countArg); // 0: until killed
const store = SahayakStore.open(dataDir!, testConfig(dataDir!).store);
const turns = Array.from({ length: 12 }, (_, i) => ({ role: (i % 2 ? "sahayak" : "caller") as "caller" | "sahayak", atMs: i * 1000, text: `turn ${i} of ${prefix}`, lang: "en", action: i % 2 ? "answer" : "question", timings: { endOfSpeechMs: i * 1000 } }));
for (let i = 0; count === 0 || i < count; i++) {
  const callId = `${prefix}-${i}`;
  const hash = store.callers.hash(`98${String(i % 50).padStart(8, "0")}`)!;
  store.rateLimits.admit(hash);
  store.calls.insert({ callId, startedAt: new Date().toISOString(), durationMs: 1000, lang: "en", mode: "speech", outcome: "goodbye", states: [], turns }, { callerHash: hash });
  store.sessions.save(`caller:${hash}`, { turn: i, by: prefix }, { lang: "en" });
  process.stdout.write(`${callId}\n`);
}
store.close();
