// Names chained in chainOrder, sharing their first words' chains with the name before, score exactly as
// each chained afresh.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ChainScratch, chainOrder } from "../../src/speech/asr/name-chain.js";

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("name chains shared by first words", () => {
  it("give each name the chain it gets alone", () => {
    const rnd = random(7);
    const T = 60;
    const words = Array.from({ length: 12 }, () => Int32Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => 1 + Math.floor(rnd() * 50)));
    const wordEnd = Float32Array.from({ length: words.length * T }, () => (rnd() < 0.2 ? -Infinity : -rnd() * 20));
    const wordStart = Int32Array.from({ length: words.length * T }, (_, i) => Math.max(0, (i % T) - Math.floor(rnd() * 6)));
    const blankBefore = new Float64Array(T + 1);
    for (let t = 0; t < T; t++) blankBefore[t + 1] = blankBefore[t]! - rnd() * 0.5;
    // names sharing first words, with the same word under another weight among them
    const names = Array.from({ length: 80 }, () => {
      const ids = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => Math.floor(rnd() * 4));
      return { words: ids, wordInfo: Float64Array.from(ids, (w) => (rnd() < 0.1 ? w + 1.5 : w + 1)) };
    });
    const alone = names.map((n) => new ChainScratch(T).best(n, words, wordEnd, wordStart, blankBefore));
    const { order, shared } = chainOrder(names);
    assert.ok(shared.some((s) => s > 1), "names share first words");
    const scratch = new ChainScratch(T);
    order.forEach((i, k) => assert.deepEqual(scratch.best(names[i]!, words, wordEnd, wordStart, blankBefore, shared[k]!), alone[i], `name ${i}`));
  });
});
