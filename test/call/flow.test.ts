// The call flow under fake timers: every transition and timeout, barge-in, hangup in every state,
// language choice, keypad mode, transfer and each engine's failure.
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it, mock } from "node:test";
import { FIXED_PROMPTS, languageMenu } from "../../src/call/index.js";
import { Writable } from "node:stream";
import { createLogger } from "../../src/ops/log.js";
import { startFlow, type Harness } from "./harness.js";

beforeEach(() => mock.timers.enable({ apis: ["setTimeout", "setInterval"] }));
afterEach(() => mock.timers.reset());

const said = (h: Harness) => h.flow.turns.filter((t) => t.role === "sahayak").map((t) => t.action);

/** Greeting, language menu, "2" for English, then the tone: ready for questions. */
async function toQuestions(h: Harness): Promise<void> {
  await h.until(() => h.flow.turns.some((t) => t.action === "language_menu"));
  h.call.press("2");
  await h.until(() => h.flow.state === "LISTENING" && h.flow.turns.some((t) => t.action === "prompt:howToAsk"));
}

async function ask(h: Harness, text: string, confidence = 0.9): Promise<void> {
  h.ears().startSpeaking();
  await h.advance(400);
  h.ears().finish(text, confidence);
  await h.advance(20);
}

async function ended(h: Harness) {
  await h.until(() => h.flow.machine.ended);
  return h.done;
}

describe("call flow: greeting and language", () => {
  it("welcomes in both languages, takes English by keypad, says how to ask, plays the tone, answers, says goodbye", async () => {
    const h = startFlow();
    await toQuestions(h);
    assert.deepEqual(h.prompts.said.slice(0, 2), [FIXED_PROMPTS.welcome.hi, FIXED_PROMPTS.welcome.en]);
    assert.equal(h.flow.turns.find((t) => t.action === "language_menu")?.text, languageMenu(["hi", "en"], "hi"), "the menu is said in Hindi first");
    assert.ok(h.prompts.said.includes(FIXED_PROMPTS.howToAsk.en));
    await ask(h, "what is pm kisan");
    await h.until(() => said(h).includes("answer") && h.flow.state === "LISTENING");
    assert.equal(h.dialogue.calls[0]?.text, "what is pm kisan");
    assert.equal(h.dialogue.calls[0]?.lang, "en");
    await ask(h, "thank you that's all bye");
    const record = await ended(h);
    assert.equal(record.outcome, "goodbye");
    assert.ok(h.call.hungUp);
    assert.deepEqual(
      h.flow.machine.path.filter((s, i, a) => s !== a[i - 1]),
      ["CALL_INITIATED", "GREETING", "LISTENING", "RESPONDING", "LISTENING", "PROCESSING", "RESPONDING", "LISTENING", "PROCESSING", "TERMINATING", "ENDED"],
    );
    const answer = record.turns.find((t) => t.action === "answer")!;
    assert.deepEqual(answer.schemeIds, ["pm-kisan"]);
    assert.ok(answer.timings.voiceToVoiceMs !== undefined && answer.timings.replyReadyMs !== undefined && answer.timings.firstAudioMs !== undefined);
    const question = record.turns.find((t) => t.role === "caller" && t.action === "question")!;
    assert.equal(question.confidence, 0.9);
    assert.ok(question.timings.endOfSpeechMs !== undefined && question.timings.recogniserFinalMs !== undefined);
    assert.ok(h.allEars.every((e) => e.disposed), "hearing released");
    assert.equal(h.call.events.listenerCount("audio"), 0, "listeners released");
  });

  it("takes a language by its spoken name", async () => {
    const h = startFlow();
    await h.until(() => h.flow.turns.some((t) => t.action === "language_menu"));
    h.ears().startSpeaking();
    await h.advance(300);
    h.ears().finish("english");
    await h.until(() => h.flow.turns.some((t) => t.action === "prompt:howToAsk"));
    assert.equal(h.flow.turns.find((t) => t.role === "caller")?.action, "language");
    assert.equal(h.ears().lang, "en");
    h.call.callerHangup();
    await ended(h);
  });

  it("an unrecognised name waits for a key; nothing at all gives the default language, in keypad mode when it has no recogniser", async () => {
    const h = startFlow();
    await h.until(() => h.flow.turns.filter((t) => t.action === "language_menu").length === 2 && h.call.queuedMs === 0);
    h.ears().startSpeaking();
    await h.advance(300);
    h.ears().finish("banana");
    await h.advance(h.config.call.languageMenuTimeoutMs + 200);
    const record = h.flow.record();
    assert.equal(record.lang, "hi", "the default language");
    assert.equal(record.mode, "keypad", "Hindi has no recogniser installed here");
    assert.ok(h.prompts.said.includes(FIXED_PROMPTS.keypadIntro.hi));
    h.call.callerHangup();
    await ended(h);
  });
});

