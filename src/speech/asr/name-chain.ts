// The name spotter's prefilter scores a name as the best chain of its words' spans, each word spotted once
// in the greedy path's context (name-spotter.ts); this is that chaining, frame by frame.
import type { SpottableName } from "./name-entries.js";

/** One word of a chain: its best chains ending at each frame, their information matched and first frame. */
interface Layer {
  score: Float64Array;
  matched: Float64Array;
  start: Int32Array;
}

/**
 * Working memory for chaining names' words frame by frame (one thread, many names). The chains of a name's
 * first words are those of every name that begins with the same words (the same word, the same weight):
 * kept from one name to the next, so names in chainOrder() share the work on their common first words.
 */
export class ChainScratch {
  private readonly layers: Layer[] = [];

  constructor(private readonly frames: number) {}

  private layer(j: number): Layer {
    const T = this.frames;
    return (this.layers[j] ??= { score: new Float64Array(T), matched: new Float64Array(T), start: new Int32Array(T) });
  }

  /**
   * The best chain of a name's words ending at any frame: after word j the best score ending at each
   * frame t, from word j's best span ending at t and the best chain of the words before it ending before
   * that span starts (a running maximum, blanks between them counted), with the chain's first frame and
   * the information its words matched. Null when the words do not fit in order. `kept`: how many of its
   * first words' chains are those of the last name chained (chainOrder's shared counts).
   */
  best(n: Pick<SpottableName, "words" | "wordInfo">, words: readonly Int32Array[], wordEnd: Float32Array, wordStart: Int32Array, blankBefore: Float64Array, kept = 0): { score: number; matched: number; start: number; end: number } | null {
    const T = this.frames;
    for (let j = kept; j < n.words.length; j++) {
      const w = n.words[j]!;
      const length = words[w]!.length;
      const info = n.wordInfo[j]!;
      const before = j > 0 ? this.layer(j - 1) : undefined;
      const out = this.layer(j);
      // running best of (chain ending at t' − blanks up to t'), over t' before the current frame
      let runBest = -Infinity;
      let runMatched = 0;
      let runStart = 0;
      let reached = 0;
      for (let t = 0; t < T; t++) {
        const span = wordEnd[w * T + t]!;
        const from = wordStart[w * T + t]!;
        let score = -Infinity;
        let matched = 0;
        let start = from;
        if (span > -Infinity) {
          if (!before) {
            score = span;
            matched = info * Math.exp(span / length);
          } else {
            // chains of the earlier words that end before this span starts
            for (; reached < from; reached++) {
              const c = before.score[reached]! - blankBefore[reached + 1]!;
              if (c > runBest) {
                runBest = c;
                runMatched = before.matched[reached]!;
                runStart = before.start[reached]!;
              }
            }
            if (runBest > -Infinity) {
              score = runBest + blankBefore[from]! + span;
              matched = runMatched + info * Math.exp(span / length);
              start = runStart;
            }
          }
        }
        out.score[t] = score;
        out.matched[t] = matched;
        out.start[t] = start;
      }
    }
    const last = this.layer(n.words.length - 1);
    let end = -1;
    for (let t = 0; t < T; t++) if (last.score[t]! > -Infinity && (end < 0 || last.score[t]! > last.score[end]!)) end = t;
    return end < 0 ? null : { score: last.score[end]!, matched: last.matched[end]!, start: last.start[end]!, end };
  }
}

/**
 * An order of the names in which those beginning with the same words (and weights) follow each other, and
 * for each (in that order) how many first words it shares with the one before: ChainScratch.best's `kept`.
 */
export function chainOrder(names: readonly Pick<SpottableName, "words" | "wordInfo">[]): { order: Int32Array; shared: Int32Array } {
  const same = (a: Pick<SpottableName, "words" | "wordInfo">, b: typeof a, j: number) => a.words[j] === b.words[j] && a.wordInfo[j] === b.wordInfo[j];
  const compare = (x: number, y: number): number => {
    const a = names[x]!;
    const b = names[y]!;
    for (let j = 0; j < Math.min(a.words.length, b.words.length); j++) {
      if (a.words[j] !== b.words[j]) return a.words[j]! - b.words[j]!;
      if (a.wordInfo[j] !== b.wordInfo[j]) return a.wordInfo[j]! - b.wordInfo[j]!;
    }
    return a.words.length - b.words.length || x - y;
  };
  const order = Int32Array.from(names.keys()).sort(compare);
  const shared = new Int32Array(order.length);
  for (let k = 1; k < order.length; k++) {
    const a = names[order[k - 1]!]!;
    const b = names[order[k]!]!;
    let j = 0;
    while (j < a.words.length && j < b.words.length && same(a, b, j)) j++;
    shared[k] = j;
  }
  return { order, shared };
}
