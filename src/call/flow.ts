// One call, from greeting to hangup: the seed design's state machine joining the caller's audio (hearing),
// the dialogue and the speaker. Everything that happens (utterances, keys, clocks, recogniser failures)
// goes through one inbox and is handled in order; barge-in is the exception, acted on by the hearing the
// moment the caller's first sign of speech comes, because pausing the reply cannot wait. The parts:
// opening.ts (greeting and language), conversation.ts (speech mode), keypad-mode.ts, hearing.ts and
// barge-in.ts (the ears); this file runs them and ends the call. Every path ends in ENDED with the
// timers, the hearing and the call's listeners released.
import type { CallConfig } from "../config.js";
import type { AnswerLang, DialogueContext, Reply } from "../dialogue/index.js";
import { AbortedError, retryOnce } from "../ops/retry.js";
import type { Call, EndReason } from "../telephony/controller.js";
import { Conversation } from "./conversation.js";
import { CallHearing } from "./hearing.js";
import { Inbox, TIMEOUT } from "./inbox.js";
import { KeypadMode } from "./keypad-mode.js";
import { Opening } from "./opening.js";
import { Preemption, type PausedReading } from "./preemptive.js";
import type { FixedPromptKey } from "./prompts.js";
import type { CallOutcome, CallRecord, TurnRecord } from "./records.js";
import type { FlowInput, FlowScope, ToSay } from "./scope.js";
import type { CallServices } from "./services.js";
import type { CallSession } from "./session.js";
import type { SentenceAhead, SpokenResult } from "./speaker.js";
import { CallStateMachine, type CallState } from "./states.js";
import { CallTimers } from "./timers.js";
import { turnComplete } from "./turn-complete.js";
import { CallVoice, joinText, type ReplyMoments } from "./voice.js";

const END_OUTCOME: Partial<Record<EndReason, CallOutcome>> = { caller_hangup: "caller_hangup", shutdown: "shutdown", error: "error", transfer: "transfer", gone: "caller_hangup" };

export interface CallFlowOptions {
  /** The call's clock (ms); tests give a fake one so timings can be checked. */
  now?: () => number;
}

export class CallFlow implements FlowScope {
  readonly machine: CallStateMachine;
  readonly inbox = new Inbox<FlowInput>();
  readonly timers: CallTimers;
  readonly voice: CallVoice;
  readonly hearing: CallHearing;
  readonly session: CallSession | undefined;
  readonly now: () => number;
  lang: AnswerLang;
  ctx: DialogueContext;
  mode: "speech" | "keypad" = "speech";
  private readonly opening: Opening;
  private readonly conversation: Conversation;
  private readonly keypad: KeypadMode;
  /** Replies prepared at the caller's pauses, once the opening is over and the conversation answers them. */
  private readonly preemption: Preemption;
  private conversing = false;
  private readonly started: number;
  private readonly startedIso = new Date().toISOString();
  private finished = false;
  private outcome: CallOutcome | undefined;
  private error: string | undefined;
  private readonly offs: (() => void)[] = [];

