// Where in an utterance a name's tokens fit best, and how well: the transducer lattice of the name's
// tokens over a span of frames, with the rest of the utterance left to the recogniser's own best path
// (a keyword-filler model). Every frame scores as a log-likelihood ratio against that path: inside the
// span, the name's symbol (its next token, or blank while it waits) against what the greedy path had
// at that frame; outside it, nothing. A name said clearly scores near 0 whatever its length; one that
// was not said pays for every token the audio does not support. One symbol per frame, as the
// recogniser decodes (greedy and modified beam search); the best alignment (Viterbi) wins.

export interface Spot {
  /** Sum over the span of (name's log-probability − greedy path's log-probability); ≤ 0 in practice. */
  score: number;
  /** Frames of the name's first and last token. */
  start: number;
  end: number;
}

/**
 * The lattice's inputs: `emit[emitRow[u] + t]` is the ratio for emitting token u at frame t once u
 * tokens are out; `wait[waitRow[u] + t]` the ratio for a blank at frame t once u + 1 tokens are out.
 * Rows may be shared (the same token twice, or one blank row for every state).
 */
export interface LatticeRows {
  emit: Float32Array;
  emitRow: ArrayLike<number>;
  wait: Float32Array;
  waitRow: ArrayLike<number>;
}

/** Reusable working memory for many lattices in a row (one thread). */
export class LatticeScratch {
  prev = new Float64Array(0);
  next = new Float64Array(0);
  prevStart = new Int32Array(0);
  nextStart = new Int32Array(0);
  endScore = new Float64Array(0);
  endStart = new Int32Array(0);

  fit(length: number, frames: number): void {
    if (this.prev.length < length) {
      this.prev = new Float64Array(length);
      this.next = new Float64Array(length);
      this.prevStart = new Int32Array(length);
      this.nextStart = new Int32Array(length);
    }
    if (this.endScore.length < frames) {
      this.endScore = new Float64Array(frames);
      this.endStart = new Int32Array(frames);
    }
  }
}

/**
 * For each frame, the best span ending there with the name's last token, and where it starts (views of
 * the scratch's memory, valid until its next use).
 */
export function spotEnds(length: number, frames: number, rows: LatticeRows, scratch: LatticeScratch): { score: Float64Array; start: Int32Array } {
  scratch.fit(length, frames);
  let { prev, next, prevStart, nextStart } = scratch;
  const { emit, emitRow, wait, waitRow } = rows;
  const { endScore, endStart } = scratch;
  prev.fill(-Infinity, 0, length);
  const last = length - 1;
  for (let t = 0; t < frames; t++) {
    for (let u = 0; u < length; u++) {
      // state u: u + 1 tokens out, the last at or before frame t
      const arrive = (u === 0 ? 0 : prev[u - 1]!) + emit[emitRow[u]! + t]!;
      const stay = prev[u]! + wait[waitRow[u]! + t]!;
      if (arrive >= stay) {
        next[u] = arrive;
        nextStart[u] = u === 0 ? t : prevStart[u - 1]!;
      } else {
        next[u] = stay;
        nextStart[u] = prevStart[u]!;
      }
    }
    // the span ends on the name's last token: blanks after it belong to the rest of the utterance
    endScore[t] = (last === 0 ? 0 : prev[last - 1]!) + emit[emitRow[last]! + t]!;
    endStart[t] = last === 0 ? t : prevStart[last - 1]!;
    const swap = prev;
    prev = next;
    next = swap;
    const swapStart = prevStart;
    prevStart = nextStart;
    nextStart = swapStart;
  }
  return { score: endScore, start: endStart };
}

/**
 * The best few places of a name (or word) in the utterance, best first, none overlapping a better one:
 * of the best spans ending at each frame, the best, then the best of those clear of it, and so on.
 */
export function bestSpots(length: number, frames: number, rows: LatticeRows, count: number, scratch = new LatticeScratch()): Spot[] {
  const { score: endScore, start: endStart } = spotEnds(length, frames, rows, scratch);
  const out: Spot[] = [];
  const clear = (start: number, end: number): boolean => {
    for (const s of out) if (start <= s.end && end >= s.start) return false;
    return true;
  };
  while (out.length < count) {
    let end = -1;
    for (let t = 0; t < frames; t++) {
      if (endScore[t]! === -Infinity || (end >= 0 && endScore[t]! <= endScore[end]!)) continue;
      if (out.length > 0 && !clear(endStart[t]!, t)) continue;
      end = t;
    }
    if (end < 0) break;
    out.push({ score: endScore[end]!, start: endStart[end]!, end });
  }
  return out;
}

/** The best span for a name over `frames` frames, from rows laid out one after another (row u at u × frames). */
export function bestSpot(length: number, frames: number, emit: Float32Array, wait: Float32Array, waitStride: number): Spot {
  const rows = { emit, emitRow: Array.from({ length }, (_, u) => u * frames), wait, waitRow: Array.from({ length }, (_, u) => u * waitStride) };
  return bestSpots(length, frames, rows, 1)[0] ?? { score: -Infinity, start: 0, end: 0 };
}
