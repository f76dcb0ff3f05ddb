// What a caller lives through on a whole call, over one transport, through the real pipeline: the PBX
// simulator speaking ARI with RTP or chan_websocket media on loopback, Silero VAD, the English recogniser,
// the dialogue on the real knowledge base, espeak-ng. Every timing is measured where the caller is: their
// packets as they went out, Sahayak's as they arrived. One test file per transport runs it (each file has
// its own time limit in make test; a call is audio and runs in real time).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Speaker, type CallRecord, type CallServices } from "../../src/call/index.js";
import { callerSide, type Simulation } from "../../src/call/simulation.js";
import type { Config } from "../../src/config.js";
import { newContext, type Segment } from "../../src/dialogue/index.js";
import { decodePayload, encodePayload } from "../../src/telephony/media/codec.js";
import { realPipeline } from "./real-pipeline.js";

export type Transport = "rtp" | "websocket";

export function withTransport(config: Config, transport: Transport): Config {
  return { ...config, telephony: { ...config.telephony, media: { ...config.telephony.media, transport } } };
}

/** What a failed check says about the call: the states it went through and its turns. */
export function turnsOf(record: CallRecord): string {
  const path = ["CALL_INITIATED", ...record.states.map((s) => s.to)].filter((s, i, a) => s !== a[i - 1]);
  const turns = record.turns.map((t) => [t.role, t.dtmf ?? t.text.slice(0, 60), t.action, t.interrupted ? "cut" : ""]);
  return `states ${path.join(" → ")}; turns ${JSON.stringify(turns)}`;
}

/** What the caller hears of an English reply: the speaker's audio for its text, through μ-law. */
export async function replyAudio(services: CallServices, text: string | Segment[]): Promise<Int16Array> {
  const parts: Int16Array[] = [];
  const capture = { play: (s: Int16Array) => void parts.push(s), flush: () => 0, queuedMs: 0 };
  await new Speaker(capture, services.tts, 8000).say(text, "en", new AbortController().signal);
  return decodePayload("ulaw", encodePayload("ulaw", joined(parts)));
}

export function joined(packets: readonly Int16Array[]): Int16Array {
  const all = new Int16Array(packets.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of packets) (all.set(p, o), (o += p.length));
  return all;
}

/** Where `expected`'s first sound (or its sound from `fromMs` on) begins in `heard`, sample-exact over 50 ms (-1: nowhere). */
export function findAudio(heard: Int16Array, expected: Int16Array, fromMs = 0): { at: number; from: number } {
  const from = expected.findIndex((v, i) => i >= fromMs * 8 && Math.abs(v) > 200);
  const probe = expected.subarray(from, from + 400);
  outer: for (let at = 0; at + probe.length <= heard.length; at++) {
    for (let j = 0; j < probe.length; j++) if (heard[at + j] !== probe[j]) continue outer;
    return { at, from };
  }
  return { at: -1, from };
}

/**
 * Where `expected` is first found in `heard`, probing from its first sound on in 50 ms steps (up to 1 s in):
 * a resumed reply's 5 ms fade-in may fall on its very start.
 */
function firstFound(heard: Int16Array, expected: Int16Array): { at: number; from: number } {
  for (let ms = 0; ms <= 1000; ms += 50) {
    const found = findAudio(heard, expected, ms);
    if (found.at >= 0) return found;
  }
  return { at: -1, from: 0 };
}

/** The longest silence between packets the caller heard from `from` on (a paused reply, or a stalled one). */
function longestGap(heardAt: readonly number[], from: number): number {
  let gap = 0;
  for (let i = 1; i < heardAt.length; i++) if (heardAt[i - 1]! >= from) gap = Math.max(gap, heardAt[i]! - heardAt[i - 1]!);
  return Math.round(gap);
}

/** A 200 ms burst of voice, like a cough or an "uh": the start of flite saying "ah". */
async function cough(simulation: Simulation): Promise<Int16Array> {
  const ah = await simulation.voice("ah", "en");
  const start = ah.findIndex((v) => Math.abs(v) > 1000);
  return ah.slice(start, start + 1600);
}

