// 20 calls at once, each asking two different questions the pipeline answered as the first question of a call
// asked alone (a question answered only as a follow-up of its own scheme says nothing of load when asked
// after another scheme's): each answered about its own scheme; reply packets' lateness as the sender sent them, the machine's own stalls beside it, and each
// packet over 1 ms late put down to what overlapped it: a machine stall, else what held the sender process
// (a collection, a request, its reports, an event it sent), else the sender itself (its timers). Part of
// bench/call.ts; alone: `node --import tsx bench/run.ts call-concurrent` (asks fewer questions alone first).
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { SherpaAsrEngine } from "../src/speech/asr/index.js";
import type { Simulation, CallerScript, SimulatedCall } from "../src/call/simulation.js";
import { recentLatePackets, recentSenderBusy, type LatePacket, type SenderBusy } from "../src/telephony/media/rtp-sender.js";
import { answeredAbout, askAlone, candidateQuestions, questionsAsked, TRANSPORTS, withCallBench, type Candidate, type Transport } from "./call-answers.js";
import { SENDER_PAUSES } from "../src/telephony/media/send-report.js";
import { StallProbe, stallFigures, stalledWithin, type Stall } from "./machine-stalls.js";
import { callTimeline, circumstances, countMisses, missOf } from "./concurrent-misses.js";

export const CONCURRENT_CALLS = 20;
/** Candidate questions asked alone when this part runs by itself (three a call, the first of each counts). */
const CANDIDATES_ALONE = 18;

/**
 * Each late packet put down to the first thing that overlapped it between its deadline and when it went: a
 * machine stall, else what held the sender process (a collection, a request, ...), else the sender itself.
 */
export function attributeLate(late: readonly LatePacket[], stalls: readonly Stall[], busy: readonly SenderBusy[]): Record<string, number> {
  const causes = ["stall", ...SENDER_PAUSES, "other"] as const;
  const counts = Object.fromEntries(causes.map((c) => [c, 0])) as Record<(typeof causes)[number], number>;
  let notStalledMax = 0;
  for (const p of late) {
    const deadline = p.at - p.lateMs;
    if (stalledWithin(deadline, p.at, stalls) > 0) {
      counts.stall++;
      continue;
    }
    notStalledMax = Math.max(notStalledMax, p.lateMs);
    counts[SENDER_PAUSES.find((what) => busy.some((b) => b.what === what && b.from < p.at && b.to > deadline)) ?? "other"]++;
  }
  const name = (c: string) => `concurrentLate${c === "stall" ? "DuringStalls" : `Sender${c[0]!.toUpperCase()}${c.slice(1)}`}`;
  return { concurrentLatePackets: late.length, ...Object.fromEntries(causes.map((c) => [name(c), counts[c]])), concurrentLateNotStalledMaxMs: Math.round(notStalledMax * 100) / 100 };
}

/** Two different questions for each of `calls` calls: every question first in turn, the second at offsets 1 … n-1 as the first goes round again. */
export function concurrentPairs<T>(questions: readonly T[], calls: number): (readonly [T, T])[] {
  const n = questions.length;
  if (n < 2) return [];
  return Array.from({ length: calls }, (_, i) => [questions[i % n]!, questions[(i + 1 + (Math.floor(i / n) % (n - 1))) % n]!] as const);
}

