// The custom metadata an exported ONNX model carries (k2/icefall write the encoder's chunk sizes and
// layer shapes there). onnxruntime-node does not expose it, so it is read from the ModelProto itself.
import { readFileSync } from "node:fs";
import { ProtoReader } from "./bpe.js";

const METADATA_PROPS = 14;

export function onnxMetadata(path: string): Record<string, string> {
  const top = new ProtoReader(readFileSync(path));
  const text = new TextDecoder();
  const out: Record<string, string> = {};
  while (!top.done) {
    const key = top.varint();
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (field !== METADATA_PROPS || wire !== 2) {
      top.skip(wire);
      continue;
    }
    const entry = new ProtoReader(top.bytes(top.varint()));
    let name = "";
    let value = "";
    while (!entry.done) {
      const k = entry.varint();
      if (k === (1 << 3) + 2) name = text.decode(entry.bytes(entry.varint()));
      else if (k === (2 << 3) + 2) value = text.decode(entry.bytes(entry.varint()));
      else entry.skip(k % 8);
    }
    out[name] = value;
  }
  return out;
}
