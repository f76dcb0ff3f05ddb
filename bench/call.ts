// Call benchmarks on the PBX simulator with the embedded defaults, over RTP and chan_websocket, every
// figure measured where the caller is: their packets as they went out, Sahayak's as they arrived
// (callerSide in src/call/simulation.ts), so no figure moves with the config. Callers' questions are
// spoken by flite (synthetic, not real callers); everything on Sahayak's side is the production pipeline.
// - first question: an English caller asks from the first second and is answered; a Hindi caller (a Hindi
//   recogniser installed: the English model stands in for one) presses 1 as the Hindi line offers it and
//   hears the tone to ask; a caller who does nothing hears the tone.
// - barge-in: a caller interrupts a long answer at a different moment each run: their speech onset on the
//   wire → the last reply packet they hear. A run with no reply packet after the caller's first sound fails.
// - false starts: a 200 ms burst of voice (a cough) during an answer: the answer pauses and resumes, heard to its end.
// - voice to voice: the caller's last sound → the first reply packet they hear.
// - 20 calls at once, each asking two different questions the pipeline answered as the first question of a
//   call asked alone (not ones answered only as a follow-up of their own scheme: the calls at once ask them
//   after another scheme's question): each answered about its own scheme; reply packets' lateness as the sender sent them, the machine's own stalls beside it
//   (bench/call-concurrent.ts).
import { join } from "node:path";
import { openCallServices, openingLine, type CallServices } from "../src/call/index.js";
import { callerSide, Simulation, type SimulatedCall } from "../src/call/simulation.js";
import type { Config } from "../src/config.js";
import { ModelStore } from "../src/ops/models.js";
import { answeredAbout, askAlone, candidateQuestions, finalReply, TRANSPORTS, withCallBench, withTransport, type Transport } from "./call-answers.js";
import { benchConcurrent } from "./call-concurrent.js";
import { stageBreakdown, turnStages, waitedByReply, type TurnStages } from "./call-stages.js";
import { percentile, sharedDir } from "./questions.js";

/** Barge-in runs, half over each transport. */
const BARGE_IN_RUNS = 20;
const FALSE_START_RUNS = 6;
/**
 * Voice-to-voice turns a run must measure: at least each barge-in and false-start run's first question (their
 * calls ask it before anything else happens); fewer means calls went unanswered, and the percentiles say nothing.
 */
const VOICE_TO_VOICE_MIN_TURNS = BARGE_IN_RUNS + FALSE_START_RUNS;

/** Voice to voice as the caller hears it, for each spoken step of a call. */
function callerVoiceToVoice(call: SimulatedCall): number[] {
  const out: number[] = [];
  for (const spoke of call.spokeAt) {
    const end = callerSide.speechEndAt(call, spoke - 20);
    const reply = end === undefined ? undefined : callerSide.voiceHeardAfter(call, end);
    if (end !== undefined && reply !== undefined) out.push(reply - end);
  }
  return out;
}

/** A 200 ms burst of voice, like a cough or an "uh": the start of flite saying "ah". */
async function cough(simulation: Simulation): Promise<Int16Array> {
  const ah = await simulation.voice("ah", "en");
  const start = ah.findIndex((v) => Math.abs(v) > 1000);
  return ah.slice(start, start + 1600);
}

