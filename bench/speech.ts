// Speech benchmarks: WER on the fixture folders; recognition of synthetic scheme questions (flite and
// espeak-ng voices through a μ-law 8 kHz round trip: synthetic speech, not real callers) scored by
// whether the knowledge base then finds the right scheme, with and without hotwords; VAD CPU per call;
// final-result latency; espeak time to first audio; 20 concurrent VAD + recognition streams.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { concatInt16, decodeUlaw, encodeUlaw, float32ToInt16, readWav, resample, type DecodedWav } from "../src/audio/index.js";
import type { KnowledgeBase } from "../src/knowledge/index.js";
import { buildHotwords, calibrateConfidence, loadAsrEngine, wordErrorRate, type SherpaAsrEngine } from "../src/speech/asr/index.js";
import { loadNameScorer, spokenEvidence } from "../src/speech/asr/name-scorer.js";
import { EspeakEngine } from "../src/speech/tts/index.js";
import { transcribeWav } from "../src/speech/transcribe.js";
import { VadStream } from "../src/speech/vad/index.js";
import { understoodEnough } from "../src/call/conversation.js";
import { newContext, openDialogue, type Reply } from "../src/dialogue/index.js";
import { callerQuestionWav } from "./caller-voice.js";
import { acceptedSchemeIds, loadSpokenQuestions } from "./eval/set.js";
import { loadQuestions, percentile, sharedDir, withSpeechKb } from "./questions.js";

function fixtureWer(engine: SherpaAsrEngine, dir: string): Promise<number> {
  const rows = readFileSync(join(sharedDir, "fixtures", "audio", dir, "transcripts.tsv"), "utf8").trim().split("\n");
  return (async () => {
    let errors = 0;
    let words = 0;
    for (const row of rows) {
      const [file, text] = row.split("\t");
      const r = await transcribeWav(engine, readWav(readFileSync(join(sharedDir, "fixtures", "audio", dir, file!))), "en");
      const w = wordErrorRate(text!, r.text);
      errors += w.errors;
      words += w.words;
    }
    return errors / words;
  })();
}

/** A phone line: 8 kHz μ-law and back. */
export function telephone(wav: DecodedWav): DecodedWav {
  const pcm = decodeUlaw(encodeUlaw(float32ToInt16(resample(wav.samples, wav.sampleRate, 8000))));
  return { ...wav, sampleRate: 8000, samples: Float32Array.from(pcm, (v) => v / 32768), durationSeconds: pcm.length / 8000 };
}

export function synthesise(voice: string, text: string, dir: string): DecodedWav {
  const out = join(dir, "q.wav");
  const r = voice.startsWith("flite:")
    ? spawnSync("flite", ["-voice", voice.slice(6), "-t", text, "-o", out])
    : spawnSync("espeak-ng", ["-v", voice.slice(7), "-w", out, text]);
  if (r.status !== 0) throw new Error(`${voice} failed: ${r.stderr}`);
  return readWav(readFileSync(out));
}

const VOICES = ["flite:rms", "flite:slt", "espeak:en-us"];
/** A heard name this probable is taken over the text in the combined figure. */
const CONFIDENT_NAME = 0.5;
/** The benchmark waits this long for each score (the method's accuracy, not this machine's load). */
const BENCH_DEADLINE_MS = 60_000;

/** Synthetic scheme questions: the dev set's English ones plus "tell me about <spoken name>". */
function syntheticQuestions(kb: KnowledgeBase): { text: string; gold: string }[] {
  const questions = loadQuestions()
    .filter((q) => q.schemeId && (q.lang === "en" || q.lang === "hi-Latn") && (q.type === "direct" || q.type === "misspelt"))
    .map((q) => ({ text: q.question, gold: q.schemeId! }));
  for (const id of ["pm-kisan", "ab-pmjay", "mgnrega", "pmjdy", "apy", "pmsby", "pmjjby", "pmmy", "pmfby", "kcc", "pmuy", "pm-svanidhi", "pmv", "pm-kusum", "sui", "pmegp", "pmmvy", "igndps"]) {
    const meta = kb.store.metaOf(id)!;
    const spoken = meta.aliases.find((a) => /^[a-z ]+$/i.test(a)) ?? meta.name;
    questions.push({ text: `Tell me about ${spoken}`, gold: id });
  }
  return questions;
}

