// The call flow under fake timers and a fake clock: the opening and language choice, every silence step,
// barge-in (pause at the first sign of speech, resume after a false start, commit only what was heard, the
// line's echo), keypad mode, transfer, hangup in every state and each engine's failure. Timings are exact
// here because the clock is fake; real timings are the simulated calls' and bench/call.ts's.
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it, mock } from "node:test";
import { FIXED_PROMPTS, openingLine } from "../../src/call/index.js";
import { CALLER_LEVEL, FAKE_ENDPOINT_MS, FAKE_FINAL_MS, MS_PER_WORD, SAHAYAK_LEVEL, ask, ended, saidActions as said, startFlow, toQuestions, type Harness } from "./harness.js";
import { Writable } from "node:stream";
import { createLogger } from "../../src/ops/log.js";
import { testConfig } from "../helpers.js";

beforeEach(() => mock.timers.enable({ apis: ["setTimeout", "setInterval"] }));
afterEach(() => mock.timers.reset());

/** The long answer of the scripted dialogue: five sentences of ten words, 1 s each. */
const LONG_ANSWER_PACKETS = (5 * 10 * MS_PER_WORD) / 20;

/** Until the long answer has played for `intoMs`. */
async function longAnswerPlaying(h: Harness, intoMs = 1500): Promise<void> {
  await toQuestions(h);
  await ask(h, "tell me the long answer");
  await h.until(() => h.flow.state === "RESPONDING" && h.call.queuedMs > 0);
  await h.advance(intoMs);
}

/** Packets of the (last) answer the caller heard, once Sahayak fell silent. */
async function packetsUntilSilent(h: Harness): Promise<number> {
  await h.until(() => h.flow.state === "LISTENING" && h.call.queuedMs === 0);
  const answer = h.flow.turns.filter((t) => t.action === "answer").at(-1)!;
  // packets go out on the 20 ms ticks after the reply was queued
  return h.call.packetsAt.filter((t) => t > answer.timings.firstAudioMs!).length;
}

