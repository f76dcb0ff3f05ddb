// The knowledge module: scheme records, their store with versions, validation, and search.
import type { Config } from "../config.js";
import type { Logger } from "../ops/log.js";
import { KnowledgeStore, type StoreOptions } from "./store.js";
import { SchemeSearch } from "./search.js";
import { loadEmbeddingEngine } from "./embedding.js";

export * from "./schema.js";
export * from "./validate.js";
export * from "./store.js";
export * from "./search.js";
export * from "./diff.js";
export * from "./actions.js";
export { Lexicon } from "./lexicon.js";
export { schemeNameIn, snapshotProblems, TABLES as TABLE_NAMES, type TableName } from "./tables.js";
export { recordHash as recordHashOf } from "./rows.js";
export type { NameMatch } from "./matcher.js";
export type { EmbeddingEngine } from "./embedding.js";

export interface KnowledgeBase {
  store: KnowledgeStore;
  search: SchemeSearch;
  close(): Promise<void>;
}

/** The store options of a long-running process (serve, console): its changes indexed in the background, failures logged. */
export function indexingInBackground(log?: Logger): Pick<StoreOptions, "indexInBackground" | "onBackgroundError"> {
  return { indexInBackground: true, onBackgroundError: (err) => log?.error({ err: err.message }, "knowledge base: background work on a change failed (indexing, or the name matcher's rebuild); its schemes are still found, row by row and by their previous names") };
}

/**
 * Opens the store and its search for reading (and writing through store.apply). A long-running process
 * indexes its changes in the background (see StoreOptions.indexInBackground).
 */
export async function openKnowledgeBase(config: Config, background: Pick<StoreOptions, "indexInBackground" | "onBackgroundError"> = {}): Promise<KnowledgeBase> {
  const embedder = config.knowledge.embedding.enabled ? await loadEmbeddingEngine(config.knowledge.embedding) : null;
  const store = await KnowledgeStore.open({ dataDir: config.dataDir, knowledge: config.knowledge, embedder, ...background });
  const search = new SchemeSearch(store, config.knowledge);
  return {
    store,
    search,
    async close() {
      search.close();
      store.close();
      await embedder?.close();
    },
  };
}
export { SchemeConcepts, type ConceptUnit, type ConceptFit } from "./concepts.js";
export { BackgroundLanguage, OPENING_GREETINGS } from "./background.js";
export { CATALOGUE, sameScheme } from "./same-scheme.js";
