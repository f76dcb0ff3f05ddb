// A call flow with fake parts under Node's fake timers and a fake clock: a call whose media leg "plays"
// queued audio in 20 ms steps of fake time and sends the caller's audio every 20 ms (silence, or the level
// the test sets), a synthesiser and prompt cache that make 100 ms of audio per word at a known level,
// ears the test speaks through, and a scripted dialogue. Real engines are exercised by the simulated-call
// tests.
import { EventEmitter } from "node:events";
import { mock } from "node:test";
import { CallFlow, CallSessions, KeypadCatalogue, type CallDialogue, type CallRecord, type CallServices, type Hearing } from "../../src/call/index.js";
import type { Config } from "../../src/config.js";
import { newContext, type DialogueContext, type Reply, type Utterance as DialogueUtterance, type Intent } from "../../src/dialogue/index.js";
import type { SchemeMeta } from "../../src/knowledge/index.js";
import type { ListenerEvents } from "../../src/speech/listener.js";
import type { Logger } from "../../src/ops/log.js";
import type { SahayakStore } from "../../src/store/index.js";
import type { Call } from "../../src/telephony/controller.js";
import { testConfig } from "../helpers.js";

const RATE = 8000;
export const MS_PER_WORD = 100;
/** The level of everything Sahayak says here (RMS). */
export const SAHAYAK_LEVEL = 1000;
/** A caller speaking into the phone, louder than any echo of Sahayak. */
export const CALLER_LEVEL = 3000;

export function wordsAudio(text: string): Int16Array {
  const words = Math.max(1, text.split(/\s+/).filter(Boolean).length);
  return new Int16Array((RATE * MS_PER_WORD * words) / 1000).fill(SAHAYAK_LEVEL);
}

export class FakeCall implements Call {
  readonly sampleRate = RATE;
  readonly events = new EventEmitter();
  private readonly abort = new AbortController();
  readonly signal = this.abort.signal;
  readonly packetLateness: number[] = [];
  private queued = 0;
  /** Fake-clock ms of each flush and of each talkspurt start. */
  readonly flushes: number[] = [];
  /** Fake-clock ms of each packet played to the caller. */
  readonly packetsAt: number[] = [];
  hungUp = false;
  transferred = false;
  /** The level of the caller's side now (0: silence). */
  callerLevel = 0;
  private readonly ticker: NodeJS.Timeout;

  constructor(
    private readonly now: () => number,
    readonly id = "call-1",
    readonly callerNumber = "+919812345678",
  ) {
    this.ticker = setInterval(() => {
      if (this.queued > 0) {
        this.queued = Math.max(0, this.queued - 20);
        this.packetLateness.push(0);
        this.packetsAt.push(this.now());
      }
      if (this.callerAudioHeld) this.owedCallerFrames++;
      else this.sendCallerFrame();
    }, 20);
  }

  /** The caller's audio is held up on its way (a loaded machine): frames are owed, not sent, until released. */
  callerAudioHeld = false;
  private owedCallerFrames = 0;

  /** The held-up audio arrives: `ms` of it at once (all that is owed by default), and the rest flows as ever. */
  releaseCallerAudio(ms = this.owedCallerFrames * 20): void {
    const frames = Math.min(this.owedCallerFrames, Math.round(ms / 20));
    this.owedCallerFrames -= frames;
    for (let i = 0; i < frames; i++) this.sendCallerFrame();
    if (this.owedCallerFrames === 0) this.callerAudioHeld = false;
  }

  /** 20 ms of the caller's side at its level now. */
  sendCallerFrame(): void {
    this.events.emit("audio", new Int16Array(160).fill(this.callerLevel));
  }

  play(samples: Int16Array): void {
    if (this.signal.aborted) return;
    const wasIdle = this.queued === 0;
    this.queued += Math.ceil(samples.length / 160) * 20;
    if (wasIdle) this.events.emit("audioStarted", this.now());
  }

  flush(): number {
    const dropped = this.queued / 20;
    this.queued = 0;
    this.flushes.push(this.now());
    return dropped;
  }

  get queuedMs(): number {
    return this.queued;
  }

  private end(reason: string): void {
    if (this.signal.aborted) return;
    clearInterval(this.ticker);
    this.abort.abort(new Error(reason));
    this.events.emit("end", reason);
  }

  async hangup(): Promise<void> {
    this.hungUp = true;
    this.end("app_hangup");
  }

  async transfer(): Promise<void> {
    this.transferred = true;
    this.end("transfer");
  }