  constructor(
    readonly call: Call,
    readonly services: CallServices,
    options: CallFlowOptions = {},
  ) {
    const cfg = services.config.call;
    this.now = options.now ?? (() => performance.now());
    this.started = this.now();
    this.lang = cfg.defaultLanguage;
    this.ctx = services.newContext(call.id, this.lang);
    this.session = services.sessions?.begin(call.callerNumber, call.id);
    this.machine = new CallStateMachine(() => this.elapsed(), (c) => services.log?.debug({ callId: call.id, from: c.from, to: c.to, reason: c.reason }, "call state"));
    this.timers = new CallTimers(
      cfg,
      {
        onSilence: (step) => this.inbox.push({ kind: "silence", step }),
        onMaxDuration: () => this.inbox.push({ kind: "maxDuration" }),
        // a reply that ended over the caller's speech started the clock while their words were on their way
        callerTurnAwaited: () => this.mode === "speech" && this.hearing.callerTurnAwaited,
        // silence is the caller's audio heard as silence: audio held up on a loaded machine is not yet silence
        heardMs: () => this.hearing.heardMs,
      },
      call.signal,
    );
    this.voice = new CallVoice(call, services, () => this.lang, (at) => this.elapsed(at), (event, fn) => this.on(event, fn), this.now);
    this.preemption = new Preemption({ dialogue: services.dialogue, tts: services.tts, ctx: () => this.conversationIfStopped(), lang: () => this.lang, log: services.log, callId: call.id });
    this.hearing = new CallHearing(
      call,
      services,
      this.voice,
      {
        heard: (input) => this.inbox.push(input),
        speaking: () => this.timers.stopSilence(),
        paused: (reading) => this.conversing && this.mode === "speech" && this.prepareAtPause(reading),
      },
      this.now,
    );
    this.conversation = new Conversation(this);
    this.keypad = new KeypadMode(this);
    this.opening = new Opening(this, this.conversation);
    this.on("audio", (samples: Int16Array) => this.hearing.accept(samples));
    this.on("dtmf", (digit: string) => this.onDigit(digit));
    this.on("end", (reason: EndReason) => (this.outcome ??= END_OUTCOME[reason] ?? "caller_hangup"));
  }

  private on(event: string, fn: Parameters<Call["events"]["on"]>[1]): void {
    this.call.events.on(event, fn);
    this.offs.push(() => this.call.events.off(event, fn));
  }

  private elapsed(at = this.now()): number {
    return Math.round(at - this.started);
  }

  get config(): CallConfig {
    return this.services.config.call;
  }

  /** Every turn so far, both sides. */
  get turns(): readonly TurnRecord[] {
    return this.voice.turns;
  }

  get state(): CallState {
    return this.machine.state;
  }

  /** Where the call stands now, for the console's calls in progress (no caller number, no words). */
  get live(): { startedAt: string; state: CallState; lang: AnswerLang; mode: "speech" | "keypad"; turns: number } {
    return { startedAt: this.startedIso, state: this.machine.state, lang: this.lang, mode: this.mode, turns: this.voice.turns.length };
  }

  /** Runs the call to its end; resolves with its record. */
  async run(): Promise<CallRecord> {
    try {
      this.machine.to("GREETING", "answered");
      // the caller's rate limit and earlier conversation (SQLite: known already; PostgreSQL: bounded wait)
      await this.session?.settled;
      if (this.session && !this.session.admission.allowed) await this.refuse();
      else {
        const question = await this.opening.run();
        this.conversing = true;
        if (question) await this.handle(question);
      }
      while (!this.finished) {
        this.toState("LISTENING", "waiting for the caller");
        const input = await this.inbox.next(this.call.signal);
        if (input === TIMEOUT) continue;
        await this.handle(input);
      }
    } catch (err) {
      if (!this.call.signal.aborted && !(err instanceof AbortedError)) await this.fail(err as Error);
    } finally {
      this.dispose();
    }
    const record = this.record();
    this.session?.finish(record, this.ctx);
    return record;
  }

  /** SIGTERM grace is over: a short goodbye, then the controller hangs up. */
  async endForShutdown(): Promise<void> {
    this.outcome ??= "shutdown";
    this.finished = true;
    this.voice.stop();
    await this.voice.sayPrompt("goodbye", { interruptible: false }).catch(() => undefined);
  }

  toState(to: CallState, reason: string): void {
    // nothing moves once the caller has gone: a late reply or clock tick is dropped here
    if (this.call.signal.aborted) throw new AbortedError("call ended");
    if (this.machine.state !== to && !this.machine.ended) this.machine.to(to, reason);
  }

