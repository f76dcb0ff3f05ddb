// The streaming zipformer transducer run directly through onnxruntime-node, the way sherpa-onnx runs it
// (online-zipformer2-transducer-model.cc, online-transducer-greedy-search-decoder.cc): the encoder takes
// T feature frames at a time and moves on by decode_chunk_len, carrying its cached states; the stateless
// decoder sees the last context_size tokens ([-1, blank] at the start); greedy search emits at most one
// token per encoder frame and treats <unk> as blank. Unlike sherpa, it keeps what a name scorer needs:
// every encoder frame and the log-probabilities the joiner gave each frame along the greedy path.
import { readFileSync } from "node:fs";
import * as ort from "onnxruntime-node";
import { onnxMetadata } from "./onnx-metadata.js";

export interface TransducerFiles {
  encoder: string;
  decoder: string;
  joiner: string;
  tokens: string;
}

export interface GreedyResult {
  /** Emitted token ids. */
  tokens: number[];
  /** Encoder frame of each emitted token. */
  times: number[];
  /** Log-softmax of the joiner output at every frame along the greedy path (frames × vocab). */
  logProbs: Float32Array;
  /** The greedy path's own log-probability at every frame (blank or the token it emitted). */
  pathLogProbs: Float32Array;
}

/** The encoder's cached states between chunks, by input name. */
export type EncoderStates = Record<string, ort.Tensor>;

export const BLANK = 0;
/** Encoder frames the greedy search's joiner takes at once. */
const GREEDY_BLOCK = 8;
/** Contexts per decoder and joiner call when scoring the internal language model. */
const LM_BATCH = 2048;

function metaInt(meta: Record<string, string>, key: string, file: string): number {
  const v = Number(meta[key]);
  if (!Number.isInteger(v) || v <= 0) throw new Error(`${file} lacks the "${key}" metadata a streaming transducer needs`);
  return v;
}

/** In-place log-softmax of one row. */
export function logSoftmax(row: Float32Array): void {
  let max = -Infinity;
  for (let i = 0; i < row.length; i++) if (row[i]! > max) max = row[i]!;
  let sum = 0;
  for (let i = 0; i < row.length; i++) sum += Math.exp(row[i]! - max);
  const log = max + Math.log(sum);
  for (let i = 0; i < row.length; i++) row[i] = row[i]! - log;
}

export class StreamingTransducer {
  /** Feature frames per encoder call, and how far each call moves on. */
  readonly chunkFrames: number;
  readonly chunkShift: number;
  readonly contextSize: number;
  readonly vocabSize: number;
  readonly dim: number;
  readonly featureDim: number;
  readonly unkId: number;
  /** Token pieces by id ("▁THE", "S", ...). */
  readonly pieces: string[];

  private constructor(
    private readonly encoder: ort.InferenceSession,
    private readonly decoder: ort.InferenceSession,
    private readonly joinerSession: ort.InferenceSession,
    encoderMeta: Record<string, string>,
    decoderMeta: Record<string, string>,
    files: TransducerFiles,
  ) {
    const x = encoder.inputMetadata.find((m) => m.name === "x");
    if (!x || !x.isTensor || typeof x.shape[1] !== "number" || typeof x.shape[2] !== "number") throw new Error(`${files.encoder} has no fixed-size input "x"`);
    this.chunkFrames = metaInt(encoderMeta, "T", files.encoder);
    this.chunkShift = metaInt(encoderMeta, "decode_chunk_len", files.encoder);
    this.featureDim = x.shape[2];
    this.contextSize = metaInt(decoderMeta, "context_size", files.decoder);
    this.vocabSize = metaInt(decoderMeta, "vocab_size", files.decoder);
    const out = decoder.outputMetadata[0];
    if (!out?.isTensor || typeof out.shape[1] !== "number") throw new Error(`${files.decoder} has no fixed output width`);
    this.dim = out.shape[1];
    this.pieces = [];
    for (const line of readFileSync(files.tokens, "utf8").split("\n")) {
      const m = /^(.*)\s+(\d+)$/.exec(line.trim());
      if (m) this.pieces[Number(m[2])] = m[1]!;
    }
    this.unkId = this.pieces.indexOf("<unk>");
  }

  static async load(files: TransducerFiles, numThreads = 1): Promise<StreamingTransducer> {
    const options: ort.InferenceSession.SessionOptions = { intraOpNumThreads: numThreads, interOpNumThreads: 1, executionMode: "sequential" };
    const [encoder, decoder, joiner] = await Promise.all([files.encoder, files.decoder, files.joiner].map((f) => ort.InferenceSession.create(f, options)));
    const encoderMeta = onnxMetadata(files.encoder);
    if (encoderMeta.model_type && encoderMeta.model_type !== "zipformer2") throw new Error(`${files.encoder} is a ${encoderMeta.model_type} encoder; only streaming zipformer2 is supported`);
    return new StreamingTransducer(encoder!, decoder!, joiner!, encoderMeta, onnxMetadata(files.decoder), files);
  }

