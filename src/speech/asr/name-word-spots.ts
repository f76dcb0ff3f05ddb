// The name prefilter's first step (name-spotter.ts): each distinct word of the names spotted on the greedy
// path's per-frame log-likelihood ratios, its best span ending at every frame, as name-lattice.ts's
// spotEnds does it (the same arithmetic, in the same order), but frame range after frame range with each
// word's lattice state kept between them: over an utterance still arriving (name-ahead.ts), then the rest
// once it is whole. A copy goes on apart.

/** Where the ends go: word w's at frame t to index w × wordStride + (t − fromFrame) × frameStride. */
export interface SpotsOut {
  score: Float32Array;
  start: Int32Array;
  wordStride: number;
  frameStride: number;
  fromFrame: number;
}

export class WordSpotting {
  /** The next frame to spot. */
  t = 0;
  /** Each word's lattice state after the frames so far (state u: u + 1 tokens out), words one after another. */
  private prev: Float64Array;
  private prevStart: Int32Array;
  private readonly offsets: Int32Array;
  private readonly longest: number;

  constructor(readonly words: readonly Int32Array[]) {
    this.offsets = new Int32Array(words.length + 1);
    words.forEach((w, i) => (this.offsets[i + 1] = this.offsets[i]! + w.length));
    this.prev = new Float64Array(this.offsets[words.length]!).fill(-Infinity);
    this.prevStart = new Int32Array(this.prev.length);
    this.longest = words.reduce((n, w) => Math.max(n, w.length), 1);
  }

  copy(): WordSpotting {
    const c = new WordSpotting([]);
    Object.assign(c, { words: this.words, offsets: this.offsets, longest: this.longest, t: this.t, prev: this.prev.slice(), prevStart: this.prevStart.slice() });
    return c;
  }

  /**
   * Spots every word over frames [t, to) of `ratio` (frames × vocab from frame `ratioFrom`, frame-major:
   * a frame's row 0 is the blank's), writing each word's best span ending at each frame, and where it starts.
   */
  advance(ratio: Float32Array, vocab: number, to: number, out: SpotsOut, ratioFrom = 0): void {
    const from = this.t;
    if (to <= from) return;
    let prev = new Float64Array(this.longest);
    let next = new Float64Array(this.longest);
    let prevStart = new Int32Array(this.longest);
    let nextStart = new Int32Array(this.longest);
    const { score: endScore, start: endStart, wordStride, frameStride, fromFrame } = out;
    this.words.forEach((tokens, w) => {
      const length = tokens.length;
      const last = length - 1;
      const at = this.offsets[w]!;
      for (let u = 0; u < length; u++) {
        prev[u] = this.prev[at + u]!;
        prevStart[u] = this.prevStart[at + u]!;
      }
      for (let t = from; t < to; t++) {
        const row = (t - ratioFrom) * vocab;
        // every state waits on the blank
        const wait = ratio[row]!;
        for (let u = 0; u < length; u++) {
          const arrive = (u === 0 ? 0 : prev[u - 1]!) + ratio[row + tokens[u]!]!;
          const stay = prev[u]! + wait;
          if (arrive >= stay) {
            next[u] = arrive;
            nextStart[u] = u === 0 ? t : prevStart[u - 1]!;
          } else {
            next[u] = stay;
            nextStart[u] = prevStart[u]!;
          }
        }
        // the span ends on the word's last token: blanks after it belong to the rest of the utterance
        const i = w * wordStride + (t - fromFrame) * frameStride;
        endScore[i] = (last === 0 ? 0 : prev[last - 1]!) + ratio[row + tokens[last]!]!;
        endStart[i] = last === 0 ? t : prevStart[last - 1]!;
        const swap = prev;
        prev = next;
        next = swap;
        const swapStart = prevStart;
        prevStart = nextStart;
        nextStart = swapStart;
      }
      for (let u = 0; u < length; u++) {
        this.prev[at + u] = prev[u]!;
        this.prevStart[at + u] = prevStart[u]!;
      }
    });
    this.t = to;
  }
}
