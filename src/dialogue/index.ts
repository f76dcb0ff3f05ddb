// The dialogue module: text in, text out.
export * from "./types.js";
export { DialogueEngine, sanitize, type DialogueOptions } from "./engine.js";
export { LanguageDetector } from "./language.js";
export type { AnswerGenerator, RewordRequest } from "./llm/generator.js";
export { openDialogue } from "./open.js";
export { LlamaGenerator, LlmUnavailableError } from "./llm/llama.js";
export { checkGrounding } from "./llm/grounding.js";
export { scoreIntents } from "./nlu.js";
