// A reply prepared at the caller's pause (src/call/preemptive.ts), on the fake call of harness.ts: played at
// once when the utterance ends there with the same words; dropped without a trace when the caller goes on,
// the words differ, the conversation moved meanwhile, or the call ends.
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it, mock } from "node:test";
import type { DialogueContext, Utterance } from "../../src/dialogue/index.js";
import { FAKE_ENDPOINT_MS, ended, saidActions as said, startFlow, toQuestions, type Harness } from "./harness.js";

beforeEach(() => mock.timers.enable({ apis: ["setTimeout", "setInterval"] }));
afterEach(() => mock.timers.reset());

/** How long the scripted dialogue takes to reply here: longer than a packet, shorter than the filler. */
const DIALOGUE_MS = 300;
const PM_KISAN = "PM Kisan gives six thousand rupees a year to farmer families.";
const LONG_FIRST = "Sentence number 1 of a long answer about the scheme.";

/** The signal each dialogue call was given, in order. */
function watchSignals(h: Harness): AbortSignal[] {
  const signals: AbortSignal[] = [];
  const respond = h.dialogue.respond.bind(h.dialogue);
  h.dialogue.respond = (u: Utterance, ctx: DialogueContext, signal?: AbortSignal) => {
    signals.push(signal!);
    return respond(u, ctx);
  };
  return signals;
}

/** A call at its questions with a dialogue that takes DIALOGUE_MS, and the signals the dialogue is given from then on. */
async function slowDialogueCall(overrides?: Record<string, unknown>): Promise<{ h: Harness; signals: AbortSignal[] }> {
  const h = startFlow(overrides ? { overrides } : {});
  h.dialogue.delayMs = DIALOGUE_MS;
  await toQuestions(h);
  return { h, signals: watchSignals(h) };
}

/** The caller speaks for 400 ms and pauses: the recogniser has read `text` so far. */
async function speakAndPause(h: Harness, text: string): Promise<void> {
  h.ears().startSpeaking();
  await h.advance(400);
  h.ears().pause(text);
}

const turn = (h: Harness, action: string) => h.flow.turns.find((t) => t.action === action);

