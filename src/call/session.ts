// A call's place in the caller's history, from the store: may they call now (rate limits), do they carry
// on an earlier conversation (back within the hour, or resuming a dropped call within minutes), and what
// the call leaves behind (its record, and its context for the next call). Every call is on record from the
// moment it arrives (the controller's ledger: arrivals, refusals, calls that ended during set-up, orphans),
// rewritten while it lasts, and closed as interrupted if the process died with it. The store failing never
// fails a call: the caller is served as new and the problem is logged.
import type { StoreConfig } from "../config.js";
import { scoreIntents, type AnswerLang, type DialogueContext, type Reply } from "../dialogue/index.js";
import type { Logger } from "../ops/log.js";
import { ownerAlive, processOwner, type Admission, type CallProgress, type SahayakStore } from "../store/index.js";
import type { CallLedger, EarlyEnd, Refusal } from "../telephony/controller.js";
import type { CallOutcome, CallRecord } from "./records.js";

export type Continuation =
  | { kind: "fresh" }
  /** Back within the retention window after a call that ended normally: offered to carry on. */
  | { kind: "returning"; context: DialogueContext; lang: AnswerLang; schemeName: string }
  /** Back soon after a call that ended without a goodbye: carried on at once, in the same language. */
  | { kind: "resumed"; context: DialogueContext; lang: AnswerLang; cutOffReply?: Reply; schemeName?: string };

/** What a caller's call leaves for their next one. */
interface CallerSession {
  context: DialogueContext;
  /** The call ended before the caller heard Sahayak's last reply through (or before it came). */
  cutOff: boolean;
}

/** Outcomes of a call the caller did not mean to end. */
const DROPPED: ReadonlySet<CallOutcome> = new Set(["caller_hangup", "error", "shutdown"]);

export type SchemeNames = (schemeId: string, lang: AnswerLang) => string | undefined;

/** One per process: opens a CallSession for each call, and keeps the ledger of every call that arrives. */
export class CallSessions implements CallLedger {
  /** This process, as the owner of the calls it has open. */
  private readonly owner = processOwner();

  constructor(
    readonly store: SahayakStore,
    private readonly config: StoreConfig,
    private readonly names: SchemeNames,
    private readonly log?: Logger,
  ) {}

  /** Runs a store write; a failure is logged, never thrown into a call. */
  private write(callId: string, what: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.log?.error({ callId, err: (err as Error).message }, `call record not written (${what})`);
    }
  }

  arrived(call: { id: string; callerNumber: string }): void {
    this.write(call.id, "arrival", () => this.store.calls.open({ callId: call.id, startedAt: this.store.now(), callerHash: this.store.callers.hash(call.callerNumber), owner: this.owner }));
  }

  refused(id: string, reason: Refusal): void {
    this.write(id, "refusal", () => this.store.calls.refuse(id, reason, this.store.now()));
  }

  ended(id: string, how: { outcome?: EarlyEnd; error?: string; sentToPerson?: boolean }): void {
    this.write(id, "end", () => {
      this.store.calls.close(id, this.store.now(), how);
      if (how.sentToPerson) this.store.calls.markSentToPerson([id]);
    });
  }

  sentToPerson(ids: readonly string[]): void {
    this.write(ids.join(","), "sent to a person", () => this.store.calls.markSentToPerson(ids));
  }

  /** What a call has been so far (its turns and states), for the record a crash would leave. */
  progress(callId: string, progress: CallProgress): void {
    this.write(callId, "progress", () => this.store.calls.progress(callId, progress, this.store.now()));
  }

  /** At start: calls left open by a process that died are closed as interrupted; returns their ids. */
  closeInterrupted(): string[] {
    try {
      return this.store.calls.closeInterrupted((owner) => owner === this.owner || ownerAlive(owner));
    } catch (err) {
      this.log?.error({ err: (err as Error).message }, "calls left open by a process that died could not be closed");
      return [];
    }
  }

  begin(callerNumber: string, callId: string): CallSession {
    const callerHash = this.store.callers.hash(callerNumber);
    let admission: Admission = { allowed: true };
    let continuation: Continuation = { kind: "fresh" };
    if (callerHash) {
      try {
        admission = this.store.rateLimits.admit(callerHash);
        if (admission.allowed) continuation = this.continuationFor(callerHash);
      } catch (err) {
        this.log?.warn({ callId, err: (err as Error).message }, "session store unavailable: caller served as new");
      }
    }
    return new CallSession(this.store, callerHash, admission, continuation, this.log);
  }

  private continuationFor(callerHash: string): Continuation {
    const stored = this.store.sessions.load<CallerSession>(sessionKey(callerHash));
    if (!stored?.context.context) return { kind: "fresh" };
    const { context, cutOff } = stored.context;
    const lang = (stored.lang === "en" || stored.lang === "hi" ? stored.lang : context.lang) as AnswerLang;
    const schemeId = context.currentScheme?.id ?? context.mentioned.at(-1)?.id;
    const schemeName = schemeId ? this.names(schemeId, lang) : undefined;
    const sinceEnd = this.store.now() - stored.endedAt;
    if (stored.abnormal && sinceEnd <= this.config.sessions.resumeWithinMinutes * 60_000) {
      return { kind: "resumed", context, lang, cutOffReply: cutOff ? context.lastReply : undefined, schemeName };
    }
    return schemeName ? { kind: "returning", context, lang, schemeName } : { kind: "fresh" };
  }
}

export class CallSession {
  constructor(
    private readonly store: SahayakStore,
    private readonly callerHash: string | null,
    readonly admission: Admission,
    readonly continuation: Continuation,
    private readonly log?: Logger,
  ) {}

  /** Stores the call's record, and its context for the caller's next call (unless nothing was asked). */
  finish(record: CallRecord, context: DialogueContext): void {
    try {
      this.store.calls.insert(record, { callerHash: this.callerHash, continued: record.continued });
      const asked = context.turn > 0 || this.continuation.kind !== "fresh";
      if (this.callerHash && this.admission.allowed && asked) {
        const state: CallerSession = { context, cutOff: endedCutOff(record) };
        this.store.sessions.save(sessionKey(this.callerHash), state, { lang: record.lang, abnormal: DROPPED.has(record.outcome), callId: record.callId });
      }
    } catch (err) {
      this.log?.error({ callId: record.callId, err: (err as Error).message }, "call record not stored");
    }
  }
}

/** The caller's last question got no reply, or Sahayak's last reply was cut short. */
function endedCutOff(record: CallRecord): boolean {
  const last = record.turns.filter((t) => t.action !== "filler").at(-1);
  if (!last) return false;
  return last.role === "caller" ? last.action === "question" : last.interrupted === true;
}

function sessionKey(callerHash: string): string {
  return `caller:${callerHash}`;
}

/** A returning caller's answer to "shall we continue?": yes, no, or neither (a question of its own). */
export function continueChoice(input: { text?: string; dtmf?: string }): "yes" | "no" | undefined {
  if (input.dtmf === "1") return "yes";
  if (input.dtmf === "2") return "no";
  if (!input.text) return undefined;
  const { best } = scoreIntents(input.text);
  // "continue" / "aage" alone means yes; "tell me more about the documents" is a question
  const short = input.text.trim().split(/\s+/).length <= 3;
  return best === "affirm" || (best === "more" && short) ? "yes" : best === "deny" ? "no" : undefined;
}
