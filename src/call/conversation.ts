// The call in speech mode: each caller turn (words, a key, silence) answered through the dialogue. Unclear
// words are asked again twice, then the keypad or a person is offered; a returning caller's answer to
// "shall we continue?" is taken before anything else; silence gets a short nudge, then "are you still there?".
import { scoreIntents, type Intent, type Utterance as DialogueUtterance } from "../dialogue/index.js";
import { retryOnce } from "../ops/retry.js";
import { carryOnAbout, welcomeBack } from "./prompts.js";
import { dialogueUtterance, type Preparation } from "./preemptive.js";
import type { FlowScope, UtteranceInput } from "./scope.js";
import type { SentenceAhead } from "./speaker.js";
import type { ReplyMoments } from "./voice.js";
import { continueChoice } from "./session.js";
import type { HeardName, SpokenEvidence } from "../speech/asr/name-scorer.js";
import type { Utterance } from "../speech/listener.js";

/**
 * Whether a turn is clear enough for the dialogue: the recogniser's calibrated confidence, or a scheme's
 * name heard in the audio as surely as the dialogue offers a heard name for a yes/no
 * (dialogue.heardNameConfirm): it answers on such a name only when surer, so no unsure name is answered
 * for, and "did you mean …?" costs the caller no more than "please repeat".
 */
export function understoodEnough(confidence: number, heardNames: readonly HeardName[] | undefined, limits: { minConfidence: number; heardNameConfirm: number }): boolean {
  return confidence >= limits.minConfidence || (heardNames?.[0]?.score ?? 0) >= limits.heardNameConfirm;
}

/** Replies that carry on the conversation without naming a scheme. "repeat" is not one: "again" ends many garbled names. */
const REPLIES_WITHOUT_A_NAME: ReadonlySet<Intent> = new Set(["affirm", "deny", "more", "goodbye", "greeting", "human"]);

/**
 * Whether recognised text is enough without scoring names on the audio: it names a scheme as surely as
 * `sureScore` (the text matcher's score of its best match), or it is a short reply that names none.
 */
export function textSuffices(text: string, bestMatch: number, limits: { textSureScore: number; shortReplyWords: number }): boolean {
  if (bestMatch >= limits.textSureScore) return true;
  const words = text.split(/\s+/).filter(Boolean).length;
  const intent = scoreIntents(text).best;
  return words > 0 && words <= limits.shortReplyWords && intent !== null && REPLIES_WITHOUT_A_NAME.has(intent);
}

/**
 * How long a turn's scheme names may take to score: longer for words the recogniser is unsure of, which
 * without a name heard in the audio are asked again, and for words that name no scheme (`textNames`
 * false), which without one are refused or answered for no scheme: in both the audio is all there is to
 * go on, and a second under the filler costs the caller less than the turn lost.
 */
export function namesDeadlineMs(confidence: number, limits: { minConfidence: number; deadlineMs: number; unsureDeadlineMs: number }, textNames = true): number {
  return confidence < limits.minConfidence || !textNames ? Math.max(limits.deadlineMs, limits.unsureDeadlineMs) : limits.deadlineMs;
}

export class Conversation {
  /** A returning caller was asked whether to carry on; their next turn answers it. */
  private awaitingContinue: string | undefined;
  /** "Please repeat" said in a row. */
  private repeats = 0;
  private keypadOffered = false;

  constructor(private readonly s: FlowScope) {}

  /** Back within the hour: "last time you asked about X; shall we continue?" */
  async offerToContinue(schemeName: string): Promise<void> {
    this.awaitingContinue = schemeName;
    this.s.toState("RESPONDING", "welcome back");
    await this.s.voice.sayText(welcomeBack(schemeName, this.s.lang), this.s.lang, { interruptible: true, action: "welcome_back" });
    this.s.timers.listening();
  }

