// Calls that remember: a returning caller within and after the hour, a dropped call resumed within and
// after five minutes, rate limits with the allow-list. Fake timers drive the calls; the store's clock is
// a variable the test moves.
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it, mock } from "node:test";
import { carryOnAbout, resumeAbout, welcomeBack } from "../../src/call/prompts.js";
import { FIXED_PROMPTS } from "../../src/call/index.js";
import type { CallRecord } from "../../src/call/records.js";
import { CallSessions } from "../../src/call/session.js";
import { newContext } from "../../src/dialogue/index.js";
import { SahayakStore } from "../../src/store/index.js";
import { tempDir, testConfig } from "../helpers.js";
import { ask, ended, saidActions as said, startFlow, toQuestions, type Harness } from "./harness.js";

const MINUTE = 60_000;
const NUMBER = "+91 98123 45678";

let dir: ReturnType<typeof tempDir>;
let clock: number;
let store: SahayakStore;
let calls = 0;

function openStore(overrides: Record<string, unknown> = {}): SahayakStore {
  return SahayakStore.open(dir.path, testConfig(dir.path, overrides).store, () => clock);
}

beforeEach(() => {
  mock.timers.enable({ apis: ["setTimeout", "setInterval"] });
  dir = tempDir();
  clock = Date.parse("2026-11-20T09:00:00Z");
  store = openStore();
});
afterEach(() => {
  mock.timers.reset();
  store.close();
  dir.cleanup();
});


function call(options: { number?: string; overrides?: Record<string, unknown> } = {}): Harness {
  return startFlow({ store, callId: `call-${++calls}`, callerNumber: options.number ?? NUMBER, overrides: options.overrides });
}

/** A call that asks about PM Kisan and says goodbye. */
async function askedAboutPmKisan(): Promise<void> {
  const h = call();
  await toQuestions(h);
  await ask(h, "what is pm kisan");
  await h.until(() => said(h).includes("answer") && h.flow.state === "LISTENING");
  await ask(h, "that's all, bye");
  const record = await ended(h);
  assert.equal(record.outcome, "goodbye");
}

describe("returning caller", () => {
  it("within the hour: welcomed back by the topic, 'yes' carries on with the same context", async () => {
    await askedAboutPmKisan();
    clock += 59 * MINUTE;
    const h = call();
    await toQuestions(h);
    const offer = h.flow.turns.find((t) => t.action === "welcome_back");
    assert.equal(offer?.text, welcomeBack("PM Kisan", "en"));
    assert.ok(!h.prompts.said.includes(FIXED_PROMPTS.howToAsk.en), "the offer replaces 'ask after the tone'");
    await ask(h, "yes");
    await h.until(() => said(h).includes("continue") && h.flow.state === "LISTENING");
    assert.equal(h.flow.turns.find((t) => t.action === "continue")?.text, carryOnAbout("PM Kisan", "en"));
    await ask(h, "and the documents");
    await h.until(() => said(h).includes("answer"));
    assert.equal(h.dialogue.contexts[0]?.currentScheme?.id, "pm-kisan", "the dialogue saw the earlier topic");
    assert.equal(h.dialogue.contexts[0]?.turn, 3, "the turn count carried on from the first call (two turns)");
    h.call.callerHangup();
    assert.equal((await ended(h)).continued, "returning");
    assert.equal(store.calls.show("call-2")?.continued, "returning");
  });

  it("within the hour: 'no' (or 2) starts afresh, forgetting the old topic", async () => {
    await askedAboutPmKisan();
    clock += 10 * MINUTE;
    const h = call();
    await toQuestions(h);
    h.call.press("2");
    await h.until(() => h.prompts.said.includes(FIXED_PROMPTS.startAfresh.en) && h.flow.state === "LISTENING");
    await ask(h, "tell me about ayushman");
    await h.until(() => said(h).includes("answer"));
    assert.equal(h.dialogue.contexts[0]?.turn, 1, "a fresh conversation");
    h.call.callerHangup();
    await ended(h);
  });

  it("within the hour: a question instead of yes/no is answered in the old context", async () => {
    await askedAboutPmKisan();
    clock += 5 * MINUTE;
    const h = call();
    await toQuestions(h);
    await ask(h, "what documents do I need");
    await h.until(() => said(h).includes("answer"));
    assert.equal(h.dialogue.calls.at(-1)?.text, "what documents do I need");
    assert.equal(h.dialogue.contexts[0]?.turn, 3);
    h.call.callerHangup();
    await ended(h);
  });

  it("after the hour: a fresh session, 'ask after the tone' as for anyone", async () => {
    await askedAboutPmKisan();
    clock += 61 * MINUTE;
    const h = call();
    await toQuestions(h);
    assert.ok(!said(h).includes("welcome_back"));
    assert.ok(h.prompts.said.includes(FIXED_PROMPTS.howToAsk.en));
    await ask(h, "what is pm kisan");
    await h.until(() => said(h).includes("answer"));
    assert.equal(h.dialogue.contexts[0]?.turn, 1);
    h.call.callerHangup();
    assert.equal((await ended(h)).continued, undefined);
  });

  it("another number is not taken for the returning caller", async () => {
    await askedAboutPmKisan();
    const h = call({ number: "9898989898" });
    await toQuestions(h);
    assert.ok(!said(h).includes("welcome_back"));
    h.call.callerHangup();
    await ended(h);
  });
});

