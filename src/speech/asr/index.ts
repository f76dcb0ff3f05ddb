// Speech recognition: engines from the model store, one worker, one stream per call.
import type { Config } from "../../config.js";
import { ModelStore, type ModelEntry } from "../../ops/models.js";
import { SherpaAsrEngine } from "./engine.js";
import { AsrUnavailableError, type AsrModelSpec } from "./types.js";

export * from "./types.js";
export { SherpaAsrEngine } from "./engine.js";
export { wordErrorRate, normaliseTranscript } from "./wer.js";

export function specOf(store: ModelStore, entry: ModelEntry): AsrModelSpec {
  const p = (role: string) => store.path(entry, role);
  switch (entry.engine) {
    case "online-transducer":
      return { type: "online-transducer", encoder: p("encoder"), decoder: p("decoder"), joiner: p("joiner"), tokens: p("tokens") };
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

/** Every installed recogniser, one per language (the first installed wins). */
export function installedAsrModels(config: Config): Record<string, AsrModelSpec> {
  const store = new ModelStore(config.modelsDir);
  const out: Record<string, AsrModelSpec> = {};
  for (const entry of store.manifest().models.filter((m) => m.kind === "asr")) {
    for (const lang of entry.languages) out[lang] ??= specOf(store, entry);
  }
  return out;
}

export async function loadAsrEngine(config: Config, langs?: string[]): Promise<SherpaAsrEngine> {
  const all = installedAsrModels(config);
  const wanted = langs ? Object.fromEntries(Object.entries(all).filter(([l]) => langs.includes(l))) : all;
  if (langs) for (const l of langs) if (!wanted[l]) throw new AsrUnavailableError(`no speech recognition model for "${l}" is installed (installed: ${Object.keys(all).join(", ") || "none"}); see \`sahayak models list\``);
  return SherpaAsrEngine.start(wanted, config.speech.asr);
}