describe("call flow: the opening and the language", () => {
  it("one line per language, each naming its language once in its own words, then the tone; the call listens from the start", async () => {
    const h = startFlow();
    await h.until(() => h.allEars.length > 0);
    assert.equal(h.ears().lang, "en", "listening in English from the first second");
    await h.until(() => h.flow.turns.filter((t) => t.action === "opening").length === 2 && h.call.queuedMs === 0);
    const lines = h.flow.turns.filter((t) => t.action === "opening");
    assert.deepEqual(
      lines.map((t) => [t.lang, t.text]),
      [
        ["hi", openingLine(["hi", "en"], "hi", { welcome: true, canAsk: false })],
        ["en", openingLine(["hi", "en"], "en", { welcome: false, canAsk: true })],
      ],
    );
    assert.equal(lines[0]!.text, "सहायक में स्वागत है। हिंदी के लिए 1 दबाइए।");
    assert.equal(lines[1]!.text, "For English, press 2, or just ask your question.");
    for (const name of ["हिंदी", "English"]) assert.equal(lines.map((t) => t.text).join(" ").split(name).length - 1, 1, `${name} is named once`);
    assert.ok(!said(h).includes("prompt:howToAsk"), "no instructions before a language is chosen");
    h.call.callerHangup();
    await ended(h);
  });

  it("an English question asked over the welcome is answered at once: no menu, no instructions, the opening cut where it was heard", async () => {
    const h = startFlow();
    await h.until(() => h.call.queuedMs > 0);
    await h.advance(300);
    const pausedAt = h.now();
    await ask(h, "what is pm kisan");
    await h.until(() => said(h).includes("answer"));
    assert.equal(h.dialogue.calls[0]?.text, "what is pm kisan");
    assert.equal(h.dialogue.calls[0]?.lang, "en");
    const opening = h.flow.turns.find((t) => t.action === "opening")!;
    assert.equal(opening.interrupted, true);
    // the Hindi line is 8 words of 100 ms; only what was played before the caller spoke is kept
    const line = openingLine(["hi", "en"], "hi", { welcome: true, canAsk: false });
    const played = h.call.packetsAt.filter((t) => t > opening.timings.firstAudioMs! && t <= pausedAt).length * 20;
    assert.equal(opening.text, line.split(" ").slice(0, Math.floor(played / MS_PER_WORD)).join(" "));
    assert.deepEqual(said(h), ["opening", "answer"], "no second opening line, no language choice, no instructions");
    assert.equal(h.flow.record().lang, "en");
    h.call.callerHangup();
    await ended(h);
  });

  for (const [key, lang, mode] of [
    ["1", "hi", "keypad"],
    ["2", "en", "speech"],
  ] as const) {
    it(`key ${key} during the opening picks ${lang} at once (${mode} mode: ${mode === "keypad" ? "no Hindi recogniser here" : "how to ask, then the tone"})`, async () => {
      const h = startFlow();
      await h.until(() => h.call.queuedMs > 0);
      await h.advance(300);
      h.call.press(key);
      await h.until(() => h.flow.state === "LISTENING" && h.call.queuedMs === 0 && said(h).length > 1);
      assert.equal(h.flow.record().lang, lang);
      assert.equal(h.flow.record().mode, mode);
      assert.equal(h.flow.turns.filter((t) => t.action === "opening").length, 1, "the opening stopped at the key");
      if (mode === "keypad") assert.deepEqual(said(h).slice(1), ["prompt:keypadIntro", "menu"]);
      else assert.deepEqual(said(h).slice(1), ["prompt:howToAsk"]);
      h.call.callerHangup();
      await ended(h);
    });
  }

  it("the language's name picks it", async () => {
    const h = startFlow();
    await h.until(() => h.flow.turns.some((t) => t.action === "opening"));
    await ask(h, "english");
    await h.until(() => said(h).includes("prompt:howToAsk"));
    assert.equal(h.flow.turns.find((t) => t.role === "caller")?.action, "language");
    assert.equal(h.dialogue.calls.length, 0, "a name is no question");
    assert.equal(h.flow.record().lang, "en");
    h.call.callerHangup();
    await ended(h);
  });

  it("unsure words over the welcome that hold a scheme's name in their audio are an English question: answered, no language menu", async () => {
    const h = startFlow({ spokenEvidence: async () => ({ alternatives: [], heardNames: [{ schemeId: "apy", score: 0.9 }] }) });
    await h.until(() => h.call.queuedMs > 0);
    await h.advance(300);
    await ask(h, "tell me about at lension you again", 0.3);
    await h.until(() => said(h).includes("answer") || said(h).includes("language_choice"));
    assert.deepEqual(said(h), ["opening", "answer"], "no language menu, no instructions");
    assert.deepEqual(h.dialogue.calls[0]?.heardNames, [{ schemeId: "apy", score: 0.9 }]);
    assert.equal(h.flow.record().lang, "en");
    h.call.callerHangup();
    await ended(h);
  });

  it("speech the English recogniser cannot follow asks for the language, once per language, without the welcome", async () => {
    const h = startFlow();
    await h.until(() => h.flow.turns.filter((t) => t.action === "opening").length === 2 && h.call.queuedMs === 0);
    await ask(h, "mujhe kisan yojana ke baare mein", 0.2);
    await h.until(() => h.flow.turns.filter((t) => t.action === "language_choice").length === 2);
    assert.deepEqual(
      h.flow.turns.filter((t) => t.action === "language_choice").map((t) => t.text),
      [openingLine(["hi", "en"], "hi", { welcome: false, canAsk: false }), openingLine(["hi", "en"], "en", { welcome: false, canAsk: true })],
    );
    assert.equal(h.dialogue.calls.length, 0);
    h.call.press("1");
    await h.until(() => said(h).includes("menu"));
    assert.equal(h.flow.record().lang, "hi");
    h.call.callerHangup();
    await ended(h);
  });

  it("a caller who does nothing gets the default language languageMenuTimeoutMs after the tone (keypad: no Hindi recogniser)", async () => {
    const h = startFlow();
    await h.until(() => h.flow.turns.filter((t) => t.action === "opening").length === 2);
    await h.until(() => h.call.queuedMs > 0);
    await h.until(() => h.call.queuedMs === 0);
    const toneEnded = h.now();
    await h.until(() => said(h).includes("prompt:keypadIntro"));
    const intro = h.flow.turns.find((t) => t.action === "prompt:keypadIntro")!;
    // the speaker notices the end of what it plays within its 40 ms poll
    assert.ok(intro.atMs - toneEnded >= h.config.call.languageMenuTimeoutMs && intro.atMs - toneEnded <= h.config.call.languageMenuTimeoutMs + 40, `default language after ${intro.atMs - toneEnded} ms`);
    assert.equal(h.flow.record().lang, "hi");
    h.call.callerHangup();
    await ended(h);
  });

  it("with one language: its welcome while listening, then how to ask and the tone", async () => {
    const h = startFlow({ overrides: { call: { languages: ["en"], defaultLanguage: "en" } } });
    await h.until(() => said(h).includes("prompt:howToAsk") && h.flow.state === "LISTENING" && h.call.queuedMs === 0);
    assert.deepEqual(said(h), ["opening", "prompt:howToAsk"]);
    assert.equal(h.flow.turns[0]!.text, FIXED_PROMPTS.welcome.en);
    assert.equal(h.ears().lang, "en");
    h.call.callerHangup();
    await ended(h);
  });
});

