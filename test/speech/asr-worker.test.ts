// The recogniser's worker thread over its life, with the real English model: native streams are freed as
// calls come and go (their memory is invisible to V8, so nothing else would free them in time), and a worker
// that dies fails its streams at once and is replaced.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { float32ToInt16, readWav } from "../../src/audio/index.js";
import { createLogger } from "../../src/ops/log.js";
import { AsrUnavailableError, installedAsrModels, loadAsrEngine, wordErrorRate, writeHotwordsFile, type AsrStream, type SherpaAsrEngine } from "../../src/speech/asr/index.js";
import { SpeechListener } from "../../src/speech/listener.js";
import { VadStream } from "../../src/speech/vad/index.js";
import { sharedDir, until } from "../helpers.js";
import { configWithEnglishModel } from "./asr-fixture.js";
import { projectRoot, type Config } from "../../src/config.js";

const RESTART_MS = 200;
/** What osr34_01.wav says. */
const GOLD_RING = "A gold ring will please most any girl";

/** A real English recogniser for one suite, restarting quickly, with what it logs kept. */
function recogniserWithLog(): { config: Config; logged: { level: number; msg: string; restartInMs?: number }[]; engine(): SherpaAsrEngine } {
  const setup = configWithEnglishModel();
  const config = { ...setup.config, speech: { ...setup.config.speech, asr: { ...setup.config.speech.asr, restartBackoffMs: RESTART_MS, restartBackoffMaxMs: 60_000 } } };
  const logged: { level: number; msg: string; restartInMs?: number }[] = [];
  const log = createLogger("warn", { write: (line: string) => void logged.push(JSON.parse(line)) });
  let engine: SherpaAsrEngine | undefined;
  before(async () => {
    engine = await loadAsrEngine(config, ["en"], undefined, log);
  });
  after(async () => {
    await engine?.close();
    setup.cleanup();
  });
  return { config, logged, engine: () => engine! };
}

