// The knowledge module: scheme records, their store with versions, validation, and search.
import type { Config } from "../config.js";
import { KnowledgeStore } from "./store.js";
import { SchemeSearch } from "./search.js";
import { loadEmbeddingEngine } from "./embedding.js";

export * from "./schema.js";
export * from "./validate.js";
export * from "./store.js";
export * from "./search.js";
export * from "./diff.js";
export * from "./actions.js";
export { Lexicon } from "./lexicon.js";
export { schemeNameIn, TABLES as TABLE_NAMES, type TableName } from "./tables.js";
export { recordHash as recordHashOf } from "./rows.js";
export type { NameMatch } from "./matcher.js";
export type { EmbeddingEngine } from "./embedding.js";

export interface KnowledgeBase {
  store: KnowledgeStore;
  search: SchemeSearch;
  close(): Promise<void>;
}

/** Opens the store and its search for reading (and writing through store.apply). */
export async function openKnowledgeBase(config: Config): Promise<KnowledgeBase> {
  const embedder = config.knowledge.embedding.enabled ? await loadEmbeddingEngine(config.knowledge.embedding) : null;
  const store = await KnowledgeStore.open({ dataDir: config.dataDir, knowledge: config.knowledge, embedder });
  const search = new SchemeSearch(store, config.knowledge);
  return {
    store,
    search,
    async close() {
      store.close();
      await embedder?.close();
    },
  };
}
export { SchemeConcepts, type ConceptUnit, type ConceptFit } from "./concepts.js";
export { BackgroundLanguage } from "./background.js";