  callerHangup(): void {
    this.end("caller_hangup");
  }

  press(digit: string): void {
    this.events.emit("dtmf", digit);
  }
}

/** The fake listener's end of utterance: decided 500 ms after speech ended, the final result 10 ms after that. */
export const FAKE_ENDPOINT_MS = 500;
export const FAKE_FINAL_MS = 10;

/** Ears whose stream time is the fake clock: the test says when the VAD sees what. */
export class FakeEars implements Hearing {
  speaking = false;
  disposed = false;
  private startedAt = 0;
  constructor(
    readonly lang: string,
    private readonly events: ListenerEvents,
    private readonly call: FakeCall,
    private readonly now: () => number,
  ) {}
  get timeMs(): number {
    return this.now();
  }
  accept(): void {}
  /** Stream times of the pauses the call judged whole requests (endAtPause), and the fake time each was judged at. */
  readonly endedAtPause: { atMs: number; judgedAt: number }[] = [];
  endAtPause(atMs: number): void {
    this.endedAtPause.push({ atMs, judgedAt: this.now() });
  }
  dispose(): void {
    this.disposed = true;
  }
  /** The first sign of speech (at `level` on the line). */
  onset(level = CALLER_LEVEL): void {
    this.call.callerLevel = level;
    // the VAD saw the sound before it said so
    this.call.sendCallerFrame();
    this.startedAt = this.now();
    this.events.onset?.(this.startedAt);
  }
  /** The sound stops and its sign falls silent. */
  onsetEnd(): void {
    this.call.callerLevel = 0;
    this.events.onsetEnd?.(this.now());
  }
  /** The VAD confirms the speech begun at the onset. */
  confirm(): void {
    this.speaking = true;
    this.events.speechStart?.(this.startedAt);
  }
  /** Onset and confirmation at once. */
  startSpeaking(level = CALLER_LEVEL): void {
    this.onset(level);
    this.confirm();
  }
  /** The sound stops: the recogniser's reading so far, while the endpoint waits (finish() FAKE_ENDPOINT_MS + FAKE_FINAL_MS later ends the utterance there). */
  pause(text: string, alternatives: string[] = [], confidence = 0.9): void {
    if (this.call.callerLevel > 0) this.onsetEnd();
    const result = { text, confidence, alternatives: alternatives.map((a) => ({ text: a, confidence })), endpoint: false, isFinal: false };
    this.events.quiet?.({ result, audio: wordsAudio(text), atMs: this.now() });
  }
  /** The utterance's result: speech ended FAKE_ENDPOINT_MS + FAKE_FINAL_MS ago on the fake clock (its sign fell silent before). */
  finish(text: string, confidence = 0.9, alternatives: string[] = []): void {
    if (this.call.callerLevel > 0) this.onsetEnd();
    this.speaking = false;
    const decidedAtMs = this.now() - FAKE_FINAL_MS;
    const result = { text, confidence, alternatives: alternatives.map((a) => ({ text: a, confidence })), endpoint: true, isFinal: true };
    this.events.utterance?.({ result, startMs: this.startedAt, endOfSpeechMs: decidedAtMs - FAKE_ENDPOINT_MS, decidedAtMs, reason: "silence", finalLatencyMs: FAKE_FINAL_MS, audio: wordsAudio(text) });
  }
  fail(message = "recogniser worker died"): void {
    this.events.error?.(new Error(message));
  }
}

function reply(text: string, action: Reply["action"], extra: Partial<Reply> = {}): Reply {
  return { text, lang: "en", segments: [{ text, lang: "en" }], action, intent: "overview", schemeIds: [], source: "composed", ...extra };
}

/** Replies by keyword, like the real dialogue would for these phrases. */
export class ScriptedDialogue implements CallDialogue {
  calls: DialogueUtterance[] = [];
  /** The last reply as the context held it when each call came (what the caller heard of it). */
  lastReplySeen: (string | undefined)[] = [];
  /** The context after each reply. */
  contexts: DialogueContext[] = [];
  /** Thrown errors say what the caller said, as some engines' errors do: logs must redact it. */
  failWithText = false;
  about: { schemeId: string; intent: Intent }[] = [];
  failures = 0;
  delayMs = 0;

