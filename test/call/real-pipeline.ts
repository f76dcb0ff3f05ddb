// The real pipeline on the PBX simulator, opened once for a describe block: the English recogniser (and
// the same model standing in for other languages' where a test needs them), the real knowledge base,
// the call services with their fixed prompts rendered (as `sahayak prompts render` in make setup leaves an
// installed Sahayak: no call waits for their synthesis) and a simulation. Everything is closed after the block.
import { after, before } from "node:test";
import { allFixedPrompts, openCallServices, type CallServices } from "../../src/call/index.js";
import { Simulation } from "../../src/call/simulation.js";
import type { Config } from "../../src/config.js";
import { ModelStore } from "../../src/ops/models.js";
import { realKnowledgeBase } from "../kb-fixture.js";
import { tempDir } from "../helpers.js";
import { englishModelDir } from "../speech/asr-fixture.js";

export interface RealPipeline {
  fixture: Awaited<ReturnType<typeof realKnowledgeBase>>;
  services: CallServices;
  simulation: Simulation;
}

export interface RealPipelineOptions {
  /** Languages the English model is installed for (a stand-in for theirs); English alone by default. */
  recognisers?: string[];
  /** Config overrides, as testConfig takes them. */
  config?: Record<string, unknown>;
  /** The config the simulation runs with, made from the services' one. */
  simulationConfig?: (config: Config) => Config;
}

/** Registers the hooks that open and close the pipeline; the returned function gives it to the tests. */
export function realPipeline(options: RealPipelineOptions = {}): () => RealPipeline {
  const models = tempDir("sahayak-models-");
  let opened: Partial<RealPipeline> = {};

  before(async () => {
    const store = new ModelStore(models.path);
    for (const lang of options.recognisers ?? ["en"]) store.import(englishModelDir, { lang });
    const fixture = await realKnowledgeBase({ ...options.config, modelsDir: models.path });
    opened.fixture = fixture;
    const services = await openCallServices(fixture.config);
    opened.services = services;
    for (const { text, lang } of allFixedPrompts(fixture.config.call.languages)) await services.prompts.get(text, lang);
    opened.simulation = await Simulation.start(options.simulationConfig?.(fixture.config) ?? fixture.config, services);
  });

  after(async () => {
    await opened.simulation?.close();
    await opened.services?.close();
    await opened.fixture?.cleanup();
    opened = {};
    models.cleanup();
  });

  return () => {
    const { fixture, services, simulation } = opened;
    if (!fixture || !services || !simulation) throw new Error("the real pipeline is opened in the describe block's before hook");
    return { fixture, services, simulation };
  };
}
