// Reading an unknown word as words run together: which pieces are offered to the name matcher.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gluedSplits, wordsRejoined, type WordJudge } from "../../src/knowledge/glued.js";
import { phoneticKey } from "../../src/knowledge/text.js";

/** A tiny dictionary standing in for the background language. */
const EVERYDAY = new Set(["the", "them", "loan", "credit", "card", "king", "not", "working", "from", "under"]);
const NOISE = new Set(["the", "from", "under", "ka", "ki", "wala", "in", "not"]);
const judge: WordJudge = { isNoise: (w) => NOISE.has(w), isEveryday: (w) => EVERYDAY.has(w), isFamiliar: (w) => EVERYDAY.has(w) || NOISE.has(w) };
const isWord = (w: string) => NOISE.has(w) || (w.length >= 3 && EVERYDAY.has(w));

describe("knowledge: words run together", () => {
  it("the piece no dictionary knows between known words is offered, with the known words beside it", () => {
    assert.deepEqual(gluedSplits("frommudra", isWord), [{ unknown: "mudra", known: ["from"] }]);
    assert.deepEqual(gluedSplits("zorvaniloan", isWord), [{ unknown: "zorvani", known: ["loan"] }]);
    // between two known words
    assert.ok(gluedSplits("thezorvaniki", isWord).some((s) => s.unknown === "zorvani" && s.known.join(" ") === "the ki"));
  });

  it("every plausible split is kept: which holds a name only the names can tell", () => {
    const unknown = gluedSplits("themudra", isWord).map((s) => s.unknown);
    assert.deepEqual(unknown.sort(), ["mudra", "udra"]);
  });

  it("known words only, a fragment left over, or a short token offer nothing", () => {
    assert.deepEqual(gluedSplits("cardloan", isWord), []);
    assert.deepEqual(gluedSplits("loanxy", isWord), []);
    assert.deepEqual(gluedSplits("kiab", isWord), []);
    assert.deepEqual(gluedSplits("Themudra", isWord), []);
  });

  it("a function word's piece joins the unknown fragment beside it; known words glued only support", () => {
    const said = new Set(["ujj", "wala", "gas", "kisancredit", "card"].map(phoneticKey));
    const { pieces, support } = wordsRejoined(["ujj", "gas", "kisancredit", "card"], ["ujj", "wala", "gas", "kisancredit", "card"], said, judge);
    assert.ok(pieces.includes(phoneticKey("ujjwala")), pieces.join(","));
    assert.ok(pieces.includes(phoneticKey("kisan")), pieces.join(","));
    assert.deepEqual(support, [phoneticKey("credit")]);
    // a familiar word beside a function word is no broken name
    assert.deepEqual(wordsRejoined(["loan"], ["the", "loan"], new Set(), judge).pieces, []);
  });
});