  /** The encoder's zero states, shaped as its inputs declare. */
  initialStates(): EncoderStates {
    const states: EncoderStates = {};
    for (const m of this.encoder.inputMetadata) {
      if (m.name === "x" || !m.isTensor) continue;
      const shape = m.shape.map((d) => (typeof d === "number" ? d : 1));
      const size = shape.reduce((a, b) => a * b, 1);
      states[m.name] = m.type === "int64" ? new ort.Tensor("int64", new BigInt64Array(size), shape) : new ort.Tensor("float32", new Float32Array(size), shape);
    }
    return states;
  }

  /** One encoder chunk: chunkFrames feature frames from `start` (frames × featureDim), after `states`. */
  async encodeChunk(features: Float32Array, start: number, states: EncoderStates): Promise<{ out: Float32Array; states: EncoderStates }> {
    const x = new ort.Tensor("float32", features.slice(start * this.featureDim, (start + this.chunkFrames) * this.featureDim), [1, this.chunkFrames, this.featureDim]);
    const result = await this.encoder.run({ x, ...states });
    const next: EncoderStates = {};
    for (const name of Object.keys(states)) next[name] = result[`new_${name}`]!;
    return { out: result.encoder_out!.data as Float32Array, states: next };
  }

  /**
   * Encoder output for a whole utterance's features, chunk after chunk as the recogniser decodes a stream
   * whose input has finished: a chunk runs only while frames remain beyond it. `from`: the chunks already
   * encoded (their outputs, and the states after the last), the same as these features would give.
   */
  async encode(features: Float32Array, signal?: AbortSignal, from?: { outs: readonly Float32Array[]; states: EncoderStates }): Promise<{ frames: number; out: Float32Array }> {
    const numFrames = features.length / this.featureDim;
    let states = from?.states ?? this.initialStates();
    const outs: Float32Array[] = [...(from?.outs ?? [])];
    for (let start = outs.length * this.chunkShift; start + this.chunkFrames < numFrames; start += this.chunkShift) {
      signal?.throwIfAborted();
      const chunk = await this.encodeChunk(features, start, states);
      outs.push(chunk.out);
      states = chunk.states;
    }
    const out = new Float32Array(outs.reduce((n, o) => n + o.length, 0));
    let offset = 0;
    for (const o of outs) {
      out.set(o, offset);
      offset += o.length;
    }
    return { frames: out.length / this.dim, out };
  }

  /** Decoder outputs for token contexts (rows of contextSize ids; -1 pads the start). */
  async decode(contexts: number[][]): Promise<Float32Array> {
    const y = new BigInt64Array(contexts.length * this.contextSize);
    contexts.forEach((c, i) => c.forEach((t, j) => (y[i * this.contextSize + j] = BigInt(t))));
    const result = await this.decoder.run({ y: new ort.Tensor("int64", y, [contexts.length, this.contextSize]) });
    return result.decoder_out!.data as Float32Array;
  }

  /** Frees the three sessions' native memory; the transducer is unusable after. */
  async release(): Promise<void> {
    await Promise.all([this.encoder, this.decoder, this.joinerSession].map((s) => s.release()));
  }

  /** Joiner logits for rows of (encoder frame, decoder output) pairs. */
  async join(encoderRows: Float32Array, decoderRows: Float32Array): Promise<Float32Array> {
    const n = encoderRows.length / this.dim;
    const result = await this.joinerSession.run({
      encoder_out: new ort.Tensor("float32", encoderRows, [n, this.dim]),
      decoder_out: new ort.Tensor("float32", decoderRows, [n, this.dim]),
    });
    return result.logit!.data as Float32Array;
  }

  /**
   * The decoder's own language model (internal LM): the log-probability of each token after its context
   * with the encoder's contribution removed (a zero encoder frame), renormalised over the non-blank
   * tokens. Spellings the model rarely saw (Indian names in English letters) score low here whatever
   * was said; contextual rescoring subtracts it for that reason.
   */
  async internalLm(rows: readonly { context: number[]; token: number }[]): Promise<Float32Array> {
    const out = new Float32Array(rows.length);
    const ids = new Map<string, number>();
    const contexts: number[][] = [];
    const contextOfRow = rows.map((r) => {
      const key = r.context.join(",");
      if (!ids.has(key)) {
        ids.set(key, contexts.length);
        contexts.push(r.context);
      }
      return ids.get(key)!;
    });
    const V = this.vocabSize;
    const norms = new Float32Array(contexts.length);
    const logits = new Float32Array(contexts.length * V);
    for (let from = 0; from < contexts.length; from += LM_BATCH) {
      const batch = contexts.slice(from, from + LM_BATCH);
      const dec = await this.decode(batch);
      logits.set(await this.join(new Float32Array(batch.length * this.dim), dec), from * V);
    }
    for (let c = 0; c < contexts.length; c++) {
      const row = logits.subarray(c * V, (c + 1) * V);
      let max = -Infinity;
      for (let k = 1; k < V; k++) if (k !== this.unkId && row[k]! > max) max = row[k]!;
      let sum = 0;
      for (let k = 1; k < V; k++) if (k !== this.unkId) sum += Math.exp(row[k]! - max);
      norms[c] = max + Math.log(sum);
    }
    rows.forEach((r, i) => (out[i] = logits[contextOfRow[i]! * V + r.token]! - norms[contextOfRow[i]!]!));
    return out;
  }

