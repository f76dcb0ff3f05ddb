// The adaptive end of turn (src/call/turn-complete.ts, flow.ts): words heard at the caller's pause that make
// a whole request end the turn as soon as the reply prepared on them is ready (the listener then waits only
// speech.endpoint.completeDelayMs, listener-complete.test.ts); words that announce more, a reply that asks
// back, or an unsure reading wait the full minDelayMs, as before. On the fake call of harness.ts.
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it, mock } from "node:test";
import type { Reply } from "../../src/dialogue/index.js";
import { endsOpen, turnComplete } from "../../src/call/turn-complete.js";
import { ended, startFlow, toQuestions, type Harness } from "./harness.js";

beforeEach(() => mock.timers.enable({ apis: ["setTimeout", "setInterval"] }));
afterEach(() => mock.timers.reset());

/** How long the scripted dialogue takes to reply: well within the endpoint's wait. */
const DIALOGUE_MS = 120;

/** The caller speaks for 400 ms and pauses with `text` heard; resolves `waitMs` later with what the call judged. */
async function pauseOn(h: Harness, text: string, confidence = 0.9, waitMs = h.config.speech.endpoint.minDelayMs): Promise<{ atMs: number; judgedAt: number }[]> {
  h.ears().startSpeaking();
  await h.advance(400);
  h.ears().pause(text, [], confidence);
  await h.advance(waitMs);
  return h.ears().endedAtPause;
}

async function atQuestions(): Promise<Harness> {
  const h = startFlow();
  h.dialogue.delayMs = DIALOGUE_MS;
  await toQuestions(h);
  return h;
}

describe("whether the words at a pause make a whole request", () => {
  it("words ending on a conjunction, preposition, postposition or article announce more, in English, Hindi and romanised Hindi", () => {
    for (const open of ["what is pm kisan for the", "pm kisan ke liye aur", "पीएम किसान के लिए और", "tell me about", "eligibility of", "um"]) assert.ok(endsOpen(open), open);
    for (const whole of ["what is pm kisan", "pm kisan kya hai", "पीएम किसान क्या है", "what documents do I need"]) assert.ok(!endsOpen(whole), whole);
  });

  it("a reply that settles the request, at ordinary confidence, on words that do not announce more", () => {
    const reply = (action: Reply["action"], schemeIds: string[] = []) => ({ text: "", lang: "en", segments: [], action, intent: "overview", schemeIds, source: "composed" }) as Reply;
    const utterance = { text: "what is pm kisan", lang: "en" as const, confidence: 0.9 };
    assert.ok(turnComplete({ utterance, reply: reply("answer") }, 0.6));
    assert.ok(turnComplete({ utterance, reply: reply("out_of_scope") }, 0.6), "a refusal settles it");
    for (const asksBack of ["clarify", "confirm", "repeat", "help", "greet"] as const) assert.ok(!turnComplete({ utterance, reply: reply(asksBack) }, 0.6), asksBack);
    assert.ok(turnComplete({ utterance, reply: reply("clarify", ["pmay-g", "pmay-u"]) }, 0.6), "a choice of schemes by name settles it");
    assert.ok(turnComplete({ utterance, reply: reply("confirm", ["apy"]) }, 0.6), "so does 'did you mean' one scheme");
    assert.ok(!turnComplete({ utterance, reply: reply("clarify", ["apy"]) }, 0.6), "a question back on one scheme still waits");
    assert.ok(!turnComplete({ utterance: { ...utterance, confidence: 0.4 }, reply: reply("clarify", ["pmay-g", "pmay-u"]) }, 0.6), "an unsure reading waits, choice or not");
    assert.ok(!turnComplete({ utterance: { ...utterance, confidence: 0.4 }, reply: reply("answer") }, 0.6), "an unsure reading waits");
    assert.ok(!turnComplete({ utterance: { ...utterance, text: "what is pm kisan for the" }, reply: reply("answer") }, 0.6));
  });
});

describe("a call ends the turn at a whole request's pause", () => {
  it("a whole question: judged as soon as the prepared reply is ready, well before minDelayMs; an incomplete one never", async () => {
    const h = await atQuestions();
    const judged = await pauseOn(h, "what is pm kisan");
    assert.equal(judged.length, 1, "the pause was judged a whole request");
    const { atMs, judgedAt } = judged[0]!;
    assert.ok(judgedAt - atMs < h.config.speech.endpoint.minDelayMs, `judged ${judgedAt - atMs} ms after the sound stopped`);
    assert.ok(judgedAt - atMs >= DIALOGUE_MS, "not before the reply was ready");
    h.ears().finish("what is pm kisan");
    await h.until(() => h.flow.turns.some((t) => t.action === "answer"));
    await h.until(() => h.flow.state === "LISTENING" && h.call.queuedMs === 0);
    // the caller's next question ends on words that announce more: the turn waits the full delay
    const before = judged.length;
    for (const open of ["what is pm kisan for the", "pm kisan ke liye aur"]) {
      await pauseOn(h, open, 0.9, h.config.speech.endpoint.maxDelayMs);
      assert.equal(h.ears().endedAtPause.length, before, `"${open}" was not judged whole`);
      assert.ok(h.dialogue.calls.some((c) => c.text === open), `a reply was still prepared on "${open}"`);
      h.ears().finish(open + " farmers");
      await h.until(() => h.flow.state === "LISTENING" && h.call.queuedMs === 0);
    }
    h.call.callerHangup();
    await ended(h);
  });

  it("a reply that asks back with no scheme to pick, or an unsure reading, waits the full delay; a choice of schemes does not", async () => {
    const h = await atQuestions();
    await pauseOn(h, "i have a question about some scheme");
    assert.equal(h.ears().endedAtPause.length, 0, "a question back naming no scheme is no whole request");
    h.ears().finish("i have a question about some scheme");
    await h.until(() => h.flow.turns.some((t) => t.action === "clarify"));
    await h.until(() => h.flow.state !== "CLARIFYING" && h.call.queuedMs === 0);
    await pauseOn(h, "tell me about kisan yojana");
    assert.equal(h.ears().endedAtPause.length, 1, "a choice of schemes by name is offered at the pause");
    h.ears().finish("tell me about kisan yojana");
    await h.until(() => h.flow.turns.filter((t) => t.action === "clarify").length === 2);
    await h.until(() => h.flow.state !== "CLARIFYING" && h.call.queuedMs === 0);
    await pauseOn(h, "what is pm kisan", h.config.call.minConfidence - 0.2);
    assert.equal(h.ears().endedAtPause.length, 1, "a reading below minConfidence is no whole request");
    h.call.callerHangup();
    await ended(h);
  });

  it("a caller who goes on before the reply is ready is not cut off: nothing is judged", async () => {
    const h = await atQuestions();
    h.ears().startSpeaking();
    await h.advance(400);
    h.ears().pause("what is pm kisan");
    await h.advance(DIALOGUE_MS / 2);
    h.ears().startSpeaking();
    await h.advance(DIALOGUE_MS * 2);
    assert.equal(h.ears().endedAtPause.length, 0);
    h.call.callerHangup();
    await ended(h);
  });
});
