// Speech recognition: engines from the model store, one worker, one stream per call.
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "../../config.js";
import { exportBpeVocab } from "./bpe.js";
import { writeHotwordsFile } from "./hotwords.js";
import { ModelStore, type ModelEntry } from "../../ops/models.js";
import type { Logger } from "../../ops/log.js";
import { SherpaAsrEngine } from "./engine.js";
import { AsrUnavailableError, type AsrModelSpec } from "./types.js";

export * from "./types.js";
export { SherpaAsrEngine, type AsrEngineState } from "./engine.js";
export type { AsrWorkerStats } from "./worker.js";
export { wordErrorRate, normaliseTranscript } from "./wer.js";
export { buildHotwords, writeHotwordsFile, LANGUAGE_NAMES } from "./hotwords.js";

export function specOf(store: ModelStore, entry: ModelEntry, cacheDir?: string): AsrModelSpec {
  const p = (role: string) => store.path(entry, role);
  switch (entry.engine) {
    case "online-transducer": {
      // hotwords of BPE models are tokenised with the model's vocabulary, exported once from bpe.model
      let bpeVocab: string | undefined;
      if (entry.files.bpeModel && cacheDir) {
        bpeVocab = join(cacheDir, `${entry.id}.bpe.vocab`);
        if (!existsSync(bpeVocab)) {
          mkdirSync(cacheDir, { recursive: true });
          exportBpeVocab(p("bpeModel"), bpeVocab);
        }
      }
      return { type: "online-transducer", encoder: p("encoder"), decoder: p("decoder"), joiner: p("joiner"), tokens: p("tokens"), bpeVocab };
    }
    case "online-ctc":
      return { type: "online-ctc", model: p("model"), tokens: p("tokens") };
    case "offline-whisper":
      return { type: "offline-whisper", encoder: p("encoder"), decoder: p("decoder"), tokens: p("tokens"), language: entry.languages[0] };
    case "offline-nemo-ctc":
      return { type: "offline-nemo-ctc", model: p("model"), tokens: p("tokens") };
    default:
      throw new AsrUnavailableError(`model ${entry.id} (${entry.engine}) is not a speech recogniser`);
  }
}

/** Every installed recogniser, one per language (the one chosen with `models use`, else the newest). */
export function installedAsrModels(config: Config): Record<string, AsrModelSpec> {
  const store = new ModelStore(config.modelsDir);
  const out: Record<string, AsrModelSpec> = {};
  for (const [lang, entry] of store.byLanguage("asr")) out[lang] = specOf(store, entry, join(config.dataDir, "cache"));
  return out;
}

/** Starts the recogniser for the given languages (all installed ones by default), biased to hotwords; `log` hears of restarts. */
export async function loadAsrEngine(config: Config, langs?: string[], hotwords?: string[], log?: Logger): Promise<SherpaAsrEngine> {
  const all = installedAsrModels(config);
  const wanted = langs ? Object.fromEntries(Object.entries(all).filter(([l]) => langs.includes(l))) : all;
  if (langs) for (const l of langs) if (!wanted[l]) throw new AsrUnavailableError(`no speech recognition model for "${l}" is installed (installed: ${Object.keys(all).join(", ") || "none"}); see \`sahayak models list\``);
  const hotwordsFile = hotwords?.length ? writeHotwordsFile(join(config.dataDir, "cache"), hotwords) : undefined;
  return SherpaAsrEngine.start(wanted, config.speech.asr, hotwordsFile, log);
}
export { calibrateConfidence, type CalibrationPoints } from "./confidence.js";