describe("recogniser worker: native streams freed, a dead worker replaced (real model)", () => {
  const { config, logged, engine: current } = recogniserWithLog();
  let engine: SherpaAsrEngine;
  before(() => {
    engine = current();
  });

  const clip = (n: number) => float32ToInt16(readWav(readFileSync(join(sharedDir, "fixtures", "audio", "en-8k", `osr34_${String(n).padStart(2, "0")}.wav`))).samples);
  const say = (s: AsrStream, pcm: Int16Array) => {
    for (let i = 0; i < pcm.length; i += 160) s.accept(pcm.subarray(i, i + 160), 8000);
  };

  it("native streams of finished utterances and ended calls are freed: after 200 calls only a few await collection", async () => {
    const speech = clip(1).subarray(0, 4000);
    for (let i = 0; i < 200; i++) {
      const s = engine.createStream("en");
      say(s, speech);
      await s.finish();
      // a second utterance begins, then the caller hangs up
      say(s, speech);
      s.dispose();
    }
    // a call that has not spoken holds no native stream
    const quiet = engine.createStream("en");
    const bound = 2 * config.speech.asr.releaseEveryStreams;
    let stats = await engine.stats();
    for (let i = 0; i < 100 && stats.nativeStreams > bound; i++) {
      await new Promise((r) => setTimeout(r, 20));
      stats = await engine.stats();
    }
    assert.equal(stats.streams, 1);
    assert.ok(stats.nativeStreams <= bound, `${stats.nativeStreams} native streams not freed after 200 calls (of 800 made); at most ${bound} may await collection`);
    quiet.dispose();
  });

  it("a call's utterances share one resampler, handed back at hang-up on every path and reused by the next call", async () => {
    const speech = clip(2).subarray(0, 8000);
    const start = await engine.stats();
    const during: number[] = [];
    for (let i = 0; i < 20; i++) {
      const s = engine.createStream("en");
      say(s, speech);
      await s.finish();
      say(s, speech);
      s.reset();
      say(s, speech);
      during.push((await engine.stats()).idleResamplers);
      // hanging up mid-utterance (as most calls end) or after a final result
      if (i % 2 === 0) await s.finish();
      s.dispose();
    }
    const end = await engine.stats();
    assert.ok(end.resamplers - start.resamplers <= 1, `${end.resamplers - start.resamplers} resamplers made for 20 calls one after another`);
    assert.equal(end.idleResamplers, end.resamplers, "every resampler is back in the pool once its call hung up");
    assert.ok(during.every((idle) => idle === end.idleResamplers - 1), `idle during the calls: ${during.join(",")}`);
  });

  it("a dead worker: pending requests reject at once, its streams say so, new streams are refused until it is replaced, then speech is recognised again", async () => {
    const s = engine.createStream("en");
    const failures: Error[] = [];
    s.onFailure!((err) => failures.push(err));
    // 20 s of audio queued ahead of the final result: the worker cannot have answered it when it dies
    for (let i = 0; i < 7; i++) say(s, clip(1));
    const pendingPartial = s.partial();
    const pendingFinal = s.finish(new AbortController().signal);
    const killedAt = performance.now();
    await engine.killWorker();
    await assert.rejects(pendingPartial, AsrUnavailableError);
    await assert.rejects(pendingFinal, /speech recogniser stopped/);
    assert.ok(performance.now() - killedAt < 1000, `rejected ${Math.round(performance.now() - killedAt)} ms after the death`);
    // later requests fail at once, and the stream told its listener once
    await assert.rejects(s.partial(), /speech recogniser stopped/);
    assert.equal(failures.length, 1);
    const late: Error[] = [];
    s.onFailure!((err) => late.push(err));
    await new Promise((r) => setImmediate(r));
    assert.equal(late.length, 1, "a listener added after the death hears of it too");
    s.dispose();
    assert.equal(engine.state, "restarting");
    assert.throws(() => engine.createStream("en"), /restarting after a failure/);
    const died = logged.find((l) => l.msg.startsWith("speech recogniser worker died"));
    assert.equal(died?.level, 50);
    assert.equal(died?.restartInMs, RESTART_MS);

    await until(() => engine.state === "running", 60_000);
    assert.ok(logged.some((l) => l.msg === "speech recogniser worker restarted"));
    const again = engine.createStream("en");
    say(again, clip(1));
    const r = await again.finish();
    again.dispose();
    assert.ok(wordErrorRate(GOLD_RING, r.text).wer < 0.4, r.text);
  });

  it("new hotwords: new calls get a worker biased with them, a call in progress finishes on the old one, which then stops; no death is logged", async () => {
    const speech = clip(1);
    const deathsBefore = logged.filter((l) => l.level >= 50).length;
    const inProgress = engine.createStream("en");
    say(inProgress, speech.subarray(0, 8000));
    const file = writeHotwordsFile(join(config.dataDir, "cache"), ["PRADHAN MANTRI KISAN", "ATAL PENSION YOJANA"]);
    await engine.useHotwords(file);
    assert.equal(engine.hotwordsFile, file);
    assert.equal(engine.workers, 2, "the old worker stays while a call is on it");
    const fresh = engine.createStream("en");
    say(fresh, speech);
    assert.ok(wordErrorRate(GOLD_RING, (await fresh.finish()).text).wer < 0.4, "the new worker recognises");
    say(inProgress, speech.subarray(8000));
    assert.ok(wordErrorRate(GOLD_RING, (await inProgress.finish()).text).wer < 0.4, "the call in progress is recognised to its end");
    inProgress.dispose();
    await until(() => engine.workers === 1);
    fresh.dispose();
    assert.equal(logged.filter((l) => l.level >= 50).length, deathsBefore, "a replaced worker's end is no failure");
    // the same hotwords again change nothing
    await engine.useHotwords(file);
    assert.equal(engine.workers, 1);
  });

  it("deaths in a row wait longer each time before the next worker", async () => {
    const before = logged.length;
    await engine.killWorker();
    await until(() => engine.state === "running", 60_000);
    await engine.killWorker();
    await until(() => engine.state === "running", 60_000);
    const delays = logged
      .slice(before)
      .filter((l) => l.msg.startsWith("speech recogniser worker died"))
      .map((l) => l.restartInMs);
    // the death of the test before counts too: the worker after it lived far shorter than the longest backoff
    assert.deepEqual(delays, [2 * RESTART_MS, 4 * RESTART_MS]);
  });

  it("a listener hears of the death while the caller is silent, once", async () => {
    const errors: Error[] = [];
    const listener = new SpeechListener(new VadStream(config.speech.vad), engine.createStream("en"), config.speech.endpoint, 8000, { error: (err) => errors.push(err) });
    listener.accept(new Int16Array(160 * 10));
    await engine.killWorker();
    await until(() => errors.length > 0, 1000);
    listener.accept(new Int16Array(160 * 50));
    await new Promise((r) => setTimeout(r, 50));
    listener.dispose();
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.message, /speech recogniser stopped/);
    await until(() => engine.state === "running", 60_000);
  });
});

