// The embedded English recogniser, installed from ../shared into a temporary model store.
import { join } from "node:path";
import { after, before } from "node:test";
import { loadAsrEngine, type SherpaAsrEngine } from "../../src/speech/asr/index.js";
import { ModelStore } from "../../src/ops/models.js";
import { sharedDir, tempDir, testConfig } from "../helpers.js";
import type { Config } from "../../src/config.js";

export const englishModelDir = join(sharedDir, "models", "asr", "en-gigaspeech-zipformer-3.3m");

export function configWithEnglishModel(): { config: Config; cleanup(): void } {
  const dir = tempDir("sahayak-models-");
  const config = testConfig(join(dir.path, "data"), { modelsDir: join(dir.path, "models") });
  new ModelStore(config.modelsDir).import(englishModelDir, { lang: "en" });
  return { config, cleanup: dir.cleanup };
}

/** A running English recogniser for a test suite: call in a describe block; `engine()` inside tests. */
export function useEnglishRecogniser(hotwords?: string[]): { config: Config; engine(): SherpaAsrEngine } {
  const setup = configWithEnglishModel();
  let engine: SherpaAsrEngine | undefined;
  before(async () => {
    engine = await loadAsrEngine(setup.config, ["en"], hotwords);
  });
  after(async () => {
    await engine?.close();
    setup.cleanup();
  });
  return { config: setup.config, engine: () => engine! };
}
