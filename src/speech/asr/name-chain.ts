// The name spotter's prefilter scores a name as the best chain of its words' spans, each word spotted once
// in the greedy path's context (name-spotter.ts); this is that chaining, frame by frame.
import type { SpottableName } from "./name-entries.js";

/** Working memory for chaining a name's words frame by frame (one thread, many names). */
export class ChainScratch {
  private score: Float64Array;
  private matched: Float64Array;
  private start: Int32Array;
  private nextScore: Float64Array;
  private nextMatched: Float64Array;
  private nextStart: Int32Array;

  constructor(private readonly frames: number) {
    this.score = new Float64Array(frames);
    this.matched = new Float64Array(frames);
    this.start = new Int32Array(frames);
    this.nextScore = new Float64Array(frames);
    this.nextMatched = new Float64Array(frames);
    this.nextStart = new Int32Array(frames);
  }

  /**
   * The best chain of a name's words ending at any frame: after word j the best score ending at each
   * frame t, from word j's best span ending at t and the best chain of the words before it ending before
   * that span starts (a running maximum, blanks between them counted), with the chain's first frame and
   * the information its words matched. Null when the words do not fit in order.
   */
  best(n: Pick<SpottableName, "words" | "wordInfo">, words: readonly Int32Array[], wordEnd: Float32Array, wordStart: Int32Array, blankBefore: Float64Array): { score: number; matched: number; start: number; end: number } | null {
    const T = this.frames;
    for (let j = 0; j < n.words.length; j++) {
      const w = n.words[j]!;
      const length = words[w]!.length;
      const info = n.wordInfo[j]!;
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
          if (j === 0) {
            score = span;
            matched = info * Math.exp(span / length);
          } else {
            // chains of the earlier words that end before this span starts
            for (; reached < from; reached++) {
              const c = this.score[reached]! - blankBefore[reached + 1]!;
              if (c > runBest) {
                runBest = c;
                runMatched = this.matched[reached]!;
                runStart = this.start[reached]!;
              }
            }
            if (runBest > -Infinity) {
              score = runBest + blankBefore[from]! + span;
              matched = runMatched + info * Math.exp(span / length);
              start = runStart;
            }
          }
        }
        this.nextScore[t] = score;
        this.nextMatched[t] = matched;
        this.nextStart[t] = start;
      }
      const { score, matched, start } = this;
      this.score = this.nextScore;
      this.matched = this.nextMatched;
      this.start = this.nextStart;
      this.nextScore = score;
      this.nextMatched = matched;
      this.nextStart = start;
    }
    let end = -1;
    for (let t = 0; t < T; t++) if (this.score[t]! > -Infinity && (end < 0 || this.score[t]! > this.score[end]!)) end = t;
    return end < 0 ? null : { score: this.score[end]!, matched: this.matched[end]!, start: this.start[end]!, end };
  }
}
