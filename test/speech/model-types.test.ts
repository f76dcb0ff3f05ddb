// Every recogniser type the model bundle accepts, loaded and run through the same streaming interface:
// the real English transducer elsewhere, and here generated ONNX fixtures in the shapes of a streaming
// Zipformer2 CTC model, an offline NeMo CTC model and an offline Whisper model (plumbing, not accuracy).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { readWav } from "../../src/audio/index.js";
import { projectRoot } from "../../src/config.js";
import { ModelStore } from "../../src/ops/models.js";
import { loadAsrEngine, type SherpaAsrEngine } from "../../src/speech/asr/index.js";
import { transcribeWav } from "../../src/speech/transcribe.js";
import { sharedDir, tempDir, testConfig } from "../helpers.js";

describe("recogniser model types from the bundle", () => {
  const dir = tempDir();
  const config = testConfig(join(dir.path, "data"), { modelsDir: join(dir.path, "models") });
  let engine: SherpaAsrEngine;
  const wav = readWav(readFileSync(join(sharedDir, "fixtures", "audio", "en-8k", "osr34_01.wav")));

  before(async () => {
    const made = spawnSync("/usr/bin/python3", [join(projectRoot, "test", "fixtures", "make_asr_models.py"), join(dir.path, "fixtures")], { encoding: "utf8" });
    assert.equal(made.status, 0, `python3-onnx is needed (make setup): ${made.stderr}`);
    const store = new ModelStore(config.modelsDir);
    const kinds = [
      store.import(join(dir.path, "fixtures", "xx-online-ctc"), { lang: "ta", id: "ta-online-ctc-fixture" })[0]!,
      store.import(join(dir.path, "fixtures", "xx-nemo-ctc"), { lang: "te", id: "te-nemo-ctc-fixture" })[0]!,
      store.import(join(dir.path, "fixtures", "xx-whisper"), { lang: "kn", id: "kn-whisper-fixture" })[0]!,
    ].map((e) => e.engine);
    assert.deepEqual(kinds, ["online-ctc", "offline-nemo-ctc", "offline-whisper"]);
    engine = await loadAsrEngine(config);
  });
  after(async () => {
    await engine?.close();
    dir.cleanup();
  });

  it("all three load in the shared worker, one recogniser per language", () => {
    assert.deepEqual([...engine.languages].sort(), ["kn", "ta", "te"]);
  });

  it("streaming CTC decodes as audio arrives", async () => {
    const r = await transcribeWav(engine, wav, "ta");
    assert.ok(r.text.length > 0 && r.isFinal);
  });

  it("offline NeMo CTC decodes the whole utterance at the end", async () => {
    const s = engine.createStream("te");
    s.accept(new Int16Array(1600), 8000);
    const partial = await s.partial();
    assert.equal(partial.text, "", "an offline model has no partial result");
    s.dispose();
    const r = await transcribeWav(engine, wav, "te");
    assert.ok(r.text.length > 0);
  });

  it("offline Whisper runs its encoder and decoder loop", async () => {
    const r = await transcribeWav(engine, wav, "kn");
    assert.equal(r.text, "hi");
  });
});
