// Whole calls through the real pipeline for a test file: the English recogniser installed in a fresh model
// store, the real knowledge base, the call services and the PBX simulator; all released by close().
import { openCallServices, type CallServices } from "../../src/call/index.js";
import { Simulation } from "../../src/call/simulation.js";
import type { Logger } from "../../src/ops/log.js";
import { ModelStore } from "../../src/ops/models.js";
import { realKnowledgeBase } from "../kb-fixture.js";
import { tempDir } from "../helpers.js";
import { englishModelDir } from "../speech/asr-fixture.js";

export interface SimulatedCalls {
  fixture: Awaited<ReturnType<typeof realKnowledgeBase>>;
  services: CallServices;
  simulation: Simulation;
  close(): Promise<void>;
}

export async function openSimulatedCalls(overrides: Record<string, unknown> = {}, log?: Logger): Promise<SimulatedCalls> {
  const models = tempDir("sahayak-models-");
  const opened: { close(): Promise<void> }[] = [];
  const close = async () => {
    for (const o of opened.reverse()) await o.close();
    models.cleanup();
  };
  try {
    new ModelStore(models.path).import(englishModelDir, { lang: "en" });
    const fixture = await realKnowledgeBase({ modelsDir: models.path, ...overrides });
    opened.push({ close: () => fixture.cleanup() });
    const services = await openCallServices(fixture.config, log);
    opened.push(services);
    const simulation = await Simulation.start(fixture.config, services);
    opened.push(simulation);
    return { fixture, services, simulation, close };
  } catch (err) {
    await close();
    throw err;
  }
}