  /** The caller's words; `prepared`: a reply prepared at the pause they ended on (preemptive.ts), used if it still answers them. */
  async utterance(input: UtteranceInput, prepared?: Preparation): Promise<void> {
    const { result } = input.utterance;
    this.s.timers.stopSilence();
    let evidence: SpokenEvidence | undefined;
    const moments: ReplyMoments = { endOfSpeechAt: input.endOfSpeechAt };
    if (!understoodEnough(result.confidence, undefined, this.limits())) {
      evidence = await this.heardDespiteUnsure(input, moments);
      if (!evidence) return this.notUnderstood(input);
    }
    const offered = this.awaitingContinue;
    this.awaitingContinue = undefined;
    const choice = offered ? continueChoice({ text: result.text }) : undefined;
    this.s.voice.recordCaller({ text: result.text, lang: this.s.lang, confidence: result.confidence, action: choice ? `continue_${choice}` : "question" }, input);
    if (offered && choice) {
      this.repeats = 0;
      return this.answerContinue(choice, offered);
    }
    const question = dialogueUtterance(result, this.s.lang);
    await this.answer(question, moments, async () => dialogueUtterance(result, this.s.lang, evidence ?? (await this.spokenEvidence(input, moments))), prepared);
  }

  private limits(): { minConfidence: number; heardNameConfirm: number } {
    return { minConfidence: this.s.config.minConfidence, heardNameConfirm: this.s.services.config.dialogue.heardNameConfirm };
  }

  /**
   * Words too unsure to act on may still hold a scheme's name the audio itself supports enough to offer:
   * the spoken evidence when it does (for the turn to use), undefined when it does not. `opening`: asked
   * before a language was chosen, when the call is not yet in its conversation's states.
   */
  async heardDespiteUnsure(input: UtteranceInput, moments: ReplyMoments = {}, opening = false): Promise<SpokenEvidence | undefined> {
    const evidence = await this.spokenEvidence(input, moments, opening);
    return understoodEnough(input.utterance.result.confidence, evidence.heardNames, this.limits()) ? evidence : undefined;
  }

  /**
   * The recogniser's other readings and the scheme names scored against the utterance's audio, for the
   * dialogue: started at the caller's pause when it heard the same words, else now. A scorer that is
   * missing, fails or runs late gives none (the services log it); a hang-up rejects.
   */
  private async spokenEvidence(input: UtteranceInput, moments: ReplyMoments, opening = false): Promise<SpokenEvidence> {
    const s = this.s;
    if (!opening) s.toState("PROCESSING", "scoring names");
    const lang = s.hearing.lang;
    if (!s.services.spokenEvidence || !lang) return { alternatives: [] };
    try {
      const evidence = await (input.evidence ?? s.services.spokenEvidence(input.utterance, lang, s.call.sampleRate, s.call.signal));
      if (evidence.costMs !== undefined) moments.namesScoredAt = s.now();
      return evidence;
    } catch (err) {
      if (s.call.signal.aborted) throw err;
      s.warn(err as Error, "spoken evidence failed; answering on the text");
      return { alternatives: [] };
    }
  }

  async digit(digit: string): Promise<void> {
    if (digit === "0") return this.s.transfer("caller pressed 0");
    const offered = this.awaitingContinue;
    this.awaitingContinue = undefined;
    const choice = offered ? continueChoice({ dtmf: digit }) : undefined;
    if (offered && choice) {
      this.s.voice.recordCaller({ text: "", lang: this.s.lang, dtmf: digit, action: `continue_${choice}` });
      return this.answerContinue(choice, offered);
    }
    if ((digit === "1" && this.keypadOffered && !this.s.ctx.pending) || digit === "*") {
      this.s.voice.recordCaller({ text: "", lang: this.s.lang, dtmf: digit, action: "keypad" });
      return this.s.enterKeypad("caller chose the keypad");
    }
    this.s.voice.recordCaller({ text: "", lang: this.s.lang, dtmf: digit, action: "key" });
    // a number answers a clarifying question; # repeats; anything else gets help
    await this.answer({ text: "", dtmf: digit });
  }