export function callerExperience(transport: Transport): void {
  describe(`a caller's call over ${transport === "rtp" ? "RTP" : "chan_websocket"}, through the real pipeline`, () => {
    const pipeline = realPipeline({ simulationConfig: (config) => withTransport(config, transport) });
    const sim = () => pipeline().simulation;

    // how fast the answer comes is bench/call.ts's to hold (voice-to-voice over many turns, from the caller's side)
    it("an English caller asks from the first second, over the opening: the question is answered, and the caller hears that answer", async () => {
      // the caller hangs up well into the answer: the check needs its first seconds
      const call = await sim().call({ steps: [{ kind: "say", text: "what is pm kisan", lang: "en", atMs: 1000 }], hangupAfterMs: 16_000 });
      const { record } = call;
      const spoke = callerSide.speechOnsetAt(call, call.answeredAt);
      assert.ok(spoke !== undefined && spoke - call.answeredAt <= 8000, `the caller started speaking ${spoke! - call.answeredAt} ms after the answer (they speak 1 s after first hearing Sahayak, ${call.heardAt[0]! - call.answeredAt} ms after the answer)`);
      const answer = record.turns.find((t) => t.role === "sahayak" && t.action === "answer");
      assert.ok(answer, `answered: ${turnsOf(record)}`);
      assert.deepEqual(answer.schemeIds, ["pm-kisan"]);
      assert.match(answer.text, /Pradhan Mantri Kisan Samman Nidhi|PM[- ]KISAN/i);
      assert.equal(record.turns[0]?.action, "opening");
      assert.equal(record.turns[0]?.interrupted, true, "the opening stopped for the question");
      assert.ok(!record.turns.some((t) => ["prompt:howToAsk", "language_choice"].includes(t.action ?? "")), turnsOf(record));
      // the caller heard that very answer: its audio, sample for sample, from its start for 3 s. The answer is
      // spoken as the dialogue's segments (the name, then the facts), so they are asked for again and synthesised alike
      const question = record.turns.find((t) => t.role === "caller" && t.action === "question")!;
      const reply = await pipeline().services.dialogue.respond({ text: question.text, lang: "en", confidence: question.confidence ?? 1 }, newContext("check", "en"));
      const replyText = reply.segments.map((x) => x.text.trim()).join(" ");
      assert.ok(replyText.startsWith(answer.text.trim()), `the same answer again: ${replyText} / ${answer.text}`);
      const expected = await replyAudio(pipeline().services, reply.segments);
      const heard = joined(call.heard);
      const { at, from } = findAudio(heard, expected);
      assert.ok(at >= 0, `the answer's audio reached the caller (its sound 1 s in was ${findAudio(heard, expected, 1000).at >= 0 ? "" : "not "}heard; the answer's timings ${JSON.stringify(answer.timings)})`);
      const span = Math.min(3 * 8000, expected.length - from, heard.length - at);
      assert.ok(span >= 2 * 8000);
      assert.deepEqual(heard.subarray(at, at + span), expected.subarray(from, from + span));
    });

    it("a caller who does nothing hears the tone within 12 s of the answer, then the default language (Hindi: keypad here)", async () => {
      const call = await sim().call({ steps: [{ kind: "hold", ms: 8000 }] });
      const tone = callerSide.toneAt(call, pipeline().fixture.config.call.tone, call.answeredAt);
      assert.ok(tone !== undefined, `the tone was heard: ${turnsOf(call.record)}`);
      assert.ok(tone - call.answeredAt <= 12_000, `tone ${tone - call.answeredAt} ms after the answer`);
      assert.equal(call.record.lang, "hi");
      assert.ok(call.record.turns.some((t) => t.action === "prompt:keypadIntro"), turnsOf(call.record));
    });

    it("barge-in: the reply falls silent at the caller within 250 ms of their first sound, and their question is answered", async () => {
      const interruption = "who can apply for it";
      const call = await sim().call({ lang: "en", hurry: true, steps: [{ kind: "say", text: "what is pm kisan" }, { kind: "say", text: interruption, interruptAfterMs: 2000 }], hangupAfterMs: 25_000 });
      const onset = callerSide.speechOnsetAt(call, call.spokeAt[1]! - 20);
      assert.ok(onset !== undefined, "the caller spoke");
      const silent = callerSide.silentAfter(call, onset);
      assert.ok(silent !== undefined, `a reply was playing when the caller spoke: ${turnsOf(call.record)}`);
      assert.ok(silent - onset <= 250, `the reply went on ${(silent - onset).toFixed(0)} ms after the caller's first sound`);
      const cut = call.record.turns.find((t) => t.action === "answer" && t.interrupted);
      assert.ok(cut, turnsOf(call.record));
      const asked = call.record.turns.filter((t) => t.role === "caller" && t.action === "question");
      assert.equal(asked.length, 2, turnsOf(call.record));
      assert.ok(call.record.turns.some((t) => t.role === "sahayak" && t.atMs > asked[1]!.atMs && ["answer", "clarify"].includes(t.action ?? "")), turnsOf(call.record));
    });

    it("a cough during the reply pauses it and it resumes where it stopped: the caller hears the whole reply, once", async () => {
      const call = await sim().call({ lang: "en", hurry: true, steps: [{ kind: "say", text: "what is pm kisan" }, { kind: "sound", samples: await cough(sim()), interruptAfterMs: 2000 }] });
      const answer = call.record.turns.find((t) => t.action === "answer");
      assert.ok(answer && !answer.interrupted, turnsOf(call.record));
      assert.equal(call.record.turns.filter((t) => t.role === "caller").length, 2, `the cough was no turn: ${turnsOf(call.record)}`);
      const onset = callerSide.speechOnsetAt(call, call.spokeAt[1]! - 20)!;
      const paused = callerSide.silentAfter(call, onset);
      assert.ok(paused !== undefined && paused - onset <= 250, "paused at the cough");
      const resumedAt = call.heardAt.find((t) => t > paused);
      assert.ok(resumedAt !== undefined && resumedAt - paused < 1000, `resumed ${resumedAt! - paused} ms later`);
      // everything of the reply reached the caller, in order: nothing lost or said twice but the packets
      // already on their way when the pause reached the sender process (its queue is known here only by
      // estimate). Over chan_websocket Asterisk's own STATUS counts what its flush dropped, however far its
      // playout clock (the simulator's, on this busy event loop) had fallen behind
      const expected = await replyAudio(pipeline().services, answer.text);
      const heard = joined(call.heard);
      const { at, from } = firstFound(heard, expected);
      assert.ok(at >= 0, "the reply's first second reached the caller");
      const frames = (n: number) => Math.round(n / 160);
      const tail = expected.subarray(expected.length - 8000);
      const end = findAudio(heard.subarray(at), tail);
      assert.ok(end.at >= 0, "the reply was heard to its end");
      const heardLength = end.at + (tail.length - end.from);
      const lost = frames(expected.length - from - heardLength);
      const inFlight = 2;
      assert.ok(lost >= -inFlight && lost <= inFlight, `${lost} frames of the reply lost (or, if negative, heard twice)`);
    });

    it("the line's echo of what Sahayak says (20 dB down, 60 ms late: a gateway's echo canceller leaves less) neither stops it nor becomes a turn", async () => {
      sim().pbx.faults.echo = { delayMs: 60, lossDb: 20 };
      try {
        const call = await sim().call({ lang: "en", hurry: true, steps: [{ kind: "say", text: "what is pm kisan" }] });
        const answer = call.record.turns.find((t) => t.action === "answer");
        assert.ok(answer && !answer.interrupted, `${turnsOf(call.record)}; the answer paused by barge-in: ${answer?.timings.bargeInStopMs !== undefined}; the longest gap the caller heard in it: ${longestGap(call.heardAt, call.answeredAt + (answer?.atMs ?? 0))} ms`);
        assert.deepEqual(
          call.record.turns.filter((t) => t.role === "caller").map((t) => t.action),
          ["language", "question"],
          turnsOf(call.record),
        );
      } finally {
        delete sim().pbx.faults.echo;
      }
    });
  });
}
