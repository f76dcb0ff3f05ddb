// The log lines an operator reads for each call (issue 18): one "caller turn" or "reply" line per turn with
// its timings, action, scheme ids and confidence, and one "call ended" line per call with its outcome,
// duration, turns, language and mode; each with the call id, none with the caller's number or any words
// said, by the caller or by Sahayak.
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { afterEach, beforeEach, describe, it, mock } from "node:test";
import { CallFlowHandler } from "../../src/call/handler.js";
import { observeCall } from "../../src/call/observe.js";
import { createLogger } from "../../src/ops/log.js";
import { ask, ended, FakeCall, saidActions, startFlow, toQuestions } from "./harness.js";

beforeEach(() => mock.timers.enable({ apis: ["setTimeout", "setInterval"] }));
afterEach(() => mock.timers.reset());

const CALL_ID = "1796305113.77";
const CALLER = "+919812345678";
type Line = Record<string, unknown> & { msg: string; callId?: string; timings?: Record<string, number> };

describe("call and turn log lines", () => {
  it("a speech call logs each turn and its end with the operator's fields, and no number or words", async () => {
    const out: string[] = [];
    const log = createLogger("info", new Writable({ write: (chunk, _e, done) => (out.push(String(chunk)), done()) }) as never);
    const h = startFlow({ log, callId: CALL_ID, callerNumber: CALLER });
    await toQuestions(h);
    await ask(h, "what is pm kisan, money to account 50100123456789", 0.83);
    await h.until(() => saidActions(h).includes("answer") && h.flow.state === "LISTENING" && h.call.queuedMs === 0);
    await ask(h, "that's all, bye", 0.91);
    const record = await ended(h);
    observeCall(record, log); // what the call handler does with each ended call's record

    const lines = out.join("").trim().split("\n").map((l) => JSON.parse(l) as Line);
    const callerTurns = lines.filter((l) => l.msg === "caller turn");
    const replies = lines.filter((l) => l.msg === "reply");
    const ends = lines.filter((l) => l.msg === "call ended");

    // the opening's key press, then the two questions
    assert.equal(callerTurns.length, record.turns.filter((t) => t.role === "caller").length);
    assert.equal(callerTurns[0]!.input, "key");
    assert.deepEqual(callerTurns.filter((l) => l.input === "speech").map((l) => [l.action, l.lang, l.confidence]), [["question", "en", 0.83], ["question", "en", 0.91]]);
    const question = callerTurns.find((l) => l.confidence === 0.83);
    assert.ok(question, "the question's line carries the recogniser's confidence");
    assert.equal(question.callId, CALL_ID);
    assert.equal(typeof question.turn, "number");
    assert.ok(typeof question.timings?.endOfSpeechMs === "number" && typeof question.timings.recogniserFinalMs === "number", JSON.stringify(question));

    const answer = replies.find((l) => l.action === "answer");
    assert.ok(answer, JSON.stringify(replies.map((l) => l.action)));
    assert.equal(answer.callId, CALL_ID);
    assert.deepEqual(answer.schemeIds, ["pm-kisan"]);
    assert.equal(answer.lang, "en");
    for (const timing of ["replyReadyMs", "firstAudioMs", "voiceToVoiceMs"]) assert.equal(typeof answer.timings?.[timing], "number", `${timing} in ${JSON.stringify(answer)}`);
    assert.ok(replies.some((l) => l.action === "end"), "the goodbye has its line");
    assert.ok(lines.filter((l) => l.msg === "caller turn" || l.msg === "reply").every((l) => l.callId === CALL_ID && l.level === 30), "every turn line is info, with the call id");

    assert.equal(ends.length, 1, "one line per call");
    const end = ends[0]!;
    assert.deepEqual({ callId: end.callId, outcome: end.outcome, lang: end.lang, mode: end.mode, turns: end.turns, durationMs: end.durationMs, level: end.level }, { callId: CALL_ID, outcome: "goodbye", lang: "en", mode: "speech", turns: record.turns.length, durationMs: record.durationMs, level: 30 });
    assert.ok(record.durationMs > 0);

    const text = out.join("");
    for (const secret of [CALLER, "9812345678", "50100123456789", "what is pm kisan", "that's all", "PM Kisan gives", "Thank you for calling"]) assert.ok(!text.includes(secret), `"${secret}" in the log:\n${text}`);
    for (const turn of record.turns) if (turn.text.length > 3) assert.ok(!text.includes(turn.text), `a turn's words in the log: "${turn.text}"`);
  });

  it("the call handler writes the call's line to the services' log as the call ends", async () => {
    const out: string[] = [];
    const log = createLogger("info", new Writable({ write: (chunk, _e, done) => (out.push(String(chunk)), done()) }) as never);
    const h = startFlow({ log });
    const handler = new CallFlowHandler(h.services);
    const call = new FakeCall(h.now, "1796305113.78", CALLER);
    const handled = handler.handle(call);
    await h.advance(200);
    call.callerHangup();
    h.call.callerHangup();
    await h.until(() => handler.active === 0);
    await handled;
    const ends = out.join("").trim().split("\n").map((l) => JSON.parse(l) as Line).filter((l) => l.msg === "call ended");
    assert.deepEqual(ends.map((l) => [l.callId, l.outcome]), [["1796305113.78", "caller_hangup"]]);
    assert.ok(!out.join("").includes("9812345678"));
    await ended(h);
  });
});
