// The silence clock and a caller turn still being recognised: a caller who spoke over the end of a reply
// (or whose words the recogniser is slow to read, as it is under load) is not nudged while their words are
// on their way, and is answered. Under the flow's fake timers and clock (harness.ts).
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it, mock } from "node:test";
import { FIXED_PROMPTS } from "../../src/call/index.js";
import { ended, startFlow, toQuestions, type Harness } from "./harness.js";

/** The nudge was begun (its audio fetched), whether or not it has finished playing. */
const nudged = (h: Harness) => h.prompts.said.includes(FIXED_PROMPTS.nudge.en);

beforeEach(() => mock.timers.enable({ apis: ["setTimeout", "setInterval"] }));
afterEach(() => mock.timers.reset());

describe("call flow: silence while the caller's words are being recognised", () => {
  it("speech begun over the reply, its words read long after the reply ended: no nudge before them, and they are answered", async () => {
    const h = startFlow();
    await toQuestions(h);
    h.ears().startSpeaking();
    await h.advance(400);
    h.ears().finish("tell me the long answer");
    await h.until(() => h.flow.state === "RESPONDING" && h.call.queuedMs > 0);
    await h.advance(1000);
    // the second question, over the reply: it pauses, the recogniser is slow, the reply resumes and ends
    h.ears().startSpeaking();
    await h.advance(2000);
    h.ears().onsetEnd();
    await h.until(() => h.flow.state === "LISTENING" && h.call.queuedMs === 0);
    const replyEnded = h.now();
    // the recogniser reads the words well after the silence clock's nudge would have come
    await h.advance(h.config.call.silence.nudgeMs + 1000);
    assert.ok(!nudged(h), `no nudge while the caller's words were on their way (${h.now() - replyEnded} ms after the reply)`);
    h.ears().finish("what documents are needed");
    await h.until(() => h.dialogue.calls.length === 2 && h.flow.state === "LISTENING" && h.call.queuedMs === 0);
    assert.equal(h.dialogue.calls[1]?.text, "what documents are needed");
    // once answered, silence is counted again
    await h.advance(h.config.call.silence.nudgeMs + 100);
    assert.ok(nudged(h), "silence after the answer is nudged as ever");
    h.call.callerHangup();
    await ended(h);
  });

  it("sound that turns out to hold no words restarts the silence clock from there", async () => {
    const h = startFlow();
    await toQuestions(h);
    h.ears().startSpeaking();
    await h.advance(200);
    h.ears().onsetEnd();
    await h.advance(h.config.call.silence.nudgeMs + 1000);
    assert.ok(!nudged(h), "not while its words were awaited");
    h.ears().finish("");
    await h.advance(h.config.call.silence.nudgeMs - 100);
    assert.ok(!nudged(h));
    await h.advance(200);
    assert.ok(nudged(h), "nudged a whole nudgeMs after it was found to be no turn");
    h.call.callerHangup();
    await ended(h);
  });

  it("audio held up on its way (a loaded machine) is no silence: the nudge waits until nudgeMs of the caller's audio was heard, and words in it are answered", async () => {
    const h = startFlow();
    await toQuestions(h);
    h.call.callerAudioHeld = true;
    await h.advance(h.config.call.silence.nudgeMs + 1000);
    assert.ok(!nudged(h), "nothing of the caller was heard yet: no silence to nudge");
    // the first second of the held audio arrives, then the caller's question in it
    h.call.releaseCallerAudio(1000);
    h.ears().startSpeaking();
    h.call.releaseCallerAudio();
    await h.advance(400);
    h.ears().finish("what is pm kisan");
    await h.until(() => h.dialogue.calls.length === 1 && h.flow.state === "LISTENING" && h.call.queuedMs === 0);
    assert.ok(!nudged(h), "the caller was answered, not nudged");
    h.call.callerHangup();
    await ended(h);
  });

  it("audio that arrives late but is silence is nudged once nudgeMs of it was heard", async () => {
    const h = startFlow();
    await toQuestions(h);
    const from = h.now();
    h.call.callerAudioHeld = true;
    await h.advance(3000);
    // 1 s of it arrives; 2 s are still owed
    h.call.releaseCallerAudio(1000);
    await h.advance(h.config.call.silence.nudgeMs - 3000 + 1000);
    assert.ok(!nudged(h), `only 1000 ms of the caller's audio heard after ${h.now() - from} ms`);
    h.call.releaseCallerAudio();
    await h.advance(100);
    assert.ok(nudged(h), "nudged once nudgeMs of silence was heard");
    h.call.callerHangup();
    await ended(h);
  });

  it("a line whose audio stopped coming altogether is still nudged, at most nudgeMs late, and ends in silence's goodbye", async () => {
    const h = startFlow();
    await toQuestions(h);
    const from = h.now();
    h.call.callerAudioHeld = true;
    await h.until(() => nudged(h), 3 * h.config.call.silence.nudgeMs);
    assert.ok(h.now() - from <= 2 * h.config.call.silence.nudgeMs + 40, `nudged after ${h.now() - from} ms`);
    const record = await ended(h);
    assert.equal(record.outcome, "silence");
  });
});
