// What the benchmarks share: the dev questions of ../shared/data/questions-dev.jsonl, typed; the real
// schemes imported the way a sysadmin imports them; the embedded English recogniser installed.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfig, projectRoot, type Config } from "../src/config.js";
import { confineToCpuBudget } from "../src/ops/cpu-budget.js";
import { ModelStore } from "../src/ops/models.js";
import type { EvalQuestion } from "./eval/set.js";

/** A dev question has the evaluation set's shape (bench/eval/set.ts). */
export type DevQuestion = EvalQuestion;

export const sharedDir = process.env.SAHAYAK_SHARED ?? join(import.meta.dirname, "..", "..", "shared");

export function loadQuestions(): DevQuestion[] {
  return readFileSync(join(sharedDir, "data", "questions-dev.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as DevQuestion);
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** `sahayak kb import` of the real schemes into dataDir, in its own process. */
export function importSchemes(dataDir: string): void {
  const imported = spawnSync(process.execPath, ["--import", "tsx", join(projectRoot, "src", "cli", "main.ts"), "--data-dir", dataDir, "kb", "import", join(sharedDir, "data", "schemes.jsonl")], { encoding: "utf8", env: { ...process.env, LANCEDB_LOG: "error" } });
  if (imported.status !== 0) throw new Error(`import failed: ${imported.stderr}`);
}

/** The embedded English recogniser from ../shared into a model store. */
export function installEnglishRecogniser(modelsDir: string): void {
  new ModelStore(modelsDir).import(join(sharedDir, "models", "asr", "en-gigaspeech-zipformer-3.3m"), { lang: "en" });
}

/**
 * The configuration of a benchmark that runs whole calls, set up as `serve` runs: bulk work within its share
 * of the cores (headroom for the RTP sender), the English recogniser installed and the schemes imported
 * under `work`.
 */
export function pipelineBenchConfig(work: string, overrides: Record<string, unknown> = {}): { config: Config; budget: ReturnType<typeof confineToCpuBudget> } {
  const dataDir = join(work, "data");
  const config = loadConfig({ overrides: { dataDir, modelsDir: join(work, "models"), ...overrides } });
  const budget = confineToCpuBudget(config.telephony.media.bulkCpuShare);
  if (!budget.applied) console.error(`no CPU budget: ${budget.reason}`);
  installEnglishRecogniser(config.modelsDir);
  importSchemes(dataDir);
  return { config, budget };
}
