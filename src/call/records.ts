// What a call leaves behind: its states, and one record per turn with the timings that matter to a caller.
// Times are ms from the start of the call.
import type { StoredTurn } from "../store/index.js";
import type { StateChange } from "./states.js";

export interface TurnTimings {
  /** The caller stopped speaking (VAD). */
  endOfSpeechMs?: number;
  /** The end of the utterance was decided (the endpoint's silence was long enough, or it was cut). */
  endpointMs?: number;
  /** The recogniser's final result was in. */
  recogniserFinalMs?: number;
  /** The scheme names scored against the caller's audio were in (only on a turn that scored them). */
  namesScoredMs?: number;
  /** The reply's text was ready. */
  replyReadyMs?: number;
  /** The first packet of the reply's audio was sent. */
  firstAudioMs?: number;
  /** End of the caller's speech → first reply audio packet. */
  voiceToVoiceMs?: number;
  /** The VAD's first sign of the caller's speech → the reply's audio paused (in-process; the caller's side is bench/call.ts's). */
  bargeInStopMs?: number;
}

/** A turn as the call records it: the store's turn with the call's named timings. */
export type TurnRecord = Omit<StoredTurn, "unanswered" | "timings"> & { timings: TurnTimings };

export type CallOutcome = "goodbye" | "caller_hangup" | "transfer" | "silence" | "max_duration" | "error" | "shutdown" | "rate_limited";

/**
 * Every way a call's record can end, with what it means to the person reading `calls list` or `report calls`:
 * the call flow's outcomes, the controller's (callers turned away, calls that ended during set-up), and the
 * store's (a call still going on, or left open by a process that died).
 */
export const OUTCOMES: Readonly<Record<string, string>> = {
  goodbye: "the caller said goodbye",
  caller_hangup: "the caller hung up",
  transfer: "handed to a person",
  silence: "ended after the caller said nothing",
  max_duration: "ended at the longest call allowed",
  error: "ended by a failure, with an apology",
  shutdown: "ended politely when Sahayak stopped",
  rate_limited: "turned away: too many calls from the number",
  busy: "turned away: all lines busy",
  overflow: "at capacity: sent to the waiting queue",
  shutting_down: "turned away: Sahayak was stopping",
  setup_failed: "the call's audio could not be set up",
  interrupted: "Sahayak died during the call (crash, kill, power cut)",
  in_progress: "going on now",
};

export interface CallRecord {
  callId: string;
  startedAt: string;
  durationMs: number;
  lang?: string;
  mode: "speech" | "keypad";
  outcome: CallOutcome;
  /** It carried on an earlier conversation of the same caller. */
  continued?: "returning" | "resumed";
  error?: string;
  states: StateChange[];
  turns: TurnRecord[];
  /** How late reply packets went out after their 20 ms deadlines. */
  packets: { sent: number; lateP99Ms: number; lateMaxMs: number };
}