describe("call flow: a whole call, with exact timings", () => {
  it("answers, records voice-to-voice as first reply packet − end of speech, and says goodbye", async () => {
    const h = startFlow();
    await toQuestions(h);
    h.dialogue.delayMs = 300;
    await ask(h, "what is pm kisan");
    await h.until(() => said(h).includes("answer") && h.flow.state === "LISTENING");
    await ask(h, "thank you that's all bye");
    const record = await ended(h);
    assert.equal(record.outcome, "goodbye");
    assert.ok(h.call.hungUp);
    const question = record.turns.find((t) => t.role === "caller" && t.action === "question")!;
    const answer = record.turns.find((t) => t.action === "answer")!;
    assert.equal(question.confidence, 0.9);
    assert.equal(question.timings.recogniserFinalMs! - question.timings.endOfSpeechMs!, FAKE_ENDPOINT_MS + FAKE_FINAL_MS);
    // the dialogue takes 300 ms; synthesis and queueing take no fake time
    assert.equal(answer.timings.replyReadyMs! - question.timings.recogniserFinalMs!, 300);
    assert.equal(answer.timings.firstAudioMs, answer.timings.replyReadyMs);
    assert.equal(answer.timings.voiceToVoiceMs, FAKE_ENDPOINT_MS + FAKE_FINAL_MS + 300);
    assert.deepEqual(answer.schemeIds, ["pm-kisan"]);
    assert.ok(h.allEars.every((e) => e.disposed), "hearing released");
    assert.equal(h.call.events.listenerCount("audio"), 0, "listeners released");
  });
});