  /** The context a hypothesis ends in: its last contextSize tokens, padded as sherpa pads them. */
  contextOf(tokens: readonly number[]): number[] {
    const padded = [...Array<number>(this.contextSize - 1).fill(-1), BLANK, ...tokens];
    return padded.slice(padded.length - this.contextSize);
  }

  /**
   * sherpa's greedy search over encoder frames. The joiner runs on a block of frames at once with the
   * current decoder output; after an emission the rest of the block runs again with the new one.
   */
  async greedy(enc: { frames: number; out: Float32Array }, signal?: AbortSignal, from?: GreedySearch): Promise<GreedyResult> {
    const search = from ? from.copy() : new GreedySearch(this);
    await search.advance(enc.out, enc.frames, true, signal);
    return search.result(enc.frames);
  }

  /** Text of token ids, as sherpa writes it for BPE models (lower-cased here, like the recogniser's results). */
  text(tokens: readonly number[]): string {
    return tokens
      .map((t) => this.pieces[t] ?? "")
      .join("")
      .replace(/▁/g, " ")
      .replace(/\s+/g, " ")
      .trim()
      .toLowerCase();
  }
}

/**
 * sherpa's greedy search, resumable: it can run over the encoder frames of an utterance still arriving,
 * block by block exactly as it would over the whole (a block runs only once all its frames are there),
 * and go on from where it stopped. A copy goes on apart (the same start, scored against another ending).
 */
export class GreedySearch {
  tokens: number[] = [];
  times: number[] = [];
  /** The next frame to search. */
  t = 0;
  private dec: Float32Array | undefined;
  private logProbs = new Float32Array(0);
  private pathLogProbs = new Float32Array(0);

  constructor(private readonly model: StreamingTransducer) {}

  copy(): GreedySearch {
    const c = new GreedySearch(this.model);
    c.tokens = [...this.tokens];
    c.times = [...this.times];
    c.t = this.t;
    c.dec = this.dec;
    c.logProbs = this.logProbs.slice(0, this.t * this.model.vocabSize);
    c.pathLogProbs = this.pathLogProbs.slice(0, this.t);
    return c;
  }

  private fit(frames: number): void {
    const V = this.model.vocabSize;
    if (this.pathLogProbs.length >= frames) return;
    const size = Math.max(frames, this.pathLogProbs.length * 2);
    const lp = new Float32Array(size * V);
    lp.set(this.logProbs.subarray(0, this.t * V));
    const path = new Float32Array(size);
    path.set(this.pathLogProbs.subarray(0, this.t));
    this.logProbs = lp;
    this.pathLogProbs = path;
  }

  /** Searches frames up to `frames` of `out`; with `whole` false, only blocks whose frames are all there. */
  async advance(out: Float32Array, frames: number, whole: boolean, signal?: AbortSignal): Promise<void> {
    const { model } = this;
    const V = model.vocabSize;
    this.fit(frames);
    this.dec ??= await model.decode([model.contextOf(this.tokens)]);
    while (this.t < frames && (whole || this.t + GREEDY_BLOCK <= frames)) {
      signal?.throwIfAborted();
      const n = Math.min(GREEDY_BLOCK, frames - this.t);
      const decRows = new Float32Array(n * model.dim);
      for (let i = 0; i < n; i++) decRows.set(this.dec, i * model.dim);
      const logits = await model.join(out.slice(this.t * model.dim, (this.t + n) * model.dim), decRows);
      let emitted = false;
      for (let i = 0; i < n && !emitted; i++, this.t++) {
        const row = logits.subarray(i * V, (i + 1) * V);
        let y = 0;
        for (let k = 1; k < V; k++) if (row[k]! > row[y]!) y = k;
        const lp = this.logProbs.subarray(this.t * V, (this.t + 1) * V);
        lp.set(row);
        logSoftmax(lp);
        this.pathLogProbs[this.t] = lp[y]!;
        if (y !== BLANK && y !== model.unkId) {
          this.tokens.push(y);
          this.times.push(this.t);
          emitted = true;
        }
      }
      if (emitted) this.dec = await model.decode([model.contextOf(this.tokens)]);
    }
  }

  /** Frames [from, to) searched: each row's log-probabilities less the path's own at that frame (frames × vocab). */
  ratios(from: number, to: number): Float32Array {
    const V = this.model.vocabSize;
    const out = this.logProbs.slice(from * V, to * V);
    for (let t = from; t < to; t++) {
      const p = this.pathLogProbs[t]!;
      for (let k = 0; k < V; k++) out[(t - from) * V + k]! -= p;
    }
    return out;
  }

  /** The search's result once it has run over all `frames`. */
  result(frames: number): GreedyResult {
    const V = this.model.vocabSize;
    return { tokens: this.tokens, times: this.times, logProbs: this.logProbs.slice(0, frames * V), pathLogProbs: this.pathLogProbs.slice(0, frames) };
  }
}
