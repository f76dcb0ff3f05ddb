// How `make bench` judges a benchmark: every target is printed with its figure, and a target whose figure
// is missing, renamed or not a number fails the benchmark instead of passing unseen.
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import { report } from "../../bench/report.js";

let printed: string[] = [];
const log = console.log;
beforeEach(() => {
  printed = [];
  console.log = (...args: unknown[]) => void printed.push(args.join(" "));
});
afterEach(() => {
  console.log = log;
});
const lineOf = (name: string) => printed.find((l) => l.trimStart().startsWith(name)) ?? "";

describe("bench report", () => {
  it("passes when every target's figure meets it, and prints each with ok", () => {
    assert.equal(report("t", { a: 0.97, b: 12 }, { a: (v) => v >= 0.95, b: (v) => v <= 50 }), true);
    assert.match(lineOf("a"), /0\.970\s+ok$/);
    assert.match(lineOf("b"), /12\s+ok$/);
  });

  it("fails a figure that misses its target", () => {
    assert.equal(report("t", { a: 0.5 }, { a: (v) => v >= 0.95 }), false);
    assert.match(lineOf("a"), /MISSES TARGET$/);
  });

  it("fails and prints MISSING for a target whose figure was renamed or never measured", () => {
    assert.equal(report("t", { "test.schemeRate": 1 }, { "test.schemeRightRate": (v) => v >= 0.95 }), false);
    assert.match(lineOf("test.schemeRightRate"), /—\s+MISSING$/);
  });

  it("fails NaN and non-numbers, whatever the target would say of them", () => {
    assert.equal(report("t", { a: NaN }, { a: (v) => !(v > 1) }), false);
    assert.match(lineOf("a"), /MISSING$/);
    assert.equal(report("t", { a: "n/a" }, { a: () => true }), false);
  });
});
