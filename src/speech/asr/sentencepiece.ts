// Tokenises text into a SentencePiece unigram model's pieces (the most probable segmentation, as
// sentencepiece's own encoder finds it), so a name can be scored in the recogniser's own vocabulary.
import type { Piece } from "./bpe.js";

const WORD_START = "▁";

export class SentencePieceEncoder {
  private readonly scores = new Map<string, { id: number; score: number }>();
  private readonly longest: number;

  /** `pieces` from bpe.model; `ids` the recogniser's token ids by piece (tokens.txt). */
  constructor(pieces: readonly Piece[], ids: ReadonlyMap<string, number>) {
    let longest = 1;
    for (const p of pieces) {
      const id = ids.get(p.piece);
      // control and unknown pieces (<blk>, <unk>, <sos/eos>) are never the reading of a letter
      if (id === undefined || /^<.*>$/.test(p.piece)) continue;
      this.scores.set(p.piece, { id, score: p.score });
      longest = Math.max(longest, [...p.piece].length);
    }
    this.longest = longest;
  }

  /** Token ids of a text (letters and apostrophes; words separated by spaces), or null if a letter has no piece. */
  encode(text: string): number[] | null {
    const words = text.toUpperCase().split(/[^A-Z']+/).filter(Boolean);
    if (words.length === 0) return null;
    const chars = [...words.map((w) => WORD_START + w).join("")];
    const n = chars.length;
    const best = new Float64Array(n + 1).fill(-Infinity);
    const from = new Int32Array(n + 1).fill(-1);
    const piece = new Int32Array(n + 1).fill(-1);
    best[0] = 0;
    for (let end = 1; end <= n; end++) {
      for (let start = Math.max(0, end - this.longest); start < end; start++) {
        if (best[start] === -Infinity) continue;
        const hit = this.scores.get(chars.slice(start, end).join(""));
        if (!hit) continue;
        const score = best[start]! + hit.score;
        if (score > best[end]!) {
          best[end] = score;
          from[end] = start;
          piece[end] = hit.id;
        }
      }
    }
    if (best[n] === -Infinity) return null;
    const ids: number[] = [];
    for (let end = n; end > 0; end = from[end]!) ids.push(piece[end]!);
    return ids.reverse();
  }
}
