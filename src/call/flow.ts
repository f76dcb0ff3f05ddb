// One call, from greeting to hangup: the seed design's state machine joining the caller's audio (hearing),
// the dialogue and the speaker. Everything that happens (utterances, keys, clocks, recogniser failures)
// goes through one inbox and is handled in order; barge-in is the exception, acted on the moment the
// caller's speech is confirmed, because stopping the reply cannot wait. Every path ends in ENDED with
// the timers, the hearing and the call's listeners released.
import type { AnswerLang, DialogueContext, Reply, Segment, Utterance as DialogueUtterance } from "../dialogue/index.js";
import { AbortedError, abortableDelay, retryOnce } from "../ops/retry.js";
import { recogniseLanguageName } from "../speech/language-names.js";
import type { Utterance } from "../speech/listener.js";
import type { Call, EndReason } from "../telephony/controller.js";
import { Inbox, TIMEOUT } from "./inbox.js";
import { KeypadMenu } from "./keypad.js";
import { carryOnAbout, FIXED_PROMPTS, languageMenu, resumeAbout, welcomeBack, type FixedPromptKey } from "./prompts.js";
import type { CallOutcome, CallRecord, TurnRecord } from "./records.js";
import type { CallServices, Hearing } from "./services.js";
import { continueChoice, type CallSession, type Continuation } from "./session.js";
import type { SpokenResult } from "./speaker.js";
import { CallStateMachine, type CallState } from "./states.js";
import { CallTimers, type SilenceStep } from "./timers.js";
import { CallVoice, joinText } from "./voice.js";

type Input =
  | { kind: "utterance"; utterance: Utterance; endOfSpeechAt: number; finalAt: number }
  | { kind: "dtmf"; digit: string }
  | { kind: "silence"; step: SilenceStep }
  | { kind: "maxDuration" }
  | { kind: "hearingFailed"; error: Error };

/** A reply to speak; `action` is the dialogue's, or the call's own ("menu", "resume"). */
interface ToSay {
  segments: Segment[];
  lang: string;
  action: Reply["action"] | "menu" | "resume";
  schemeIds: string[];
}

/** What the caller heard of a reply they cut short, to resume it after a false start. */
interface Unfinished {
  segments: Segment[];
  lang: AnswerLang;
}

const END_OUTCOME: Partial<Record<EndReason, CallOutcome>> = { caller_hangup: "caller_hangup", shutdown: "shutdown", error: "error", transfer: "transfer", gone: "caller_hangup" };

export class CallFlow {
  readonly machine: CallStateMachine;
  private readonly inbox = new Inbox<Input>();
  private readonly timers: CallTimers;
  private readonly voice: CallVoice;
  private readonly started = performance.now();
  private readonly startedIso = new Date().toISOString();
  private ctx: DialogueContext;
  private lang: AnswerLang;
  /** The caller's history from the store (absent when the flow runs without one). */
  private readonly session: CallSession | undefined;
  /** A returning caller was asked whether to carry on; their next turn answers it. */
  private awaitingContinue: string | undefined;
  private mode: "speech" | "keypad" = "speech";
  private hearing: Hearing | null = null;
  private unfinished: Unfinished | undefined;
  private keypad: KeypadMenu | undefined;
  private lastKeypadSaid: { segments: Segment[]; more: boolean; reply?: Reply } | undefined;
  private repeats = 0;
  private keypadOffered = false;
  private asrRetried = false;
  private finished = false;
  private outcome: CallOutcome | undefined;
  private error: string | undefined;
  private readonly offs: (() => void)[] = [];

