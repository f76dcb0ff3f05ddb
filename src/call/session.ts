// A call's place in the caller's history, from the store: may they call now (rate limits), do they carry
// on an earlier conversation (back within the hour, or resuming a dropped call within minutes), and what
// the call leaves behind (its record, and its context for the next call). Every call is on record from the
// moment it arrives (the controller's ledger: arrivals, refusals, calls that ended during set-up, orphans),
// rewritten while it lasts, and closed as interrupted if the process died with it. The store failing never
// fails a call: the caller is served as new and the problem is logged.
import { closeSync, openSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import type { StoreConfig } from "../config.js";
import { scoreIntents, type AnswerLang, type DialogueContext, type Reply } from "../dialogue/index.js";
import type { Logger } from "../ops/log.js";
import { ownerAlive, processOwner, SahayakStore, sqliteBackend, type Admission, type CallProgress, type StoreBackend } from "../store/index.js";
import type { CallLedger, EarlyEnd, Refusal } from "../telephony/controller.js";
import type { CallOutcome, CallRecord, TurnRecord } from "./records.js";

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
  readonly store: StoreBackend;

  constructor(
    store: StoreBackend | SahayakStore,
    private readonly config: StoreConfig,
    private readonly names: SchemeNames,
    private readonly log?: Logger,
  ) {
    this.store = store instanceof SahayakStore ? sqliteBackend(store) : store;
  }

  /** Runs a store write (SQLite's at once; PostgreSQL's queued on local disk); a failure is logged, never thrown into a call. */
  private write(callId: string, what: string, fn: () => Promise<void>): void {
    fn().catch((err: Error) => this.log?.error({ callId, ...writeFailure(this.store, err) }, `call record not written (${what})`));
  }

  arrived(call: { id: string; callerNumber: string }): void {
    this.write(call.id, "arrival", () => this.store.calls.open({ callId: call.id, startedAt: this.store.now(), callerHash: this.store.callers.hash(call.callerNumber), owner: this.owner }));
  }

  refused(id: string, reason: Refusal): void {
    this.write(id, "refusal", () => this.store.calls.refuse(id, reason, this.store.now()));
  }

  ended(id: string, how: { outcome?: EarlyEnd; error?: string; sentToPerson?: boolean }): void {
    this.write(id, "end", async () => {
      const closed = this.store.calls.close(id, this.store.now(), how);
      const marked = how.sentToPerson && this.store.calls.markSentToPerson([id]);
      await Promise.all([closed, marked]);
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
  async closeInterrupted(): Promise<string[]> {
    try {
      return await this.store.calls.closeInterrupted((owner) => owner === this.owner || ownerAlive(owner));
    } catch (err) {
      this.log?.error({ err: (err as Error).message }, "calls left open by a process that died could not be closed");
      return [];
    }
  }

  /**
   * Holds this process's lease on its open calls while it serves (a cluster's peers record them as interrupted
   * if it dies), telling the cluster which knowledge-base version it answers from; each beat may close calls
   * a dead peer left open. Returns what gives the lease up.
   */
  async holdLease(kbVersion: () => number | undefined): Promise<() => Promise<void>> {
    const interrupted = (callIds: string[]) => this.log?.warn({ interrupted: callIds.length, callIds }, "calls left open by a node whose lease lapsed are recorded as interrupted");
    const lease = await this.store.holdLease(this.owner, { interrupted, kbVersion });
    return () => lease.stop();
  }

  /**
   * The caller's session: its rate limit and earlier conversation are looked up at once (`settled` says when);
   * a store that fails or does not answer within store.postgres.callLookupTimeoutMs leaves the caller served
   * as new and not limited.
   */
  begin(callerNumber: string, callId: string): CallSession {
    const callerHash = this.store.callers.hash(callerNumber);
    const session = new CallSession(this.store, callerHash, this.log);
    if (callerHash) session.settled = this.lookUp(session, callerHash, callId);
    return session;
  }

  private async lookUp(session: CallSession, callerHash: string, callId: string): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.config.postgres.callLookupTimeoutMs} ms`)), this.config.postgres.callLookupTimeoutMs);
    });
    try {
      const found = await Promise.race([this.admissionAndContinuation(callerHash), timeout]);
      session.admission = found.admission;
      session.continuation = found.continuation;
    } catch (err) {
      this.log?.warn({ callId, ...writeFailure(this.store, err) }, "session store unavailable: caller served as new");
    } finally {
      clearTimeout(timer);
    }
  }

  private async admissionAndContinuation(callerHash: string): Promise<{ admission: Admission; continuation: Continuation }> {
    const admission = await this.store.rateLimits.admit(callerHash);
    return { admission, continuation: admission.allowed ? await this.continuationFor(callerHash) : { kind: "fresh" } };
  }

  private async continuationFor(callerHash: string): Promise<Continuation> {
    const stored = await this.store.sessions.load<CallerSession>(sessionKey(callerHash));
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
  /** May the caller call now: allowed until the lookup says otherwise (or when it fails). */
  admission: Admission = { allowed: true };
  continuation: Continuation = { kind: "fresh" };
  /** Resolves once admission and continuation are known (never rejects). */
  settled: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: StoreBackend,
    private readonly callerHash: string | null,
    private readonly log?: Logger,
  ) {}

  /** The dialogue turn whose conversation was last kept mid-call. */
  private keptTurn = 0;

  /**
   * Mid-call: the conversation so far is kept as a dropped call's would be, so a caller whose node dies (killed,
   * power lost) resumes on whichever node takes their next call; the call's own end replaces it. Written only
   * when a question was answered since the last time.
   */
  keep(callId: string, lang: string, turns: readonly TurnRecord[], context: DialogueContext): void {
    if (!this.callerHash || !this.admission.allowed || context.turn <= this.keptTurn) return;
    this.keptTurn = context.turn;
    const state: CallerSession = { context, cutOff: endedCutOff(turns) };
    this.store.sessions.save(sessionKey(this.callerHash), state, { lang, abnormal: true, callId }).catch((err: Error) => this.log?.error({ callId, ...writeFailure(this.store, err) }, "conversation not kept mid-call"));
  }

  /** Stores the call's record, and its context for the caller's next call (unless nothing was asked). */
  finish(record: CallRecord, context: DialogueContext): void {
    const failed = (err: Error) => this.log?.error({ callId: record.callId, ...writeFailure(this.store, err) }, "call record not stored");
    const stored = this.store.calls.insert(record, { callerHash: this.callerHash, continued: record.continued });
    const asked = context.turn > 0 || this.continuation.kind !== "fresh";
    if (this.callerHash && this.admission.allowed && asked) {
      const state: CallerSession = { context, cutOff: endedCutOff(record.turns) };
      const save = this.store.sessions.save(sessionKey(this.callerHash), state, { lang: record.lang, abnormal: DROPPED.has(record.outcome), callId: record.callId });
      save.catch(failed);
    }
    stored.catch(failed);
  }
}

/** What went wrong with the store, with what to do (SQLite's failures told apart; PostgreSQL's queue on disk). */
function writeFailure(store: StoreBackend, err: unknown): Record<string, unknown> {
  return store.sqlite ? storeFailure(err, store.sqlite.path) : { err: err instanceof Error ? err.message : String(err) };
}

/**
 * A failed write to the database at `path`, for the log: SQLite's message and code, and what is wrong and what
 * to do (SQLite reports a read-only file system as a bare "disk I/O error": the directory is checked).
 */
export function storeFailure(err: unknown, path: string): { err: string; code?: string; problem: string } {
  const message = err instanceof Error ? err.message : String(err);
  const code = typeof (err as { code?: unknown }).code === "string" ? (err as { code: string }).code : undefined;
  const dir = dirname(path);
  let problem = `the database ${path} cannot be written: check the disk and the data directory (sahayak doctor)`;
  if (code?.startsWith("SQLITE_BUSY") || code?.startsWith("SQLITE_LOCKED")) problem = `another process holds the write lock of ${path} for longer than store.callBusyTimeoutMs: find what keeps it (a long job, a stuck process) and let it finish`;
  else if (code === "SQLITE_FULL") problem = `the disk holding ${dir} is full: free space there`;
  else if (code?.startsWith("SQLITE_IOERR") || code?.startsWith("SQLITE_READONLY") || code?.startsWith("SQLITE_CANTOPEN")) {
    // a file system the kernel turned read-only after an error still looks writable to access(): a file is tried
    const probe = join(dir, ".sahayak-write-probe");
    try {
      closeSync(openSync(probe, "w"));
      rmSync(probe, { force: true });
    } catch (why) {
      const errno = (why as NodeJS.ErrnoException).code;
      if (errno === "EROFS") problem = `the file system holding ${dir} is read-only (remounted after a disk error?): repair it (fsck), mount it read-write, then restart Sahayak`;
      else if (errno === "ENOSPC") problem = `the disk holding ${dir} is full: free space there`;
      else if (errno === "EACCES" || errno === "EPERM") problem = `this user may not write ${dir}: give the service user its ownership`;
    }
  }
  return { err: message, code, problem };
}

/** The caller's last question got no reply, or Sahayak's last reply was cut short. */
function endedCutOff(turns: readonly TurnRecord[]): boolean {
  const last = turns.filter((t) => t.action !== "filler").at(-1);
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
