// The wait a score request is expected to spend behind those sent before it.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ScoreBacklog, workMs } from "../../src/speech/asr/score-backlog.js";

const took = (ms: number) => ({ featuresMs: ms / 2, encoderMs: ms / 4, greedyMs: ms / 8, prefilterMs: ms / 16, exactMs: ms / 16 });

describe("score backlog", () => {
  it("expects no wait on a quiet scorer, or before any score was timed", () => {
    const backlog = new ScoreBacklog();
    assert.equal(backlog.sent(), 0);
    assert.equal(backlog.sent(), 0, "one in flight, but no time known yet");
  });

  it("expects the scores in flight times the recent time of one", () => {
    const backlog = new ScoreBacklog();
    backlog.sent();
    backlog.settled(workMs(took(160)));
    assert.equal(backlog.sent(), 0, "nothing in flight");
    assert.equal(backlog.sent(), 160);
    assert.equal(backlog.sent(), 320);
    assert.equal(backlog.pending, 3);
  });

  it("follows the scorer's recent times, and counts a score given up as settled", () => {
    const backlog = new ScoreBacklog();
    backlog.sent();
    backlog.settled(100);
    backlog.sent();
    backlog.settled(200);
    backlog.sent();
    backlog.settled();
    const oneScore = backlog.sent();
    assert.equal(oneScore, 0);
    const behindOne = backlog.sent();
    assert.ok(behindOne > 100 && behindOne < 200, `between the old and the new time: ${behindOne}`);
  });
});
