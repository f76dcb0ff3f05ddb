// Speech synthesis engines and the prompt cache.
import { join } from "node:path";
import type { Config } from "../../config.js";
import { PromptCache } from "./cache.js";
import { EspeakEngine } from "./espeak.js";
import { SherpaTtsEngine } from "./sherpa.js";
import { TtsError, type TtsEngine } from "./types.js";
import { ModelStore } from "../../ops/models.js";

export * from "./types.js";
export { EspeakEngine } from "./espeak.js";
export { SherpaTtsEngine } from "./sherpa.js";
export { PromptCache } from "./cache.js";

/** The prompt cache of the configured voice, in the data directory. */
export function promptCacheFor(config: Config, engine: TtsEngine): PromptCache {
  const t = config.speech.tts;
  return new PromptCache(join(config.dataDir, "prompts"), engine, `${engine.name}|${JSON.stringify(t.voices)}|${t.rate}|${t.pitch}`, t.outputRate);
}

/** The configured engine: espeak-ng (default) or a VITS/Piper voice from the model bundle. */
export async function loadTtsEngine(config: Config, engine = config.speech.tts.engine, voice?: string): Promise<TtsEngine> {
  if (engine === "espeak") {
    const tts = config.speech.tts;
    return new EspeakEngine(voice ? { ...tts, voices: Object.fromEntries(Object.keys(tts.voices).map((l) => [l, voice])) } : tts);
  }
  const store = new ModelStore(config.modelsDir);
  // the voice serving each language (chosen with `models use`, else the newest) goes first: the engine takes the first per language
  const serving = new Set([...store.byLanguage("tts").values()].map((m) => m.id));
  const voices = store.manifest().models.filter((m) => m.kind === "tts" && (!voice || m.id === voice)).sort((a, b) => Number(serving.has(b.id)) - Number(serving.has(a.id)));
  if (!voices.length) throw new TtsError(`no sherpa (VITS/Piper) voice${voice ? ` "${voice}"` : ""} is installed: import a voice bundle with \`sahayak models import\`, or use --engine espeak`);
  return SherpaTtsEngine.start(store, voices, config.speech.tts.outputRate);
}
