import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { ModelBundleError, ModelStore } from "../../src/ops/models.js";
import { tempDir, testConfig, treeDigest, runCli } from "../helpers.js";
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

  it("the same bundle imported twice is one model; models use chooses per language, models remove removes", () => {
    const models = tempDir();
    try {
      const env = { SAHAYAK_MODELS_DIR: join(models.path, "store") };
      const cli = (...args: string[]) => runCli(["models", ...args], { dataDir: models.path, env });
      assert.equal(cli("import", englishModelDir, "--lang", "en").status, 0);
      // the same files again, under another name (a copy of the folder, a tarball of it)
      const again = cli("import", englishModelDir, "--lang", "en", "--id", "en-copy", "--json");
      assert.equal(again.status, 0, again.stderr);
      assert.equal(JSON.parse(again.stdout).installed[0].alreadyInstalled, true);
      assert.equal(JSON.parse(cli("list", "--json").stdout).models.length, 1, "not installed twice");
      // a different English model (a changed file, so different checksums)
      const other = join(models.path, "en-other");
      cpSync(englishModelDir, other, { recursive: true });
      rmSync(join(other, "SHA256SUMS"), { force: true });
      writeFileSync(join(other, "tokens.txt"), readFileSync(join(englishModelDir, "tokens.txt"), "utf8") + "\n");
      assert.equal(cli("import", other, "--lang", "en").status, 0);
      const store = new ModelStore(env.SAHAYAK_MODELS_DIR);
      assert.equal(store.find("asr", "en")?.id, "en-other", "the newest serves when none is chosen");
      const listed = cli("list");
      assert.match(listed.stdout, /en-gigaspeech-zipformer-3\.3m .*\(not in use for en\)/);
      assert.match(listed.stdout, /note: asr for "en" is en-other; also installed: en-gigaspeech-zipformer-3\.3m \(choose with `sahayak models use ID --lang en`/);
      const use = cli("use", "en-gigaspeech-zipformer-3.3m", "--lang", "en");
      assert.equal(use.status, 0, use.stderr);
      assert.equal(store.find("asr", "en")?.id, "en-gigaspeech-zipformer-3.3m");
      assert.equal(cli("use", "en-gigaspeech-zipformer-3.3m", "--lang", "hi").status, 3, "a model for another language");
      assert.equal(cli("use", "no-such-model").status, 4);
      const removed = cli("remove", "en-gigaspeech-zipformer-3.3m", "--json");
      assert.equal(removed.status, 0, removed.stderr);
      assert.deepEqual(JSON.parse(removed.stdout).languagesLeftWithout, []);
      assert.equal(store.find("asr", "en")?.id, "en-other", "the choice went with the model");
      assert.equal(existsSync(join(env.SAHAYAK_MODELS_DIR, "asr", "en-gigaspeech-zipformer-3.3m")), false, "its files are gone");
      const last = cli("remove", "en-other");
      assert.match(last.stdout, /no asr model is left for "en": callers in that language use the keypad menu/);
      assert.equal(cli("remove", "en-other").status, 4);
      assert.deepEqual(store.verify(), []);
    } finally {
      models.cleanup();
    }
  });
});

describe("the model store's place", () => {
  it("is under the data directory unless modelsDir says otherwise", () => {
    assert.equal(testConfig("/srv/sahayak-data").modelsDir, "/srv/sahayak-data/models");
    assert.equal(testConfig("/srv/sahayak-data", { modelsDir: "/srv/models" }).modelsDir, "/srv/models");
  });
});
