// The adaptive end of turn on a whole call through the real pipeline and the PBX simulator: a caller who
// pauses mid-question after words that announce more ("… and") is not answered on that prefix; the turn
// waits for the rest (turn-complete.ts). How soon whole questions are answered is bench/call.ts's to measure.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { writeWav } from "../../src/audio/index.js";
import { tempDir } from "../helpers.js";
import { turnsOf } from "./caller-experience.js";
import { realPipeline } from "./real-pipeline.js";

/** A 20 ms frame above this (RMS) is sound in the synthesised caller's voice. */
const SOUND_RMS = 100;
const FRAME = 160;

/** The voice's audio cut at its last sound (`end`) or from its first (`start`): the pause between the parts is the one the test puts there. */
function trimmed(pcm: Int16Array, side: "start" | "end"): Int16Array {
  const sound: number[] = [];
  for (let i = 0; i + FRAME <= pcm.length; i += FRAME) if (Math.sqrt(pcm.subarray(i, i + FRAME).reduce((s, v) => s + v * v, 0) / FRAME) > SOUND_RMS) sound.push(i);
  return side === "end" ? pcm.slice(0, sound.at(-1)! + FRAME) : pcm.slice(sound[0]);
}

describe("the end of a turn on a call through the real pipeline", () => {
  const pipeline = realPipeline();
  const dir = tempDir("sahayak-turn-end-");
  after(() => dir.cleanup());

  it("a caller who pauses after words that announce more is answered only once they have finished the question", async () => {
    const { simulation, fixture } = pipeline();
    const { minDelayMs, completeDelayMs } = fixture.config.speech.endpoint;
    // a pause the caller may take today (the VAD's end of sound falls some 60-170 ms after the last sound,
    // so the listener counts less of it than minDelayMs), longer than the whole-request wait and the
    // reply's preparation: a prefix taken for a whole request would be answered here
    const pauseMs = minDelayMs + 40;
    assert.ok(pauseMs > completeDelayMs);
    const first = trimmed(await simulation.voice("who can get a kisan credit card and", "en"), "end");
    const rest = trimmed(await simulation.voice("what documents do i need", "en"), "start");
    const speech = new Int16Array(first.length + (pauseMs * 8000) / 1000 + rest.length);
    speech.set(first, 0);
    speech.set(rest, speech.length - rest.length);
    const path = join(dir.path, "question.wav");
    writeFileSync(path, writeWav(speech, 8000));
    const asks: string[] = [];
    const { services } = pipeline();
    const respond = services.dialogue.respond;
    services.dialogue.respond = (u, ctx, signal) => (asks.push(u.text), respond.call(services.dialogue, u, ctx, signal));
    let record;
    try {
      ({ record } = await simulation.call({ lang: "en", hurry: true, steps: [{ kind: "wav", path }], hangupAfterMs: 25_000 }));
    } finally {
      services.dialogue.respond = respond;
    }
    // the words of the pause were heard and a reply prepared on them: what is checked is that it was not played
    assert.ok(asks.some((a) => a && !/documents/i.test(a)), `a reply was prepared on the prefix: ${JSON.stringify(asks)}`);
    const asked = record.turns.filter((t) => t.role === "caller" && t.action === "question");
    assert.equal(asked.length, 1, `one question, heard whole: ${turnsOf(record)}`);
    assert.match(asked[0]!.text, /documents/i, `the question's rest was heard with it: ${turnsOf(record)}`);
    assert.match(asked[0]!.text, /credit card/i, turnsOf(record));
    const reply = record.turns.find((t) => t.role === "sahayak" && t.atMs > asked[0]!.atMs && t.action !== "filler");
    assert.ok(reply && ["answer", "clarify", "confirm"].includes(reply.action ?? ""), `answered after the whole question: ${turnsOf(record)}`);
  });
});
