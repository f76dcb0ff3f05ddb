// What a call's records tell operators: each turn and each ended call become metrics and one info log
// line, from the facts the records already carry (actions, timings, confidence), so the flow itself
// holds no metrics code. No caller number or words reach a label or these lines.
import type { Logger } from "../ops/log.js";
import * as m from "../ops/metrics.js";
import type { CallRecord, TurnRecord } from "./records.js";

/** Fixed prompts that mean an engine failed and a fallback covered it. */
export const FALLBACK_PROMPTS: Record<string, { component: m.EngineName | "call"; level: m.FallbackLevel }> = {
  "prompt:answerFailed": { component: "dialogue", level: "prompt" },
  "prompt:asrFailed": { component: "asr", level: "keypad" },
  "prompt:ttsFailed": { component: "tts", level: "transfer" },
  "prompt:technicalProblem": { component: "call", level: "prompt" },
};

const seconds = (ms: number) => ms / 1000;

/** A turn was recorded; `before` is every turn of the call before it. */
export function observeTurn(callId: string, turn: TurnRecord, before: readonly TurnRecord[], log?: Logger): void {
  const lang = m.langLabel(turn.lang);
  const t = turn.timings;
  if (turn.role === "caller") {
    m.turnsTotal.inc({ lang, input: turn.dtmf ? "key" : "speech" });
    if (turn.confidence !== undefined) m.recogniserConfidence.observe({ lang }, turn.confidence);
    if (turn.action === "not_understood") m.repeats.inc({ lang });
    if (t.endOfSpeechMs !== undefined && t.recogniserFinalMs !== undefined) m.turnLatency.observe({ stage: "recogniser_final", lang }, seconds(t.recogniserFinalMs - t.endOfSpeechMs));
    log?.info({ callId, turn: before.length, role: "caller", action: turn.action, lang: turn.lang, input: turn.dtmf ? "key" : "speech", confidence: turn.confidence, timings: t }, "caller turn");
    return;
  }
  if (turn.action === "filler") return;
  if ((m.REPLY_ACTIONS as readonly string[]).includes(turn.action ?? "")) m.repliesTotal.inc({ lang, action: turn.action! });
  if (turn.action === "prompt:keypadIntro") m.keypadEntries.inc({ lang });
  const fallback = FALLBACK_PROMPTS[turn.action ?? ""];
  if (fallback) {
    m.fallbacks.inc(fallback);
    if (fallback.component !== "call") m.engineFailures.inc({ engine: fallback.component });
  }
  if (t.voiceToVoiceMs !== undefined && t.firstAudioMs !== undefined) {
    const endOfSpeechMs = t.firstAudioMs - t.voiceToVoiceMs;
    m.turnLatency.observe({ stage: "voice_to_voice", lang }, seconds(t.voiceToVoiceMs));
    if (t.replyReadyMs !== undefined) m.turnLatency.observe({ stage: "reply_ready", lang }, seconds(Math.max(0, t.replyReadyMs - endOfSpeechMs)));
  }
  if (turn.interrupted && t.bargeInStopMs !== undefined) {
    m.bargeIns.inc({ lang });
    m.bargeInStop.observe(seconds(t.bargeInStopMs));
  }
  // a reply resumed straight after it was cut short: the interruption held no words
  const previous = before.at(-1);
  if (turn.action === "resume" && previous?.role === "sahayak" && previous.interrupted) m.falseBargeIns.inc({ lang });
  log?.info({ callId, turn: before.length, role: "sahayak", action: turn.action, lang: turn.lang, schemeIds: turn.schemeIds, interrupted: turn.interrupted, timings: t }, "reply");
}

/** A call for the log: no caller number, no words spoken, only what an operator needs. */
export function callSummary(r: CallRecord): Record<string, unknown> {
  const v2v = r.turns.map((t) => t.timings.voiceToVoiceMs).filter((v): v is number => v !== undefined);
  return { callId: r.callId, outcome: r.outcome, lang: r.lang, mode: r.mode, durationMs: r.durationMs, turns: r.turns.length, voiceToVoiceMs: v2v, lateMaxMs: r.packets.lateMaxMs, error: r.error };
}

/** A call ended with this record. */
export function observeCall(record: CallRecord, log?: Logger): void {
  log?.info(callSummary(record), "call ended");
  const lang = m.langLabel(record.lang);
  m.callsTotal.inc({ outcome: m.bounded(record.outcome, m.CALL_OUTCOMES), lang, mode: record.mode });
  m.callDuration.observe({ outcome: m.bounded(record.outcome, m.CALL_OUTCOMES) }, seconds(record.durationMs));
  if (record.outcome === "transfer") m.transfers.inc({ lang });
  if (record.outcome === "rate_limited") m.callsRefused.inc({ reason: "rate_limited" });
}
