// The listener's adaptive end of turn (endAtPause): a pause whose words the call judged a whole request ends
// completeDelayMs after the sound stopped; any other waits minDelayMs; a caller who goes on is heard whole.
// The VAD and recogniser are fakes that the test drives frame by frame: stream time is the audio's, so the
// times are exact.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SpeechListener, type QuietSpell, type Utterance } from "../../src/speech/listener.js";
import type { AsrStream } from "../../src/speech/asr/types.js";
import type { VadEvent, VadStream } from "../../src/speech/vad/index.js";
import { testConfig } from "../helpers.js";

const FRAME_MS = 20;
const endpoint = testConfig("/tmp/unused").speech.endpoint;

/** A VAD that reports what the test scripts at each stream time. */
class ScriptedVad {
  timeMs = 0;
  /** Whether the VAD's speech segment is open (its minSilenceMs not yet passed). */
  isSpeech = false;
  readonly script = new Map<number, VadEvent[]>();
  accept(samples: Int16Array): VadEvent[] {
    this.timeMs += (samples.length / 8000) * 1000;
    return this.script.get(this.timeMs) ?? [];
  }
  preSpeech(): Int16Array {
    return new Int16Array(0);
  }
  release(): void {}
}

function setup(text: string) {
  const vad = new ScriptedVad();
  const asr: AsrStream = {
    lang: "en",
    accept() {},
    partial: async () => ({ text, confidence: 0.9, alternatives: [], endpoint: false, isFinal: false }),
    finish: async () => ({ text, confidence: 0.9, alternatives: [], endpoint: true, isFinal: true }),
    reset() {},
    dispose() {},
  };
  const utterances: Utterance[] = [];
  const quiets: QuietSpell[] = [];
  const starts: number[] = [];
  const listener = new SpeechListener(vad as unknown as VadStream, asr, endpoint, 8000, { speechStart: (t) => starts.push(t), quiet: (q) => quiets.push(q), utterance: (u) => utterances.push(u) });
  const frame = new Int16Array((8000 * FRAME_MS) / 1000);
  /** Feeds audio up to stream time `ms`, letting the recogniser's promises settle after each frame. */
  const until = async (ms: number) => {
    while (vad.timeMs < ms) {
      listener.accept(frame);
      for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
    }
  };
  return { vad, listener, utterances, quiets, starts, until };
}

/** Speech from 100 ms, its sound stopping at 1000 ms (told at once, as the onset watch does). */
const SOUND_STOPS_MS = 1000;
function speakUntilPause(s: ReturnType<typeof setup>): void {
  s.vad.script.set(100, [{ type: "speech_start", timeMs: 100 }]);
  s.vad.isSpeech = true;
  s.vad.script.set(SOUND_STOPS_MS, [{ type: "onset_end", timeMs: SOUND_STOPS_MS }]);
}

describe("listener: the end of a turn judged whole at its pause", () => {
  it("the default waits less for a whole request than minDelayMs", () => {
    assert.ok(endpoint.completeDelayMs < endpoint.minDelayMs, `${endpoint.completeDelayMs} < ${endpoint.minDelayMs}`);
  });

  it("ends completeDelayMs after the sound stopped when the pause is judged whole before then", async () => {
    const s = setup("what is pm kisan");
    speakUntilPause(s);
    await s.until(SOUND_STOPS_MS + 60);
    assert.equal(s.quiets.length, 1);
    s.listener.endAtPause(s.quiets[0]!.atMs);
    await s.until(SOUND_STOPS_MS + endpoint.minDelayMs + 100);
    assert.equal(s.utterances.length, 1);
    assert.equal(s.utterances[0]!.endOfSpeechMs, SOUND_STOPS_MS);
    assert.equal(s.utterances[0]!.decidedAtMs, SOUND_STOPS_MS + endpoint.completeDelayMs);
  });

  it("ends at once when judged whole after completeDelayMs has passed", async () => {
    const s = setup("what is pm kisan");
    speakUntilPause(s);
    const judgedAt = SOUND_STOPS_MS + endpoint.completeDelayMs + 80;
    await s.until(judgedAt);
    s.listener.endAtPause(s.quiets[0]!.atMs);
    await s.until(judgedAt + 20);
    assert.equal(s.utterances[0]?.decidedAtMs, judgedAt);
  });

  it("a pause not judged whole waits minDelayMs, as before", async () => {
    const s = setup("what is pm kisan for the");
    speakUntilPause(s);
    await s.until(SOUND_STOPS_MS + endpoint.minDelayMs + 100);
    assert.equal(s.utterances.length, 1);
    assert.equal(s.utterances[0]!.decidedAtMs, SOUND_STOPS_MS + endpoint.minDelayMs);
  });

  it("a caller who goes on after a pause judged whole is heard to the end of their next pause, which waits minDelayMs", async () => {
    const s = setup("what is pm kisan");
    speakUntilPause(s);
    await s.until(SOUND_STOPS_MS + 60);
    const early = s.quiets[0]!.atMs;
    // they speak again before completeDelayMs: the judgement was for a pause that is over
    s.vad.script.set(SOUND_STOPS_MS + 100, [{ type: "onset", timeMs: SOUND_STOPS_MS + 100 }]);
    s.listener.endAtPause(early);
    s.vad.script.set(2000, [{ type: "onset_end", timeMs: 2000 }]);
    await s.until(2000 + endpoint.minDelayMs + 100);
    assert.equal(s.utterances.length, 1);
    assert.equal(s.utterances[0]!.decidedAtMs, 2000 + endpoint.minDelayMs);
    // a judgement of the first pause that arrives late changes nothing either
    const late = setup("what is pm kisan");
    speakUntilPause(late);
    late.vad.script.set(SOUND_STOPS_MS + 100, [{ type: "onset", timeMs: SOUND_STOPS_MS + 100 }]);
    late.vad.script.set(2000, [{ type: "onset_end", timeMs: 2000 }]);
    await late.until(2000 + 40);
    late.listener.endAtPause(late.quiets[0]!.atMs);
    await late.until(2000 + endpoint.minDelayMs + 100);
    assert.equal(late.utterances[0]!.decidedAtMs, 2000 + endpoint.minDelayMs);
  });

  it("a caller who goes on after the turn ended there, while the VAD's segment is still open (no new speech_start), starts the next utterance at their first sound", async () => {
    const s = setup("what is pm kisan");
    speakUntilPause(s);
    await s.until(SOUND_STOPS_MS + 60);
    s.listener.endAtPause(s.quiets[0]!.atMs);
    await s.until(SOUND_STOPS_MS + endpoint.completeDelayMs + 20);
    assert.equal(s.utterances.length, 1);
    // the VAD waits its longer minSilenceMs: its segment goes on through the caller's next words
    const resumeMs = SOUND_STOPS_MS + endpoint.completeDelayMs + 100;
    s.vad.script.set(resumeMs, [{ type: "onset", timeMs: resumeMs }]);
    s.vad.script.set(3000, [{ type: "onset_end", timeMs: 3000 }]);
    await s.until(3000 + endpoint.minDelayMs + 100);
    assert.deepEqual(s.starts, [100, resumeMs]);
    assert.equal(s.utterances.length, 2, "the words after the pause are an utterance of their own, as when a caller goes on after any turn");
    assert.equal(s.utterances[1]!.startMs, resumeMs);
    assert.equal(s.utterances[1]!.decidedAtMs, 3000 + endpoint.minDelayMs);
  });
});
