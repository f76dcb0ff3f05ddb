// A short title that is only a group's word (a central scholarship's "OBC") scores as a whole name said whenever
// that word is said; a longer name the caller said by that word and by a word of its own thing (Delhi's aid for
// buying stationery, "… Stationery To SC/ST/OBC/Minorities Students") accounts for more of their words, by a
// telling one, and is the scheme meant. Over the real records.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { realEngine } from "./engine-over.js";

describe("the name that accounts for more of the caller's words, by a telling one", () => {
  const real = realEngine();
  const reply = (text: string) => real.engine.respond({ text }, newContext("s"));

  it("stationery said beside the group's word: the stationery aid", async () => {
    const r = await reply("We live in Delhi and my son is OBC. How much is the stationery help for OBC students?");
    assert.equal(r.schemeIds[0], "fafps", r.text);
    assert.ok(["answer", "no_info"].includes(r.action), r.action);
  });

  it("the group's word with no thing of another name: not that other name", async () => {
    const r = await reply("Our family is OBC. What does the OBC hostel scholarship pay?");
    assert.notEqual(r.schemeIds[0], "fafps", r.text);
  });
});
