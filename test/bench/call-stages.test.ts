import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { stageBreakdown, waitedByReply, type TurnStages } from "../../bench/call-stages.js";

const turn = (hangover: number | undefined, total: number): TurnStages => ({ namesScored: true, confirmation: "none", ms: { ...(hangover === undefined ? {} : { hangover }), total } });

describe("the call bench's stage table", () => {
  it("counts apart the turns that ended at the pause and those that waited the endpoint's full delay", () => {
    const turns = [turn(210, 500), turn(330, 600), turn(410, 700), turn(400, 650), turn(undefined, 900)];
    const table = stageBreakdown(turns, 400);
    assert.equal(table.endedAtPause?.turns, "2");
    assert.equal(table.endedAtPause?.hangover, "210/330");
    assert.equal(table.waitedFullDelay?.turns, "2");
    assert.equal(table.waitedFullDelay?.total, "650/700");
    assert.equal(table.all?.turns, "5");
  });

  it("says which replies the turns that waited the full delay had", () => {
    const withReply = (hangover: number, reply: string): TurnStages => ({ ...turn(hangover, 700), reply });
    const turns = [withReply(410, "confirm"), withReply(410, "answer"), withReply(400, "confirm"), withReply(210, "answer"), turn(410, 800)];
    assert.equal(waitedByReply(turns, 400), "confirm 2, answer 1, unknown 1");
    assert.equal(waitedByReply([withReply(210, "answer")], 400), "none");
  });
});
