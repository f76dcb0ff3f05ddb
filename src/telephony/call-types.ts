// What the ARI controller and the call flow say to each other: one call as the flow sees it, the handler
// that runs it, and the ledger where the controller records what only it sees.
import type { EventEmitter } from "node:events";
import type { UnheardListener } from "./media/flush-reports.js";

export type EndReason = "caller_hangup" | "app_hangup" | "transfer" | "shutdown" | "error" | "gone";

/** One call as the call flow sees it. */
export interface Call {
  readonly id: string;
  /** Never logged in clear: hash it before it leaves the call. */
  readonly callerNumber: string;
  readonly sampleRate: number;
  /** Aborted when the call ends for any reason. */
  readonly signal: AbortSignal;
  readonly events: EventEmitter;
  /** Queues audio for the caller (paced 20 ms packets). */
  play(samples: Int16Array): void;
  /** Drops queued audio at once (barge-in); `onUnheard`: as CallMedia.flush. */
  flush(onUnheard?: UnheardListener): number;
  readonly queuedMs: number;
  /** ms each packet sent to the caller went out after its deadline. */
  readonly packetLateness: readonly number[];
  /** Ends the call from our side. */
  hangup(): Promise<void>;
  /** Leaves Stasis to the human queue / operator desk. */
  transfer(): Promise<void>;
}

export interface CallHandler {
  /** Runs a call; events: "audio" (Int16Array), "dtmf" (digit), "audioStarted" (performance.now() when the first packet of a run of audio was sent), "end" (reason). */
  handle(call: Call): Promise<void> | void;
  /** SIGTERM grace is over: say goodbye quickly; the controller hangs up afterwards. */
  endForShutdown?(call: Call): Promise<void>;
}

/** Why a caller was turned away before any conversation: at capacity (busy message, or the waiting queue), or stopping. */
export type Refusal = "busy" | "overflow" | "shutting_down";

/** How a call ended that its handler never recorded. */
export type EarlyEnd = "caller_hangup" | "setup_failed" | "shutting_down";

/**
 * Where the controller writes what only it knows about calls, so that every call is on record: when each
 * arrived, who was turned away and why, calls that ended before their handler ran (the caller left during
 * set-up, or set-up failed), and callers of a previous run it sent on to a person.
 */
export interface CallLedger {
  arrived(call: { id: string; callerNumber: string }): void;
  refused(id: string, reason: Refusal): void;
  /** The call is over and no handler recorded it: closed as refused, or with how it ended. */
  ended(id: string, how: { outcome?: EarlyEnd; error?: string; sentToPerson?: boolean }): void;
  /** Callers sent to the fallback (an apology, then a person): a previous run's orphans, or calls Sahayak could not serve. */
  sentToPerson(ids: readonly string[]): void;
}

export interface ControllerCounters {
  callsStarted: number;
  callsRejected: number;
  setupFailures: number;
  unknownChannelEvents: number;
  orphansCleaned: number;
  /** Channels and bridges released by a later try, after Asterisk refused or never answered the first. */
  releasesRetried: number;
}
