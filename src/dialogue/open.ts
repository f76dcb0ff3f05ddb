// Builds the dialogue engine from the config: the knowledge base, and the LLM when one is configured.
import type { Config } from "../config.js";
import type { KnowledgeBase } from "../knowledge/index.js";
import type { Logger } from "../ops/log.js";
import { DialogueEngine } from "./engine.js";
import { LlamaGenerator } from "./llm/llama.js";

export async function openDialogue(kb: KnowledgeBase, config: Config, log?: Logger): Promise<{ engine: DialogueEngine; close(): Promise<void> }> {
  const generator = config.dialogue.llm.modelPath ? await LlamaGenerator.load(config.dialogue.llm, log) : null;
  const engine = await DialogueEngine.create(kb, config, { generator, log });
  return {
    engine,
    close: async () => {
      engine.close();
      await generator?.close();
    },
  };
}