  private async handle(input: FlowInput): Promise<void> {
    switch (input.kind) {
      case "utterance": {
        // a reply prepared at the pause it ended on is this turn's to use, and released with it whatever happens
        const prepared = this.preemption.take(input.paused);
        try {
          // the keypad has no ears; words that were on their way when it began are dropped
          if (this.mode === "speech") await this.conversation.utterance(input, prepared);
        } finally {
          prepared?.release();
        }
        return;
      }
      case "falseStart":
        if (this.mode === "speech") this.conversation.falseStart();
        return;
      case "dtmf":
        this.timers.stopSilence();
        return this.mode === "keypad" ? this.keypad.digit(input.digit) : this.conversation.digit(input.digit);
      case "silence":
        if (input.step === "goodbye") return this.terminate("goodbyeSilence", "silence");
        if (input.step === "nudge" && this.mode === "keypad") return this.keypad.nudge();
        return this.conversation.silence(input.step);
      case "maxDuration":
        return this.terminate("maxDuration", "max_duration");
      case "hearingFailed":
        // the keypad has no ears: a failure of the ones it let go is no news
        if (this.mode === "speech") await this.onHearingFailed(input.error);
        return;
    }
  }

  /** Runs a dialogue step; a short filler plays if it takes longer than fillerAfterMs. Null after a failure (said). */
  async withFiller(step: () => Promise<Reply>): Promise<Reply | null> {
    const filler = setTimeout(() => void this.voice.playFiller(() => this.machine.state === "PROCESSING"), this.config.fillerAfterMs);
    try {
      return await step();
    } catch (err) {
      if (this.call.signal.aborted) throw err;
      this.warn(err as Error, "dialogue failed twice; fallback prompt");
      this.toState("ERROR", "dialogue failed");
      await this.voice.sayPrompt("answerFailed", { interruptible: true });
      this.timers.listening();
      return null;
    } finally {
      clearTimeout(filler);
    }
  }

  async speakReply(reply: ToSay, at: ReplyMoments, ahead?: SentenceAhead): Promise<void> {
    const lang = reply.lang as AnswerLang;
    const terminal = reply.action === "end" || reply.action === "transfer";
    this.toState(terminal ? "TERMINATING" : reply.action === "clarify" ? "CLARIFYING" : "RESPONDING", reply.action);
    let spoken: SpokenResult;
    try {
      spoken = await retryOnce(() => this.voice.say(reply.segments, lang, { interruptible: !terminal, ...(ahead ? { ahead } : {}) }), this.config.retryBackoffMs, this.call.signal, (err) => this.warn(err, "synthesis failed; retrying"));
    } catch (err) {
      if (this.call.signal.aborted) throw err;
      this.warn(err as Error, "synthesis failed twice; handing the caller to a person");
      this.toState("ERROR", "synthesis failed");
      return this.transfer("synthesis failed", "ttsFailed");
    }
    this.voice.recordSaid(joinText(reply.segments), lang, spoken, { action: reply.action, schemeIds: reply.schemeIds }, at);
    if (!spoken.completed) {
      // the history keeps only what the caller heard
      if (this.ctx.lastReply) this.ctx.lastReply = keepHeard(this.ctx.lastReply, spoken.heardText, lang);
      return;
    }
    if (reply.action === "end") return this.hangup("goodbye");
    if (reply.action === "transfer") return this.handOver();
    this.timers.listening();
  }

  /**
   * The conversation as it will be if the caller's speech stops the reply paused for it (only what they
   * heard of it kept, as speakReply does): a reply prepared at their pause starts from that.
   */
  private conversationIfStopped(): DialogueContext {
    const heard = this.voice.heardIfStopped();
    const last = this.ctx.lastReply;
    if (heard === undefined || !last || this.voice.speech?.text !== joinText(last.segments)) return this.ctx;
    return { ...this.ctx, lastReply: keepHeard(last, heard, last.lang) };
  }

  /**
   * A reply is prepared on the words of the caller's pause; when they make a whole request, the utterance
   * ends as soon as it is ready (speech.endpoint.completeDelayMs) instead of waiting minDelayMs.
   */
  private prepareAtPause(reading: PausedReading): void {
    const preparation = this.preemption.start(reading);
    void preparation.ready.then((prepared) => {
      if (prepared && turnComplete(prepared, this.config.minConfidence)) this.hearing.endAtPause(reading);
    });
  }

  async enterKeypad(reason: string): Promise<void> {
    this.mode = "keypad";
    this.hearing.stop();
    await this.keypad.enter(reason);
  }

