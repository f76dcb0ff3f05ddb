// Optional sentence embeddings for vector search. Off by default: no multilingual embedding weights
// exist in the embedded defaults; a model bundle may bring one (e.g. multilingual-e5-small exported to
// ONNX). The model folder holds tokenizer.json (+ tokenizer_config.json) and model.onnx (or
// onnx/model.onnx), optionally sahayak-embedding.json {"pooling": "mean"|"cls", "maxTokens": 512}.
// Inference runs in onnxruntime's own threads, so the event loop stays free.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Tokenizer } from "@huggingface/tokenizers";
import type { KnowledgeConfig } from "../config.js";

export interface EmbeddingEngine {
  readonly dimension: number;
  embed(texts: string[], kind: "query" | "passage", signal?: AbortSignal): Promise<Float32Array[]>;
  close(): Promise<void>;
}

export class EmbeddingModelError extends Error {}

interface ModelSettings {
  pooling: "mean" | "cls";
  maxTokens: number;
}

type Ort = typeof import("onnxruntime-node");

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new EmbeddingModelError(`cannot read ${path}: ${(err as Error).message}`);
  }
}

export class OnnxEmbeddingEngine implements EmbeddingEngine {
  private constructor(
    private readonly ort: Ort,
    private readonly session: import("onnxruntime-node").InferenceSession,
    private readonly tokenizer: Tokenizer,
    private readonly settings: ModelSettings,
    private readonly prefixes: { query: string; passage: string },
    readonly dimension: number,
  ) {}

  static async load(config: KnowledgeConfig["embedding"]): Promise<OnnxEmbeddingEngine> {
    const dir = config.modelDir;
    if (!dir) throw new EmbeddingModelError("knowledge.embedding.enabled is true but knowledge.embedding.modelDir is not set");
    const modelPath = [join(dir, "model.onnx"), join(dir, "onnx", "model.onnx")].find(existsSync);
    if (!modelPath) throw new EmbeddingModelError(`no model.onnx in ${dir} (nor ${join(dir, "onnx")}): install the embedding model bundle`);
    const tokenizerPath = join(dir, "tokenizer.json");
    if (!existsSync(tokenizerPath)) throw new EmbeddingModelError(`no tokenizer.json in ${dir}`);
    const tokenizerConfigPath = join(dir, "tokenizer_config.json");
    const tokenizer = new Tokenizer(readJson(tokenizerPath) as object, existsSync(tokenizerConfigPath) ? (readJson(tokenizerConfigPath) as object) : {});
    const settingsPath = join(dir, "sahayak-embedding.json");
    const settings: ModelSettings = { pooling: "mean", maxTokens: 512, ...(existsSync(settingsPath) ? (readJson(settingsPath) as Partial<ModelSettings>) : {}) };
    const ort = await import("onnxruntime-node");
    let session: import("onnxruntime-node").InferenceSession;
    try {
      session = await ort.InferenceSession.create(modelPath, { intraOpNumThreads: 1, interOpNumThreads: 1 });
    } catch (err) {
      throw new EmbeddingModelError(`cannot load the embedding model ${modelPath} (${(err as Error).message}): it is damaged or incomplete; install the embedding model bundle again`);
    }
    const engine = new OnnxEmbeddingEngine(ort, session, tokenizer, settings, { query: config.queryPrefix, passage: config.passagePrefix }, 0);
    const [probe] = await engine.embed(["dimension probe"], "query");
    (engine as { dimension: number }).dimension = probe!.length;
    return engine;
  }

  async embed(texts: string[], kind: "query" | "passage", signal?: AbortSignal): Promise<Float32Array[]> {
    signal?.throwIfAborted();
    if (texts.length === 0) return [];
    const prefix = kind === "query" ? this.prefixes.query : this.prefixes.passage;
    const encoded: number[][] = texts.map((t) => Array.from(this.tokenizer.encode(prefix + t).ids as ArrayLike<number>).slice(0, this.settings.maxTokens));
    const seq = Math.max(...encoded.map((e) => e.length), 1);
    const ids = new BigInt64Array(texts.length * seq);
    const mask = new BigInt64Array(texts.length * seq);
    encoded.forEach((e, b) => {
      e.forEach((id: number, i: number) => {
        ids[b * seq + i] = BigInt(id);
        mask[b * seq + i] = 1n;
      });
    });
    const feeds: Record<string, import("onnxruntime-node").Tensor> = {
      input_ids: new this.ort.Tensor("int64", ids, [texts.length, seq]),
      attention_mask: new this.ort.Tensor("int64", mask, [texts.length, seq]),
    };
    if (this.session.inputNames.includes("token_type_ids")) feeds.token_type_ids = new this.ort.Tensor("int64", new BigInt64Array(texts.length * seq), [texts.length, seq]);
    const outputs = await this.session.run(feeds);
    signal?.throwIfAborted();
    const name = this.session.outputNames.includes("sentence_embedding") ? "sentence_embedding" : this.session.outputNames[0]!;
    const out = outputs[name]!;
    const data = out.data as Float32Array;
    const dims = out.dims;
    const result: Float32Array[] = [];
    for (let b = 0; b < texts.length; b++) {
      let v: Float32Array;
      if (dims.length === 2) v = data.slice(b * dims[1]!, (b + 1) * dims[1]!);
      else {
        const dim = dims[2]!;
        v = new Float32Array(dim);
        if (this.settings.pooling === "cls") v.set(data.subarray(b * seq * dim, b * seq * dim + dim));
        else {
          const n = encoded[b]!.length || 1;
          for (let i = 0; i < encoded[b]!.length; i++) for (let d = 0; d < dim; d++) v[d]! += data[(b * seq + i) * dim + d]! / n;
        }
      }
      let norm = 0;
      for (const x of v) norm += x * x;
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < v.length; d++) v[d] = v[d]! / norm;
      result.push(v);
    }
    return result;
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}

export async function loadEmbeddingEngine(config: KnowledgeConfig["embedding"]): Promise<EmbeddingEngine> {
  return OnnxEmbeddingEngine.load(config);
}