describe("call flow: silence and time limits", () => {
  it("nudges at 5 s, asks 'are you still there?' at 30 s, says goodbye and hangs up at 60 s", async () => {
    const h = startFlow();
    await toQuestions(h);
    const start = h.now();
    await h.until(() => h.prompts.said.includes(FIXED_PROMPTS.nudge.en));
    const nudgeAt = h.now() - start;
    await h.until(() => h.prompts.said.includes(FIXED_PROMPTS.stillThere.en));
    const stillAt = h.now() - start;
    const record = await ended(h);
    assert.ok(Math.abs(nudgeAt - 5000) <= 100, `nudge at ${nudgeAt}`);
    assert.ok(Math.abs(stillAt - 30_000) <= 100, `still there at ${stillAt}`);
    assert.ok(said(h).includes("prompt:goodbyeSilence"));
    assert.equal(record.outcome, "silence");
    assert.ok(h.call.hungUp);
  });

  it("speaking restarts the silence clock", async () => {
    const h = startFlow();
    await toQuestions(h);
    await h.advance(4000);
    await ask(h, "what is pm kisan");
    await h.until(() => h.flow.state === "LISTENING" && said(h).includes("answer"));
    await h.advance(4000);
    assert.ok(!h.prompts.said.includes(FIXED_PROMPTS.nudge.en));
    await h.advance(1100);
    assert.ok(h.prompts.said.includes(FIXED_PROMPTS.nudge.en));
    h.call.callerHangup();
    await ended(h);
  });

  it("ends with a closing message at the longest call duration", async () => {
    const h = startFlow({ overrides: { call: { maxCallMs: 20_000 } } });
    await toQuestions(h);
    const record = await ended(h);
    assert.ok(said(h).includes("prompt:maxDuration"));
    assert.equal(record.outcome, "max_duration");
  });
});

describe("call flow: understanding", () => {
  it("low confidence: 'please repeat' twice, then the keypad offer, and 1 opens the keypad menu", async () => {
    const h = startFlow();
    await toQuestions(h);
    for (let i = 0; i < 3; i++) {
      await ask(h, "mumble mumble", 0.3);
      await h.until(() => h.flow.state === "LISTENING" && said(h).length > 0 && h.call.queuedMs === 0);
    }
    assert.deepEqual(said(h).filter((a) => a === "prompt:notCaught" || a === "prompt:keypadOffer"), ["prompt:notCaught", "prompt:notCaught", "prompt:keypadOffer"]);
    assert.equal(h.dialogue.calls.length, 0, "nothing unclear reaches the dialogue");
    h.call.press("1");
    await h.until(() => said(h).includes("menu"));
    assert.equal(h.flow.record().mode, "keypad");
    h.call.callerHangup();
    await ended(h);
  });

  it("a clarifying question is answered with a key", async () => {
    const h = startFlow();
    await toQuestions(h);
    await ask(h, "which kisan yojana");
    await h.until(() => h.flow.state === "CLARIFYING");
    await h.until(() => h.flow.state === "LISTENING");
    h.call.press("1");
    await h.until(() => said(h).includes("answer"));
    assert.equal(h.dialogue.calls.at(-1)?.dtmf, "1");
    h.call.callerHangup();
    await ended(h);
  });

  it("plays a filler when the reply takes longer than 700 ms", async () => {
    const h = startFlow();
    await toQuestions(h);
    h.dialogue.delayMs = 1500;
    await ask(h, "what is pm kisan");
    await h.until(() => said(h).includes("answer"));
    const filler = h.flow.turns.find((t) => t.action === "filler");
    assert.equal(filler?.text, FIXED_PROMPTS.pleaseWait.en);
    h.dialogue.delayMs = 300;
    await ask(h, "what is pm kisan");
    await h.until(() => said(h).filter((a) => a === "answer").length === 2);
    assert.equal(h.flow.turns.filter((t) => t.action === "filler").length, 1, "no filler for a quick reply");
    h.call.callerHangup();
    await ended(h);
  });
});

