// A damaged model never takes the process down (onnxruntime aborts a process that loads one: exit 134):
// it is found by its checksum or by a trial load in a child process, reported, and the calls it would
// serve run by keypad.
import assert from "node:assert/strict";
import { cpSync, readdirSync, rmSync, truncateSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { openCallServices } from "../../src/call/index.js";
import { ModelStore } from "../../src/ops/models.js";
import { checkSpeechModels, trialLoad } from "../../src/speech/model-health.js";
import { tempDir, testConfig } from "../helpers.js";
import { englishModelDir } from "./asr-fixture.js";

describe("model health", () => {
  const work = tempDir("sahayak-model-health-");
  after(() => work.cleanup());

  /** The English recogniser with its encoder cut short, installed as it is (its checksum then matches). */
  function damagedStore(): { modelsDir: string; encoderPath: string } {
    const bundle = join(work.path, "en-cut");
    cpSync(englishModelDir, bundle, { recursive: true });
    rmSync(join(bundle, "SHA256SUMS"), { force: true });
    const encoder = readdirSync(bundle).find((f) => f.startsWith("encoder") && f.endsWith(".onnx"))!;
    truncateSync(join(bundle, encoder), 100_000);
    const modelsDir = join(work.path, "models");
    new ModelStore(modelsDir).import(bundle, { lang: "en" });
    return { modelsDir, encoderPath: join(modelsDir, "asr", "en-cut", encoder) };
  }

  it("a trial load that aborts is a reason, not a crash of this process", async () => {
    const { modelsDir, encoderPath } = damagedStore();
    const config = testConfig(join(work.path, "data"), { modelsDir });
    const health = await checkSpeechModels(config, 30_000);
    const asr = health.find((m) => m.id === "en-cut")!;
    assert.equal(asr.usable, false);
    assert.equal(asr.problem, `en-cut crashed the loading process (SIGABRT): Load model from ${encoderPath} failed:Protobuf parsing failed.: re-import the model bundle with \`sahayak models import\``);
    assert.equal(health.find((m) => m.kind === "vad")?.usable, true);
    // and a VAD model that is not there
    const missing = await trialLoad({ what: "vad", vad: { ...config.speech.vad, model: join(work.path, "no-vad.onnx") } }, 30_000);
    assert.match(missing!, /^failed to load \(exit 1\): VAD model .*no-vad\.onnx is missing/);
  });

  it("the call services open without the damaged recogniser: calls use the keypad, and the reason is kept for /readyz", async () => {
    const config = testConfig(join(work.path, "data"), { modelsDir: join(work.path, "models") });
    const services = await openCallServices(config);
    try {
      assert.deepEqual(services.speechLanguages, []);
      assert.equal(services.models?.find((m) => m.id === "en-cut")?.usable, false);
    } finally {
      await services.close();
    }
  });
});
