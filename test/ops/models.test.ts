import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { ModelBundleError, ModelStore } from "../../src/ops/models.js";
import { tempDir, treeDigest, runCli } from "../helpers.js";
import { englishModelDir } from "../speech/asr-fixture.js";

describe("model bundle store", () => {
  const dir = tempDir();
  const store = new ModelStore(join(dir.path, "models"));
  after(() => dir.cleanup());

  it("installs a sherpa-onnx model folder, with checksums, and verifies it", () => {
    const [entry] = store.import(englishModelDir, { lang: "en" });
    assert.equal(entry!.engine, "online-transducer");
    assert.deepEqual(entry!.languages, ["en"]);
    assert.match(entry!.files.encoder!, /int8/);
    assert.equal(Object.keys(entry!.sha256).length, Object.keys(entry!.files).length);
    assert.deepEqual(store.verify(), []);
    assert.equal(store.find("asr", "en")?.id, "en-gigaspeech-zipformer-3.3m");
  });

  it("refuses a damaged or incomplete bundle and leaves the installed models intact", () => {
    const before = treeDigest(store.dir);
    const damaged = join(dir.path, "en-damaged");
    cpSync(englishModelDir, damaged, { recursive: true });
    writeFileSync(join(damaged, "tokens.txt"), "tampered");
    assert.throws(() => store.import(damaged), /does not match SHA256SUMS/);
    const incomplete = join(dir.path, "en-incomplete");
    mkdirSync(incomplete);
    cpSync(join(englishModelDir, "tokens.txt"), join(incomplete, "tokens.txt"));
    assert.throws(() => store.import(incomplete), ModelBundleError);
    const badBundle = join(dir.path, "bundle-bad");
    mkdirSync(badBundle);
    writeFileSync(join(badBundle, "bundle.json"), JSON.stringify({ models: [{ id: "hi-vits", kind: "tts", engine: "vits", languages: ["hi"], files: { model: "model.onnx", tokens: "tokens.txt" } }] }));
    assert.throws(() => store.import(badBundle), /needs a "model" file/);
    writeFileSync(join(badBundle, "bundle.json"), "{not json");
    assert.throws(() => store.import(badBundle), /bundle.json is not valid JSON/);
    assert.throws(() => store.import(join(dir.path, "nothing-here")), /does not exist/);
    assert.deepEqual(treeDigest(store.dir), before);
  });

  it("imports a tarball with a bundle.json, and the CLI reports clearly", () => {
    const src = join(dir.path, "bundle-ok");
    mkdirSync(join(src, "llm"), { recursive: true });
    writeFileSync(join(src, "llm", "tiny.gguf"), "GGUF fake weights");
    writeFileSync(join(src, "bundle.json"), JSON.stringify({ models: [{ id: "tiny-llm", kind: "llm", engine: "gguf", languages: ["en", "hi"], dir: "llm", files: { model: "tiny.gguf" } }] }));
    const tar = join(dir.path, "bundle.tar.gz");
    assert.equal(spawnSync("tar", ["-czf", tar, "-C", src, "."]).status, 0);
    const [entry] = store.import(tar);
    assert.equal(entry!.id, "tiny-llm");
    assert.equal(readFileSync(store.path(entry!, "model"), "utf8"), "GGUF fake weights");
    writeFileSync(store.path(entry!, "model"), "changed");
    assert.match(store.verify().join(), /tiny.gguf does not match its checksum/);
    rmSync(store.path(entry!, "model"));
    assert.match(store.verify().join(), /missing/);
    const env = { SAHAYAK_MODELS_DIR: store.dir };
    const list = runCli(["models", "list", "--json"], { dataDir: dir.path, env });
    assert.deepEqual(JSON.parse(list.stdout).languagesWithoutRecogniser, ["hi"]);
    const refused = runCli(["models", "import", join(dir.path, "en-incomplete")], { dataDir: dir.path, env });
    assert.equal(refused.status, 3);
    assert.match(refused.stderr, /installed models are unchanged/);
    assert.equal(runCli(["models", "verify"], { dataDir: dir.path, env }).status, 3);
  });
});
