// A call flow with fake parts under Node's fake timers: a call whose media leg "plays" queued audio in
// 20 ms steps of fake time, a synthesiser and prompt cache that make 100 ms of audio per word, ears the
// test speaks through, and a scripted dialogue. Real engines are exercised by the simulated-call tests.
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
const MS_PER_WORD = 100;

function wordsAudio(text: string): Int16Array {
  const words = Math.max(1, text.split(/\s+/).filter(Boolean).length);
  return new Int16Array((RATE * MS_PER_WORD * words) / 1000).fill(1000);
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
  hungUp = false;
  transferred = false;
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
      }
    }, 20);
  }

  play(samples: Int16Array): void {
    if (this.signal.aborted) return;
    const wasIdle = this.queued === 0;
    this.queued += Math.ceil(samples.length / 160) * 20;
    if (wasIdle) this.events.emit("audioStarted", performance.now());
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

export class FakeEars implements Hearing {
  speaking = false;
  disposed = false;
  constructor(
    readonly lang: string,
    private readonly events: ListenerEvents,
  ) {}
  accept(): void {}
  dispose(): void {
    this.disposed = true;
  }
  startSpeaking(): void {
    this.speaking = true;
    this.events.speechStart?.(0);
  }
  finish(text: string, confidence = 0.9, alternatives: string[] = []): void {
    this.speaking = false;
    const result = { text, confidence, alternatives: alternatives.map((a) => ({ text: a, confidence })), endpoint: true, isFinal: true };
    this.events.utterance?.({ result, startMs: 0, endOfSpeechMs: 1000, decidedAtMs: 1500, reason: "silence", finalLatencyMs: 10, audio: wordsAudio(text) });
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
  /** The context after each reply. */
  contexts: DialogueContext[] = [];
  /** Thrown errors say what the caller said, as some engines' errors do: logs must redact it. */
  failWithText = false;
  about: { schemeId: string; intent: Intent }[] = [];
  failures = 0;
  delayMs = 0;

  async respond(u: DialogueUtterance, ctx: DialogueContext): Promise<Reply> {
    this.calls.push(u);
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
    else if (/which|kisan yojana/.test(t)) {
      r = reply("Which one do you mean: PM Kisan, or Kisan Credit Card? Press 1 for PM Kisan.", "clarify", { schemeIds: ["pm-kisan", "kcc"] });
      ctx.pending = { kind: "choose", options: ["pm-kisan", "kcc"], intent: "overview", turn: ctx.turn, question: u.text };
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
      const ears = new FakeEars(lang, events);
      allEars.push(ears);
      return ears;
    },
    ...(options.spokenEvidence ? { spokenEvidence: options.spokenEvidence } : {}),
    newContext: (id, lang) => newContext(id, lang),
    sessions: options.store ? new CallSessions(options.store, config.store, (id) => SCHEME_NAMES[id], options.log) : undefined,
    log: options.log,
    async close() {},
  };
  const flow = new CallFlow(call, services);
  const done = flow.run();
  const advance = async (ms: number) => {
    for (let t = 0; t < ms; t += 20) {
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
  return { call, flow, dialogue, tts, prompts, ears: () => allEars.at(-1)!, allEars, done, advance, until, now, config };
}
