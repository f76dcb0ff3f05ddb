// Try-a-question's audio with the real espeak-ng: sent from its first sentence on (the same bytes as the
// whole file but for the header's sizes), one synthesis per distinct answer, a failed one made again, the
// oldest forgotten and stopped when too many are kept, every synthesis stopped when the console closes.
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

async function ended(audio: AnswerAudio): Promise<void> {
  try {
    for await (const _ of audio.samples());
  } catch {
    /* its error is in audio.error */
  }
}

async function bytesOf(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part);
  return Buffer.concat(parts);
}

describe("try-a-question's audio", () => {
  it("is sent from the first sentence on, and the stream carries the whole answer's samples", async () => {
    const engine = countingEngine();
    const cache = new AnswerAudioCache(() => engine, tts.outputRate, 5, new AbortController().signal);
    const audio = cache.audioFor(answer("Hello"), "en");
    await audio.started();
    assert.equal(audio.done, false, "there is audio to send before the answer is whole");
    const streamed = await bytesOf(audio.stream());
    assert.equal(audio.done, true);
    const whole = audio.wav();
    assert.equal(streamed.readUInt32LE(40), 0xffffffff, "the streamed header leaves the length open");
    assert.deepEqual(streamed.subarray(44), whole.subarray(44));
    const wav = readWav(new Uint8Array(whole));
    assert.equal(wav.sampleRate, tts.outputRate);
    assert.ok(wav.samples.length > tts.outputRate * 2, "several seconds of speech");
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
