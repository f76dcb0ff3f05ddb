// Where a simulated call's voice-to-voice time goes, stage by stage, for each answered caller utterance:
// the caller's last loud packet on the wire → the VAD's end of speech → the endpoint decided → the
// recogniser's final → the scheme names scored (when they were) → the reply ready → its first packet sent →
// its first loud packet at the caller. The call's own moments come from its record (ms from the call's
// start); the caller's from the simulator's packets, placed on the call's clock by the record's start time.
import type { CallRecord, TurnRecord } from "../src/call/index.js";
import { callerSide, type SimulatedCall } from "../src/call/simulation.js";
import { percentile } from "./questions.js";

export const STAGES = ["wireIn", "hangover", "recogniserFinal", "names", "dialogue", "firstPacket", "wireOut", "total"] as const;
export type Stage = (typeof STAGES)[number];

export interface TurnStages {
  /** The reply scored names on the audio (the text did not suffice). */
  namesScored: boolean;
  /** The reply was "did you mean …?", or the turn answered one. */
  confirmation: "asks" | "answers" | "none";
  /** The reply's action (answer, confirm, clarify…): a question back never ends the turn at the pause. */
  reply?: string;
  ms: Partial<Record<Stage, number>>;
}

/** performance.now() of the call's start, from the record's wall-clock start. */
function callStartPerf(record: CallRecord): number {
  return Date.parse(record.startedAt) - performance.timeOrigin;
}

function previousReply(turns: readonly TurnRecord[], i: number): TurnRecord | undefined {
  for (let k = i - 1; k >= 0; k--) if (turns[k]!.role === "sahayak" && turns[k]!.action !== "filler") return turns[k];
  return undefined;
}

/** Each caller utterance the call answered with a timed reply, split into its stages. */
export function turnStages(call: SimulatedCall): TurnStages[] {
  const { record } = call;
  const start = callStartPerf(record);
  const out: TurnStages[] = [];
  const callerEnds = call.spokeAt.map((s) => callerSide.speechEndAt(call, s - 20)).filter((e): e is number => e !== undefined);
  record.turns.forEach((turn, i) => {
    const t = turn.timings;
    if (turn.role !== "caller" || t.endOfSpeechMs === undefined) return;
    const reply = record.turns.slice(i + 1).find((x) => x.role === "sahayak" && x.action !== "filler");
    const r = reply?.timings;
    if (!reply || r?.voiceToVoiceMs === undefined || r.firstAudioMs === undefined) return;
    const vadEnd = start + t.endOfSpeechMs;
    // the caller's speech whose end is nearest the VAD's (the VAD ends it a little after the last loud packet)
    const callerEnd = callerEnds.filter((e) => Math.abs(e - vadEnd) < 1000).sort((a, b) => Math.abs(a - vadEnd) - Math.abs(b - vadEnd))[0];
    const sent = start + r.firstAudioMs;
    const heard = callerEnd === undefined ? undefined : callerSide.voiceHeardAfter(call, callerEnd);
    const ms: Partial<Record<Stage, number>> = {};
    if (callerEnd !== undefined) ms.wireIn = vadEnd - callerEnd;
    if (t.endpointMs !== undefined) ms.hangover = t.endpointMs - t.endOfSpeechMs;
    if (t.endpointMs !== undefined && t.recogniserFinalMs !== undefined) ms.recogniserFinal = t.recogniserFinalMs - t.endpointMs;
    if (t.recogniserFinalMs !== undefined && r.namesScoredMs !== undefined) ms.names = r.namesScoredMs - t.recogniserFinalMs;
    const beforeDialogue = r.namesScoredMs ?? t.recogniserFinalMs;
    if (beforeDialogue !== undefined && r.replyReadyMs !== undefined) ms.dialogue = r.replyReadyMs - beforeDialogue;
    if (r.replyReadyMs !== undefined) ms.firstPacket = r.firstAudioMs - r.replyReadyMs;
    if (heard !== undefined) ms.wireOut = heard - sent;
    if (callerEnd !== undefined && heard !== undefined) ms.total = heard - callerEnd;
    const asked = previousReply(record.turns, i);
    out.push({ namesScored: r.namesScoredMs !== undefined, confirmation: reply.action === "confirm" ? "asks" : asked?.action === "confirm" ? "answers" : "none", reply: reply.action, ms });
  });
  return out;
}

/** p50/p95 of each stage over a group of turns, as "p50/p95 (n)". */
export function stageTable(turns: readonly TurnStages[]): Record<string, string> {
  const row: Record<string, string> = { turns: String(turns.length) };
  for (const stage of STAGES) {
    const v = turns.map((t) => t.ms[stage]).filter((x): x is number => x !== undefined);
    if (v.length) row[stage] = `${Math.round(percentile(v, 50)!)}/${Math.round(percentile(v, 95)!)}${v.length === turns.length ? "" : ` (${v.length})`}`;
  }
  return row;
}

/**
 * The stage table for every turn, and apart for turns with and without name scoring and confirmations, and
 * for turns that ended at the pause (the reply prepared there settled the request: a hangover under the
 * endpoint's `minDelayMs`) or waited the full delay: the hangover's p50 moves with how many do which.
 */
export function stageBreakdown(turns: readonly TurnStages[], minDelayMs: number): Record<string, Record<string, string>> {
  const groups: Record<string, (t: TurnStages) => boolean> = {
    all: () => true,
    namesScored: (t) => t.namesScored,
    textSufficed: (t) => !t.namesScored,
    asksConfirmation: (t) => t.confirmation === "asks",
    answersConfirmation: (t) => t.confirmation === "answers",
    noConfirmation: (t) => t.confirmation === "none",
    endedAtPause: (t) => t.ms.hangover !== undefined && t.ms.hangover < minDelayMs,
    waitedFullDelay: (t) => t.ms.hangover !== undefined && t.ms.hangover >= minDelayMs,
  };
  return Object.fromEntries(Object.entries(groups).map(([name, keep]) => [name, stageTable(turns.filter(keep))]));
}

/**
 * The turns that waited the endpoint's full delay, by their reply's action ("confirm 9, clarify 4, answer 11"):
 * a question back waits by rule (src/call/turn-complete.ts); a reply that settles the request and still
 * waited was not ready at the pause, or was heard unsure, or its words ended open.
 */
export function waitedByReply(turns: readonly TurnStages[], minDelayMs: number): string {
  const counts = new Map<string, number>();
  for (const t of turns) if (t.ms.hangover !== undefined && t.ms.hangover >= minDelayMs) counts.set(t.reply ?? "unknown", (counts.get(t.reply ?? "unknown") ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([action, n]) => `${action} ${n}`).join(", ") || "none";
}
