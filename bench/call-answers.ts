// What the call benchmarks ask and how they judge a reply: the questions, which reply answered which question,
// and the questions this pipeline answers about their own scheme when asked alone.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openCallServices, type CallRecord } from "../src/call/index.js";
import { CONFIRMATION_ROUNDS, Simulation, type SimulatedCall } from "../src/call/simulation.js";
import type { Config } from "../src/config.js";
import type { SherpaAsrEngine } from "../src/speech/asr/index.js";
import { loadQuestions, pipelineBenchConfig, type DevQuestion } from "./questions.js";

export const TRANSPORTS = ["rtp", "websocket"] as const;
export type Transport = (typeof TRANSPORTS)[number];
export type Candidate = DevQuestion & { schemeId: string };

/** Short English questions from the dev set, as a caller would ask them. */
export function candidateQuestions(): Candidate[] {
  return loadQuestions().filter((q): q is DevQuestion & { schemeId: string } => q.lang === "en" && q.type === "direct" && q.schemeId !== null && q.question.split(" ").length <= 9);
}

export function withTransport(config: Config, transport: Transport): Config {
  return { ...config, telephony: { ...config.telephony, media: { ...config.telephony.media, transport } } };
}

/** The reply to a caller's question: the next Sahayak turn after it. */
function replyTo(record: CallRecord, question: CallRecord["turns"][number]): CallRecord["turns"][number] | undefined {
  const i = record.turns.indexOf(question);
  return record.turns.slice(i + 1).find((t) => t.role === "sahayak" && t.action !== "filler");
}

/**
 * The reply the caller finally got to a question: a "did you mean …?" is no answer; after it, the reply to
 * the caller's answer to it (their yes, or the question again), for as many rounds as they answered.
 */
export function finalReply(record: CallRecord, question: CallRecord["turns"][number]): CallRecord["turns"][number] | undefined {
  let reply = replyTo(record, question);
  for (let round = 0; reply?.action === "confirm" && round < CONFIRMATION_ROUNDS; round++) {
    const answer = record.turns.slice(record.turns.indexOf(reply) + 1).find((t) => t.role === "caller");
    reply = answer && replyTo(record, answer);
  }
  return reply;
}

/** Answered about `schemeId`: an answer (or a clarification offering it), not "please repeat" nor "did you mean …?". */
export function answeredAbout(record: CallRecord, question: CallRecord["turns"][number], schemeId: string): boolean {
  const reply = finalReply(record, question);
  return !!reply && ["answer", "clarify"].includes(reply.action ?? "") && (reply.schemeIds ?? []).includes(schemeId);
}

/** Whether the caller's question was first met with "did you mean …?". */
export function confirmedFirst(record: CallRecord, question: CallRecord["turns"][number]): boolean {
  return replyTo(record, question)?.action === "confirm";
}

/** The caller's questions: their spoken turns, less their answers to "did you mean …?". */
export function questionsAsked(record: CallRecord): CallRecord["turns"] {
  return record.turns.filter((x, i) => {
    if (x.role !== "caller" || (x.action !== "question" && x.action !== "not_understood")) return false;
    const before = record.turns.slice(0, i).reverse().find((t) => t.role === "sahayak" && t.action !== "filler");
    return before?.action !== "confirm";
  });
}

/**
 * The questions this pipeline answers about their own scheme when asked alone, one call at a time, three to a
 * call (flite's voice through the small English recogniser misses some scheme names: those say nothing of
 * load). `onCall` sees each call.
 */
export async function askAlone(sims: Map<Transport, Simulation>, candidates: Candidate[], onCall: (call: SimulatedCall) => void): Promise<{ alone: Candidate[]; answeredFirst: Candidate[]; afterConfirming: number }> {
  const alone: Candidate[] = [];
  // answered as the first question of a call, with no earlier scheme to lean on (later ones may be answered as follow-ups)
  const answeredFirst: Candidate[] = [];
  let afterConfirming = 0;
  for (let i = 0; i < candidates.length; i += 3) {
    const qs = candidates.slice(i, i + 3);
    const call = await sims.get(TRANSPORTS[(i / 3) % 2]!)!.call({ lang: "en", hurry: true, steps: qs.map((q, k) => ({ kind: "say" as const, text: q.question, about: q.schemeId, ...(k > 0 ? { interruptAfterMs: 1500 } : {}) })), hangupAfterMs: 60_000 });
    onCall(call);
    const asked = questionsAsked(call.record);
    qs.forEach((q, k) => {
      if (!asked[k] || !answeredAbout(call.record, asked[k], q.schemeId)) return;
      alone.push(q);
      if (k === 0) answeredFirst.push(q);
      if (confirmedFirst(call.record, asked[k])) afterConfirming++;
    });
  }
  return { alone, answeredFirst, afterConfirming };
}

export interface CallBench {
  work: string;
  config: Config;
  budget: ReturnType<typeof pipelineBenchConfig>["budget"];
  /** A simulator per transport, on one set of call services. */
  sims: Map<Transport, Simulation>;
  /** Prints a call's turns when verbose. */
  log: (call: SimulatedCall, what: string) => void;
  /** The recogniser the calls share, when one is installed (its stats). */
  recogniser?: SherpaAsrEngine;
}

/** Runs `run` on the call services and a simulator per transport, released after whatever happens. */
export async function withCallBench<T>(name: string, verbose: boolean, run: (bench: CallBench) => Promise<T>): Promise<T> {
  const work = mkdtempSync(join(tmpdir(), `sahayak-bench-${name}-`));
  const opened: { close(): Promise<void> }[] = [];
  try {
    const { config, budget } = pipelineBenchConfig(work);
    const services = await openCallServices(config);
    opened.push(services);
    const sims = new Map<Transport, Simulation>();
    for (const t of TRANSPORTS) {
      const sim = await Simulation.start(withTransport(config, t), services);
      sims.set(t, sim);
      opened.unshift(sim);
    }
    const log = (call: SimulatedCall, what: string) => verbose && console.log(what, call.record.turns.map((t) => `${t.role}:${t.action}${t.interrupted ? "(cut)" : ""} ${(t.text || t.dtmf || "").slice(0, 40)}`).join(" | "));
    return await run({ work, config, budget, sims, log, ...(services.recogniser ? { recogniser: services.recogniser } : {}) });
  } finally {
    for (const o of opened) await o.close().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}