describe("call-drop resume", () => {
  /** A call whose caller drops in the middle of a long answer. */
  async function dropped(): Promise<void> {
    const h = call();
    await toQuestions(h);
    await ask(h, "give me the long answer");
    await h.until(() => h.flow.state === "RESPONDING" && said(h).length > 0 && h.tts.said.length > 0);
    await h.advance(600);
    h.call.callerHangup();
    assert.equal((await ended(h)).outcome, "caller_hangup");
  }

  it("within 5 minutes: no welcome or language menu; 'let us carry on' and the cut-off answer again", async () => {
    await dropped();
    clock += 4 * MINUTE;
    const h = call();
    await h.until(() => said(h).includes("resume") && h.flow.state === "LISTENING");
    assert.ok(!said(h).includes("opening"), "straight back in: no opening");
    assert.equal(h.flow.turns[0]?.action, "prompt:resumed");
    assert.equal(h.flow.turns[0]?.lang, "en", "in the language chosen before the drop");
    assert.match(h.flow.turns.find((t) => t.action === "resume")?.text ?? "", /^Sentence number 1 .*Sentence number 5/);
    h.call.callerHangup();
    assert.equal((await ended(h)).continued, "resumed");
  });

  it("within 5 minutes of hanging up (no goodbye) after hearing the whole answer: straight back to the topic, the answer not repeated", async () => {
    const first = call();
    await toQuestions(first);
    await ask(first, "what is pm kisan");
    await first.until(() => said(first).includes("answer") && first.flow.state === "LISTENING");
    first.call.callerHangup();
    assert.equal((await ended(first)).outcome, "caller_hangup");
    clock += 2 * MINUTE;
    const h = call();
    await h.until(() => said(h).includes("resume_about") && h.flow.state === "LISTENING");
    assert.equal(h.flow.turns[0]?.text, resumeAbout("PM Kisan", "en"));
    assert.ok(!said(h).includes("resume") && !said(h).includes("opening"));
    await ask(h, "and the documents");
    await h.until(() => said(h).includes("answer"));
    assert.equal(h.dialogue.contexts[0]?.currentScheme?.id, "pm-kisan");
    h.call.callerHangup();
    assert.equal((await ended(h)).continued, "resumed");
  });

  it("after 5 minutes (within the hour): not resumed, but welcomed back at once in the language of the last call", async () => {
    await dropped();
    clock += 6 * MINUTE;
    const h = call();
    await toQuestions(h);
    assert.deepEqual(said(h), ["welcome_back"], "no opening: the language is known");
    assert.equal(h.flow.turns[0]?.lang, "en");
    assert.ok(!said(h).includes("resume"));
    h.call.callerHangup();
    assert.equal((await ended(h)).continued, "returning");
  });

  it("a call ended with a goodbye is not resumed, even at once", async () => {
    await askedAboutPmKisan();
    const h = call();
    await toQuestions(h);
    assert.ok(said(h).includes("welcome_back") && !said(h).includes("resume"));
    h.call.callerHangup();
    await ended(h);
  });
});