describe("call flow: silence and time limits", () => {
  it("a short nudge at 5 s, 'are you still there?' at 30 s, goodbye and hangup at 60 s", async () => {
    const h = startFlow();
    await toQuestions(h);
    const start = h.now();
    const record = await ended(h);
    const nudgeAt = h.flow.turns.find((t) => t.action === "prompt:nudge")!.atMs - start;
    const stillAt = h.flow.turns.find((t) => t.action === "prompt:stillThere")!.atMs - start;
    assert.ok(Math.abs(nudgeAt - 5000) <= 40, `nudge at ${nudgeAt}`);
    assert.ok(Math.abs(stillAt - 30_000) <= 40, `still there at ${stillAt}`);
    assert.equal(h.flow.turns.find((t) => t.action === "prompt:nudge")?.text, FIXED_PROMPTS.nudge.en);
    assert.ok(said(h).includes("prompt:goodbyeSilence"));
    assert.equal(record.outcome, "silence");
  });

  it("speaking restarts the silence clock, and a cough (no words) while listening restarts it too", async () => {
    const h = startFlow();
    await toQuestions(h);
    await h.advance(4000);
    await ask(h, "what is pm kisan");
    await h.until(() => h.flow.state === "LISTENING" && said(h).includes("answer"));
    await h.advance(4000);
    await ask(h, "");
    await h.advance(4900);
    assert.ok(!h.prompts.said.includes(FIXED_PROMPTS.nudge.en), "counted afresh from the cough");
    await h.advance(200);
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
  it("words the dialogue cannot make out are asked again like unsure ones: twice, then the keypad offer, not the same reply for ever", async () => {
    const h = startFlow();
    await toQuestions(h);
    for (let i = 0; i < 3; i++) {
      await ask(h, "the vorplin skadge tarumbel", 0.9);
      await h.until(() => h.flow.state === "LISTENING" && h.call.queuedMs === 0);
    }
    assert.deepEqual(said(h).filter((a) => a === "prompt:notCaught" || a === "prompt:keypadOffer"), ["prompt:notCaught", "prompt:notCaught", "prompt:keypadOffer"]);
    assert.equal(h.dialogue.calls.length, 3, "each reached the dialogue, which could not make it out");
    // a turn it does make out starts the count afresh
    await ask(h, "what does it give", 0.9);
    await h.until(() => h.flow.state === "LISTENING" && h.call.queuedMs === 0);
    await ask(h, "the vorplin skadge tarumbel", 0.9);
    await h.until(() => h.flow.state === "LISTENING" && h.call.queuedMs === 0);
    assert.equal(said(h).at(-1), "prompt:notCaught");
    h.call.callerHangup();
    await ended(h);
  });

  it("low confidence: 'please repeat' twice, then the keypad offer, and 1 opens the keypad menu", async () => {
    const h = startFlow();
    await toQuestions(h);
    for (let i = 0; i < 3; i++) {
      await ask(h, "mumble mumble", 0.3);
      await h.until(() => h.flow.state === "LISTENING" && h.call.queuedMs === 0);
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

  it("plays a filler when the reply takes longer than 700 ms, not for a quicker one", async () => {
    const h = startFlow();
    await toQuestions(h);
    h.dialogue.delayMs = 1500;
    await ask(h, "what is pm kisan");
    await h.until(() => said(h).includes("answer"));
    const filler = h.flow.turns.find((t) => t.action === "filler")!;
    assert.equal(filler.text, FIXED_PROMPTS.pleaseWait.en);
    const question = h.flow.turns.find((t) => t.action === "question")!;
    assert.equal(filler.atMs - question.timings.recogniserFinalMs!, h.config.call.fillerAfterMs);
    h.dialogue.delayMs = 600;
    await ask(h, "what is pm kisan");
    await h.until(() => said(h).filter((a) => a === "answer").length === 2);
    assert.equal(h.flow.turns.filter((t) => t.action === "filler").length, 1);
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

  it("names are scored while the endpoint waits: an utterance that ends on the pause's words is answered without scoring again; other words are scored afresh", async () => {
    const SCORING_MS = 300;
    const asked: string[] = [];
    const dropped: string[] = [];
    const h = startFlow({
      spokenEvidence: (u, _lang, _rate, signal) => {
        asked.push(u.result.text);
        return new Promise((resolve, reject) => {
          const timer = setTimeout(() => resolve({ ...heardApy, costMs: SCORING_MS }), SCORING_MS);
          signal?.addEventListener("abort", () => {
            clearTimeout(timer);
            dropped.push(u.result.text);
            reject(signal.reason as Error);
          });
        });
      },
    });
    await toQuestions(h);
    const garbled = "tell me about at lension you again";
    h.ears().startSpeaking();
    await h.advance(400);
    h.ears().pause(garbled, ["tell me about atal pension yojana"]);
    // the endpoint's wait (fake time runs in 20 ms steps: the speech ended at the pause, not after it)
    await h.advance(FAKE_ENDPOINT_MS);
    h.ears().finish(garbled, 0.9, ["tell me about atal pension yojana"]);
    const waited = await h.until(() => h.dialogue.calls.length === 1);
    assert.deepEqual(asked, [garbled], "scored once, at the pause");
    assert.ok(waited <= 40, `the dialogue had the scores at the final result (${waited} ms after it)`);
    assert.deepEqual(h.dialogue.calls[0], { text: garbled, lang: "en", confidence: 0.9, ...heardApy });
    await h.until(() => said(h).includes("answer"));
    const timings = h.flow.turns.find((t) => t.action === "answer")!.timings;
    const final = h.flow.turns.find((t) => t.action === "question")!.timings.recogniserFinalMs!;
    assert.ok(timings.namesScoredMs! <= final + 40, `names scored at ${timings.namesScoredMs} ms, the final at ${final} ms`);
    await h.until(() => h.flow.state === "LISTENING" && h.call.queuedMs === 0);

    // the caller went on after the pause: the pause's scores are dropped and the whole utterance scored
    h.ears().startSpeaking();
    await h.advance(400);
    h.ears().pause("tell me about at");
    await h.advance(200);
    h.ears().startSpeaking();
    await h.advance(400);
    h.ears().finish(garbled);
    const again = await h.until(() => h.dialogue.calls.length === 2);
    assert.deepEqual(asked.slice(1), ["tell me about at", garbled]);
    assert.deepEqual(dropped, ["tell me about at"]);
    assert.ok(again >= SCORING_MS, `scored after the final result (${again} ms)`);
    h.call.callerHangup();
    await ended(h);
  });

  it("names scored at the pause are given the endpoint's wait on top of the turn's deadline, so their head start does not cut the turn's wait for them; names scored after the final result get the deadline alone", async () => {
    const asked: { text: string; aheadMs: number }[] = [];
    const h = startFlow({
      spokenEvidence: async (u, _lang, _rate, _signal, aheadMs = 0) => {
        asked.push({ text: u.result.text, aheadMs });
        return heardApy;
      },
    });
    await toQuestions(h);
    const garbled = "tell me about at lension you again";
    h.ears().startSpeaking();
    await h.advance(400);
    h.ears().pause(garbled, ["tell me about atal pension yojana"]);
    await h.advance(FAKE_ENDPOINT_MS);
    // other words than the pause's: scored afresh, after the final result
    h.ears().finish("tell me about at lension you again please", 0.9, ["tell me about atal pension yojana"]);
    await h.until(() => h.dialogue.calls.length === 1);
    const endpointWait = testConfig("/nonexistent-data").speech.endpoint.minDelayMs;
    assert.ok(endpointWait > 0);
    assert.deepEqual(asked, [
      { text: garbled, aheadMs: endpointWait },
      { text: "tell me about at lension you again please", aheadMs: 0 },
    ]);
    h.call.callerHangup();
    await ended(h);
  });

  it("words too unsure to act on reach the dialogue when the audio holds a scheme's name surely enough for the dialogue to offer it; otherwise 'please repeat'", async () => {
    const scores: number[] = [];
    const h = startFlow({ spokenEvidence: async () => ({ alternatives: [], heardNames: [{ schemeId: "apy", score: scores.shift()! }] }) });
    const { heardNameConfirm } = h.config.dialogue;
    // a name surer than the dialogue's confirm level but below minConfidence: "did you mean …?", not "please repeat"
    scores.push(0.9, heardNameConfirm + 0.05, heardNameConfirm - 0.05);
    assert.ok(heardNameConfirm + 0.05 < h.config.call.minConfidence);
    await toQuestions(h);
    await ask(h, "at lension you again", 0.3);
    await h.until(() => said(h).filter((a) => a === "answer").length === 1);
    assert.deepEqual(h.dialogue.calls.at(-1)?.heardNames, [{ schemeId: "apy", score: 0.9 }]);
    await h.until(() => h.flow.state === "LISTENING" && h.call.queuedMs === 0);
    await ask(h, "at lension you again", 0.3);
    await h.until(() => h.dialogue.calls.length === 2 || said(h).includes("prompt:notCaught"));
    assert.equal(h.dialogue.calls.length, 2, "a name heard as surely as the dialogue confirms one reaches the dialogue");
    assert.deepEqual(h.dialogue.calls.at(-1)?.heardNames, [{ schemeId: "apy", score: heardNameConfirm + 0.05 }]);
    await h.until(() => said(h).filter((a) => a === "answer").length === 2);
    await h.until(() => h.flow.state === "LISTENING" && h.call.queuedMs === 0);
    await ask(h, "at lension you again", 0.3);
    await h.until(() => said(h).includes("prompt:notCaught"));
    assert.equal(h.dialogue.calls.length, 2, "a name heard less surely than the dialogue would offer does not rescue unsure words");
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

describe("call flow: barge-in (pause → confirm → commit)", () => {
  it("the reply is flushed at the first sign of speech, in the same tick, before the VAD confirms it", async () => {
    const h = startFlow();
    await longAnswerPlaying(h);
    const flushes = h.call.flushes.length;
    h.ears().onset(CALLER_LEVEL);
    assert.equal(h.call.flushes.length, flushes + 1, "flushed synchronously with the onset");
    assert.equal(h.call.queuedMs, 0);
    const packets = h.call.packetsAt.length;
    await h.advance(200);
    assert.equal(h.call.packetsAt.length, packets, "nothing more reaches the caller while paused");
    h.call.callerHangup();
    await ended(h);
  });

  it("words commit the interruption: the reply stops for good, only what was heard is kept, and the new question is answered", async () => {
    const h = startFlow();
    await longAnswerPlaying(h);
    h.ears().onset(CALLER_LEVEL);
    const pausedAt = h.now();
    h.ears().confirm();
    await h.advance(300);
    h.ears().finish("what documents are needed");
    await h.until(() => h.dialogue.calls.length === 2 && h.flow.state === "LISTENING");
    const cut = h.flow.turns.find((t) => t.interrupted && t.action === "answer")!;
    // 10 words a second: whole first sentence, then the words of the second played before the pause
    const heardWords = Math.floor((h.call.packetsAt.filter((t) => t > cut.timings.firstAudioMs! && t <= pausedAt).length * 20) / MS_PER_WORD);
    const expected = ["Sentence number 1 of a long answer about the scheme.", ..."Sentence number 2 of a long answer about the scheme.".split(" ").slice(0, heardWords - 10)].join(" ");
    assert.equal(cut.text, expected);
    assert.equal(cut.timings.bargeInStopMs, 0, "paused in the tick the onset came");
    assert.equal(h.dialogue.calls[1]?.text, "what documents are needed");
    assert.equal(h.dialogue.lastReplySeen[1], cut.text, "the conversation keeps only what was heard");
    h.call.callerHangup();
    await ended(h);
  });

  it("a sign of speech that falls silent unconfirmed (a click, a cough) resumes the reply from the very packet: each heard once", async () => {
    const h = startFlow();
    await longAnswerPlaying(h);
    h.ears().onset(CALLER_LEVEL);
    await h.advance(200);
    h.ears().onsetEnd();
    const heard = await packetsUntilSilent(h);
    assert.equal(heard, LONG_ANSWER_PACKETS, "nothing skipped, nothing said twice");
    const answer = h.flow.turns.find((t) => t.action === "answer")!;
    assert.ok(!answer.interrupted);
    assert.equal(h.dialogue.calls.length, 1);
    h.call.callerHangup();
    await ended(h);
  });

  it("speech the VAD confirms but with no words (a long cough) resumes the reply when the recogniser says so", async () => {
    const h = startFlow();
    await longAnswerPlaying(h);
    h.ears().startSpeaking();
    await h.advance(400);
    h.ears().onsetEnd();
    await h.advance(400);
    assert.equal(h.call.queuedMs, 0, "still paused while the recogniser decides");
    h.ears().finish("");
    assert.equal(await packetsUntilSilent(h), LONG_ANSWER_PACKETS);
    assert.ok(!h.flow.turns.find((t) => t.action === "answer")!.interrupted);
    h.call.callerHangup();
    await ended(h);
  });

  it("a recogniser that never answers does not leave the caller in silence: the reply resumes falseStartTimeoutMs after the sound stopped", async () => {
    const h = startFlow();
    await longAnswerPlaying(h);
    h.ears().startSpeaking();
    await h.advance(400);
    h.ears().onsetEnd();
    const stoppedAt = h.now();
    await h.until(() => h.call.queuedMs > 0);
    assert.ok(Math.abs(h.now() - stoppedAt - h.config.call.bargeIn.falseStartTimeoutMs) <= 20, `resumed after ${h.now() - stoppedAt} ms`);
    assert.equal(await packetsUntilSilent(h), LONG_ANSWER_PACKETS);
    h.call.callerHangup();
    await ended(h);
  });

  it("the line's echo of our own voice neither pauses the reply nor becomes a question", async () => {
    const h = startFlow();
    await longAnswerPlaying(h);
    const flushes = h.call.flushes.length;
    const echo = SAHAYAK_LEVEL * 10 ** (-(h.config.call.bargeIn.echoReturnLossDb + 6) / 20);
    h.ears().onset(echo);
    h.ears().confirm();
    await h.advance(600);
    h.ears().finish("number 2 of a long answer about");
    assert.equal(await packetsUntilSilent(h), LONG_ANSWER_PACKETS);
    assert.equal(h.call.flushes.length, flushes, "never paused");
    assert.equal(h.dialogue.calls.length, 1, "our own words are no question");
    assert.ok(!h.flow.turns.some((t) => t.role === "caller" && t.text.includes("number 2")));
    h.call.callerHangup();
    await ended(h);
  });

  it("a caller quieter than the line's echo could be is not taken over Sahayak's voice, and is heard once it has finished", async () => {
    const h = startFlow();
    await longAnswerPlaying(h);
    const flushes = h.call.flushes.length;
    h.ears().startSpeaking(SAHAYAK_LEVEL * 10 ** (-(h.config.call.bargeIn.echoReturnLossDb + 6) / 20));
    await h.advance(600);
    h.ears().finish("what documents are needed");
    assert.equal(await packetsUntilSilent(h), LONG_ANSWER_PACKETS);
    assert.equal(h.call.flushes.length, flushes, "never paused");
    assert.equal(h.dialogue.calls.length, 1);
    await ask(h, "what documents are needed");
    await h.until(() => h.dialogue.calls.length === 2);
    h.call.callerHangup();
    await ended(h);
  });

  it("a line whose echo proves louder than assumed: after one false start its echo no longer pauses the reply", async () => {
    const h = startFlow();
    await longAnswerPlaying(h, 1000);
    const flushes = h.call.flushes.length;
    // 3 dB louder than the echo allowance: it pauses the reply once
    const loudEcho = SAHAYAK_LEVEL * 10 ** (-(h.config.call.bargeIn.echoReturnLossDb - 3) / 20);
    h.ears().onset(loudEcho);
    assert.equal(h.call.flushes.length, flushes + 1);
    await h.advance(100);
    h.ears().onsetEnd();
    await h.advance(1000);
    h.ears().onset(loudEcho);
    await h.advance(100);
    h.ears().onsetEnd();
    assert.equal(h.call.flushes.length, flushes + 1, "learnt: the same echo pauses nothing");
    assert.equal(await packetsUntilSilent(h), LONG_ANSWER_PACKETS);
    h.call.callerHangup();
    await ended(h);
  });

  it("a reply that would start while the caller is still speaking waits for them", async () => {
    const h = startFlow();
    await toQuestions(h);
    h.dialogue.delayMs = 300;
    await ask(h, "what is pm kisan");
    h.ears().startSpeaking();
    await h.advance(600);
    assert.equal(h.call.packetsAt.length > 0 && said(h).includes("answer"), false, "the reply did not talk over the caller");
    h.ears().finish("and the documents");
    await h.until(() => h.dialogue.calls.length === 2 && h.flow.state === "LISTENING");
    assert.equal(h.flow.turns.find((t) => t.action === "answer")?.interrupted, true);
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
  it("topics → schemes → 4 reaches the documents, * goes back, # repeats; each menu names each choice once", async () => {
    const h = startFlow({ speechLanguages: [] });
    await toQuestions(h);
    const topics = h.flow.turns.filter((t) => t.action === "menu").at(-1)!.text;
    assert.equal(topics, "Choose a topic: press 1 for farming and rural, 2 for health, 3 for banking and insurance.");
    h.call.press("1");
    await h.until(() => said(h).filter((a) => a === "menu").length === 2);
    assert.equal(h.flow.turns.at(-1)!.text, "Schemes for farming and rural: press 1 for PM Kisan, 2 for Kisan Credit Card. Star to go back.");
    h.call.press("1");
    await h.until(() => said(h).filter((a) => a === "menu").length === 3);
    assert.match(h.flow.turns.at(-1)!.text, /^PM Kisan: press 1 for what it is.*4 documents/);
    h.call.press("4");
    await h.until(() => said(h).includes("answer"));
    assert.deepEqual(h.dialogue.about.at(-1), { schemeId: "pm-kisan", intent: "documents" });
    assert.match(h.flow.turns.at(-1)!.text, /^Documents needed: Aadhaar card.*press 1 for what it is/);
    h.call.press("#");
    await h.until(() => said(h).filter((a) => a === "answer").length === 2);
    h.call.press("*");
    await h.until(() => h.flow.turns.at(-1)!.text.startsWith("Schemes for farming"));
    h.call.press("0");
    const record = await ended(h);
    assert.equal(record.outcome, "transfer");
  });

  it("a key outside the menu says so and repeats the menu; silence gets a short nudge, never the menu, then 'are you still there?' and goodbye", async () => {
    const h = startFlow({ speechLanguages: [] });
    await toQuestions(h);
    h.call.press("7");
    await h.until(() => h.flow.turns.at(-1)!.text.startsWith(FIXED_PROMPTS.keypadInvalid.en));
    await h.until(() => h.flow.state === "LISTENING" && h.call.queuedMs === 0);
    const menus = said(h).filter((a) => a === "menu").length;
    const start = h.now();
    const record = await ended(h);
    const at = (action: string) => h.flow.turns.find((t) => t.action === action)!.atMs - start;
    assert.ok(Math.abs(at("prompt:keypadNudge") - 5000) <= 40, `nudge at ${at("prompt:keypadNudge")}`);
    assert.ok(Math.abs(at("prompt:stillThere") - 30_000) <= 40, "the nudge does not restart the silence clock");
    assert.ok(Math.abs(at("prompt:goodbyeSilence") - 60_000) <= 40);
    assert.equal(record.outcome, "silence");
    assert.equal(said(h).filter((a) => a === "menu").length, menus, "silence never reads the menu again");
    assert.equal(said(h).filter((a) => a === "prompt:keypadNudge").length, 1);
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

  it("a recogniser that fails while a reply is paused lets the reply carry on", async () => {
    const h = startFlow();
    await longAnswerPlaying(h);
    h.ears().startSpeaking();
    await h.advance(200);
    h.ears().fail();
    assert.equal(await packetsUntilSilent(h), LONG_ANSWER_PACKETS);
    h.call.callerHangup();
    await ended(h);
  });

  it("a recogniser that cannot start at all leaves the keypad", async () => {
    const h = startFlow({ hearFails: true });
    await h.until(() => h.flow.turns.some((t) => t.action === "opening"));
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