  constructor(
    private readonly call: Call,
    private readonly services: CallServices,
  ) {
    const cfg = services.config.call;
    this.lang = cfg.defaultLanguage;
    this.ctx = services.newContext(call.id, this.lang);
    this.session = services.sessions?.begin(call.callerNumber, call.id);
    this.machine = new CallStateMachine(() => this.elapsed(), (c) => services.log?.debug({ callId: call.id, from: c.from, to: c.to, reason: c.reason }, "call state"));
    this.timers = new CallTimers(cfg, { onSilence: (step) => this.inbox.push({ kind: "silence", step }), onMaxDuration: () => this.inbox.push({ kind: "maxDuration" }) }, call.signal);
    this.voice = new CallVoice(call, services, () => this.lang, (at) => this.elapsed(at), (event, fn) => this.on(event, fn));
    this.on("audio", (samples: Int16Array) => this.hearing?.accept(samples));
    this.on("dtmf", (digit: string) => this.onDigit(digit));
    this.on("end", (reason: EndReason) => (this.outcome ??= END_OUTCOME[reason] ?? "caller_hangup"));
  }

  private on(event: string, fn: Parameters<Call["events"]["on"]>[1]): void {
    this.call.events.on(event, fn);
    this.offs.push(() => this.call.events.off(event, fn));
  }

  private elapsed(at = performance.now()): number {
    return Math.round(at - this.started);
  }

  private get config() {
    return this.services.config.call;
  }

  /** Every turn so far, both sides. */
  get turns(): readonly TurnRecord[] {
    return this.voice.turns;
  }

  get state(): CallState {
    return this.machine.state;
  }

