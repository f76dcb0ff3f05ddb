import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { concatInt16, readWav, rmsDbfs, writeWav } from "../../src/audio/index.js";
import { projectRoot } from "../../src/config.js";
import { ModelStore } from "../../src/ops/models.js";
import { allFixedPrompts, FIXED_PROMPTS } from "../../src/call/prompts.js";
import { EspeakEngine, loadTtsEngine, PromptCache, TtsError, type TtsEngine } from "../../src/speech/tts/index.js";
import { runCli, tempDir, testConfig } from "../helpers.js";

async function render(engine: TtsEngine, text: string, lang: string, signal?: AbortSignal): Promise<{ audio: Int16Array; firstMs: number }> {
  const started = performance.now();
  let firstMs = -1;
  const parts: Int16Array[] = [];
  for await (const f of engine.synthesize(text, lang, signal)) {
    if (firstMs < 0) firstMs = performance.now() - started;
    assert.equal(f.sampleRate, 8000);
    parts.push(f.samples);
  }
  return { audio: concatInt16(parts), firstMs };
}

describe("espeak-ng synthesis", () => {
  const dir = tempDir();
  const config = testConfig(join(dir.path, "data"));
  const espeak = new EspeakEngine(config.speech.tts);
  after(() => dir.cleanup());

  it("speaks Hindi and English at 8 kHz, non-silent, of plausible duration", async () => {
    for (const [text, lang] of [["प्रधानमंत्री किसान सम्मान निधि योजना में किसानों को हर साल छह हज़ार रुपये मिलते हैं।", "hi"], ["Pradhan Mantri Kisan Samman Nidhi gives every farmer family six thousand rupees a year.", "en"]] as const) {
      const { audio } = await render(espeak, text, lang);
      const seconds = audio.length / 8000;
      assert.ok(seconds > 2 && seconds < 15, `${lang}: ${seconds} s`);
      assert.ok(rmsDbfs(audio) > -35, `${lang}: too quiet`);
    }
  });

  it("streams: the first audio comes before the whole text is spoken", async () => {
    const text = "First sentence of the answer. Second sentence comes after it. And a third one to finish.";
    const { audio, firstMs } = await render(espeak, text, "en");
    assert.ok(firstMs >= 0 && firstMs < 1000, `first audio after ${firstMs} ms`);
    assert.ok(audio.length / 8000 > 3, "every sentence was spoken");
    // a long answer's first sentence is heard long before the rest is made (not after the whole text)
    const long = `${text} ${"Then one more sentence follows it. ".repeat(30)}`;
    const started = performance.now();
    const whole = await render(espeak, long, "en");
    const totalMs = performance.now() - started;
    assert.ok(whole.firstMs < totalMs / 2, `first audio after ${whole.firstMs.toFixed(0)} ms of ${totalMs.toFixed(0)} ms`);
  });

  it("switches voice for English words inside a Hindi answer", () => {
    const plan = espeak.plan([{ text: "इसके लिए Aadhaar Card चाहिए।", lang: "hi" }], "hi");
    assert.deepEqual(plan.map((p) => p.lang), ["hi", "en", "hi"]);
  });

  it("stops at once when aborted", async () => {
    const controller = new AbortController();
    const long = "This is a long answer that goes on. ".repeat(40);
    const started = performance.now();
    let frames = 0;
    await assert.rejects(async () => {
      for await (const _ of espeak.synthesize(long, "en", controller.signal)) {
        if (++frames === 2) controller.abort();
      }
    });
    assert.ok(performance.now() - started < 3000);
  });

  it("5,000 characters, garbage and other Indian languages give sound or a clear error, never a hang", async () => {
    const long = await render(espeak, "Scheme details follow. ".repeat(250), "en");
    assert.ok(long.audio.length > 8000 * 30);
    const garbage = await render(espeak, "¤¤¤ ⊕⊕ 🙂", "en").then((r) => r.audio, (err: unknown) => err);
    if (garbage instanceof Int16Array) assert.ok(garbage.length > 8000 * 0.2 && rmsDbfs(garbage) > -35, `garbage: ${garbage.length} samples at ${rmsDbfs(garbage)} dBFS`);
    else assert.ok(garbage instanceof TtsError, `garbage: not a clear error: ${String(garbage)}`);
    const tamil = await render(espeak, "வணக்கம், இது ஒரு சோதனை.", "ta");
    assert.ok(tamil.audio.length > 8000 * 0.5);
    const broken = new EspeakEngine({ ...config.speech.tts, espeakBinary: "/nonexistent/espeak" });
    await assert.rejects(render(broken, "hello", "en"), TtsError);
  });

  it("a voice's next sentence goes to a process started ahead of it: it does not wait for one to start", async () => {
    // a stand-in espeak-ng that takes STARTUP_MS to start, then speaks its text as a fixed 8 kHz clip
    const STARTUP_MS = 400;
    const clip = join(dir.path, "clip.wav");
    writeFileSync(clip, writeWav(new Int16Array(800).fill(2000), 8000));
    const slow = join(dir.path, "slow-espeak");
    writeFileSync(slow, `#!/bin/sh\nsleep ${STARTUP_MS / 1000}\ncat >/dev/null\ncat ${clip}\n`, { mode: 0o755 });
    const engine = new EspeakEngine({ ...config.speech.tts, espeakBinary: slow });
    try {
      const cold = await render(engine, "First sentence.", "en");
      assert.ok(cold.firstMs >= STARTUP_MS, `the first process starts when asked (${cold.firstMs.toFixed(0)} ms)`);
      // the next sentence comes later in the call, when its process has long started
      await new Promise((r) => setTimeout(r, STARTUP_MS + 200));
      const warm = await render(engine, "Second sentence.", "en");
      assert.ok(warm.firstMs < STARTUP_MS, `the next sentence's first audio after ${warm.firstMs.toFixed(0)} ms`);
      assert.ok(warm.audio.length >= 800, "the whole sentence was spoken");
    } finally {
      await engine.close();
    }
  });

  it("prompt cache renders once and reuses", async () => {
    const cache = new PromptCache(join(dir.path, "prompts"), espeak, "test");
    const first = await cache.get("Welcome to Sahayak.", "en");
    assert.ok(cache.cached("Welcome to Sahayak.", "en"));
    const failing = new PromptCache(join(dir.path, "prompts"), new EspeakEngine({ ...config.speech.tts, espeakBinary: "/nonexistent" }), "test");
    const again = await failing.get("Welcome to Sahayak.", "en");
    assert.equal(again.length, first.length, "a cached prompt plays even when synthesis is broken");
    await assert.rejects(failing.get("Never rendered before.", "en"), TtsError);
  });

  it("a damaged cached prompt (cut short, emptied, another rate, garbage) is rendered again, never played damaged", async () => {
    const prompts = join(dir.path, "damaged");
    const cache = new PromptCache(prompts, espeak, "test");
    const text = "Welcome to Sahayak.";
    const whole = await cache.get(text, "en");
    const [file] = readdirSync(prompts);
    const path = join(prompts, file!);
    const good = readFileSync(path);
    const other = writeWav(whole, 16000);
    const damage: Record<string, Uint8Array> = {
      "cut short": good.subarray(0, 44 + Math.floor((good.length - 44) / 3)),
      "header only": writeWav(new Int16Array(0), 8000),
      "another sample rate": other,
      garbage: Buffer.from("RIFF\u0000\u0000WAVEnot audio at all"),
      empty: new Uint8Array(0),
    };
    for (const [kind, bytes] of Object.entries(damage)) {
      writeFileSync(path, bytes);
      assert.equal(cache.cached(text, "en"), undefined, `${kind}: not taken as cached`);
      const played = await cache.get(text, "en");
      assert.equal(played.length, whole.length, `${kind}: the whole prompt is played`);
      assert.deepEqual(readFileSync(path), good, `${kind}: the file is rendered again`);
    }
  });

  it("sahayak prompts render fills the prompt cache once, in both languages", () => {
    const data = join(dir.path, "pr");
    const r = runCli(["prompts", "render", "--json"], { dataDir: data });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).rendered, allFixedPrompts(config.call.languages).length);
    const cache = new PromptCache(join(data, "prompts"), espeak, `espeak|${JSON.stringify(config.speech.tts.voices)}|${config.speech.tts.rate}|${config.speech.tts.pitch}`);
    assert.ok(cache.cached(FIXED_PROMPTS.welcome.hi, "hi"), "the same key the call flow uses");
  });

  it("sahayak say writes an 8 kHz mono WAV", () => {
    const out = join(dir.path, "hi.wav");
    const r = runCli(["say", "--lang", "hi", "--out", out, "--json", "पीएम किसान योजना"], { dataDir: join(dir.path, "d") });
    assert.equal(r.status, 0, r.stderr);
    const wav = readWav(readFileSync(out));
    assert.deepEqual([wav.sampleRate, wav.channels, wav.bitsPerSample], [8000, 1, 16]);
    assert.ok(JSON.parse(r.stdout).firstAudioMs < 1000);
  });
});