export async function benchCall(verbose = process.argv.includes("--verbose")): Promise<Record<string, unknown>> {
  return withCallBench("call", verbose, async ({ work, config, budget, sims, log, recogniser }) => {
    // ---- the questions this pipeline answers about their own scheme when asked alone, one call at a time ----
    // (flite's voice through the small English recogniser misses some scheme names: those say nothing of load)
    const v2v: number[] = [];
    const v2vRecorded: number[] = [];
    const stages: TurnStages[] = [];
    const candidates = candidateQuestions();
    const { alone, answeredFirst, afterConfirming: aloneAfterConfirming } = await askAlone(sims, candidates, (call) => {
      log(call, "alone");
      v2v.push(...callerVoiceToVoice(call));
      stages.push(...turnStages(call));
      for (const turn of call.record.turns) if (turn.timings.voiceToVoiceMs !== undefined) v2vRecorded.push(turn.timings.voiceToVoiceMs);
    });

    // ---- the first question ----
    const firstEnglish: number[] = [];
    const firstEnglishAnswered: number[] = [];
    const silentTone: number[] = [];
    let firstRuns = 0;
    for (const t of TRANSPORTS) {
      const sim = sims.get(t)!;
      for (const q of answeredFirst.slice(0, 2)) {
        firstRuns++;
        const call = await sim.call({ steps: [{ kind: "say", text: q.question, lang: "en", atMs: 1000, about: q.schemeId }], hangupAfterMs: 30_000 });
        log(call, "first question");
        const spoke = callerSide.speechOnsetAt(call, call.answeredAt);
        const question = call.record.turns.find((x) => x.role === "caller" && x.action === "question");
        const answer = question && finalReply(call.record, question);
        const heard = answer?.timings.firstAudioMs === undefined ? undefined : callerSide.voiceFrom(call, Date.parse(call.record.startedAt) - performance.timeOrigin + answer.timings.firstAudioMs);
        if (spoke !== undefined && question && answeredAbout(call.record, question, q.schemeId)) {
          firstEnglish.push(spoke - call.answeredAt);
          if (heard !== undefined) firstEnglishAnswered.push(heard - call.answeredAt);
        }
      }
      const silent = await sim.call({ steps: [{ kind: "hold", ms: 2000 }] });
      const tone = callerSide.toneAt(silent, config.call.tone, silent.answeredAt);
      if (tone !== undefined) silentTone.push(tone - silent.answeredAt);
    }
    const firstHindi = await hindiCallerTone(work, config, verbose);

    // ---- barge-in ----
    const bargeIn: Record<Transport, number[]> = { rtp: [], websocket: [] };
    let bargeInFailed = 0;
    for (let i = 0; i < BARGE_IN_RUNS; i++) {
      const t = TRANSPORTS[i % 2]!;
      // a different moment of the answer each run: 1.0 to 3.8 s in
      const into = 1000 + Math.floor(i / 2) * 300;
      const call = await sims.get(t)!.call({ lang: "en", hurry: true, steps: [{ kind: "say", text: "what is pm kisan" }, { kind: "say", text: "who can apply for it", interruptAfterMs: into }], hangupAfterMs: 25_000 });
      log(call, `barge-in ${t} ${into} ms`);
      const onset = callerSide.speechOnsetAt(call, call.spokeAt[1]! - 20);
      const silent = onset === undefined ? undefined : callerSide.silentAfter(call, onset);
      if (onset === undefined || silent === undefined) bargeInFailed++;
      else bargeIn[t].push(silent - onset);
      v2v.push(...callerVoiceToVoice(call));
      stages.push(...turnStages(call));
      for (const turn of call.record.turns) if (turn.timings.voiceToVoiceMs !== undefined) v2vRecorded.push(turn.timings.voiceToVoiceMs);
    }
    const allBargeIn = [...bargeIn.rtp, ...bargeIn.websocket];

    // ---- false starts ----
    let resumed = 0;
    const falseStartGaps: number[] = [];
    for (let i = 0; i < FALSE_START_RUNS; i++) {
      const sim = sims.get(TRANSPORTS[i % 2]!)!;
      const call = await sim.call({ lang: "en", hurry: true, steps: [{ kind: "say", text: "what is pm kisan" }, { kind: "sound", samples: await cough(sim), interruptAfterMs: 1500 + i * 200 }] });
      log(call, "false start");
      const answer = call.record.turns.find((x) => x.action === "answer");
      const onset = callerSide.speechOnsetAt(call, call.spokeAt[1]! - 20);
      const paused = onset === undefined ? undefined : callerSide.silentAfter(call, onset);
      const next = paused === undefined ? undefined : call.heardAt.find((at) => at > paused);
      // paused at the cough, carried on, and the answer was not cut short
      if (answer && !answer.interrupted && paused !== undefined && next !== undefined && call.record.turns.filter((x) => x.role === "caller").length === 2) {
        resumed++;
        falseStartGaps.push(next - paused);
      }
      v2v.push(...callerVoiceToVoice(call));
      stages.push(...turnStages(call));
    }

    // ---- 20 calls at once ----
    const concurrent = await benchConcurrent(sims, answeredFirst, log, recogniser);
    // where voice-to-voice goes (one call at a time: the calls above, not the 20 at once), p50/p95 ms per stage
    console.log("voice-to-voice by stage, p50/p95 ms (bench/call-stages.ts):");
    console.table(stageBreakdown(stages, config.speech.endpoint.minDelayMs));
    console.log(`turns that waited the full delay, by reply: ${waitedByReply(stages, config.speech.endpoint.minDelayMs)}`);

    return {
      firstQuestionEnglishMs: firstRuns > 0 && firstEnglish.length === firstRuns ? Math.max(...firstEnglish) : undefined,
      // answer → the first sound of the answer the caller hears, a "did you mean …?" round included
      firstAnswerHeardEnglishWithConfirmingMs: firstRuns > 0 && firstEnglishAnswered.length === firstRuns ? Math.max(...firstEnglishAnswered) : undefined,
      firstQuestionHindiToneMs: firstHindi,
      silentCallerToneMs: silentTone.length === TRANSPORTS.length ? Math.max(...silentTone) : undefined,
      bargeInRuns: allBargeIn.length + bargeInFailed,
      bargeInRunsFailed: bargeInFailed,
      bargeInStopP95Ms: bargeInFailed === 0 && allBargeIn.length >= BARGE_IN_RUNS ? percentile(allBargeIn, 95) : undefined,
      bargeInStopP50Ms: percentile(allBargeIn, 50),
      bargeInStopMaxMs: Math.max(...allBargeIn),
      bargeInStopRtpP95Ms: percentile(bargeIn.rtp, 95),
      bargeInStopWebsocketP95Ms: percentile(bargeIn.websocket, 95),
      falseStartsResumed: resumed / FALSE_START_RUNS,
      falseStartGapP50Ms: percentile(falseStartGaps, 50),
      voiceToVoiceP50Ms: v2v.length >= VOICE_TO_VOICE_MIN_TURNS ? percentile(v2v, 50) : undefined,
      voiceToVoiceP95Ms: v2v.length >= VOICE_TO_VOICE_MIN_TURNS ? percentile(v2v, 95) : undefined,
      voiceToVoiceTurns: v2v.length,
      voiceToVoiceRecordedP50Ms: percentile(v2vRecorded, 50),
      questionsAnsweredAlone: `${alone.length}/${candidates.length}`,
      questionsAnsweredAloneAfterConfirming: aloneAfterConfirming,
      ...concurrent,
      bulkCpuCores: budget.cpus ?? 0,
    };
  });
}

