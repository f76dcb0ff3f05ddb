import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { concurrentPairs } from "../../bench/call-concurrent.js";

describe("the concurrent calls' question pairs", () => {
  it("never ask one question twice in a call, however few questions there are", () => {
    for (let n = 2; n <= 12; n++) {
      const questions = Array.from({ length: n }, (_, i) => `q${i}`);
      const pairs = concurrentPairs(questions, 20);
      assert.equal(pairs.length, 20);
      for (const [a, b] of pairs) assert.notEqual(a, b, `${n} questions: ${a} asked twice`);
      // every question is asked first
      assert.deepEqual(new Set(pairs.map(([a]) => a)).size, Math.min(n, 20));
    }
  });

  it("make no calls from fewer than two questions", () => {
    assert.deepEqual(concurrentPairs(["only"], 20), []);
    assert.deepEqual(concurrentPairs([], 20), []);
  });
});
