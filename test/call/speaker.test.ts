// The speaker: sentence-by-sentence synthesis into the media queue, barge-in flushing, what was heard.
import assert from "node:assert/strict";
import { describe, it, mock } from "node:test";
import { Speaker, heardPart, type AudioOut } from "../../src/call/index.js";
import { SentenceAhead } from "../../src/call/speaker.js";
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

  it("audio without words (the tone) stopped partway was heard as no words, and the call goes on", async () => {
    assert.equal(heardPart([], [1000], 500), "");
    const controller = new AbortController();
    const played = new Speaker(new FastOut(1), new WordTts(), 8000).play(new Int16Array(8000).fill(100), "", "en", controller.signal);
    await sleep(100);
    controller.abort();
    const r = await played;
    assert.equal(r.completed, false);
    assert.equal(r.heardText, "");
  });

  it("hands the media whole 20 ms frames while a sentence is being made (a part-frame would be padded with silence mid-word), the rest at its end", async () => {
    const made: number[] = [];
    const pieces: Int16Array[] = [];
    // a synthesiser whose pieces are no whole number of frames and come a little apart
    const tts: TtsEngine = {
      name: "uneven",
      async *synthesize() {
        for (let i = 0; i < 5; i++) {
          await sleep(2);
          const samples = Int16Array.from({ length: 250 }, (_, k) => 1000 + made.length + k);
          made.push(...samples);
          yield { samples, sampleRate: 8000 };
        }
      },
      async close() {},
    };
    const out: AudioOut = { play: (p) => void pieces.push(p), flush: () => 0, queuedMs: 0 };
    const r = await new Speaker(out, tts, 8000).say("One sentence.", "en", new AbortController().signal);
    assert.equal(r.completed, true);
    const lengths = pieces.map((p) => p.length);
    assert.ok(lengths.slice(0, -1).every((n) => n % 160 === 0), `pieces ${lengths.join(", ")}`);
    assert.deepEqual([...pieces.flatMap((p) => [...p])], made, "all of it, in order, once");
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

  it("a sentence synthesised ahead (the reply prepared at the pause) is played as it is made, not once the whole sentence is", async () => {
    let release!: () => void;
    const rest = new Promise<void>((resolve) => (release = resolve));
    // its first clause at once, the rest only when the test lets it
    const tts: TtsEngine = {
      name: "clauses",
      async *synthesize() {
        yield { samples: new Int16Array(1600).fill(100), sampleRate: 8000 };
        await rest;
        yield { samples: new Int16Array(1600).fill(200), sampleRate: 8000 };
      },
      async close() {},
    };
    const out = new FastOut(20);
    const signal = new AbortController().signal;
    const sentence = { text: "PM Kisan gives money to farmers, in three parts a year.", lang: "en" };
    const ahead = new SentenceAhead(sentence, tts, signal);
    const said = new Speaker(out, tts, 8000).say([sentence], "en", signal, ahead);
    await until(() => out.playedChunks > 0);
    release();
    const r = await said;
    assert.equal(r.completed, true);
    assert.equal(r.heardText, sentence.text);
  });

  it("a sentence synthesised ahead that fails partway fails the reply (the caller is not left with half a sentence)", async () => {
    const tts: TtsEngine = {
      name: "breaks",
      async *synthesize() {
        yield { samples: new Int16Array(1600).fill(100), sampleRate: 8000 };
        throw new Error("voice crashed");
      },
      async close() {},
    };
    const out = new FastOut(20);
    const signal = new AbortController().signal;
    const sentence = { text: "PM Kisan gives money.", lang: "en" };
    const ahead = new SentenceAhead(sentence, tts, signal);
    await assert.rejects(new Speaker(out, tts, 8000).say([sentence], "en", signal, ahead), /voice crashed/);
    assert.equal(out.queuedMs, 0, "what was queued of it is flushed");
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

  it("the synthesiser's lead-in silence is not sent: the reply starts 10 ms before its first sound", async () => {
    const out = new ManualOut();
    const leadIn: TtsEngine = {
      name: "lead-in",
      async *synthesize() {
        const samples = new Int16Array(8000).fill(3000);
        samples.fill(0, 0, 800); // 100 ms of silence first
        yield { samples, sampleRate: 8000 };
      },
      async close() {},
    };
    const speaker = new Speaker(out, leadIn, 8000);
    const said = speaker.say("Hello.", "en", new AbortController().signal);
    await settleAll();
    out.tick(2000);
    await said;
    assert.equal(out.heard.length, 8000 - 800 + 80);
    assert.ok(out.heard.slice(0, 80).every((v) => v === 0) && out.heard[80] === 3000);
  });

  it("pause flushes at once; resume carries on from the very sample the caller last heard, so every sample is heard once", async () => {
    mock.timers.enable({ apis: ["setTimeout"] });
    try {
      const out = new ManualOut();
      const { tts, speaker, said, step } = await sayingTwoSentences(out);
      await step(700);
      assert.equal(speaker.pause(), true);
      assert.equal(out.flushes, 1);
      assert.equal(out.queuedMs, 0, "nothing more reaches the caller");
      assert.equal(speaker.pause(), false, "already paused");
      await step(300);
      assert.equal(out.heard.length, 700 * 8, "silence while paused");
      assert.equal(speaker.resume(), true);
      await step(3000);
      const r = await said;
      assert.equal(r.completed, true);
      const expected = tts.made;
      assert.equal(out.heard.length, expected.length, "nothing skipped, nothing said twice");
      // the resumed audio fades in over 5 ms (40 samples); everything else is sample-exact
      const fadeFrom = 700 * 8;
      for (let i = 0; i < expected.length; i++) {
        if (i >= fadeFrom && i < fadeFrom + 40) assert.ok(Math.abs(out.heard[i]!) <= Math.abs(expected[i]!));
        else if (out.heard[i] !== expected[i]) assert.fail(`sample ${i}: ${out.heard[i]} != ${expected[i]}`);
      }
    } finally {
      mock.timers.reset();
    }
  });

  it("a sender that fell behind: the reply resumes where the sender's count says the caller was, not where this side's clock put them", async () => {
    mock.timers.enable({ apis: ["setTimeout"] });
    try {
      // this side's estimate runs 200 ms ahead of what the caller heard (the sender was held up)
      const out = new LaggingOut(200);
      const { tts, speaker, said, step } = await sayingTwoSentences(out);
      await step(700);
      assert.equal(speaker.pause(), true);
      await step(300);
      assert.equal(speaker.resume(), true);
      await step(3000);
      assert.equal((await said).completed, true);
      assert.equal(out.heard.length, tts.made.length, "nothing skipped, nothing said twice");
      const fadeFrom = 700 * 8;
      for (let i = 0; i < tts.made.length; i++) if ((i < fadeFrom || i >= fadeFrom + 40) && out.heard[i] !== tts.made[i]) assert.fail(`sample ${i}: ${out.heard[i]} != ${tts.made[i]}`);
    } finally {
      mock.timers.reset();
    }
  });

  it("stopped while paused, the reply counts as heard up to the pause, not to where synthesis had got", async () => {
    mock.timers.enable({ apis: ["setTimeout"] });
    try {
      const out = new ManualOut();
      const speaker = new Speaker(out, new RampTts(), 8000);
      const abort = new AbortController();
      const said = speaker.say("One two three four. Five six seven eight.", "en", abort.signal);
      await settleAll();
      out.tick(1500);
      speaker.pause();
      abort.abort();
      const r = await said;
      assert.equal(r.completed, false);
      assert.equal(r.heardText, "One two three four. Five six");
    } finally {
      mock.timers.reset();
    }
  });
});

/** A media queue that plays only when the test says so, keeping every sample the caller heard. */
class ManualOut implements AudioOut {
  private queue: number[] = [];
  readonly heard: number[] = [];
  flushes = 0;
  play(samples: Int16Array): void {
    for (const v of samples) this.queue.push(v);
  }
  flush(): number {
    const dropped = this.queue.length;
    this.queue = [];
    this.flushes++;
    return dropped;
  }
  get queuedMs(): number {
    return Math.ceil(this.queue.length / 160) * 20;
  }
  tick(ms: number): void {
    this.heard.push(...this.queue.splice(0, ms * 8));
  }
}

/**
 * A media queue whose queuedMs (this side's estimate) runs `aheadMs` ahead of what the caller heard, as when
 * the sender process was held up; its flush tells, a moment later, what really had not been heard.
 */
class LaggingOut extends ManualOut {
  constructor(private readonly aheadMs: number) {
    super();
  }
  override get queuedMs(): number {
    return Math.max(0, super.queuedMs - this.aheadMs);
  }
  override flush(onUnheard?: (unheardSamples: number) => void): number {
    const dropped = super.flush();
    setImmediate(() => onUnheard?.(dropped));
    return dropped;
  }
}

/** 250 ms of 8 kHz audio per word, every sample different (a ramp), so any skip or repeat shows. */
class RampTts implements TtsEngine {
  readonly name = "ramp";
  readonly made: number[] = [];
  async *synthesize(text: string | TextSegment[]): AsyncIterable<Frame> {
    const t = typeof text === "string" ? text : text.map((s) => s.text).join(" ");
    const samples = Int16Array.from({ length: 2000 * t.split(/\s+/).length }, (_, i) => ((this.made.length + i) % 20000) + 100);
    this.made.push(...samples);
    yield { samples, sampleRate: 8000 };
  }
  async close(): Promise<void> {}
}

/** Two sentences being said into `out` (fake timers on), and `step(ms)`: that much playout and time go by. */
async function sayingTwoSentences(out: ManualOut) {
  const tts = new RampTts();
  const speaker = new Speaker(out, tts, 8000);
  const said = speaker.say("One two three four. Five six seven eight.", "en", new AbortController().signal);
  await settleAll();
  const step = async (ms: number) => {
    for (let t = 0; t < ms; t += 20) {
      out.tick(20);
      mock.timers.tick(20);
      await settleAll();
    }
  };
  return { tts, speaker, said, step };
}

const settleAll = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};
