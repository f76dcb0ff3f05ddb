// Try-a-question's audio with the real espeak-ng: begun when asked for and whole at the end, one synthesis
// per distinct answer, a failed one made again, the oldest forgotten and stopped when too many are kept,
// every synthesis stopped when the console closes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readWav } from "../../src/audio/index.js";
import { AnswerAudioCache, type AnswerAudio } from "../../src/console/try-audio.js";
import { EspeakEngine, type TtsEngine } from "../../src/speech/tts/index.js";
import { testConfig } from "../helpers.js";

const tts = testConfig("/tmp/unused").speech.tts;
const answer = (words: string) => [{ text: `${words}. For Atal Pension Yojana you need a savings bank account and your Aadhaar. You can ask me about another scheme.`, lang: "en" }];

/** The real synthesiser, counting the syntheses it was asked for. */
function countingEngine(engine: TtsEngine = new EspeakEngine(tts)): TtsEngine & { calls: number } {
  const counting = {
    name: engine.name,
    calls: 0,
    synthesize: (text: Parameters<TtsEngine["synthesize"]>[0], lang: string, signal?: AbortSignal) => {
      counting.calls++;
      return engine.synthesize(text, lang, signal);
    },
    close: () => engine.close(),
  };
  return counting;
}

const ended = (audio: AnswerAudio) => audio.ended();

describe("try-a-question's audio", () => {
  it("is begun when asked for and is the whole answer's speech once it has ended", async () => {
    const engine = countingEngine();
    const cache = new AnswerAudioCache(() => engine, tts.outputRate, 5, new AbortController().signal);
    const audio = cache.audioFor(answer("Hello"), "en");
    assert.equal(audio.done, false);
    assert.throws(() => audio.wav(), /not whole/);
    await audio.ended();
    const wav = readWav(new Uint8Array(audio.wav()));
    assert.equal(wav.sampleRate, tts.outputRate);
    assert.ok(wav.samples.length > tts.outputRate * 2, "several seconds of speech");
    assert.equal(audio.wav(), audio.wav(), "made into a file once");
    assert.equal(engine.calls, 1);
  });

  it("the same answer is synthesised once; a failed one is made again", async () => {
    const working = countingEngine();
    let engine: TtsEngine = countingEngine(new EspeakEngine({ ...tts, espeakBinary: "/nonexistent/espeak-ng" }));
    const cache = new AnswerAudioCache(() => engine, tts.outputRate, 5, new AbortController().signal);
    const failed = cache.audioFor(answer("Namaste"), "en");
    await ended(failed);
    assert.ok(failed.error, "the synthesiser cannot run");
    engine = working;
    const again = cache.audioFor(answer("Namaste"), "en");
    assert.notEqual(again, failed);
    await ended(again);
    assert.equal(again.error, undefined);
    assert.equal(cache.audioFor(answer("Namaste"), "en"), again);
    assert.equal(working.calls, 1);
  });

  it("the oldest answer is forgotten and its synthesis stopped when more are kept; closing stops every one", async () => {
    const engine = countingEngine();
    const closing = new AbortController();
    const cache = new AnswerAudioCache(() => engine, tts.outputRate, 1, closing.signal);
    const first = cache.audioFor(answer("First"), "en");
    const second = cache.audioFor(answer("Second"), "en");
    await ended(first);
    assert.equal(first.error?.name, "AbortError", "the forgotten one stopped");
    closing.abort();
    await ended(second);
    assert.equal(second.error?.name, "AbortError");
    assert.notEqual(cache.audioFor(answer("First"), "en"), first, "a forgotten answer is made again when asked for");
  });
});
