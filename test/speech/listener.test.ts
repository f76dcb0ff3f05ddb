import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { float32ToInt16, readWav } from "../../src/audio/index.js";
import { wordErrorRate } from "../../src/speech/asr/index.js";
import { SpeechListener, type QuietSpell, type Utterance } from "../../src/speech/listener.js";
import { VadStream } from "../../src/speech/vad/index.js";
import { sharedDir, testConfig, until } from "../helpers.js";
import type { AsrStream } from "../../src/speech/asr/types.js";
import { useEnglishRecogniser } from "./asr-fixture.js";

/** How long the test waits for the recogniser's last results once all audio is in. */
const RESULT_WAIT_MS = 10_000;

describe("listener: VAD + recogniser + endpointing on real audio", () => {
  const setup = useEnglishRecogniser();

  async function listen(pcm: Int16Array, endpoint = setup.config.speech.endpoint, vad = setup.config.speech.vad, options: { onset?: boolean } = {}): Promise<{ utterances: Utterance[]; starts: number[] }> {
    const utterances: Utterance[] = [];
    const starts: number[] = [];
    const listener = new SpeechListener(new VadStream(vad, 8000, options), setup.engine().createStream("en"), endpoint, 8000, {
      speechStart: (t) => starts.push(t),
      utterance: (u) => utterances.push(u),
    });
    for (let i = 0; i < pcm.length; i += 160) listener.accept(pcm.subarray(i, i + 160));
    // the recogniser's worker decodes the last utterance after the audio is in; on a busy machine that takes
    // longer (its latency is checked as finalLatencyMs, and by bench/speech.ts)
    await until(() => utterances.length >= starts.length, RESULT_WAIT_MS).catch(() => undefined);
    listener.dispose();
    return { utterances, starts };
  }

  const clip = (n: number) => float32ToInt16(readWav(readFileSync(join(sharedDir, "fixtures", "audio", "en-8k", `osr34_${String(n).padStart(2, "0")}.wav`))).samples);

  it("two utterances with a pause between: each recognised, ended by silence, with timings", async () => {
    const a = clip(1);
    const b = clip(2);
    const gap = new Int16Array(8000 * 1.5);
    const pcm = new Int16Array(4000 + a.length + gap.length + b.length + 12000);
    pcm.set(a, 4000);
    pcm.set(b, 4000 + a.length + gap.length);
    const { utterances } = await listen(pcm);
    assert.equal(utterances.length, 2, JSON.stringify(utterances.map((u) => u.result.text)));
    assert.ok(wordErrorRate("A gold ring will please most any girl", utterances[0]!.result.text).wer < 0.4);
    assert.ok(wordErrorRate("The long journey home took a year", utterances[1]!.result.text).wer < 0.4);
    for (const u of utterances) {
      assert.equal(u.reason, "silence");
      assert.ok(u.endOfSpeechMs > u.startMs);
      assert.ok(u.finalLatencyMs < 1000, `the final result ${Math.round(u.finalLatencyMs)} ms after the utterance ended`);
    }
    // each utterance carries the audio the recogniser heard: its own clip, from just before speech to the end
    const [first, second] = utterances;
    const within = (audio: Int16Array, from: number, to: number) => {
      const head = audio.subarray(0, 800);
      for (let i = from; i + head.length <= to; i++) if (head.every((v, k) => pcm[i + k] === v)) return head.length > 0;
      return false;
    };
    assert.ok(first!.audio.length >= a.length * 0.8 && first!.audio.length <= a.length + 2 * 8000, `first: ${first!.audio.length} samples for a ${a.length}-sample clip`);
    assert.ok(within(first!.audio, 0, 4000 + a.length), "the first utterance's audio comes from the first clip");
    assert.ok(within(second!.audio, 4000 + a.length, pcm.length), "the second utterance's audio comes from the second clip");
  });

  it("with the onset watch (as calls listen), an utterance ends minDelayMs after the sound stops, not after the VAD's longer minimum silence", async () => {
    const a = clip(1);
    const pcm = new Int16Array(4000 + a.length + 8000 * 2);
    pcm.set(a, 4000);
    const { endpoint, vad } = setup.config.speech;
    const window = (vad.windowSize * 1000) / 16000;
    const watched = (await listen(pcm, endpoint, vad, { onset: true })).utterances[0]!;
    const segments = (await listen(pcm)).utterances[0]!;
    const waited = (u: Utterance) => u.decidedAtMs - u.endOfSpeechMs;
    assert.ok(waited(watched) >= endpoint.minDelayMs && waited(watched) <= endpoint.minDelayMs + 2 * window + 20, `decided ${waited(watched)} ms after the sound stopped`);
    assert.ok(segments.decidedAtMs - watched.decidedAtMs >= vad.minSilenceMs - endpoint.minDelayMs - window, `${segments.decidedAtMs} vs ${watched.decidedAtMs}`);
    assert.equal(watched.result.text, segments.result.text, "the same words");
  });

  it("the pause that ends an utterance is told first, with the reading so far and the audio heard up to it", async () => {
    const a = clip(1);
    const pcm = new Int16Array(4000 + a.length + 8000 * 2);
    pcm.set(a, 4000);
    const events: string[] = [];
    const quiets: QuietSpell[] = [];
    const utterances: Utterance[] = [];
    const listener = new SpeechListener(new VadStream(setup.config.speech.vad, 8000, { onset: true }), setup.engine().createStream("en"), setup.config.speech.endpoint, 8000, {
      quiet: (q) => (events.push("quiet"), quiets.push(q)),
      utterance: (u) => (events.push("utterance"), utterances.push(u)),
    });
    for (let i = 0; i < pcm.length; i += 160) listener.accept(pcm.subarray(i, i + 160));
    await until(() => utterances.length === 1, RESULT_WAIT_MS);
    listener.dispose();
    const u = utterances[0]!;
    const last = quiets.at(-1)!;
    assert.equal(events.at(-1), "utterance");
    assert.ok(events.includes("quiet"), "the pause came before the end");
    assert.equal(last.atMs, u.endOfSpeechMs, "the pause is where the utterance's speech ended");
    assert.ok(wordErrorRate("A gold ring will please most any girl", last.result.text).wer < 0.5, `read so far: "${last.result.text}"`);
    assert.ok(last.audio.length > 0 && last.audio.length <= u.audio.length && last.audio.every((v, i) => v === u.audio[i]), "the audio heard up to the pause begins the utterance's");
  });

  it("a caller who goes on after a pause (the recogniser finished at it) is heard whole: one utterance with every word", async () => {
    const a = clip(1);
    const b = clip(2);
    // the clips' own silences make a pause of about a second: the onset watch ends in it
    const pcm = new Int16Array(4000 + a.length + b.length + 8000 * 3);
    pcm.set(a, 4000);
    pcm.set(b, 4000 + a.length);
    const quiets: QuietSpell[] = [];
    const utterances: Utterance[] = [];
    const listener = new SpeechListener(new VadStream(setup.config.speech.vad, 8000, { onset: true }), setup.engine().createStream("en"), { ...setup.config.speech.endpoint, minDelayMs: 1500, maxDelayMs: 2000 }, 8000, {
      quiet: (q) => quiets.push(q),
      utterance: (u) => utterances.push(u),
    });
    for (let i = 0; i < pcm.length; i += 160) listener.accept(pcm.subarray(i, i + 160));
    await until(() => utterances.length === 1, RESULT_WAIT_MS);
    listener.dispose();
    assert.equal(quiets.length, 1, "the pause the caller went on after is not told; the one that ended the utterance is");
    assert.ok(wordErrorRate("A gold ring will please most any girl The long journey home took a year", utterances[0]!.result.text).wer < 0.4, utterances[0]!.result.text);
  });

  it("an utterance longer than the maximum is cut there", async () => {
    const long: Int16Array[] = [];
    for (let n = 1; n <= 6; n++) long.push(clip(n));
    const total = long.reduce((s, p) => s + p.length, 0);
    const pcm = new Int16Array(total + 8000);
    let o = 0;
    for (const p of long) {
      pcm.set(p, o);
      o += p.length;
    }
    const { utterances } = await listen(pcm, { ...setup.config.speech.endpoint, maxUtteranceMs: 4000 }, { ...setup.config.speech.vad, minSilenceMs: 5000 });
    assert.ok(utterances.some((u) => u.reason === "max_length"), JSON.stringify(utterances.map((u) => u.reason)));
  });
});

