// Reads a SentencePiece model (bpe.model, a protobuf) and writes the "piece<TAB>score" vocabulary that
// sherpa-onnx needs to tokenise hotwords for BPE models, without a Python toolchain on the appliance.
import { readFileSync, writeFileSync } from "node:fs";

export interface Piece {
  piece: string;
  score: number;
}

/** A minimal protobuf wire-format reader (varints and length-delimited fields). */
export class ProtoReader {
  offset = 0;
  constructor(readonly buf: Uint8Array) {}
  get done(): boolean {
    return this.offset >= this.buf.length;
  }
  varint(): number {
    let result = 0;
    let shift = 0;
    while (true) {
      if (this.offset >= this.buf.length) throw new Error("truncated SentencePiece model");
      const b = this.buf[this.offset++]!;
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
    }
  }
  bytes(n: number): Uint8Array {
    if (this.offset + n > this.buf.length) throw new Error("truncated SentencePiece model");
    const out = this.buf.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }
  skip(wireType: number): void {
    if (wireType === 0) this.varint();
    else if (wireType === 1) this.bytes(8);
    else if (wireType === 2) this.bytes(this.varint());
    else if (wireType === 5) this.bytes(4);
    else throw new Error(`unsupported protobuf wire type ${wireType}`);
  }
}

export function readSentencePieces(model: Uint8Array): Piece[] {
  const top = new ProtoReader(model);
  const pieces: Piece[] = [];
  const text = new TextDecoder();
  while (!top.done) {
    const key = top.varint();
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (field === 1 && wire === 2) {
      const inner = new ProtoReader(top.bytes(top.varint()));
      let piece = "";
      let score = 0;
      while (!inner.done) {
        const k = inner.varint();
        const f = Math.floor(k / 8);
        const w = k % 8;
        if (f === 1 && w === 2) piece = text.decode(inner.bytes(inner.varint()));
        else if (f === 2 && w === 5) score = new DataView(inner.buf.buffer, inner.buf.byteOffset + inner.offset, 4).getFloat32(0, true), inner.bytes(4);
        else inner.skip(w);
      }
      pieces.push({ piece, score });
    } else top.skip(wire);
  }
  if (pieces.length === 0) throw new Error("no pieces found: not a SentencePiece model");
  return pieces;
}

export function exportBpeVocab(modelPath: string, vocabPath: string): number {
  const pieces = readSentencePieces(readFileSync(modelPath));
  writeFileSync(vocabPath, pieces.map((p) => `${p.piece}\t${p.score}`).join("\n") + "\n");
  return pieces.length;
}