  async respond(u: DialogueUtterance, ctx: DialogueContext): Promise<Reply> {
    this.calls.push(u);
    this.lastReplySeen.push(ctx.lastReply?.text);
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.failures > 0) {
      this.failures--;
      throw new Error(this.failWithText ? `cannot parse "${u.text}"` : "knowledge base unavailable");
    }
    const t = u.text.toLowerCase();
    let r: Reply;
    if (u.dtmf === "1" && ctx.pending) r = reply("PM Kisan gives six thousand rupees a year.", "answer", { schemeIds: ["pm-kisan"] });
    else if (/bye|that's all|धन्यवाद/.test(t)) r = reply("Thank you for calling. Goodbye!", "end", { intent: "goodbye" });
    else if (/agent|insaan/.test(t)) r = reply("I will connect you to a person.", "transfer", { intent: "human" });
    else if (/about some scheme/.test(t)) r = reply("Which scheme would you like to know about? Say its name.", "clarify", { intent: "overview" });
    // words heard with confidence that are no words at all (dialogue/misheard.ts)
    else if (/vorplin/.test(t)) r = reply("Please say the name of the scheme again.", "clarify", { intent: "overview", notMadeOut: true });
    else if (/which|kisan yojana/.test(t)) {
      r = reply("Which one do you mean: PM Kisan, or Kisan Credit Card? Press 1 for PM Kisan.", "clarify", { schemeIds: ["pm-kisan", "kcc"] });
      ctx.pending = { kind: "choose", options: ["pm-kisan", "kcc"], candidates: ["pm-kisan", "kcc"], intent: "overview", turn: ctx.turn, question: u.text };
    } else if (/long/.test(t)) {
      const sentences = Array.from({ length: 5 }, (_, i) => `Sentence number ${i + 1} of a long answer about the scheme.`);
      r = reply(sentences.join(" "), "answer", { schemeIds: ["pm-kisan"], segments: sentences.map((s) => ({ text: s, lang: "en" })) });
    } else r = reply("PM Kisan gives six thousand rupees a year to farmer families.", "answer", { schemeIds: ["pm-kisan"] });
    if (r.action !== "clarify") ctx.pending = undefined;
    // like the real engine: the turn counts, and the scheme answered about becomes the topic
    ctx.turn++;
    if (r.action === "answer" && r.schemeIds[0]) ctx.currentScheme = { id: r.schemeIds[0], turn: ctx.turn };
    ctx.lastReply = r;
    this.contexts.push(structuredClone(ctx));
    return r;
  }

  async answerAbout(schemeId: string, intent: Intent, ctx: DialogueContext): Promise<Reply> {
    this.about.push({ schemeId, intent });
    const r = reply(intent === "documents" ? "Documents needed: Aadhaar card, land records, bank passbook." : `About ${schemeId}.`, "answer", { schemeIds: [schemeId], intent });
    ctx.lastReply = r;
    return r;
  }

  async continueAnswer(ctx: DialogueContext): Promise<Reply> {
    return ctx.lastReply ?? reply("Nothing more.", "more");
  }
}

export class FakeTts {
  readonly name = "fake";
  failures = 0;
  said: string[] = [];
  async *synthesize(text: string, lang: string, signal?: AbortSignal) {
    if (this.failures > 0) {
      this.failures--;
      throw new Error("espeak-ng exited with code 1");
    }
    this.said.push(text);
    if (signal?.aborted) return;
    yield { samples: wordsAudio(text), sampleRate: RATE, lang };
  }
  async close(): Promise<void> {}
}

export const schemeMeta = (schemeId: string, name: string, categories: string[], prior: number): SchemeMeta => ({
  schemeId,
  name,
  nameHi: "",
  shortTitle: "",
  aliases: [],
  level: "central",
  state: "",
  states: [],
  categories,
  beneficiaries: [],
  detailLevel: "full",
  prior,
  duplicates: [],
});

const SCHEME_NAMES: Record<string, string> = { "pm-kisan": "PM Kisan", kcc: "Kisan Credit Card", "ab-pmjay": "Ayushman Bharat" };

export interface Harness {
  call: FakeCall;
  flow: CallFlow;
  dialogue: ScriptedDialogue;
  tts: FakeTts;
  prompts: { failing: boolean; said: string[] };
  ears(): FakeEars;
  allEars: FakeEars[];
  done: Promise<CallRecord>;
  /** Runs fake time forward in 20 ms steps, letting promises settle between steps. */
  advance(ms: number): Promise<void>;
  /** Advances until the check holds (at most maxMs of fake time). */
  until(check: () => boolean, maxMs?: number): Promise<number>;
  /** Fake ms since the start. */
  now(): number;
  config: Config;
  /** The fake services the flow runs on (for a second flow, or the call handler, on the same parts). */
  services: CallServices;
}

