// The vector-search path, with a tiny generated ONNX model (no real embedding weights exist here).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { KnowledgeStore, SchemeSearch } from "../../src/knowledge/index.js";
import { EmbeddingModelError, loadEmbeddingEngine, type EmbeddingEngine } from "../../src/knowledge/embedding.js";
import { projectRoot } from "../../src/config.js";
import { sampleRecords, tempDir, testConfig } from "../helpers.js";

const python = "/usr/bin/python3";

describe("vector search with an ONNX embedding model", () => {
  const dir = tempDir();
  const modelDir = join(dir.path, "embedding-model");
  let engine: EmbeddingEngine;

  before(async () => {
    mkdirSync(modelDir, { recursive: true });
    // Debian's python3-onnx builds the fixture; `make setup` installs it, so CI never skips this
    const made = spawnSync(python, [join(projectRoot, "test", "fixtures", "make_embedding_model.py"), modelDir], { encoding: "utf8" });
    assert.equal(made.status, 0, `cannot generate the ONNX fixture (is python3-onnx installed? run make setup): ${made.stderr}`);
    engine = await loadEmbeddingEngine({ ...testConfig(dir.path).knowledge.embedding, enabled: true, modelDir, queryPrefix: "", passagePrefix: "" });
  });
  after(async () => {
    await engine?.close();
    dir.cleanup();
  });

  it("embeds texts as unit vectors of the model's dimension", async () => {
    assert.equal(engine.dimension, 16);
    const [a, b, c] = await engine.embed(["widow pension", "old age pension", "crop loan for farmer"], "query");
    const dot = (x: Float32Array, y: Float32Array) => x.reduce((s, v, i) => s + v * y[i]!, 0);
    assert.ok(Math.abs(dot(a!, a!) - 1) < 1e-5);
    assert.ok(dot(a!, b!) > dot(a!, c!), "same topic is nearer");
  });

  it("an aborted embed rejects", async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(engine.embed(["x"], "query", controller.signal), { name: "AbortError" });
  });

  it("the store keeps vectors and search fuses vector hits", async () => {
    const config = testConfig(join(dir.path, "data"));
    const store = await KnowledgeStore.open({ dataDir: config.dataDir, knowledge: config.knowledge, embedder: engine });
    await store.apply({ upserts: sampleRecords(), deletes: [] }, { actor: "t", reason: "t", op: "import" });
    assert.equal(await store.hasVectors(), true);
    const search = new SchemeSearch(store, config.knowledge);
    const hits = await search.search("old age monthly retirement", { limit: 5 });
    assert.ok(hits.some((h) => h.via.includes("vector")), JSON.stringify(hits));
    store.close();
  });

  it("a missing or incomplete model folder is refused with a clear message", async () => {
    const base = testConfig(dir.path).knowledge.embedding;
    await assert.rejects(loadEmbeddingEngine({ ...base, enabled: true, modelDir: null }), /modelDir is not set/);
    await assert.rejects(loadEmbeddingEngine({ ...base, enabled: true, modelDir: join(dir.path, "nothing") }), /no model\.onnx/);
    // incomplete: the model without its tokenizer; then the tokenizer with half a model file
    const incomplete = join(dir.path, "incomplete");
    mkdirSync(incomplete);
    const model = readFileSync(join(modelDir, "model.onnx"));
    writeFileSync(join(incomplete, "model.onnx"), model);
    await assert.rejects(loadEmbeddingEngine({ ...base, enabled: true, modelDir: incomplete }), (err: Error) => err instanceof EmbeddingModelError && /no tokenizer\.json in .*incomplete/.test(err.message));
    copyFileSync(join(modelDir, "tokenizer.json"), join(incomplete, "tokenizer.json"));
    writeFileSync(join(incomplete, "model.onnx"), model.subarray(0, Math.floor(model.length / 2)));
    await assert.rejects(loadEmbeddingEngine({ ...base, enabled: true, modelDir: incomplete }), (err: Error) => err instanceof EmbeddingModelError && err.message.includes(join(incomplete, "model.onnx")));
  });
});