describe("sherpa-onnx VITS voice from the model bundle (generated fixture)", () => {
  const dir = tempDir();
  after(() => dir.cleanup());

  it("loads a Piper-shaped voice, speaks through it at 8 kHz, and refuses a missing one", async () => {
    const voice = join(dir.path, "bundle", "voice");
    mkdirSync(voice, { recursive: true });
    const made = spawnSync("/usr/bin/python3", [join(projectRoot, "test", "fixtures", "make_vits_voice.py"), voice], { encoding: "utf8" });
    assert.equal(made.status, 0, `python3-onnx is needed (make setup): ${made.stderr}`);
    writeFileSync(join(dir.path, "bundle", "bundle.json"), JSON.stringify({ models: [{ id: "tiny-piper-en", kind: "tts", engine: "vits", languages: ["en"], dir: "voice", files: { model: "model.onnx", tokens: "tokens.txt" } }] }));
    const config = testConfig(join(dir.path, "data"), { modelsDir: join(dir.path, "models") });
    new ModelStore(config.modelsDir).import(join(dir.path, "bundle"));
    const engine = await loadTtsEngine(config, "sherpa");
    const { audio } = await render(engine, "Hello. This is a test of the voice.", "en");
    assert.ok(audio.length > 1000);
    await assert.rejects(loadTtsEngine(config, "sherpa", "no-such-voice"), /no sherpa/);
  });
});