export async function benchSpeech(verbose = process.argv.includes("--verbose")): Promise<Record<string, unknown>> {
  return withSpeechKb("sahayak-bench-speech-", async ({ work, config, kb }) => {
    const hotwords = buildHotwords(kb.store.meta());
    const plain = await loadAsrEngine(config, ["en"]);
    const biased = await loadAsrEngine(config, ["en"], hotwords);
    const greedy = await loadAsrEngine({ ...config, speech: { ...config.speech, asr: { ...config.speech.asr, decodingMethod: "greedy_search", alternatives: false } } }, ["en"]);

    const figures: Record<string, unknown> = {
      werEn8kBeam: await fixtureWer(plain, "en-8k"),
      werEn8kGreedy: await fixtureWer(greedy, "en-8k"),
      werEn16kBeam: await fixtureWer(plain, "en-16k"),
      werEn16kGreedy: await fixtureWer(greedy, "en-16k"),
    };

    const questions = syntheticQuestions(kb);
    const found: Record<string, number> = {};
    const misses: string[] = [];
    for (const voice of VOICES) {
      for (const mode of ["plain", "hotwords"] as const) {
        let ok = 0;
        for (const q of questions) {
          const wav = telephone(synthesise(voice, q.text, work));
          const r = await transcribeWav(mode === "plain" ? plain : biased, wav, "en");
          const hits = await kb.search.search([r.text, ...r.alternatives.map((a) => a.text)].join(" "), { limit: 1 });
          if (hits[0]?.schemeId === q.gold) ok++;
          else if (verbose && mode === "hotwords") misses.push(`${voice} "${q.text}" heard "${r.text}" → ${hits[0]?.schemeId}`);
        }
        found[`${voice}/${mode}`] = ok / questions.length;
      }
    }
    figures.syntheticQuestions = questions.length;
    for (const [k, v] of Object.entries(found)) figures[`schemeFound ${k}`] = v;

    // VAD CPU per call: one minute of speech-like audio
    const clip = float32ToInt16(readWav(readFileSync(join(sharedDir, "fixtures", "audio", "en-8k", "osr34_01.wav"))).samples);
    const minute = concatInt16(Array.from({ length: Math.ceil((60 * 8000) / clip.length) }, () => clip)).subarray(0, 60 * 8000);
    const vad = new VadStream(config.speech.vad);
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < minute.length; i += 160) vad.accept(minute.subarray(i, i + 160));
    const cpu = process.cpuUsage(cpu0);
    figures.vadCpuPercentOfCore = ((cpu.user + cpu.system) / 1e6 / 60) * 100;

    // recogniser final result after the end of speech
    const latencies: number[] = [];
    for (let n = 1; n <= 10; n++) {
      const pcm = float32ToInt16(readWav(readFileSync(join(sharedDir, "fixtures", "audio", "en-8k", `osr34_${String(n).padStart(2, "0")}.wav`))).samples);
      const s = plain.createStream("en");
      for (let i = 0; i < pcm.length; i += 160) s.accept(pcm.subarray(i, i + 160), 8000);
      await s.partial(); // the worker has caught up with the audio, as on a live call
      const t = performance.now();
      await s.finish();
      latencies.push(performance.now() - t);
      s.dispose();
    }
    figures.asrFinalP50Ms = percentile(latencies, 50);
    figures.asrFinalP95Ms = percentile(latencies, 95);

    // espeak-ng time to first audio for a 20-word sentence
    const espeak = new EspeakEngine(config.speech.tts);
    const sentence = "Pradhan Mantri Kisan Samman Nidhi gives every landholding farmer family six thousand rupees each year in three equal instalments directly.";
    const ttfa: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      for await (const _ of espeak.synthesize(sentence, "en")) {
        ttfa.push(performance.now() - t);
        break;
      }
    }
    figures.espeakFirstAudioP50Ms = percentile(ttfa, 50);

    // 20 calls at once: VAD + recognition, audio fed as fast as it is processed
    const tenSeconds = minute.subarray(0, 10 * 8000);
    const calls = Array.from({ length: 20 }, () => ({ vad: new VadStream(config.speech.vad), asr: plain.createStream("en") }));
    const t0 = performance.now();
    for (let i = 0; i < tenSeconds.length; i += 160) {
      const chunk = tenSeconds.subarray(i, i + 160);
      for (const c of calls) {
        c.vad.accept(chunk);
        c.asr.accept(chunk, 8000);
      }
    }
    await Promise.all(calls.map((c) => c.asr.finish()));
    const wall = (performance.now() - t0) / 1000;
    figures.concurrent20RealTimeFactor = wall / 10;
    calls.forEach((c) => c.asr.dispose());

    if (verbose) console.log(misses.join("\n"));
    await Promise.all([plain.close(), biased.close(), greedy.close()]);
    return figures;
  });
}