  /** Runs the call to its end; resolves with its record. */
  async run(): Promise<CallRecord> {
    try {
      this.machine.to("GREETING", "answered");
      // the caller's rate limit and earlier conversation (SQLite: known already; PostgreSQL: bounded wait)
      await this.session?.settled;
      if (this.session && !this.session.admission.allowed) await this.refuse();
      else await this.greet();
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

  private toState(to: CallState, reason: string): void {
    // nothing moves once the caller has gone: a late reply or clock tick is dropped here
    if (this.call.signal.aborted) throw new AbortedError("call ended");
    if (this.machine.state !== to && !this.machine.ended) this.machine.to(to, reason);
  }

  // ---- greeting and language ----

  private async greet(): Promise<void> {
    const continuation = this.session?.continuation ?? { kind: "fresh" };
    // a caller carrying on an earlier call keeps its conversation
    if (continuation.kind !== "fresh") this.ctx = { ...continuation.context, sessionId: this.ctx.sessionId };
    const langs = this.config.languages;
    let chosen: { lang: AnswerLang; how: string };
    // a dropped call picks up where it was: same language, no welcome or menu
    if (continuation.kind === "resumed" && langs.includes(continuation.lang)) chosen = { lang: continuation.lang, how: "resumed call" };
    else {
      for (const lang of langs) if (!(await this.voice.sayPrompt("welcome", { lang, interruptible: true })).completed) break;
      chosen = langs.length === 1 ? { lang: langs[0]!, how: "only language" } : await this.chooseLanguage(langs);
    }
    this.lang = chosen.lang;
    this.ctx.lang = chosen.lang;
    this.services.log?.info({ callId: this.call.id, lang: chosen.lang, how: chosen.how, continued: continuation.kind }, "language chosen");
    if (this.services.speechLanguages.includes(chosen.lang)) {
      this.mode = "speech";
      if (!this.listen(chosen.lang)) return this.enterKeypad("no recogniser");
      this.toState("LISTENING", "language chosen");
      if (continuation.kind === "resumed") return this.resume(continuation);
      if (continuation.kind === "returning") return this.offerToContinue(continuation.schemeName);
      this.toState("RESPONDING", "how to ask");
      const howToAsk = await this.voice.sayPrompt("howToAsk", { interruptible: true });
      // no tone for a caller already asking
      if (howToAsk.completed) await this.voice.playTone();
      this.timers.listening();
    } else {
      this.stopHearing();
      await this.enterKeypad(`no recogniser for ${chosen.lang}`);
    }
  }

  /**
   * A call back soon after one that ended without a goodbye: a reply the caller lost to the drop is said
   * again; otherwise (they hung up after hearing it) they are asked what else they want to know.
   */
  private async resume(continuation: Extract<Continuation, { kind: "resumed" }>): Promise<void> {
    this.toState("RESPONDING", "resuming a dropped call");
    const { cutOffReply: reply, schemeName } = continuation;
    if (reply) {
      const notice = await this.voice.sayPrompt("resumed", { interruptible: true });
      if (notice.completed) return this.speakReply({ segments: reply.segments, lang: reply.lang, action: "resume", schemeIds: reply.schemeIds }, {});
    } else if (schemeName) await this.voice.sayText(resumeAbout(schemeName, this.lang), this.lang, { interruptible: true, action: "resume_about" });
    else await this.voice.sayPrompt("welcomeBackAsk", { interruptible: true });
    this.timers.listening();
  }

  /** Back within the hour: "last time you asked about X; shall we continue?" */
  private async offerToContinue(schemeName: string): Promise<void> {
    this.awaitingContinue = schemeName;
    this.toState("RESPONDING", "welcome back");
    await this.voice.sayText(welcomeBack(schemeName, this.lang), this.lang, { interruptible: true, action: "welcome_back" });
    this.timers.listening();
  }

  /** The answer to "shall we continue?": yes → what to ask about the scheme; no → a fresh conversation; else it was a question. */
  private async answerContinue(choice: "yes" | "no", schemeName: string): Promise<void> {
    this.toState("RESPONDING", `continue: ${choice}`);
    if (choice === "yes") await this.voice.sayText(carryOnAbout(schemeName, this.lang), this.lang, { interruptible: true, action: "continue" });
    else {
      this.ctx = this.services.newContext(this.ctx.sessionId, this.lang);
      await this.voice.sayPrompt("startAfresh", { interruptible: true });
    }
    this.timers.listening();
  }

  private async chooseLanguage(langs: AnswerLang[]): Promise<{ lang: AnswerLang; how: string }> {
    // a language's name is recognised by whichever recogniser is installed (English ships)
    const ears = this.services.speechLanguages[0];
    if (ears) this.listen(ears);
    // a caller who already pressed a key (or spoke) during the welcome needs no menu
    for (const lang of this.inbox.pending ? [] : langs) {
      const spoken = await this.voice.sayText(languageMenu(langs, lang), lang, { interruptible: true, action: "language_menu" });
      if (!spoken.completed) break;
    }
    const deadline = performance.now() + this.config.languageMenuTimeoutMs;
    for (;;) {
      const input = await this.inbox.next(this.call.signal, Math.max(0, deadline - performance.now()));
      if (input === TIMEOUT) return { lang: this.config.defaultLanguage, how: "timeout" };
      if (input.kind === "dtmf") {
        const chosen = langs[Number(input.digit) - 1];
        this.voice.recordCaller({ text: "", lang: chosen ?? "", action: "language", dtmf: input.digit });
        if (chosen) return { lang: chosen, how: "keypad" };
      } else if (input.kind === "utterance") {
        const { result } = input.utterance;
        const choice = recogniseLanguageName([result, ...result.alternatives], langs);
        this.voice.recordCaller({ text: result.text, lang: ears ?? "", action: "language", confidence: result.confidence }, input);
        if (choice.lang !== "unknown") return { lang: choice.lang as AnswerLang, how: "voice" };
      } else if (input.kind === "hearingFailed") this.stopHearing();
    }
  }

  // ---- the conversation ----

  private async handle(input: Input): Promise<void> {
    switch (input.kind) {
      case "utterance":
        return this.onUtterance(input);
      case "dtmf":
        this.timers.stopSilence();
        this.unfinished = undefined;
        return this.mode === "keypad" ? this.keypadDigit(input.digit) : this.speechDigit(input.digit);
      case "silence":
        return this.onSilence(input.step);
      case "maxDuration":
        return this.terminate("maxDuration", "max_duration");
      case "hearingFailed":
        return this.onHearingFailed(input.error);
    }
  }

  private async onUtterance(input: Extract<Input, { kind: "utterance" }>): Promise<void> {
    const { result } = input.utterance;
    const words = result.text.trim().split(/\s+/).filter(Boolean).length;
    if (words < this.config.bargeIn.minWords) {
      // noise or a cough: a reply it stopped carries on, otherwise silence is counted afresh
      const unfinished = this.unfinished;
      this.unfinished = undefined;
      // a resumed reply restarts the silence clock when it ends (not while a new interruption is spoken)
      if (unfinished) {
        this.toState("RESPONDING", "false start: resuming");
        await this.speakReply({ segments: unfinished.segments, lang: unfinished.lang, action: "resume", schemeIds: [] }, {});
      } else this.timers.listening();
      return;
    }
    this.unfinished = undefined;
    this.timers.stopSilence();
    if (result.confidence < this.config.minConfidence) return this.notUnderstood(input);
    this.repeats = 0;
    const offered = this.awaitingContinue;
    this.awaitingContinue = undefined;
    const choice = offered ? continueChoice({ text: result.text }) : undefined;
    this.voice.recordCaller({ text: result.text, lang: this.lang, confidence: result.confidence, action: choice ? `continue_${choice}` : "question" }, input);
    if (offered && choice) return this.answerContinue(choice, offered);
    await this.answer({ text: result.text, lang: this.lang, confidence: result.confidence }, input.endOfSpeechAt);
  }

  /** Low confidence: ask again, at most maxRepeats times, then offer the keypad or a person, then a person. */
  private async notUnderstood(input: Extract<Input, { kind: "utterance" }>): Promise<void> {
    const { result } = input.utterance;
    this.repeats++;
    this.voice.recordCaller({ text: result.text, lang: this.lang, confidence: result.confidence, action: "not_understood" }, input);
    this.toState("RESPONDING", `low confidence ${result.confidence.toFixed(2)}`);
    if (this.repeats <= this.config.maxRepeats) await this.voice.sayPrompt("notCaught", { interruptible: true });
    else if (!this.keypadOffered) {
      this.keypadOffered = true;
      await this.voice.sayPrompt("keypadOffer", { interruptible: true });
    } else return this.transfer("not understood after the keypad offer");
    this.timers.listening();
  }

  private async speechDigit(digit: string): Promise<void> {
    if (digit === "0") return this.transfer("caller pressed 0");
    const offered = this.awaitingContinue;
    this.awaitingContinue = undefined;
    const choice = offered ? continueChoice({ dtmf: digit }) : undefined;
    if (offered && choice) {
      this.voice.recordCaller({ text: "", lang: this.lang, dtmf: digit, action: `continue_${choice}` });
      return this.answerContinue(choice, offered);
    }
    if ((digit === "1" && this.keypadOffered && !this.ctx.pending) || digit === "*") {
      this.voice.recordCaller({ text: "", lang: this.lang, dtmf: digit, action: "keypad" });
      return this.enterKeypad("caller chose the keypad");
    }
    this.voice.recordCaller({ text: "", lang: this.lang, dtmf: digit, action: "key" });
    // a number answers a clarifying question; # repeats; anything else gets help
    await this.answer({ text: "", dtmf: digit });
  }

  private async onSilence(step: SilenceStep): Promise<void> {
    if (step === "goodbye") return this.terminate("goodbyeSilence", "silence");
    this.toState("RESPONDING", `silence: ${step}`);
    if (step === "nudge" && this.mode === "keypad" && this.keypad) {
      await this.speakKeypad([], false);
      return;
    }
    await this.voice.sayPrompt(step, { interruptible: true });
  }

  /** The dialogue's reply to a caller turn, with a filler if it is slow, then spoken. */
  private async answer(utterance: DialogueUtterance, endOfSpeechAt?: number): Promise<void> {
    this.toState("PROCESSING", utterance.dtmf ? `key ${utterance.dtmf}` : "utterance");
    const reply = await this.withFiller(() => retryOnce(() => this.services.dialogue.respond(utterance, this.ctx, this.call.signal), this.config.retryBackoffMs, this.call.signal, (err) => this.warn(err, "dialogue failed; retrying")));
    if (!reply) return;
    await this.speakReply(reply, { endOfSpeechAt, readyAt: performance.now() });
  }

  /** Runs a dialogue step; a short filler plays if it takes longer than fillerAfterMs. Null after a failure (said). */
  private async withFiller(step: () => Promise<Reply>): Promise<Reply | null> {
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

  /** Speaks a reply (interruptible unless it ends the call) and acts on it. */
  private async speakReply(reply: ToSay, at: { endOfSpeechAt?: number; readyAt?: number }): Promise<void> {
    const lang = reply.lang as AnswerLang;
    if (reply.action === "end" || reply.action === "transfer") {
      this.toState("TERMINATING", reply.action);
    } else this.toState(reply.action === "clarify" ? "CLARIFYING" : "RESPONDING", reply.action);
    const terminal = reply.action === "end" || reply.action === "transfer";
    let spoken: SpokenResult;
    try {
      spoken = await retryOnce(() => this.voice.say(reply.segments, lang, { interruptible: !terminal }), this.config.retryBackoffMs, this.call.signal, (err) => this.warn(err, "synthesis failed; retrying"));
    } catch (err) {
      if (this.call.signal.aborted) throw err;
      this.warn(err as Error, "synthesis failed twice; handing the caller to a person");
      this.toState("ERROR", "synthesis failed");
      return this.transfer("synthesis failed", "ttsFailed");
    }
    this.voice.recordSaid(joinText(reply.segments), lang, spoken, { action: reply.action, schemeIds: reply.schemeIds }, at);
    if (!spoken.completed) {
      // the history keeps only what the caller heard
      if (this.ctx.lastReply) this.ctx.lastReply = { ...this.ctx.lastReply, text: spoken.heardText, segments: [{ text: spoken.heardText, lang }] };
      this.unfinished = { segments: spoken.unheard, lang };
      return;
    }
    if (reply.action === "end") return this.hangup("goodbye");
    if (reply.action === "transfer") return this.handOver();
    this.timers.listening();
  }

  // ---- keypad mode ----

  private async enterKeypad(reason: string): Promise<void> {
    this.mode = "keypad";
    this.keypad ??= new KeypadMenu(this.services.keypad, this.config.keypad.pageSize);
    this.toState("LISTENING", reason);
    this.toState("RESPONDING", "keypad menu");
    const intro = await this.voice.sayPrompt("keypadIntro", { interruptible: true });
    // a caller who already pressed the next key knows the menu
    if (intro.completed || !this.inbox.pending) await this.speakKeypad([], false);
  }

  private async keypadDigit(digit: string): Promise<void> {
    const menu = (this.keypad ??= new KeypadMenu(this.services.keypad, this.config.keypad.pageSize));
    this.voice.recordCaller({ text: "", lang: this.lang, dtmf: digit, action: "keypad" });
    this.toState("PROCESSING", `key ${digit}`);
    const action = menu.press(digit, this.lastKeypadSaid?.more ?? false);
    switch (action.kind) {
      case "transfer":
        return this.transfer("caller pressed 0");
      case "repeat":
        return this.speakKeypad(this.lastKeypadSaid?.segments ?? [], this.lastKeypadSaid?.more ?? false, true, this.lastKeypadSaid?.reply);
      case "invalid":
        return this.speakKeypad([{ text: FIXED_PROMPTS.keypadInvalid[this.lang], lang: this.lang }], this.lastKeypadSaid?.more ?? false);
      case "menu":
        return this.speakKeypad([], false);
      case "answer":
      case "more": {
        const step = () => (action.kind === "answer" ? this.services.dialogue.answerAbout(action.schemeId, action.intent, this.ctx, this.call.signal) : this.services.dialogue.continueAnswer(this.ctx));
        const reply = await this.withFiller(() => retryOnce(step, this.config.retryBackoffMs, this.call.signal, (err) => this.warn(err, "dialogue failed; retrying")));
        if (reply) await this.speakKeypad(reply.segments, reply.hasMore === true, false, reply);
      }
    }
  }

  /** Says `before` (an answer, a notice) then the current keypad menu. */
  private async speakKeypad(before: Segment[], more: boolean, asIs = false, reply?: Reply): Promise<void> {
    const menu = this.keypad!;
    const segments = asIs && before.length ? before : [...before, { text: menu.menu(this.lang, more), lang: this.lang }];
    this.lastKeypadSaid = { segments, more, reply };
    await this.speakReply({ segments, lang: this.lang, action: reply?.action ?? "menu", schemeIds: reply?.schemeIds ?? [] }, { readyAt: performance.now() });
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

  /** To a person: the transfer prompt (or another), then out of Stasis to the human queue. */
  private async transfer(reason: string, prompt: FixedPromptKey = "transfer"): Promise<void> {
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

  // ---- hearing ----

  /** Starts (or restarts) hearing in a language; false when the recogniser cannot start. */
  private listen(lang: string): boolean {
    this.stopHearing();
    try {
      this.hearing = this.services.hear(lang, this.call.sampleRate, {
        speechStart: () => this.onSpeechStart(),
        utterance: (u) => {
          const finalAt = performance.now();
          // stream time → wall time: the decision was taken finalLatencyMs ago, endOfSpeech before it
          const endOfSpeechAt = finalAt - u.finalLatencyMs - (u.decidedAtMs - u.endOfSpeechMs);
          this.inbox.push({ kind: "utterance", utterance: u, endOfSpeechAt, finalAt });
        },
        error: (error) => this.inbox.push({ kind: "hearingFailed", error }),
      });
      return true;
    } catch (err) {
      this.warn(err as Error, "recogniser failed to start");
      return false;
    }
  }

  private stopHearing(): void {
    this.hearing?.dispose();
    this.hearing = null;
  }

  private async onHearingFailed(err: Error): Promise<void> {
    this.warn(err, "recogniser failed");
    if (!this.asrRetried) {
      this.asrRetried = true;
      this.stopHearing();
      await abortableDelay(this.config.retryBackoffMs, this.call.signal);
      if (this.listen(this.lang)) return;
    }
    this.stopHearing();
    this.toState("ERROR", "recogniser failed");
    await this.voice.sayPrompt("asrFailed", { interruptible: false });
    await this.enterKeypad("recogniser failed");
  }

  /** Caller speech confirmed: stop an interruptible reply at once (barge-in) and stop the silence clocks. */
  private onSpeechStart(): void {
    this.timers.stopSilence();
    const speech = this.voice.speech;
    if (!speech || !speech.interruptible || !this.config.bargeIn.enabled || speech.abort.signal.aborted) return;
    const confirm = () => {
      if (this.voice.speech !== speech || speech.abort.signal.aborted || !this.hearing?.speaking) return;
      speech.bargedAt = performance.now();
      speech.abort.abort();
    };
    if (this.config.bargeIn.minSpeechMs > 0) setTimeout(confirm, this.config.bargeIn.minSpeechMs);
    else confirm();
  }

  private onDigit(digit: string): void {
    // a key stops a prompt the way speech does (IVR convention)
    if (this.voice.speech?.interruptible) this.voice.stop();
    this.inbox.push({ kind: "dtmf", digit });
  }

  private warn(err: Error, message: string): void {
    this.services.log?.warn({ callId: this.call.id, err: err.message }, message);
  }

  private dispose(): void {
    this.timers.dispose();
    this.stopHearing();
    this.voice.stop();
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

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
