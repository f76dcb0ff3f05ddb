// When a long-running process (serve, console) indexes its knowledge-base changes: a change of few rows is
// committed outside the full-text indexes (LanceDB searches such rows row by row, so every committed version
// answers whole), and the indexes catch up after a quiet moment, off the change's path.
import type * as lancedb from "@lancedb/lancedb";
import { buildIndexes, unindexedRows } from "./fts-indexes.js";
import { LockedError } from "./lock.js";

export interface IndexCatchUpOptions {
  /** Off: every change indexes its rows itself (StoreOptions.indexInBackground). */
  enabled: boolean;
  /** knowledge.indexing.backgroundQuietMs and maxUnindexedRows. */
  quietMs: number;
  maxUnindexedRows: number;
  /** Takes the rows left outside into the indexes (KnowledgeStore.catchUpIndexes). */
  run(): Promise<unknown>;
  onError?: (err: Error) => void;
}

export class IndexCatchUp {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly o: IndexCatchUpOptions) {}

  /**
   * Indexes a change's rows in it, unless this process indexes in the background and few enough rows wait.
   * Answers how many rows it left outside the indexes.
   */
  async indexUnlessDeferred(schemes: lancedb.Table): Promise<number> {
    const unindexed = await unindexedRows(schemes);
    if (unindexed === 0) return 0;
    if (this.o.enabled && unindexed !== undefined && unindexed <= this.o.maxUnindexedRows) return unindexed;
    await buildIndexes(schemes);
    return 0;
  }

  /** Catches up once no change has come for quietMs. */
  schedule(): void {
    if (!this.o.enabled || this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.o.run().catch((err: Error) => {
        // another process is changing the knowledge base: its change indexes, or this tries again
        if (err instanceof LockedError) this.schedule();
        else this.o.onError?.(err);
      });
    }, this.o.quietMs);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}
