// The speaker: sentence-by-sentence synthesis into the media queue, barge-in flushing, what was heard.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Speaker, heardPart, type AudioOut } from "../../src/call/index.js";
import { EspeakEngine } from "../../src/speech/tts/index.js";
import type { Frame } from "../../src/audio/index.js";
import type { TextSegment, TtsEngine } from "../../src/speech/tts/types.js";
import { sleep, testConfig, until } from "../helpers.js";

/** A media queue that plays `speed` times faster than real time, so tests stay short. */
class FastOut implements AudioOut {
  private queuedAudioMs = 0;
  private since = performance.now();
  flushes = 0;
  playedChunks = 0;
  constructor(private readonly speed: number) {}
  private drain(): void {
    const now = performance.now();
    this.queuedAudioMs = Math.max(0, this.queuedAudioMs - (now - this.since) * this.speed);
    this.since = now;
  }
  play(samples: Int16Array): void {
    this.drain();
    this.queuedAudioMs += samples.length / 8;
    this.playedChunks++;
  }
  flush(): number {
    this.drain();
    const dropped = this.queuedAudioMs;
    this.queuedAudioMs = 0;
    this.flushes++;
    return dropped;
  }
  get queuedMs(): number {
    this.drain();
    return Math.ceil(this.queuedAudioMs / 20) * 20;
  }
}

/** 250 ms of 8 kHz audio per word, made after a short delay, per sentence. */
class WordTts implements TtsEngine {
  readonly name = "words";
  readonly asked: string[] = [];
  async *synthesize(text: string | TextSegment[], lang: string, signal?: AbortSignal): AsyncIterable<Frame> {
    const t = typeof text === "string" ? text : text.map((s) => s.text).join(" ");
    this.asked.push(`${lang}:${t}`);
    await sleep(5);
    if (signal?.aborted) return;
    yield { samples: new Int16Array(2000 * t.split(/\s+/).length).fill(100), sampleRate: 8000 };
  }
  async close(): Promise<void> {}
}

describe("speaker", () => {
  it("heardPart keeps whole sentences and the share of the cut one", () => {
    const s = ["One two three four.", "Five six seven eight.", "Nine ten."];
    const ends = [1000, 2000, 2500];
    assert.equal(heardPart(s, ends, 0), "");
    assert.equal(heardPart(s, ends, 1000), "One two three four.");
    assert.equal(heardPart(s, ends, 1500), "One two three four. Five six");
    assert.equal(heardPart(s, ends, 2500), s.join(" "));
  });

  it("synthesises sentence by sentence in each segment's language and plays to the end", async () => {
    const tts = new WordTts();
    const out = new FastOut(20);
    const speaker = new Speaker(out, tts, 8000);
    const r = await speaker.say([{ text: "Namaste. PM Kisan gives money.", lang: "hi" }, { text: "Apply at the CSC.", lang: "en" }], "hi", new AbortController().signal);
    assert.deepEqual(tts.asked, ["hi:Namaste.", "hi:PM Kisan gives money.", "en:Apply at the CSC."]);
    assert.equal(r.completed, true);
    assert.equal(r.heardText, "Namaste. PM Kisan gives money. Apply at the CSC.");
    assert.equal(out.queuedMs, 0);
    assert.ok(r.firstAudioMs !== undefined && r.firstAudioMs < 100);
  });

  it("barge-in flushes at once and keeps only what was heard", async () => {
    const tts = new WordTts();
    const out = new FastOut(10); // 1 s of audio plays in 100 ms
    const speaker = new Speaker(out, tts, 8000);
    const abort = new AbortController();
    const text = "One two three four. Five six seven eight. Nine ten eleven twelve.";
    const pending = speaker.say(text, "en", abort.signal);
    await until(() => tts.asked.length === 3);
    await sleep(150); // about 1.5 s of the 3 s reply played
    abort.abort();
    const r = await pending;
    assert.equal(r.completed, false);
    assert.equal(out.flushes, 1);
    assert.equal(out.queuedMs, 0);
    assert.ok(r.heardText.startsWith("One two three four."), r.heardText);
    assert.ok(!r.heardText.includes("Nine"), r.heardText);
  });

  it("stops synthesising when stopped before the audio is made", async () => {
    const tts = new WordTts();
    const out = new FastOut(10);
    const abort = new AbortController();
    const pending = new Speaker(out, tts, 8000).say("First. Second. Third.", "en", abort.signal);
    abort.abort();
    const r = await pending;
    assert.equal(r.heardText, "");
    assert.ok(tts.asked.length <= 1);
    assert.equal(out.playedChunks, 0);
  });

  it("speaks with espeak-ng at the telephone rate", async () => {
    const out = new FastOut(50);
    const espeak = new EspeakEngine(testConfig("/tmp/unused").speech.tts);
    const r = await new Speaker(out, espeak, 8000).say("Welcome to Sahayak. Please ask your question.", "en", new AbortController().signal);
    assert.equal(r.completed, true);
    assert.ok(out.playedChunks >= 2);
    assert.ok(r.firstAudioMs !== undefined && r.firstAudioMs < 2000);
  });
});
