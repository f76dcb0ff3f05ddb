// What the parts of one call's flow (opening, conversation, keypad mode) share: the call and its services,
// the voice and the ears, the clocks, the inbox of what happened, and the few acts every part may end in.
import type { CallConfig } from "../config.js";
import type { AnswerLang, DialogueContext, Reply, Segment } from "../dialogue/index.js";
import type { SpokenEvidence } from "../speech/asr/name-scorer.js";
import type { Utterance } from "../speech/listener.js";
import type { Call } from "../telephony/controller.js";
import type { CallHearing } from "./hearing.js";
import type { Inbox } from "./inbox.js";
import type { PausedReading } from "./preemptive.js";
import type { FixedPromptKey } from "./prompts.js";
import type { CallServices } from "./services.js";
import type { CallSession } from "./session.js";
import type { CallState } from "./states.js";
import type { SentenceAhead } from "./speaker.js";
import type { CallTimers, SilenceStep } from "./timers.js";
import type { CallVoice, ReplyMoments } from "./voice.js";

/** Everything that happens on a call, taken one at a time from the inbox. */
export type FlowInput =
  | UtteranceInput
  /** Caller sound that was no turn (a cough, noise, the line's echo): nothing to answer. */
  | { kind: "falseStart" }
  | { kind: "dtmf"; digit: string }
  | { kind: "silence"; step: SilenceStep }
  | { kind: "maxDuration" }
  | { kind: "hearingFailed"; error: Error };

/** The caller's words, with the moments (call clock) their speech ended and the recogniser's result came. */
export interface UtteranceInput {
  kind: "utterance";
  utterance: Utterance;
  endOfSpeechAt: number;
  finalAt: number;
  /** The spoken evidence, started at the pause that ended the utterance on the same words (hearing.ts). */
  evidence?: Promise<SpokenEvidence>;
  /** The pause that utterance ended on with the same words (hearing.ts): a reply may have been prepared on it. */
  paused?: PausedReading;
}

/** A reply to speak; `action` is the dialogue's, or the call's own ("menu", "resume"). */
export interface ToSay {
  segments: Segment[];
  lang: string;
  action: Reply["action"] | "menu" | "resume";
  schemeIds: string[];
}

export interface FlowScope {
  readonly call: Call;
  readonly services: CallServices;
  readonly config: CallConfig;
  readonly voice: CallVoice;
  readonly hearing: CallHearing;
  readonly timers: CallTimers;
  readonly inbox: Inbox<FlowInput>;
  /** The caller's history (absent when the flow runs without a store). */
  readonly session: CallSession | undefined;
  /** The call's clock (performance.now() unless a test gives another). */
  readonly now: () => number;
  lang: AnswerLang;
  ctx: DialogueContext;
  mode: "speech" | "keypad";
  /** Moves the state machine; throws once the caller has gone, so nothing more is said. */
  toState(to: CallState, reason: string): void;
  /** Speaks a reply (interruptible unless it ends the call) and acts on it: hang up, transfer, or listen. `ahead`: its first sentence, made already. */
  speakReply(reply: ToSay, at: ReplyMoments, ahead?: SentenceAhead): Promise<void>;
  /** A dialogue step with a filler if it is slow; null after a failure (an apology was said). */
  withFiller(step: () => Promise<Reply>): Promise<Reply | null>;
  /** To a person, after a prompt. */
  transfer(reason: string, prompt?: FixedPromptKey): Promise<void>;
  enterKeypad(reason: string): Promise<void>;
  warn(err: Error, message: string): void;
}