describe("a reply prepared at the caller's pause", () => {
  it("plays within a packet of the endpoint's decision when the utterance ends on the pause's words, committed once", async () => {
    const { h } = await slowDialogueCall();
    await speakAndPause(h, "what is pm kisan");
    await h.advance(FAKE_ENDPOINT_MS);
    h.ears().finish("what is pm kisan");
    await h.until(() => said(h).includes("answer"));
    const question = turn(h, "question")!.timings;
    const answer = turn(h, "answer")!;
    assert.equal(answer.text, PM_KISAN);
    assert.ok(answer.timings.firstAudioMs! - question.recogniserFinalMs! <= 20, `first packet ${answer.timings.firstAudioMs! - question.recogniserFinalMs!} ms after the final result (the dialogue takes ${DIALOGUE_MS} ms)`);
    assert.equal(h.dialogue.calls.length, 1, "the dialogue ran once, at the pause");
    assert.equal(h.tts.said.filter((t) => t === PM_KISAN).length, 1, "its first sentence was synthesised once");
    assert.equal(h.flow.ctx.turn, 1, "the conversation took the turn once");
    assert.equal(h.flow.ctx.lastReply?.text, PM_KISAN);
    await h.until(() => h.flow.state === "LISTENING" && h.call.queuedMs === 0);
    // the next question builds on the committed conversation
    h.ears().startSpeaking();
    await h.advance(400);
    h.ears().finish("and the long version");
    await h.until(() => h.dialogue.calls.length === 2);
    assert.equal(h.dialogue.lastReplySeen[1], PM_KISAN);
    h.call.callerHangup();
    await ended(h);
  });

  it("is dropped when the caller goes on: the answer is to the whole question, with no trace of the one prepared", async () => {
    const { h, signals } = await slowDialogueCall();
    await speakAndPause(h, "what is pm kisan");
    // the prepared reply is ready and its first sentence made before the caller goes on
    await h.advance(DIALOGUE_MS + 60);
    assert.ok(h.tts.said.includes(PM_KISAN), "the first sentence was synthesised at the pause");
    const packetsBefore = h.call.packetsAt.length;
    h.ears().startSpeaking();
    assert.equal(signals[0]?.aborted, true, "the preparation was stopped as the caller went on");
    await h.advance(600);
    h.ears().finish("what is pm kisan the long version");
    const finishedAt = h.now();
    await h.until(() => said(h).includes("answer"));
    const answer = turn(h, "answer")!;
    assert.equal(answer.text.split(". ")[0] + ".", LONG_FIRST);
    assert.equal(h.dialogue.calls.at(-1)?.text, "what is pm kisan the long version");
    assert.equal(h.dialogue.lastReplySeen.at(-1), undefined, "the full question was answered on the conversation as it was before the pause");
    assert.equal(h.flow.ctx.turn, 1, "one turn committed");
    assert.ok(!h.flow.turns.some((t) => t.text === PM_KISAN), "the prepared reply is not in the record");
    assert.ok(h.call.packetsAt.slice(packetsBefore).every((at) => at > finishedAt + DIALOGUE_MS), "nothing was played before the answer");
    assert.equal(signals.length, 2);
    h.call.callerHangup();
    await ended(h);
  });

  it("is dropped when the final result reads other words, and answered afresh", async () => {
    const { h, signals } = await slowDialogueCall();
    await speakAndPause(h, "what is pm kisan");
    await h.advance(FAKE_ENDPOINT_MS);
    h.ears().finish("what is the long one");
    assert.equal(signals[0]?.aborted, true);
    await h.until(() => said(h).includes("answer"));
    assert.equal(turn(h, "answer")!.text.split(". ")[0] + ".", LONG_FIRST);
    assert.equal(h.flow.ctx.turn, 1);
    assert.ok(!h.flow.turns.some((t) => t.text === PM_KISAN));
    h.call.callerHangup();
    await ended(h);
  });

  it("is not used when the conversation moved after the pause (a reply cut short meanwhile): the turn is answered on the conversation as it is", async () => {
    const h = startFlow();
    await toQuestions(h);
    // a long answer playing; the caller talks over it and pauses while it still plays
    h.ears().startSpeaking();
    await h.advance(400);
    h.ears().finish("tell me the long one");
    await h.until(() => h.flow.state === "RESPONDING" && h.call.queuedMs > 0);
    await h.advance(1000);
    h.ears().pause("what is pm kisan");
    await h.advance(FAKE_ENDPOINT_MS);
    h.ears().finish("what is pm kisan");
    await h.until(() => h.flow.turns.filter((t) => t.action === "answer").length === 2);
    // the dialogue saw the long answer as the caller heard it (cut short), not as it was when the pause came
    const seen = h.dialogue.lastReplySeen.at(-1)!;
    assert.ok(seen.length < h.dialogue.contexts[0]!.lastReply!.text.length, `the reply the last turn was answered on is the heard part: "${seen}"`);
    assert.equal(h.flow.ctx.lastReply?.text, PM_KISAN);
    h.call.callerHangup();
    await ended(h);
  });

  it("over a reply the caller interrupted: prepared on the conversation keeping only what they heard of it, and used", async () => {
    const { h } = await slowDialogueCall();
    h.ears().startSpeaking();
    await h.advance(400);
    h.ears().finish("tell me the long one");
    await h.until(() => h.flow.state === "RESPONDING" && h.call.queuedMs > 0);
    await h.advance(1500);
    // the caller talks over it (the reply pauses at their first sound) and pauses
    await speakAndPause(h, "what is pm kisan");
    await h.advance(FAKE_ENDPOINT_MS);
    h.ears().finish("what is pm kisan");
    await h.until(() => h.flow.turns.filter((t) => t.action === "answer").length === 2);
    assert.equal(h.dialogue.calls.length, 2, "the second question was answered at the pause, once");
    const heard = h.dialogue.lastReplySeen[1]!;
    assert.ok(heard.length > 0 && heard.length < h.dialogue.contexts[0]!.lastReply!.text.length, `answered on what the caller heard of the long reply: "${heard}"`);
    assert.equal(h.flow.turns.find((t) => t.action === "answer" && t.interrupted)?.text, heard, "the record and the conversation agree on what was heard");
    const question = h.flow.turns.filter((t) => t.action === "question")[1]!.timings;
    const answer = h.flow.turns.filter((t) => t.action === "answer")[1]!;
    assert.equal(answer.text, PM_KISAN);
    assert.ok(answer.timings.firstAudioMs! - question.recogniserFinalMs! <= 20, `first packet ${answer.timings.firstAudioMs! - question.recogniserFinalMs!} ms after the final result`);
    h.call.callerHangup();
    await ended(h);
  });

  it("is released when the caller hangs up while it is being prepared", async () => {
    const { h, signals } = await slowDialogueCall();
    await speakAndPause(h, "what is pm kisan");
    await h.advance(100);
    h.call.callerHangup();
    const record = await ended(h);
    assert.equal(signals[0]?.aborted, true);
    assert.ok(!record.turns.some((t) => t.role === "sahayak" && t.action === "answer"));
    assert.equal(h.flow.ctx.turn, 0, "nothing was committed");
  });

  it("is not prepared when switched off (call.preemptiveReply: false)", async () => {
    const { h } = await slowDialogueCall({ call: { preemptiveReply: false } });
    await speakAndPause(h, "what is pm kisan");
    await h.advance(FAKE_ENDPOINT_MS);
    assert.equal(h.dialogue.calls.length, 0);
    h.ears().finish("what is pm kisan");
    await h.until(() => said(h).includes("answer"));
    const question = turn(h, "question")!.timings;
    assert.ok(turn(h, "answer")!.timings.firstAudioMs! - question.recogniserFinalMs! >= DIALOGUE_MS);
    h.call.callerHangup();
    await ended(h);
  });
});
