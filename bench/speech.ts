// Speech benchmarks: WER on the fixture folders; recognition of synthetic scheme questions (flite and
// espeak-ng voices through a μ-law 8 kHz round trip: synthetic speech, not real callers) scored by
// whether the knowledge base then finds the right scheme, with and without hotwords; VAD CPU per call;
// final-result latency; espeak time to first audio; 20 concurrent VAD + recognition streams.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { concatInt16, decodeUlaw, encodeUlaw, float32ToInt16, readWav, resample, type DecodedWav } from "../src/audio/index.js";
import { loadConfig } from "../src/config.js";
import { openKnowledgeBase } from "../src/knowledge/index.js";
import { buildHotwords, loadAsrEngine, wordErrorRate, type SherpaAsrEngine } from "../src/speech/asr/index.js";
import { EspeakEngine } from "../src/speech/tts/index.js";
import { transcribeWav } from "../src/speech/transcribe.js";
import { VadStream } from "../src/speech/vad/index.js";
import { importSchemes, installEnglishRecogniser, loadQuestions, percentile, sharedDir } from "./questions.js";

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
function telephone(wav: DecodedWav): DecodedWav {
  const pcm = decodeUlaw(encodeUlaw(float32ToInt16(resample(wav.samples, wav.sampleRate, 8000))));
  return { ...wav, sampleRate: 8000, samples: Float32Array.from(pcm, (v) => v / 32768), durationSeconds: pcm.length / 8000 };
}

function synthesise(voice: string, text: string, dir: string): DecodedWav {
  const out = join(dir, "q.wav");
  const r = voice.startsWith("flite:")
    ? spawnSync("flite", ["-voice", voice.slice(6), "-t", text, "-o", out])
    : spawnSync("espeak-ng", ["-v", voice.slice(7), "-w", out, text]);
  if (r.status !== 0) throw new Error(`${voice} failed: ${r.stderr}`);
  return readWav(readFileSync(out));
}

export async function benchSpeech(verbose = process.argv.includes("--verbose")): Promise<Record<string, unknown>> {
  const work = mkdtempSync(join(tmpdir(), "sahayak-bench-speech-"));
  try {
    const dataDir = join(work, "data");
    const config = loadConfig({ overrides: { dataDir, modelsDir: join(work, "models") } });
    installEnglishRecogniser(config.modelsDir);
    importSchemes(dataDir);
    const kb = await openKnowledgeBase(config);
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

    // synthetic scheme questions: the dev set's English ones plus "tell me about <spoken name>"
    const questions = loadQuestions().filter((q) => q.schemeId && (q.lang === "en" || q.lang === "hi-Latn") && (q.type === "direct" || q.type === "misspelt")).map((q) => ({ text: q.question, gold: q.schemeId! }));
    for (const id of ["pm-kisan", "ab-pmjay", "mgnrega", "pmjdy", "apy", "pmsby", "pmjjby", "pmmy", "pmfby", "kcc", "pmuy", "pm-svanidhi", "pmv", "pm-kusum", "sui", "pmegp", "pmmvy", "igndps"]) {
      const meta = kb.store.metaOf(id)!;
      const spoken = meta.aliases.find((a) => /^[a-z ]+$/i.test(a)) ?? meta.name;
      questions.push({ text: `Tell me about ${spoken}`, gold: id });
    }
    const voices = ["flite:rms", "flite:slt", "espeak:en-us"];
    const found: Record<string, number> = {};
    const misses: string[] = [];
    for (const voice of voices) {
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
    await kb.close();
    return figures;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