  private async onHearingFailed(err: Error): Promise<void> {
    this.warn(err, "recogniser failed");
    if (await this.hearing.recover()) return;
    this.toState("ERROR", "recogniser failed");
    await this.voice.sayPrompt("asrFailed", { interruptible: false });
    await this.enterKeypad("recogniser failed");
  }

  private onDigit(digit: string): void {
    // a key stops a prompt the way speech does (IVR convention)
    if (this.voice.speech?.interruptible) this.voice.stop();
    this.inbox.push({ kind: "dtmf", digit });
  }

  // ---- ending ----

  /** Over the rate limit: a polite refusal in every language offered (none was chosen yet), then hangup. */
  private async refuse(): Promise<void> {
    // a caller who hangs up during the refusal was still refused
    this.outcome = "rate_limited";
    this.toState("TERMINATING", "rate limited");
    for (const lang of this.config.languages) await this.voice.sayPrompt("rateLimited", { lang, interruptible: false }).catch((err: Error) => this.warn(err, "refusal prompt failed"));
    await this.hangup("rate_limited");
  }

  /** Says a closing prompt and hangs up. */
  private async terminate(prompt: FixedPromptKey, outcome: CallOutcome): Promise<void> {
    this.toState("TERMINATING", outcome);
    await this.voice.sayPrompt(prompt, { interruptible: false }).catch((err: Error) => this.warn(err, "closing prompt failed"));
    await this.hangup(outcome);
  }

  private async hangup(outcome: CallOutcome): Promise<void> {
    this.outcome ??= outcome;
    this.finished = true;
    await this.call.hangup();
  }

  async transfer(reason: string, prompt: FixedPromptKey = "transfer"): Promise<void> {
    this.toState("TERMINATING", `transfer: ${reason}`);
    await this.voice.sayPrompt(prompt, { interruptible: false }).catch((err: Error) => this.warn(err, "transfer prompt failed"));
    await this.handOver();
  }

  private async handOver(): Promise<void> {
    this.outcome ??= "transfer";
    this.finished = true;
    await this.call.transfer();
  }

  /** An unexpected failure: an apology from the prompt cache and a clean end. */
  private async fail(err: Error): Promise<void> {
    this.error = err.message;
    this.outcome = "error";
    this.services.log?.error({ callId: this.call.id, err: err.message }, "call failed");
    if (this.machine.can("ERROR")) this.machine.to("ERROR", err.message);
    this.toState("TERMINATING", "fatal error");
    this.voice.stop();
    await this.voice.sayPrompt("technicalProblem", { interruptible: false }).catch(() => undefined);
    this.finished = true;
    await this.call.hangup().catch(() => undefined);
  }

  warn(err: Error, message: string): void {
    this.services.log?.warn({ callId: this.call.id, err: err.message }, message);
  }

  private dispose(): void {
    this.timers.dispose();
    this.voice.stop();
    this.hearing.stop();
    this.preemption.drop();
    for (const off of this.offs.splice(0)) off();
    if (!this.machine.ended) this.machine.to("ENDED", this.outcome ?? "ended");
  }

  record(): CallRecord {
    const late = [...this.call.packetLateness].sort((a, b) => a - b);
    return {
      callId: this.call.id,
      startedAt: this.startedIso,
      durationMs: this.elapsed(),
      lang: this.lang,
      mode: this.mode,
      outcome: this.outcome ?? (this.error ? "error" : "caller_hangup"),
      continued: this.session && this.session.continuation.kind !== "fresh" ? this.session.continuation.kind : undefined,
      error: this.error,
      states: this.machine.history,
      turns: this.voice.turns,
      packets: { sent: late.length, lateP99Ms: round2(late[Math.floor(late.length * 0.99)] ?? 0), lateMaxMs: round2(late.at(-1) ?? 0) },
    };
  }
}

/** A reply as the conversation keeps it when the caller heard only `heard` of it. */
function keepHeard(reply: Reply, heard: string, lang: string): Reply {
  return { ...reply, text: heard, segments: [{ text: heard, lang }] };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