/**
 * A Hindi caller where a Hindi recogniser is installed (the English model stands in for one): presses 1 as
 * soon as the Hindi line has offered it; when the tone to ask reaches them, after the answer (the slower of
 * RTP and chan_websocket).
 */
async function hindiCallerTone(work: string, base: Config, verbose: boolean): Promise<number | undefined> {
  const config: Config = { ...base, modelsDir: join(work, "models-hi") };
  const store = new ModelStore(config.modelsDir);
  for (const lang of ["en", "hi"]) store.import(join(sharedDir, "models", "asr", "en-gigaspeech-zipformer-3.3m"), { lang });
  const services: CallServices = await openCallServices(config);
  const tones: number[] = [];
  try {
    const line = openingLine(config.call.languages, "hi", { welcome: true, canAsk: false });
    const lineMs = ((await services.prompts.get(line, "hi")).length / 8000) * 1000;
    for (const t of TRANSPORTS) {
      const sim = await Simulation.start(withTransport(config, t), services);
      try {
        const call = await sim.call({ steps: [{ kind: "dtmf", digits: "1", atMs: lineMs }, { kind: "hold", ms: 1000 }] });
        if (verbose) console.log("hindi", call.record.turns.map((x) => `${x.role}:${x.action}`).join(" | "));
        const tone = call.record.lang === "hi" ? callerSide.toneAt(call, config.call.tone, call.answeredAt + lineMs) : undefined;
        if (tone !== undefined) tones.push(tone - call.answeredAt);
      } finally {
        await sim.close();
      }
    }
  } finally {
    await services.close();
  }
  return tones.length === TRANSPORTS.length ? Math.max(...tones) : undefined;
}