export const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

/** Starts a call flow with fake parts. Call inside a test with mock.timers enabled. */
export function startFlow(
  options: { overrides?: Record<string, unknown>; speechLanguages?: string[]; hearFails?: boolean; store?: SahayakStore; callId?: string; callerNumber?: string; log?: Logger; spokenEvidence?: CallServices["spokenEvidence"] } = {},
): Harness {
  const config = testConfig("/nonexistent-data", options.overrides ?? {});
  let fakeNow = 0;
  const now = () => fakeNow;
  const call = new FakeCall(now, options.callId, options.callerNumber);
  const dialogue = new ScriptedDialogue();
  const tts = new FakeTts();
  const prompts = { failing: false, said: [] as string[] };
  const allEars: FakeEars[] = [];
  const catalogue = new KeypadCatalogue([
    schemeMeta("pm-kisan", "PM Kisan", ["agriculture-rural-environment"], 0.9),
    schemeMeta("kcc", "Kisan Credit Card", ["agriculture-rural-environment", "banking-finance-insurance"], 0.8),
    schemeMeta("ab-pmjay", "Ayushman Bharat", ["health-wellness"], 0.95),
  ]);
  const services: CallServices = {
    config,
    tts,
    prompts: {
      async get(text: string) {
        if (prompts.failing) throw new Error("prompt cache unreadable and espeak-ng missing");
        prompts.said.push(text);
        return wordsAudio(text);
      },
    },
    dialogue,
    keypad: catalogue,
    speechLanguages: options.speechLanguages ?? ["en"],
    hear(lang, _rate, events) {
      if (options.hearFails) throw new Error("recogniser cannot start");
      const ears = new FakeEars(lang, events, call, now);
      allEars.push(ears);
      return ears;
    },
    ...(options.spokenEvidence ? { spokenEvidence: options.spokenEvidence } : {}),
    newContext: (id, lang) => newContext(id, lang),
    sessions: options.store ? new CallSessions(options.store, config.store, (id) => SCHEME_NAMES[id], options.log) : undefined,
    log: options.log,
    async close() {},
  };
  const flow = new CallFlow(call, services, { now });
  const done = flow.run();
  const advance = async (ms: number) => {
    for (let t = 0; t < ms; t += 20) {
      // what was set off now is scheduled now, not one step later
      await settle();
      fakeNow += 20;
      mock.timers.tick(20);
      await settle();
    }
  };
  const until = async (check: () => boolean, maxMs = 120_000) => {
    const start = fakeNow;
    while (!check()) {
      if (fakeNow - start > maxMs) throw new Error(`condition not reached in ${maxMs} ms of fake time; state ${flow.state}, turns ${JSON.stringify(flow.turns.map((t) => t.action))}`);
      await advance(20);
    }
    return fakeNow - start;
  };
  return { call, flow, dialogue, tts, prompts, ears: () => allEars.at(-1)!, allEars, done, advance, until, now, config, services };
}

export const saidActions = (h: Harness): string[] => h.flow.turns.filter((t) => t.role === "sahayak").map((t) => t.action ?? "");

/** Caller speech: onset and confirmation, 400 ms of speaking, then the recogniser's words. */
export async function ask(h: Harness, text: string, confidence = 0.9): Promise<void> {
  h.ears().startSpeaking();
  await h.advance(400);
  h.ears().finish(text, confidence);
  await h.advance(20);
}

/**
 * To the questions: a first-time caller presses `key` in the opening (2: English) and hears how to ask and
 * the tone; a returning or resumed caller is taken straight in. Resolves when the call listens.
 */
export async function toQuestions(h: Harness, key = "2"): Promise<void> {
  const straightIn = ["welcome_back", "prompt:resumed", "resume_about", "prompt:welcomeBackAsk"];
  await h.until(() => h.flow.turns.some((t) => t.action === "opening" || straightIn.includes(t.action ?? "")));
  if (h.flow.turns.some((t) => t.action === "opening")) {
    h.call.press(key);
    await h.until(() => h.flow.turns.some((t) => t.action === "prompt:howToAsk" || t.action === "welcome_back" || t.action === "menu"));
  }
  await h.until(() => h.flow.state === "LISTENING" && h.call.queuedMs === 0);
}

export async function ended(h: Harness): Promise<CallRecord> {
  await h.until(() => h.flow.machine.ended);
  return h.done;
}