describe("recogniser worker: stopped while it decodes (real model)", () => {
  const clip = float32ToInt16(readWav(readFileSync(join(sharedDir, "fixtures", "audio", "en-8k", "osr34_01.wav"))).samples);

  it("closed with a minute of speech still to decode, the worker ends between two native calls, at once; it is never terminated inside one (that aborts the whole process)", async () => {
    const setup = configWithEnglishModel();
    const logged: { msg: string }[] = [];
    const log = createLogger("warn", { write: (line: string) => void logged.push(JSON.parse(line)) });
    try {
      for (let round = 0; round < 6; round++) {
        const engine = await loadAsrEngine(setup.config, ["en"], undefined, log);
        const s = engine.createStream("en");
        for (let i = 0; i < 20; i++) for (let j = 0; j < clip.length; j += 160) s.accept(clip.subarray(j, j + 160), 8000);
        const rejected = assert.rejects(s.finish(), AsrUnavailableError);
        // the worker is decoding (a minute of speech takes it a second or more) when the call's server stops
        await new Promise((r) => setTimeout(r, 20 + 15 * round));
        const began = performance.now();
        await engine.close();
        const tookMs = performance.now() - began;
        await rejected;
        assert.ok(tookMs < 500, `round ${round}: close took ${Math.round(tookMs)} ms with a backlog queued`);
      }
      assert.deepEqual(logged.filter((l) => /did not stop/.test(l.msg)), [], "no worker had to be terminated");
    } finally {
      setup.cleanup();
    }
  });
});

describe("recogniser worker: a replacement that cannot load is tried again (real model)", () => {
  const { config, logged, engine: current } = recogniserWithLog();
  let engine: SherpaAsrEngine;
  before(() => {
    engine = current();
  });

  it("while the model cannot be read the engine keeps trying, backing off; once it can, streams work again", async () => {
    const spec = installedAsrModels(config).en!;
    const encoder = (spec as { encoder: string }).encoder;
    renameSync(encoder, `${encoder}.away`);
    try {
      await engine.killWorker();
      await until(() => logged.filter((l) => l.msg.startsWith("speech recogniser could not be restarted")).length >= 1, 60_000);
      assert.equal(engine.state, "restarting");
      assert.throws(() => engine.createStream("en"), AsrUnavailableError);
      assert.ok(logged.some((l) => /model file .*encoder.* is missing or unreadable/.test(String((l as { err?: string }).err))), "the log names the file");
    } finally {
      renameSync(`${encoder}.away`, encoder);
    }
    await until(() => engine.state === "running", 60_000);
    const delays = logged.filter((l) => l.level === 50).map((l) => l.restartInMs);
    assert.deepEqual(delays.slice(0, 2), [RESTART_MS, 2 * RESTART_MS]);
    const s = engine.createStream("en");
    const speech = float32ToInt16(readWav(readFileSync(join(sharedDir, "fixtures", "audio", "en-8k", "osr34_02.wav"))).samples);
    for (let i = 0; i < speech.length; i += 160) s.accept(speech.subarray(i, i + 160), 8000);
    const r = await s.finish();
    s.dispose();
    assert.ok(wordErrorRate("The long journey home took a year", r.text).wer < 0.4, r.text);
  });
});