/** The 20 calls at once and their figures; `log` sees each call. */
export async function benchConcurrent(sims: Map<Transport, Simulation>, questions: Candidate[], log: (call: SimulatedCall, what: string) => void, recogniser?: SherpaAsrEngine): Promise<Record<string, unknown>> {
  // callers' voices are made before the calls, so the simulator's synthesis does not share the measured time
  const simAt = (i: number) => sims.get(TRANSPORTS[i % 2]!)!;
  await Promise.all(questions.map((q) => simAt(0).voice(q.question, "en")));
  const n = questions.length;
  const pairs = concurrentPairs(questions, CONCURRENT_CALLS);
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  const probe = await StallProbe.start();
  const shedBefore = (await recogniser?.stats())?.alternativesShed ?? 0;
  const began = performance.now();
  const scripts: CallerScript[] = pairs.map(([a, b]) => ({ lang: "en", hurry: true, steps: [{ kind: "say", text: a.question, about: a.schemeId }, { kind: "say", text: b.question, about: b.schemeId }] }));
  const concurrent = n < 2 ? [] : await Promise.all(scripts.map((s, i) => new Promise((r) => setTimeout(r, i * 150)).then(() => simAt(i).call(s))));
  const machineStalls = probe?.stop() ?? [];
  const shed = ((await recogniser?.stats())?.alternativesShed ?? 0) - shedBefore;
  loopDelay.disable();
  const own = concurrent.map((c, i) => {
    const asked = questionsAsked(c.record);
    return asked.length === 2 && pairs[i]!.every((q, k) => answeredAbout(c.record, asked[k]!, q.schemeId));
  });
  // a missed call says why: each question's class, what else was true when it was said, and the call's timeline
  concurrent.forEach((c, i) => {
    if (own[i]) return log(c, `concurrent ${i}`);
    const why = pairs[i]!.map((q, k) => `q${k} ${q.schemeId}: ${missOf(c, k, q.schemeId) ?? (questionsAsked(c.record).length > 2 ? "answered, but more questions heard than asked" : "answered")}${circumstances(c, k).map((n) => `; ${n}`).join("")}`);
    log(c, `concurrent ${i} MISSED (${why.join(" | ")})\n${callTimeline(c).join("\n")}\n `);
  });
  const missed = countMisses(concurrent.flatMap((call, i) => (own[i] ? [] : [{ call, schemes: pairs[i]!.map((q) => q.schemeId) }])));
  return {
    concurrentCalls: concurrent.length,
    concurrentAnsweredOwn: own.filter(Boolean).length,
    // utterances the recogniser decoded without their alternative because it was behind (speech.asr.shedAlternativesLagMs)
    concurrentUtterancesShedAlternative: shed,
    // the missed calls' questions by class (concurrent-misses.ts), e.g. "not heard before the caller hung up 3"
    concurrentMissClasses: Object.entries(missed).map(([why, n]) => `${why} ${n}`).join("; ") || "none",
    // the worst call's 99th percentile, as each packet was sent against its deadline (by the sender
    // process, RTP and chan_websocket alike), and the worst packet
    ...Object.fromEntries(
      TRANSPORTS.flatMap((t) => {
        const calls = concurrent.filter((_, i) => TRANSPORTS[i % 2] === t);
        const name = t === "rtp" ? "Rtp" : "Websocket";
        // every call of the transport sent its replies, or there is no figure (a silent call is not punctual)
        const measured = calls.length === CONCURRENT_CALLS / TRANSPORTS.length && calls.every((c) => c.record.packets.sent > 0);
        return [
          [`concurrentPacketLateP99${name}Ms`, measured ? Math.max(...calls.map((c) => c.record.packets.lateP99Ms)) : undefined],
          [`concurrentPacketLateMax${name}Ms`, measured ? Math.max(...calls.map((c) => c.record.packets.lateMaxMs)) : undefined],
        ];
      }),
    ),
    concurrentPacketsSent: concurrent.reduce((n, c) => n + c.record.packets.sent, 0),
    ...stallFigures(machineStalls),
    // without a real-time probe there are no stalls to match: every late packet counts as the sender's
    ...attributeLate(recentLatePackets().filter((p) => p.at >= began), machineStalls, recentSenderBusy().filter((b) => b.to >= began)),
    eventLoopDelayMaxMs: loopDelay.max / 1e6,
  };
}

/** This part alone: a few questions asked alone first, then the 20 calls. */
export async function benchCallConcurrent(verbose = process.argv.includes("--verbose")): Promise<Record<string, unknown>> {
  return withCallBench("concurrent", verbose, async ({ budget, sims, log, recogniser }) => {
    const { alone, answeredFirst } = await askAlone(sims, candidateQuestions().slice(0, CANDIDATES_ALONE), (call) => log(call, "alone"));
    return { questionsAnsweredAlone: alone.length, questionsAnsweredFirst: answeredFirst.length, ...(await benchConcurrent(sims, answeredFirst, log, recogniser)), bulkCpuCores: budget.cpus ?? 0 };
  });
}