describe("call flow: scheme names heard in the audio", () => {
  const heardApy = { alternatives: ["tell me about atal pension yojana"], heardNames: [{ schemeId: "apy", score: 0.9 }] };

  it("a spoken question reaches the dialogue with the recogniser's other readings and the names heard in its audio, scored under the filler", async () => {
    const asked: { samples: number; lang: string; rate: number; text: string; signal: boolean }[] = [];
    const h = startFlow({
      spokenEvidence: async (u, lang, rate, signal) => {
        asked.push({ samples: u.audio.length, lang, rate, text: u.result.text, signal: signal !== undefined });
        await new Promise((r) => setTimeout(r, 900));
        return heardApy;
      },
    });
    await toQuestions(h);
    h.ears().startSpeaking();
    await h.advance(400);
    h.ears().finish("tell me about at lension you again", 0.9, ["tell me about atal pension yojana"]);
    await h.until(() => said(h).includes("answer"));
    assert.deepEqual(asked, [{ samples: 5600, lang: "en", rate: 8000, text: "tell me about at lension you again", signal: true }]);
    assert.deepEqual(h.dialogue.calls, [{ text: "tell me about at lension you again", lang: "en", confidence: 0.9, ...heardApy }]);
    assert.ok(said(h).indexOf("filler") >= 0 && said(h).indexOf("filler") < said(h).indexOf("answer"), `a filler covers slow scoring: ${said(h).join(", ")}`);
    h.call.callerHangup();
    await ended(h);
  });

  it("words too unsure to act on reach the dialogue when the audio holds a scheme's name as surely; otherwise 'please repeat'", async () => {
    const scores = [0.9, 0.4];
    const h = startFlow({ spokenEvidence: async () => ({ alternatives: [], heardNames: [{ schemeId: "apy", score: scores.shift()! }] }) });
    await toQuestions(h);
    await ask(h, "at lension you again", 0.3);
    await h.until(() => said(h).includes("answer"));
    assert.deepEqual(h.dialogue.calls.at(-1)?.heardNames, [{ schemeId: "apy", score: 0.9 }]);
    await h.until(() => h.flow.state === "LISTENING" && h.call.queuedMs === 0);
    await ask(h, "at lension you again", 0.3);
    await h.until(() => said(h).includes("prompt:notCaught"));
    assert.equal(h.dialogue.calls.length, 1, "a name heard less surely than minConfidence does not rescue unsure words");
    h.call.callerHangup();
    await ended(h);
  });

  it("scoring that fails is logged and the turn is answered on the text; a hang-up while scoring ends the call cleanly", async () => {
    const lines: string[] = [];
    const log = createLogger("warn", new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }) as never);
    let scoring: "fail" | "hang" = "fail";
    const h = startFlow({
      log,
      spokenEvidence: (_u, _lang, _rate, signal) =>
        scoring === "fail" ? Promise.reject(new Error("name scorer worker died")) : new Promise((_resolve, reject) => signal!.addEventListener("abort", () => reject(signal!.reason as Error))),
    });
    await toQuestions(h);
    await ask(h, "what is pm kisan");
    await h.until(() => said(h).includes("answer"));
    assert.deepEqual(h.dialogue.calls, [{ text: "what is pm kisan", lang: "en", confidence: 0.9 }]);
    assert.ok(lines.some((l) => l.includes("name scorer worker died")), lines.join(""));
    await h.until(() => h.flow.state === "LISTENING" && h.call.queuedMs === 0);
    scoring = "hang";
    await ask(h, "what is pm kisan");
    await h.until(() => h.flow.state === "PROCESSING");
    h.call.callerHangup();
    const record = await ended(h);
    assert.equal(record.outcome, "caller_hangup");
    assert.equal(h.dialogue.calls.length, 1);
  });
});