describe("recogniser worker: nothing on stderr per utterance (real model)", () => {
  it("a call of three 8 kHz utterances is recognised without sherpa announcing a resampler each time on stderr (serve's log)", async () => {
    const setup = configWithEnglishModel();
    try {
      // native code writes to the process's stderr directly: only a process of its own shows what it wrote
      const script = `
        import { readFileSync } from "node:fs";
        import { loadConfig } from "./src/config.ts";
        import { float32ToInt16, readWav } from "./src/audio/index.ts";
        import { loadAsrEngine } from "./src/speech/asr/index.ts";
        const config = loadConfig({ path: undefined, env: {}, overrides: { dataDir: ${JSON.stringify(setup.config.dataDir)}, modelsDir: ${JSON.stringify(setup.config.modelsDir)} } });
        const engine = await loadAsrEngine(config, ["en"]);
        const speech = float32ToInt16(readWav(readFileSync(${JSON.stringify(join(sharedDir, "fixtures", "audio", "en-8k", "osr34_02.wav"))})).samples);
        const stream = engine.createStream("en");
        const texts = [];
        for (let u = 0; u < 3; u++) {
          for (let i = 0; i < speech.length; i += 160) stream.accept(speech.subarray(i, i + 160), 8000);
          texts.push((await stream.finish()).text);
        }
        stream.dispose();
        await engine.close();
        process.stdout.write(JSON.stringify(texts));
      `;
      const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: projectRoot, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
      assert.equal(code, 0, stderr);
      const texts = JSON.parse(stdout) as string[];
      assert.equal(texts.length, 3);
      for (const text of texts) assert.ok(wordErrorRate("The long journey home took a year", text).wer < 0.4, text);
      assert.doesNotMatch(stderr, /resampler/i);
    } finally {
      setup.cleanup();
    }
  });
});

describe("recogniser worker: behind the audio, it sheds the alternative decode until caught up (real model)", () => {
  const SHED_LAG_MS = 400;
  const setup = configWithEnglishModel();
  const config = { ...setup.config, speech: { ...setup.config.speech, asr: { ...setup.config.speech.asr, shedAlternativesLagMs: SHED_LAG_MS } } };
  let engine: SherpaAsrEngine;
  before(async () => {
    engine = await loadAsrEngine(config, ["en"]);
  });
  after(async () => {
    await engine?.close();
    setup.cleanup();
  });
  const clip = float32ToInt16(readWav(readFileSync(join(sharedDir, "fixtures", "audio", "en-8k", "osr34_01.wav"))).samples);
  /** Each frame sent once the worker has answered for the one before: it is never behind. */
  const sayInTime = async (s: AsrStream, pcm: Int16Array) => {
    for (let i = 0; i < pcm.length; i += 160) {
      s.accept(pcm.subarray(i, i + 160), 8000);
      await s.partial();
    }
  };

  it("audio the worker keeps up with has its alternative; seventeen seconds of it at once (many callers) go on without, and the next utterance in time has it again", async () => {
    const s = engine.createStream("en");
    await sayInTime(s, clip);
    const inTime = await s.finish();
    assert.ok(inTime.alternatives.length > 0, "the greedy decode differs from the beam's on this clip");
    assert.equal((await engine.stats()).alternativesShed, 0);

    // five times the clip posted at once: decoding it takes the worker far longer than the lag allowed
    for (let k = 0; k < 5; k++) for (let i = 0; i < clip.length; i += 160) s.accept(clip.subarray(i, i + 160), 8000);
    const behind = await s.finish();
    assert.deepEqual(behind.alternatives, []);
    assert.ok(wordErrorRate(Array(5).fill(GOLD_RING).join(" "), behind.text).wer < 0.4, behind.text);
    assert.equal((await engine.stats()).alternativesShed, 1);

    await sayInTime(s, clip);
    const caughtUp = await s.finish();
    s.dispose();
    assert.ok(caughtUp.alternatives.length > 0, "caught up, the alternative is decoded again");
    assert.equal((await engine.stats()).alternativesShed, 1);
  });
});
