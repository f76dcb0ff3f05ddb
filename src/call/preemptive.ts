// A reply prepared at the caller's pause (preemptive generation): while the endpoint waits minDelayMs to
// know whether the caller goes on, the dialogue answers what was heard so far on a copy of the
// conversation, and the reply's first sentence is synthesised. It is used only when the utterance ends
// there with the same words (hearing.ts decides) and the conversation has not moved meanwhile; then the
// copy becomes the conversation and the prepared audio plays at once. Otherwise it is dropped (its signal
// aborts the dialogue and the synthesis) and leaves no trace: nothing recorded, committed or played.
import type { AnswerLang, DialogueContext, Reply, Utterance as DialogueUtterance } from "../dialogue/index.js";
import { answeredAlike } from "../dialogue/index.js";
import type { SpokenEvidence } from "../speech/asr/name-scorer.js";
import type { AsrResult } from "../speech/asr/types.js";
import type { Logger } from "../ops/log.js";
import type { TtsEngine } from "../speech/tts/types.js";
import type { CallDialogue } from "./services.js";
import { SentenceAhead, sentencesOf } from "./speaker.js";

/** The caller paused with words heard: what a reply can be prepared on, until `signal` aborts (they went on). */
export interface PausedReading {
  /** The recogniser's reading so far. */
  result: AsrResult;
  /** The recogniser's other readings and the names scored on the pause's audio, when scored there. */
  evidence?: Promise<SpokenEvidence>;
  signal: AbortSignal;
}

/** What the dialogue is asked about caller words: the same whether asked at the pause or after the final result. */
export function dialogueUtterance(result: Pick<AsrResult, "text" | "confidence">, lang: AnswerLang, evidence?: SpokenEvidence): DialogueUtterance {
  const { alternatives, heardNames } = evidence ?? { alternatives: [] };
  return { text: result.text, lang, confidence: result.confidence, ...(alternatives.length ? { alternatives } : {}), ...(heardNames?.length ? { heardNames } : {}) };
}

export interface PreparedReply {
  /** What the dialogue was asked. */
  utterance: DialogueUtterance;
  reply: Reply;
  /** The copy of the conversation the reply was worked out on, as the reply left it. */
  ctx: DialogueContext;
  /** The reply's first sentence, synthesised (none when the reply says nothing). */
  ahead: SentenceAhead | undefined;
}

/** One reply being prepared, held until the utterance it was prepared for comes or the caller goes on. */
export class Preparation {
  constructor(
    readonly reading: PausedReading,
    /** The conversation when the preparation began (JSON): a reply on a conversation that moved since is stale. */
    private readonly before: string,
    private readonly prepared: Promise<PreparedReply | undefined>,
    private readonly abort: AbortController,
  ) {}

  /** The reply as prepared (undefined when it failed or was dropped), whatever the utterance turns out to be. */
  get ready(): Promise<PreparedReply | undefined> {
    return this.prepared;
  }

  /** The prepared reply when it answers `utterance` on the conversation `ctx` is now; undefined otherwise (or when it failed). */
  async readyFor(utterance: DialogueUtterance, ctx: DialogueContext): Promise<PreparedReply | undefined> {
    if (JSON.stringify(ctx) !== this.before) return undefined;
    const prepared = await this.prepared;
    return prepared && answeredAlike(prepared.utterance, utterance) ? prepared : undefined;
  }

  /** Stops whatever is still running for it; idempotent. */
  release(reason = "the reply prepared at the pause is done with"): void {
    if (!this.abort.signal.aborted) this.abort.abort(new Error(reason));
  }
}

export interface PreemptiveDeps {
  dialogue: CallDialogue;
  tts: TtsEngine;
  /** The conversation and the caller's language now. */
  ctx(): DialogueContext;
  lang(): AnswerLang;
  log?: Logger;
  callId: string;
}

/** A call's preparations: at most one at a time, the latest pause's. */
export class Preemption {
  private held: Preparation | undefined;

  constructor(private readonly deps: PreemptiveDeps) {}

  /** The caller paused: prepares a reply on what was heard, dropping any earlier one. */
  start(reading: PausedReading): Preparation {
    this.drop("a later pause");
    const abort = new AbortController();
    const signal = AbortSignal.any([reading.signal, abort.signal]);
    const ctx = this.deps.ctx();
    const prepared = this.prepare(reading, this.deps.lang(), structuredClone(ctx), signal).catch((err: Error) => {
      if (!signal.aborted) this.deps.log?.warn({ callId: this.deps.callId, err: err.message }, "a reply prepared at the pause failed; the turn is answered after it ends");
      return undefined;
    });
    const held = new Preparation(reading, JSON.stringify(ctx), prepared, abort);
    this.held = held;
    // dropped by the hearing (the caller went on, the call ended): nothing is kept for it
    signal.addEventListener("abort", () => this.held === held && (this.held = undefined), { once: true });
    return held;
  }

  /**
   * The preparation for the pause an utterance ended on (`reading`, from hearing.ts: same words), handed
   * over to the caller, who must release it; anything else held is dropped.
   */
  take(reading: PausedReading | undefined): Preparation | undefined {
    const held = this.held;
    this.held = undefined;
    if (held && reading && held.reading === reading) return held;
    held?.release("the utterance ended on other words");
    return undefined;
  }

  /** Drops what is held (the call ends, the conversation leaves speech). */
  drop(reason = "the call moved on"): void {
    this.held?.release(reason);
    this.held = undefined;
  }

  private async prepare(reading: PausedReading, lang: AnswerLang, ctx: DialogueContext, signal: AbortSignal): Promise<PreparedReply> {
    const evidence = reading.evidence && (await reading.evidence);
    signal.throwIfAborted();
    const utterance = dialogueUtterance(reading.result, lang, evidence);
    const reply = await this.deps.dialogue.respond(utterance, ctx, signal);
    signal.throwIfAborted();
    const first = sentencesOf(reply.segments)[0];
    return { utterance, reply, ctx, ahead: first && new SentenceAhead(first, this.deps.tts, signal) };
  }
}