describe("call flow: barge-in", () => {
  it("caller speech mid-reply stops playback at once, keeps only what was heard, and answers the new question", async () => {
    const h = startFlow();
    await toQuestions(h);
    await ask(h, "tell me the long answer");
    await h.until(() => h.flow.state === "RESPONDING" && h.call.queuedMs > 0);
    await h.advance(1500);
    const bargeAt = h.now();
    h.ears().startSpeaking();
    await h.advance(20);
    assert.ok(h.call.flushes.some((t) => t >= bargeAt && t - bargeAt <= 200), "queued audio flushed within 200 ms");
    await h.advance(300);
    h.ears().finish("what documents are needed");
    await h.until(() => h.dialogue.calls.length === 2 && h.flow.state === "LISTENING");
    const interrupted = h.flow.turns.find((t) => t.interrupted && t.action === "answer")!;
    assert.ok(interrupted.text.startsWith("Sentence number 1"), interrupted.text);
    assert.ok(!interrupted.text.includes("Sentence number 3"), "only what was heard is kept");
    assert.equal(h.dialogue.calls[1]?.text, "what documents are needed");
    h.call.callerHangup();
    await ended(h);
  });

  it("a false start (a cough, no words) resumes the reply from the sentence that was cut", async () => {
    const h = startFlow();
    await toQuestions(h);
    await ask(h, "tell me the long answer");
    await h.until(() => h.flow.state === "RESPONDING" && h.call.queuedMs > 0);
    await h.advance(1500);
    h.ears().startSpeaking();
    await h.advance(300);
    h.ears().finish("");
    await h.until(() => said(h).includes("resume"));
    const resumed = h.flow.turns.find((t) => t.action === "resume")!;
    assert.ok(resumed.text.startsWith("Sentence number 2"), resumed.text);
    assert.ok(resumed.text.includes("Sentence number 5"));
    assert.equal(h.dialogue.calls.length, 1, "the cough is not a question");
    h.call.callerHangup();
    await ended(h);
  });

  it("prompts marked not interruptible play through caller speech", async () => {
    const h = startFlow();
    await toQuestions(h);
    await ask(h, "agent please");
    await h.until(() => h.flow.state === "TERMINATING" && h.call.queuedMs > 0);
    const flushes = h.call.flushes.length;
    h.ears().startSpeaking();
    await h.advance(200);
    assert.equal(h.call.flushes.length, flushes, "the transfer announcement is not cut");
    await ended(h);
    assert.ok(h.call.transferred);
  });
});

describe("call flow: keypad mode", () => {
  it("topics → schemes → 4 reaches the documents, * goes back, # repeats", async () => {
    const h = startFlow({ speechLanguages: [] });
    await h.until(() => h.flow.turns.some((t) => t.action === "language_menu"));
    h.call.press("2");
    await h.until(() => said(h).includes("menu"));
    const topics = h.flow.turns.filter((t) => t.action === "menu").at(-1)!.text;
    assert.match(topics, /1 for farming and rural; 2 for health/, "most useful topics first");
    h.call.press("1");
    await h.until(() => said(h).filter((a) => a === "menu").length === 2);
    assert.match(h.flow.turns.at(-1)!.text, /1 for PM Kisan; 2 for Kisan Credit Card/, "most useful schemes first");
    h.call.press("1");
    await h.until(() => said(h).filter((a) => a === "menu").length === 3);
    assert.match(h.flow.turns.at(-1)!.text, /^PM Kisan\. Press 1 to hear what it is.*4 the documents/);
    h.call.press("4");
    await h.until(() => said(h).includes("answer"));
    assert.deepEqual(h.dialogue.about.at(-1), { schemeId: "pm-kisan", intent: "documents" });
    assert.match(h.flow.turns.at(-1)!.text, /^Documents needed: Aadhaar card.*Press 1 to hear what it is/);
    h.call.press("#");
    await h.until(() => said(h).filter((a) => a === "answer").length === 2);
    h.call.press("*");
    await h.until(() => h.flow.turns.at(-1)!.text.includes("Schemes for farming"));
    h.call.press("0");
    const record = await ended(h);
    assert.equal(record.outcome, "transfer");
    assert.ok(h.call.transferred);
  });

  it("a key outside the menu says so and repeats the menu; silence repeats the menu", async () => {
    const h = startFlow({ speechLanguages: [] });
    await h.until(() => h.flow.turns.some((t) => t.action === "language_menu"));
    h.call.press("2");
    await h.until(() => said(h).includes("menu") && h.flow.state === "LISTENING");
    h.call.press("7");
    await h.until(() => h.flow.turns.at(-1)!.text.startsWith(FIXED_PROMPTS.keypadInvalid.en));
    await h.until(() => h.flow.state === "LISTENING");
    const menus = said(h).filter((a) => a === "menu").length;
    await h.advance(4900);
    assert.equal(said(h).filter((a) => a === "menu").length, menus);
    await h.until(() => said(h).filter((a) => a === "menu").length === menus + 1, 10_000);
    h.call.callerHangup();
    await ended(h);
  });
});