  /** A short nudge, or "are you still there?". */
  async silence(step: "nudge" | "stillThere"): Promise<void> {
    this.s.toState("RESPONDING", `silence: ${step}`);
    await this.s.voice.sayPrompt(step, { interruptible: true });
  }

  /** Sound that was no turn: if nothing is being said, silence is counted afresh. */
  falseStart(): void {
    if (!this.s.voice.speech) this.s.timers.listening();
  }

  /** The dialogue's reply to a caller turn, with a filler if it is slow, then spoken. */
  private async answer(utterance: DialogueUtterance, moments: ReplyMoments = {}, complete?: () => Promise<DialogueUtterance>, prepared?: Preparation): Promise<void> {
    const s = this.s;
    s.toState("PROCESSING", utterance.dtmf ? `key ${utterance.dtmf}` : "utterance");
    let ahead: SentenceAhead | undefined;
    const reply = await s.withFiller(async () => {
      // what the audio adds (heard names) is worked out under the filler, once, before the dialogue's retry
      const full = complete ? await complete() : utterance;
      const ready = await prepared?.readyFor(full, s.ctx);
      if (prepared) s.services.log?.debug({ callId: s.call.id, preparedReply: ready ? "used" : "stale" }, "reply prepared at the pause");
      if (ready) {
        // worked out at the pause on a copy of this very conversation: the copy is the conversation now
        s.ctx = ready.ctx;
        ahead = ready.ahead;
        return ready.reply;
      }
      return retryOnce(() => s.services.dialogue.respond(full, s.ctx, s.call.signal), s.config.retryBackoffMs, s.call.signal, (err) => s.warn(err, "dialogue failed; retrying"));
    });
    if (!reply) return;
    // words the dialogue could not make out count as words heard unsure: asked again, then the keypad, then a person
    // (a sentence synthesised ahead for it is dropped with its preparation: flow.ts releases that after the turn)
    if (reply.notMadeOut) return this.askAgain("words not made out");
    if (!utterance.dtmf) this.repeats = 0;
    await s.speakReply(reply, { ...moments, readyAt: s.now() }, ahead);
  }

  /** Low confidence: ask again, at most maxRepeats times, then offer the keypad or a person, then a person. */
  private async notUnderstood(input: UtteranceInput): Promise<void> {
    const { result } = input.utterance;
    this.s.voice.recordCaller({ text: result.text, lang: this.s.lang, confidence: result.confidence, action: "not_understood" }, input);
    return this.askAgain(`low confidence ${result.confidence.toFixed(2)}`);
  }

  /** Ask again, at most maxRepeats times in a row, then offer the keypad or a person, then a person. */
  private async askAgain(why: string): Promise<void> {
    this.repeats++;
    this.s.toState("RESPONDING", why);
    if (this.repeats <= this.s.config.maxRepeats) await this.s.voice.sayPrompt("notCaught", { interruptible: true });
    else if (!this.keypadOffered) {
      this.keypadOffered = true;
      await this.s.voice.sayPrompt("keypadOffer", { interruptible: true });
    } else return this.s.transfer("not understood after the keypad offer");
    this.s.timers.listening();
  }

  /** The answer to "shall we continue?": yes → what to ask about the scheme; no → a fresh conversation. */
  private async answerContinue(choice: "yes" | "no", schemeName: string): Promise<void> {
    const s = this.s;
    s.toState("RESPONDING", `continue: ${choice}`);
    if (choice === "yes") await s.voice.sayText(carryOnAbout(schemeName, s.lang), s.lang, { interruptible: true, action: "continue" });
    else {
      s.ctx = s.services.newContext(s.ctx.sessionId, s.lang);
      await s.voice.sayPrompt("startAfresh", { interruptible: true });
    }
    s.timers.listening();
  }
}