/** One spoken question for the names benchmark: its audio through a phone line and the schemes that are right. */
interface SpokenItem {
  set: string;
  text: string;
  wav: DecodedWav;
  accepted: string[];
}

/** A dialogue reply that answers for one of the accepted schemes or offers it for a yes/no. */
function replyRight(reply: Reply, accepted: readonly string[]): boolean {
  return accepted.includes(reply.schemeIds[0] ?? "") && (reply.action === "answer" || reply.action === "no_info" || reply.action === "confirm");
}

/**
 * Scheme names scored against the audio (src/speech/asr/name-scorer.ts) on bench/speech.ts's synthetic
 * questions (three synthetic voices) and the tuning part of the spoken evaluation set
 * (bench/eval/spoken-tune.jsonl, its own voices, speeds and noise; the test part is never read here).
 * Per set: the right scheme from the knowledge base's search on the recognised text and its alternative
 * (`text`), from the heard names (top 1, among the top 3), from both by a simple rule (a heard name of
 * probability ≥ 0.5 first, else the text); and as a call decides it — the call's understood-enough rule,
 * then the dialogue's first reply answering for the scheme or offering it for a yes/no — from the
 * recognised text alone (`dialogueText`) and with the alternatives and heard names (`dialogueHeard`).
 * Scoring time per utterance (request to answer, queueing included), the scorer thread's CPU, and how often
 * the call's deadline would have been missed under the run's load.
 *
 *   node --import tsx bench/run.ts names [--verbose]
 */
