// Call benchmarks on the PBX simulator with the embedded defaults: voice-to-voice latency (end of the
// caller's speech → first reply audio packet, as the flow records it), barge-in stop time, and 20
// concurrent calls' reply packet lateness, as measured and less the machine's own stalls (machine-stalls.ts).
// Caller questions are spoken by flite (synthetic, not real callers); everything on Sahayak's side is the
// production pipeline.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { openCallServices } from "../src/call/index.js";
import { Simulation, type CallerScript } from "../src/call/simulation.js";
import { recentLatePackets } from "../src/telephony/media/rtp-sender.js";
import { StallProbe, ownLateness, stallFigures } from "./machine-stalls.js";
import { loadQuestions, percentile, pipelineBenchConfig } from "./questions.js";

/** Short English questions from the dev set, as a caller would ask them. */
function questions(): string[] {
  return loadQuestions()
    .filter((q) => q.lang === "en" && q.type === "direct" && q.question.split(" ").length <= 9)
    .map((q) => q.question);
}

export async function benchCall(verbose = process.argv.includes("--verbose")): Promise<Record<string, unknown>> {
  const work = mkdtempSync(join(tmpdir(), "sahayak-bench-call-"));
  try {
    const { config, budget } = pipelineBenchConfig(work);
    const services = await openCallServices(config);
    const simulation = await Simulation.start(config, services);
    try {
      const asked = questions();
      // voice to voice: one caller at a time, two questions each; the reply's first packet, not its end
      const v2v: number[] = [];
      for (let i = 0; i + 1 < Math.min(asked.length, 12); i += 2) {
        const { record } = await simulation.call({ lang: "en", hurry: true, steps: [{ kind: "say", text: asked[i]! }, { kind: "say", text: asked[i + 1]!, interruptAfterMs: 1500 }, { kind: "say", text: "goodbye", interruptAfterMs: 1500 }] });
        for (const t of record.turns) if (t.role === "sahayak" && t.timings.voiceToVoiceMs !== undefined) v2v.push(t.timings.voiceToVoiceMs);
        if (verbose) console.log(record.turns.map((t) => `${t.role}: ${t.text.slice(0, 60)} ${JSON.stringify(t.timings)}`).join("\n"));
      }

      // barge-in: a long answer interrupted 2 s in; flow side (speech confirmed → audio flushed) and caller side
      // (the caller starts speaking → the last packet of the reply arrives)
      const flowStop: number[] = [];
      const callerStop: number[] = [];
      const interruption = "who can apply for it";
      const onsetMs = speechOnsetMs(await simulation.voice(interruption, "en"));
      for (let i = 0; i < 4; i++) {
        const result = await simulation.call({ lang: "en", hurry: true, steps: [{ kind: "say", text: "what is pm kisan" }, { kind: "say", text: interruption, interruptAfterMs: 2000 }] });
        const cut = result.record.turns.find((t) => t.interrupted && t.timings.bargeInStopMs !== undefined);
        if (!cut) continue;
        flowStop.push(cut.timings.bargeInStopMs!);
        // from the first sound of the caller's words (flite starts with a little silence)
        const spoke = result.spokeAt[1]! + onsetMs;
        // the reply's packets run on after the caller starts until the first gap: its last packet
        let last = spoke;
        for (const t of result.heardAt) {
          if (t <= spoke) continue;
          if (t - last > 100) break;
          last = t;
        }
        callerStop.push(last - spoke);
      }

      // 20 calls at once, each asking two questions: how late any reply packet went out
      // callers' voices are made before the calls, so the simulator's synthesis does not share the measured time
      await Promise.all(asked.map((q) => simulation.voice(q, "en")));
      const loopDelay = monitorEventLoopDelay({ resolution: 1 });
      loopDelay.enable();
      const probe = await StallProbe.start();
      const from = performance.now();
      const scripts: CallerScript[] = Array.from({ length: 20 }, (_, i) => ({ lang: "en", hurry: true, steps: [{ kind: "say", text: asked[i % asked.length]! }, { kind: "say", text: asked[(i + 7) % asked.length]! }] }));
      const concurrent = await Promise.all(scripts.map((s, i) => new Promise((r) => setTimeout(r, i * 150)).then(() => simulation.call(s))));
      const machineStalls = probe?.stop() ?? [];
      loopDelay.disable();
      const lateMax = Math.max(...concurrent.map((c) => c.record.packets.lateMaxMs));
      const late = recentLatePackets().filter((p) => p.at >= from);
      // only packets over a millisecond late are noted with their times; without any, the measured maximum is its own
      const ownLateMax = late.length ? Math.max(...late.map((p) => ownLateness(p, machineStalls))) : lateMax;
      if (verbose) for (const p of late.filter((p) => p.lateMs > 5)) console.log(`packet ${p.lateMs.toFixed(2)} ms late, ${ownLateness(p, machineStalls).toFixed(2)} ms of it its own`);
      const lateP99 = Math.max(...concurrent.map((c) => c.record.packets.lateP99Ms));
      // every question got a spoken reply
      const replied = concurrent.filter((c) => {
        const questions = c.record.turns.filter((t) => t.role === "caller" && (t.action === "question" || t.action === "not_understood"));
        return questions.length === 2 && questions.every((q) => c.record.turns.some((t) => t.role === "sahayak" && t.atMs > q.atMs));
      }).length;
      if (verbose) for (const c of concurrent) console.log(c.record.outcome, c.record.packets, c.record.turns.filter((t) => t.role === "caller").map((t) => `${t.text} (${t.confidence})`).join(" | "));

      return {
        voiceToVoiceP50Ms: percentile(v2v, 50),
        voiceToVoiceP95Ms: percentile(v2v, 95),
        voiceToVoiceTurns: v2v.length,
        bargeInStopFlowP95Ms: percentile(flowStop, 95),
        bargeInStopCallerP50Ms: percentile(callerStop, 50),
        bargeInStopAfterVadMinMs: percentile(callerStop, 50) - config.speech.vad.minSpeechMs,
        concurrentCalls: concurrent.length,
        concurrentReplied: replied,
        concurrentPacketLateMaxMs: lateMax,
        concurrentPacketLateP99Ms: lateP99,
        ...stallFigures(machineStalls),
        concurrentPacketOwnLateMaxMs: ownLateMax,
        eventLoopDelayMaxMs: loopDelay.max / 1e6,
        bulkCpuCores: budget.cpus ?? 0,
      };
    } finally {
      await simulation.close();
      await services.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Where speech starts in a recording: the first 20 ms with an RMS above about -36 dBFS. */
function speechOnsetMs(samples: Int16Array): number {
  for (let i = 0; i + 160 <= samples.length; i += 160) {
    let sum = 0;
    for (let j = i; j < i + 160; j++) sum += samples[j]! * samples[j]!;
    if (Math.sqrt(sum / 160) > 500) return (i / 8000) * 1000;
  }
  return 0;
}
