// Why a call of the 20 at once (bench/call-concurrent.ts) missed: each of its questions put in one class from
// what the call left behind (its record: what was heard, when, and the replies) and the caller's side (when
// each step was said on the wire, what Sahayak was heard saying then), and the call's timeline to read it by.
// Times are ms from when Sahayak answered (the record's clock starts a few ms before: close enough here).
import type { CallRecord } from "../src/call/index.js";
import { callerSide, REPLY_WAIT_MS, type SimulatedCall } from "../src/call/simulation.js";
import { finalReply, questionsAsked } from "./call-answers.js";

type Turn = CallRecord["turns"][number];

/** The classes, most specific first; a question answered about its own scheme has none. */
export const MISS_CLASSES = [
  "not heard: a nudge came instead",
  "not heard before the caller hung up",
  "heard: the call ended before its reply",
  "heard: another scheme offered, no names scored",
  "heard: another scheme offered, names scored",
  "heard: not understood",
  "heard: refused as out of scope",
  "heard: other reply",
] as const;
export type MissClass = (typeof MISS_CLASSES)[number];

/** When each spoken step went out on the wire (its first and last loud packet), on the answered clock. */
function stepsOnWire(call: SimulatedCall): { from: number; to: number }[] {
  return call.spokeAt.map((at) => {
    const from = callerSide.speechOnsetAt(call, at - 50) ?? at;
    return { from: from - call.answeredAt, to: (callerSide.speechEndAt(call, from) ?? from) - call.answeredAt };
  });
}

/** Whether Sahayak was heard at the caller between `from` and `to` (answered clock). */
function sahayakHeardWithin(call: SimulatedCall, from: number, to: number): boolean {
  return call.heardAt.some((t) => t - call.answeredAt >= from && t - call.answeredAt <= to);
}

/** The class of the call's k-th question, or undefined when it was answered about `schemeId`. */
export function missOf(call: SimulatedCall, k: number, schemeId: string): MissClass | undefined {
  const record = call.record;
  const asked = questionsAsked(record)[k];
  if (!asked) {
    const said = stepsOnWire(call)[k];
    return record.turns.some((t) => t.action === "prompt:nudge" && said !== undefined && t.atMs > said.to) ? "not heard: a nudge came instead" : "not heard before the caller hung up";
  }
  const reply = finalReply(record, asked);
  if (!reply) return "heard: the call ended before its reply";
  const own = (reply.schemeIds ?? []).includes(schemeId);
  if (["answer", "clarify"].includes(reply.action ?? "") && own) return undefined;
  if (reply.action === "confirm" || (["answer", "clarify"].includes(reply.action ?? "") && !own)) return reply.timings.namesScoredMs === undefined ? "heard: another scheme offered, no names scored" : "heard: another scheme offered, names scored";
  if (asked.action === "not_understood" || reply.action === "prompt:notCaught") return "heard: not understood";
  if (reply.action === "out_of_scope") return "heard: refused as out of scope";
  return "heard: other reply";
}

/** What else is true of a question's moment: said over Sahayak's voice, or before the reply to the one before came. */
export function circumstances(call: SimulatedCall, k: number): string[] {
  const said = stepsOnWire(call)[k];
  if (!said) return [];
  const notes: string[] = [];
  if (sahayakHeardWithin(call, said.from, said.to)) notes.push("said over Sahayak's voice");
  const before = k > 0 ? questionsAsked(call.record)[k - 1] : undefined;
  const reply = before && finalReply(call.record, before);
  if (k > 0 && (!reply || reply.atMs > said.from)) notes.push(`said before the reply to the question before (none within ${REPLY_WAIT_MS / 1000} s)`);
  return notes;
}

/** The call as lines: the caller's steps on the wire, Sahayak's talkspurts, and every turn with its timings. */
export function callTimeline(call: SimulatedCall): string[] {
  const lines = stepsOnWire(call).map((s, i) => `  caller step ${i} on the wire ${Math.round(s.from)}–${Math.round(s.to)}`);
  const spurts: [number, number][] = [];
  for (const t of call.heardAt.map((t) => Math.round(t - call.answeredAt))) {
    const last = spurts.at(-1);
    if (last && t - last[1] < 150) last[1] = t;
    else spurts.push([t, t]);
  }
  lines.push(`  Sahayak heard ${spurts.map(([a, b]) => `${a}–${b}`).join(" ")}`);
  for (const t of call.record.turns as Turn[]) {
    const timings = Object.entries(t.timings)
      .map(([k, v]) => `${k.replace(/Ms$/, "")} ${v}`)
      .join(", ");
    lines.push(`  ${String(t.atMs).padStart(6)} ${t.role}:${t.action ?? ""}${t.interrupted ? "(cut)" : ""}${t.schemeIds?.length ? ` [${t.schemeIds.join(",")}]` : ""}${t.confidence !== undefined ? ` conf ${t.confidence.toFixed(2)}` : ""} "${(t.text || t.dtmf || "").slice(0, 60)}"${timings ? ` (${timings})` : ""}`);
  }
  return lines;
}

/** How many questions of the missed calls fell in each class. */
export function countMisses(calls: readonly { call: SimulatedCall; schemes: readonly string[] }[]): Partial<Record<MissClass, number>> {
  const counts: Partial<Record<MissClass, number>> = {};
  for (const { call, schemes } of calls)
    schemes.forEach((id, k) => {
      const miss = missOf(call, k, id);
      if (miss) counts[miss] = (counts[miss] ?? 0) + 1;
    });
  return counts;
}