describe("listener: a pause between words, and where the end of sound is placed", () => {
  const config = testConfig("/tmp/unused").speech;
  const clip = (n: number) => float32ToInt16(readWav(readFileSync(join(sharedDir, "fixtures", "audio", "en-8k", `osr34_${String(n).padStart(2, "0")}.wav`))).samples);
  /** The clip from its first to its last loud 20 ms frame (about -36 dBFS): the pause is the one the test puts there. */
  const trimmed = (pcm: Int16Array) => {
    const loud: number[] = [];
    for (let i = 0; i + 160 <= pcm.length; i += 160) if (Math.sqrt(pcm.subarray(i, i + 160).reduce((s, v) => s + v * v, 0) / 160) > 500) loud.push(i);
    return pcm.slice(loud[0], loud.at(-1)! + 160);
  };
  const words: AsrStream = { lang: "en", accept() {}, partial: async () => ({ text: "words", confidence: 1, alternatives: [], endpoint: false, isFinal: false }), finish: async () => ({ text: "words", confidence: 1, alternatives: [], endpoint: true, isFinal: true }), reset() {}, dispose() {} };

  /** The longest pause (20 ms steps) between the two clips that does not end the utterance. */
  async function longestPause(a: Int16Array, b: Int16Array, lookbackMs: number): Promise<number> {
    let longest = 0;
    for (let pause = 100; pause <= 900; pause += 20) {
      const pcm = new Int16Array(4000 + a.length + pause * 8 + b.length + 12000);
      pcm.set(a, 4000);
      pcm.set(b, 4000 + a.length + pause * 8);
      const decided: number[] = [];
      const listener = new SpeechListener(new VadStream({ ...config.vad, soundLookbackMs: lookbackMs }, 8000, { onset: true }), words, config.endpoint, 8000, { utterance: (u) => decided.push(u.decidedAtMs) });
      for (let i = 0; i < pcm.length; i += 160) listener.accept(pcm.subarray(i, i + 160));
      // the final result comes from the (fake) recogniser's promise
      await new Promise((r) => setImmediate(r));
      listener.dispose();
      if (decided.length > 0 && decided[0]! < (4000 + a.length) / 8 + pause) break;
      longest = pause;
    }
    return longest;
  }

  it("the default places the end where the probability decayed: pauses up to minDelayMs are never cut; a lookback costs as much pause as it gains", async () => {
    const [a, b] = [trimmed(clip(1)), trimmed(clip(2))];
    const today = await longestPause(a, b, 0);
    assert.ok(today >= config.endpoint.minDelayMs, `a pause of ${today} ms is kept whole`);
    assert.equal(config.vad.soundLookbackMs, 0, "the default keeps the pause a caller may take");
    const earlier = await longestPause(a, b, 300);
    assert.ok(earlier < today, `with the end read from the signal, a pause of ${earlier} ms is the longest kept (${today} ms by the probability's end)`);
  });
});