describe("call flow: transfer and ending", () => {
  for (const [how, act] of [
    ["saying 'agent'", (h: Harness) => ask(h, "agent")],
    ["saying 'insaan se baat'", (h: Harness) => ask(h, "insaan se baat karni hai")],
    ["pressing 0", async (h: Harness) => h.call.press("0")],
  ] as const) {
    it(`transfers to a person on ${how}`, async () => {
      const h = startFlow();
      await toQuestions(h);
      await act(h);
      const record = await ended(h);
      assert.equal(record.outcome, "transfer");
      assert.ok(h.call.transferred && !h.call.hungUp);
      assert.equal(h.flow.machine.path.at(-2), "TERMINATING");
    });
  }

  const states = ["GREETING", "LISTENING", "PROCESSING", "RESPONDING", "CLARIFYING", "TERMINATING"] as const;
  for (const state of states) {
    it(`a caller hangup in ${state} ends the call and releases everything`, async () => {
      const h = startFlow();
      if (state !== "GREETING") await toQuestions(h);
      if (state === "PROCESSING") h.dialogue.delayMs = 5000;
      if (state === "PROCESSING" || state === "RESPONDING") await ask(h, "tell me the long answer");
      if (state === "CLARIFYING") await ask(h, "which kisan yojana");
      if (state === "TERMINATING") await ask(h, "agent");
      await h.until(() => h.flow.state === state);
      h.call.callerHangup();
      const record = await ended(h);
      assert.equal(record.outcome, "caller_hangup");
      assert.equal(h.flow.machine.path.at(-2), state);
      if (state === "RESPONDING") assert.ok(record.turns.at(-1)?.interrupted, "the reply cut short by the hangup is recorded as heard");
      assert.ok(h.allEars.every((e) => e.disposed));
      assert.equal(h.call.events.listenerCount("dtmf"), 0);
      const before = h.flow.turns.length;
      await h.advance(70_000);
      assert.equal(h.flow.turns.length, before, "nothing is said after the hangup");
    });
  }
});

describe("call flow: failures", () => {
  it("a failing dialogue is retried once; failing twice gives the fallback prompt and the call goes on", async () => {
    const h = startFlow();
    await toQuestions(h);
    h.dialogue.failures = 1;
    await ask(h, "what is pm kisan");
    await h.until(() => said(h).includes("answer"));
    assert.equal(h.dialogue.calls.length, 2, "retried once");
    h.dialogue.failures = 2;
    await ask(h, "what is pm kisan");
    await h.until(() => said(h).includes("prompt:answerFailed") && h.flow.state === "LISTENING");
    assert.ok(h.flow.machine.history.some((c) => c.to === "ERROR"));
    await ask(h, "what is pm kisan");
    await h.until(() => said(h).filter((a) => a === "answer").length === 2);
    h.call.callerHangup();
    await ended(h);
  });

  it("a failing synthesiser is retried once; failing twice plays the recorded apology and transfers", async () => {
    const h = startFlow();
    await toQuestions(h);
    h.tts.failures = 1;
    await ask(h, "what is pm kisan");
    await h.until(() => said(h).includes("answer"));
    h.tts.failures = 2;
    await ask(h, "what is pm kisan");
    const record = await ended(h);
    assert.ok(said(h).includes("prompt:ttsFailed"));
    assert.equal(record.outcome, "transfer");
  });

  it("a failing recogniser is restarted once; failing again moves the call to the keypad", async () => {
    const h = startFlow();
    await toQuestions(h);
    const first = h.ears();
    first.fail();
    await h.until(() => h.ears() !== first);
    assert.ok(first.disposed);
    await ask(h, "what is pm kisan");
    await h.until(() => said(h).includes("answer"));
    h.ears().fail();
    await h.until(() => said(h).includes("menu"));
    assert.ok(said(h).includes("prompt:asrFailed"));
    assert.equal(h.flow.record().mode, "keypad");
    h.call.callerHangup();
    await ended(h);
  });

  it("a recogniser that cannot start at all leaves the keypad", async () => {
    const h = startFlow({ hearFails: true });
    await h.until(() => h.flow.turns.some((t) => t.action === "language_menu"));
    h.call.press("2");
    await h.until(() => said(h).includes("menu"));
    assert.equal(h.flow.record().mode, "keypad");
    h.call.callerHangup();
    await ended(h);
  });

  it("a fatal error ends the call cleanly with a hangup", async () => {
    const h = startFlow();
    h.prompts.failing = true;
    const record = await ended(h);
    assert.equal(record.outcome, "error");
    assert.match(record.error ?? "", /prompt cache unreadable/);
    assert.ok(h.call.hungUp);
    assert.deepEqual(h.flow.machine.path.slice(-3), ["ERROR", "TERMINATING", "ENDED"]);
  });
});