describe("a call whose process dies mid-call", () => {
  it("its conversation, kept at each answer, is resumed by the caller's next call; the call's own end replaces it", async () => {
    const sessions = new CallSessions(store, testConfig(dir.path).store, () => "PM Kisan");
    const first = sessions.begin(NUMBER, "killed");
    await first.settled;
    const question = [{ role: "caller" as const, atMs: 100, text: "what is pm kisan", lang: "en", action: "question", timings: {} }];
    first.keep("killed", "en", question, newContext("killed", "en"));
    assert.equal(store.sessions.load("caller:" + store.callers.hash(NUMBER)), undefined, "nothing asked yet, nothing kept");
    const asked = { ...newContext("killed", "en"), turn: 1, currentScheme: { id: "pm-kisan", turn: 1 } };
    first.keep("killed", "en", question, asked);
    const kept = store.sessions.load("caller:" + store.callers.hash(NUMBER))!;
    clock += MINUTE;
    first.keep("killed", "en", question, { ...asked, turn: 1 });
    assert.equal(store.sessions.load("caller:" + store.callers.hash(NUMBER))?.endedAt, kept.endedAt, "kept again only after another answer");

    // the process dies here: no record, no end; the caller rings back
    const again = sessions.begin(NUMBER, "after");
    await again.settled;
    assert.equal(again.continuation.kind, "resumed");
    assert.equal(again.continuation.kind === "resumed" && again.continuation.schemeName, "PM Kisan");

    first.finish({ callId: "killed", startedAt: new Date(clock).toISOString(), durationMs: 1000, lang: "en", mode: "speech", outcome: "goodbye", states: [], turns: question, packets: { sent: 0, lateP99Ms: 0, lateMaxMs: 0 } } as unknown as CallRecord, asked);
    const later = sessions.begin(NUMBER, "later");
    await later.settled;
    assert.equal(later.continuation.kind, "returning", "a call that ended with goodbye is carried on by offer, not resumed");
  });
});

describe("rate limits", () => {
  const limits = { store: { rateLimit: { callsPerHour: 2, callsPerDay: 3, allow: ["1800-11-0001", "+919000000001"] } } };

  async function quickCall(number = NUMBER) {
    const h = call({ number, overrides: limits });
    await h.until(() => h.flow.turns.length > 0);
    h.call.callerHangup();
    return { h, record: await ended(h) };
  }

  it("a caller over the hourly limit hears a polite refusal and the call ends; the hour passing lets them in", async () => {
    store.close();
    store = openStore(limits);
    await quickCall();
    clock += MINUTE;
    await quickCall();
    clock += MINUTE;
    const h = call({ overrides: limits });
    const record = await ended(h);
    assert.equal(record.outcome, "rate_limited");
    assert.deepEqual(h.prompts.said, [FIXED_PROMPTS.rateLimited.hi, FIXED_PROMPTS.rateLimited.en], "in both languages, nothing else");
    assert.ok(h.call.hungUp);
    assert.equal(store.calls.show(record.callId)?.outcome, "rate_limited", "the refused call is on record");
    clock += 60 * MINUTE;
    assert.notEqual((await quickCall()).record.outcome, "rate_limited", "an hour after the first call");
    clock += 2 * 60 * MINUTE;
    assert.equal((await quickCall()).record.outcome, "rate_limited", "the day's limit of 3 is reached");
    clock += 22 * 60 * MINUTE;
    assert.notEqual((await quickCall()).record.outcome, "rate_limited", "a day after the first call");
  });

  it("numbers on the allow-list are never limited, however written", async () => {
    store.close();
    store = openStore(limits);
    for (let i = 0; i < 5; i++) assert.notEqual((await quickCall("9000000001")).record.outcome, "rate_limited");
    for (let i = 0; i < 4; i++) assert.notEqual((await quickCall("180011 0001")).record.outcome, "rate_limited");
  });

  it("a withheld number is served, with no history and no limit", async () => {
    store.close();
    store = openStore(limits);
    for (let i = 0; i < 4; i++) assert.notEqual((await quickCall("anonymous")).record.outcome, "rate_limited");
  });
});
