import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { stageBreakdown, type TurnStages } from "../../bench/call-stages.js";

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
});