export async function benchSpokenNames(verbose = process.argv.includes("--verbose")): Promise<Record<string, unknown>> {
  return withSpeechKb("sahayak-bench-names-", async ({ work, config, kb }) => {
    const asr = await loadAsrEngine(config, ["en"], buildHotwords(kb.store.meta()));
    const scorer = await loadNameScorer(config.modelsDir, config.speech.asr.names, kb.store.meta());
    if (!scorer) throw new Error("no name scorer: the English transducer with its bpe.model is not installed");
    const dialogue = await openDialogue(kb, config);
    const items: SpokenItem[] = [];
    for (const voice of VOICES) for (const q of syntheticQuestions(kb)) items.push({ set: `synthetic ${voice}`, text: q.text, wav: telephone(synthesise(voice, q.text, work)), accepted: [q.gold] });
    const callers = join(work, "callers");
    mkdirSync(callers);
    for (const q of loadSpokenQuestions("tune")) items.push({ set: "spokenTune", text: q.text, wav: telephone(readWav(readFileSync(await callerQuestionWav(q, callers)))), accepted: acceptedSchemeIds(q) });
    const figures: Record<string, unknown> = { questions: items.length, namesListenedFor: scorer.names };
    const costs: number[] = [];
    const cpu: number[] = [];
    let late = 0;
    const lines: string[] = [];
    const bySet = new Map<string, { n: number; text: number; heardTop1: number; heardTop3: number; combined: number; dialogueText: number; dialogueHeard: number }>();
    const limits = { minConfidence: config.call.minConfidence, heardNameConfirm: config.dialogue.heardNameConfirm };
    for (const item of items) {
      const right = bySet.get(item.set) ?? { n: 0, text: 0, heardTop1: 0, heardTop3: 0, combined: 0, dialogueText: 0, dialogueHeard: 0 };
      bySet.set(item.set, right);
      const raw = await transcribeWav(asr, item.wav, "en");
      const r = { ...raw, confidence: calibrateConfidence(raw.confidence, config.speech.asr.confidenceCalibration) };
      const hits = await kb.search.search([r.text, ...r.alternatives.map((a) => a.text)].join(" "), { limit: 1 });
      // accuracy is the method's: measured without the turn's deadline; how often the deadline would
      // have been missed under this machine's load is counted beside it
      const evidence = await spokenEvidence(scorer, float32ToInt16(item.wav.samples), item.wav.sampleRate, r, {
        matchNames: (t) => kb.search.matchNames(t),
        deadlineMs: BENCH_DEADLINE_MS,
        onError: (err) => {
          throw err;
        },
      });
      const heard = evidence.heardNames ?? [];
      costs.push(evidence.costMs!);
      cpu.push(evidence.cpuMs!);
      if (evidence.costMs! > config.speech.asr.names.deadlineMs) late++;
      const textPick = hits[0]?.schemeId ?? "";
      const combined = heard[0] && heard[0].score >= CONFIDENT_NAME ? heard[0].schemeId : textPick;
      const question = { text: r.text, lang: "en" as const, confidence: r.confidence };
      const textReply = understoodEnough(r.confidence, undefined, limits) ? await dialogue.engine.respond(question, newContext("bench", "en")) : null;
      const withHeard = { ...question, ...(evidence.alternatives.length ? { alternatives: evidence.alternatives } : {}), ...(heard.length ? { heardNames: heard } : {}) };
      const heardReply = understoodEnough(r.confidence, heard, limits) ? await dialogue.engine.respond(withHeard, newContext("bench", "en")) : null;
      right.n++;
      if (item.accepted.includes(textPick)) right.text++;
      if (item.accepted.includes(heard[0]?.schemeId ?? "")) right.heardTop1++;
      if (heard.slice(0, 3).some((h) => item.accepted.includes(h.schemeId))) right.heardTop3++;
      if (item.accepted.includes(combined)) right.combined++;
      if (textReply && replyRight(textReply, item.accepted)) right.dialogueText++;
      if (heardReply && replyRight(heardReply, item.accepted)) right.dialogueHeard++;
      const said = (reply: Reply | null) => (reply ? `${reply.action} ${reply.schemeIds[0] ?? "-"}` : "not understood");
      if (verbose) lines.push(`${item.set} "${item.text}" [${item.accepted.join("|")}] heard "${r.text}" (${r.confidence.toFixed(2)}) → text ${textPick || "-"}, names ${heard.slice(0, 3).map((h) => `${h.schemeId}:${h.score.toFixed(2)}`).join(" ")} (${evidence.costMs!.toFixed(0)} ms); dialogue ${said(textReply)} / ${said(heardReply)}`);
    }
    for (const [set, right] of bySet) {
      figures[`${set} questions`] = right.n;
      for (const k of ["text", "heardTop1", "heardTop3", "combined", "dialogueText", "dialogueHeard"] as const) figures[`${set} ${k}`] = right[k] / right.n;
    }
    figures.nameScoringP50Ms = percentile(costs, 50);
    figures.nameScoringP95Ms = percentile(costs, 95);
    // the scorer thread's own CPU time per utterance: what the work costs whatever else the machine runs
    figures.nameScoringCpuMeanMs = cpu.reduce((a, b) => a + b, 0) / cpu.length;
    figures.nameScoringPastDeadlineRate = late / costs.length;
    figures.loadAverage = loadavg()[0];
    if (verbose) console.log(lines.join("\n"));
    await Promise.all([asr.close(), scorer.close(), dialogue.close()]);
    return figures;
  });
}
