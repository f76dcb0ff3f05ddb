// The knowledge base on disk: three LanceDB tables in <dataDir>/kb/lance and a HEAD.json commit point.
//   schemes  current records, with full-text (and optional vector) indexes
//   history  every version of every record (append-only)
//   commits  one row per KB version: time, actor, reason, what changed (append-only audit log)
// A change writes the tables first and then replaces HEAD.json atomically; a process killed before that
// leaves table versions newer than HEAD, which the next writer restores and every reader ignores.
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import * as lancedb from "@lancedb/lancedb";
import { Lexicon } from "./lexicon.js";
import { acquireLock } from "./lock.js";
import { IndexCatchUp } from "./index-catch-up.js";
import { faultPoint } from "../ops/faults.js";
import { recordToRow, type SchemeRow } from "./rows.js";
import { TABLES, schemesSchema, sqlString, type SchemeMeta, type TableName } from "./tables.js";
import { SCHEME_ID_PATTERN, type SchemeRecord } from "./schema.js";
import type { EmbeddingEngine } from "./embedding.js";
import { readHeadFile, sameHead, treeBytes, writeFileAtomic, type Head } from "./store-files.js";
import { ReaderPins } from "./reader-pins.js";
import { readCommits, readCurrentRecords, readHistory, readRecordAt, readStateAt } from "./store-history.js";
import { buildIndexes, unindexedRows } from "./fts-indexes.js";
import { commitRowOf, embedRows, historyRowsOf, planChange, pruneVersions, schemeRowsOf } from "./store-changes.js";
import { NO_CHANGE, SchemeFacts, readFactRows, type SchemesChange } from "./scheme-facts.js";
import { createEmptyTables, openTablesAt } from "./store-tables.js";
import { KbError, type ChangeSet, type CommitMeta, type CommitResult, type CompactResult, type HistoryEntry, type KbCommit, type KbIdentity, type KbSnapshot, type ProgressFn, type StoreOptions } from "./store-types.js";

export type { SchemeMeta } from "./tables.js";
export * from "./store-types.js";
export { tableFromBytes, tableToBytes } from "./store-files.js";

const DAY_MS = 86_400_000;

export class KnowledgeStore {
  /** What readers read: every table at the committed version. */
  private tables = new Map<TableName, lancedb.Table>();
  /** A change's own handles while it is written; readers move to them only when HEAD does. */
  private writers = new Map<TableName, lancedb.Table>();
  private head: Head | null = null;
  /** Every current scheme's facts and hash, and the records read whole lately. */
  private readonly facts: SchemeFacts;
  /** Changes of this process, one after another (the lock file keeps other processes out, not this one). */
  private writing: Promise<unknown> = Promise.resolve();
  /** A long-running process's indexing of its changes after a quiet moment. */
  private readonly indexing: IndexCatchUp;
  private closed = false;
  readonly lexicon: Lexicon;

  /** The table versions this reader reads, pinned so `compact` keeps them while it runs. */
  private readonly pins: ReaderPins;
  /** Counts the moves of this process's readers to another committed knowledge base (any version, any origin). */
  private moves = 0;
  private readonly moveListeners = new Set<() => void>();

  private constructor(
    private readonly options: StoreOptions,
    private db: lancedb.Connection | null,
  ) {
    this.lexicon = options.lexicon ?? Lexicon.load();
    this.facts = new SchemeFacts(options.knowledge.search.recordCacheSize);
    const { backgroundQuietMs: quietMs, maxUnindexedRows } = options.knowledge.indexing;
    this.indexing = new IndexCatchUp({ enabled: !!options.indexInBackground, quietMs, maxUnindexedRows, run: () => this.catchUpIndexes(), onError: options.onBackgroundError });
    this.pins = new ReaderPins(join(options.dataDir, "kb", "readers"));
  }

  /** Work done in the background for this store's readers failed: told as indexing failures are (serve logs it). */
  backgroundFailed(err: Error): void {
    this.options.onBackgroundError?.(err);
  }

  private pin(): void {
    if (this.head) this.pins.pin(this.head.tables);
  }

  get dir(): string {
    return join(this.options.dataDir, "kb");
  }
  private get headPath(): string {
    return join(this.dir, "HEAD.json");
  }
  /**
   * Where structures derived from this knowledge base are kept between processes (snapshot.ts); none when
   * the store reads words with a lexicon its opener gave (a test's), which no snapshot key names.
   */
  get snapshotDir(): string | undefined {
    return this.options.lexicon ? undefined : join(this.dir, "derived");
  }
  get kbVersion(): number {
    return this.head?.kbVersion ?? 0;
  }

  /**
   * Changes whenever this process's readers move to another committed knowledge base: a change here, or
   * another copy put in place (which may carry the same version number with other records).
   */
  get readerGeneration(): number {
    return this.moves;
  }

  /** Called after each move of the readers (derived structures, such as the name matcher, rebuild then). */
  onReadersMoved(listener: () => void): () => void {
    this.moveListeners.add(listener);
    return () => this.moveListeners.delete(listener);
  }

  private readersMoved(): void {
    this.moves++;
    for (const listener of this.moveListeners) listener();
  }
  get embedder(): EmbeddingEngine | null {
    return this.options.embedder ?? null;
  }

  /** Opens the store for reading. A missing store is an empty one: nothing is created on disk. */
  static async open(options: StoreOptions): Promise<KnowledgeStore> {
    const dir = join(options.dataDir, "kb");
    const headPath = join(dir, "HEAD.json");
    if (!existsSync(headPath)) return new KnowledgeStore(options, null);
    const db = await lancedb.connect(join(dir, "lance"));
    const store = new KnowledgeStore(options, db);
    await store.loadHead();
    store.pin();
    // rows an earlier process left outside the indexes (it stopped before indexing them); a knowledge base
    // whose indexes cannot even be counted is still read (row by row), and the catch-up says what is wrong
    if (options.indexInBackground && store.head && (await unindexedRows(store.table("schemes")!).catch(() => undefined)) !== 0) store.indexing.schedule();
    return store;
  }

  /** A version that was never made is not found, never quietly the current one. */
  private checkVersion(version: number): void {
    if (!Number.isInteger(version) || version < 0 || version > this.kbVersion) {
      throw new KbError(`knowledge-base version ${version} does not exist (the latest is ${this.kbVersion}); see \`sahayak kb versions\``, "not_found");
    }
  }

  private readHead(): Head | null {
    return readHeadFile(this.headPath);
  }

  /** Opens every table at the committed version for reading. */
  private async loadHead(): Promise<void> {
    this.head = this.readHead();
    this.tables = this.head && this.db ? (await this.openTables(this.head, false)).tables : new Map();
    await this.loadMeta();
    this.readersMoved();
  }

  /** Every table at the version `head` names; for a writer, tables a killed process left ahead are restored. */
  private openTables(head: Head, restore: boolean): Promise<{ tables: Map<TableName, lancedb.Table>; repaired: boolean }> {
    return openTablesAt(this.db!, head, restore, this.headPath);
  }

  private async loadMeta(): Promise<void> {
    this.facts.set(await readFactRows(this.tables.get("schemes")));
  }

  private table(name: TableName): lancedb.Table | undefined {
    return this.tables.get(name);
  }

  private writer(name: TableName): lancedb.Table {
    const table = this.writers.get(name);
    if (!table) throw new Error(`the knowledge base's ${name} table is not open for writing`);
    return table;
  }

  /** Per-scheme facts of every current scheme, sorted by id. */
  meta(): readonly SchemeMeta[] {
    return this.facts.list;
  }
  metaOf(id: string): SchemeMeta | undefined {
    return this.facts.meta(id);
  }
  get size(): number {
    return this.facts.list.length;
  }
  has(id: string): boolean {
    return this.facts.has(id);
  }

  /** The current record, or the one as of KB version `version`. */
  async get(id: string, version?: number): Promise<SchemeRecord | undefined> {
    if (version !== undefined) this.checkVersion(version);
    if (!SCHEME_ID_PATTERN.test(id)) return undefined;
    if (version !== undefined && version !== this.kbVersion) return this.recordAt(id, version);
    if (!this.facts.has(id)) return undefined;
    const cached = this.facts.cached(id);
    if (cached) return cached;
    const rows = await this.table("schemes")!.query().where(`schemeId = ${sqlString(id)}`).select(["doc"]).limit(1).toArray();
    const doc = rows[0]?.doc as string | undefined;
    if (!doc) return undefined;
    const record = JSON.parse(doc) as SchemeRecord;
    this.facts.remember(record);
    return record;
  }

  /** Several current records at once (one query for those not cached). */
  async getMany(ids: string[]): Promise<Map<string, SchemeRecord>> {
    const out = new Map<string, SchemeRecord>();
    const missing: string[] = [];
    for (const id of ids) {
      const cached = this.facts.cached(id);
      if (cached) out.set(id, cached);
      else if (this.facts.has(id)) missing.push(id);
    }
    if (missing.length) {
      for (const record of await readCurrentRecords(this.table("schemes")!, missing)) {
        this.facts.remember(record);
        out.set(record.schemeId, record);
      }
    }
    return out;
  }

  /** Content hash of every current record (to tell what an import would change). */
  async hashes(): Promise<Map<string, string>> {
    return this.facts.hashes();
  }

  /** Every current record, in id order (for export). */
  async *all(batch = 256): AsyncGenerator<SchemeRecord> {
    const ids = this.facts.list.map((m) => m.schemeId);
    for (let i = 0; i < ids.length; i += batch) {
      const chunk = ids.slice(i, i + batch);
      const byId = new Map((await readCurrentRecords(this.table("schemes")!, chunk)).map((r) => [r.schemeId, r]));
      for (const id of chunk) {
        const record = byId.get(id);
        if (record) yield record;
      }
    }
  }

  async commits(): Promise<KbCommit[]> {
    const table = this.table("commits");
    return table ? readCommits(table, this.kbVersion) : [];
  }

  /** Every version of one record, oldest first. */
  async history(id: string): Promise<HistoryEntry[]> {
    const table = this.table("history");
    return table && SCHEME_ID_PATTERN.test(id) ? readHistory(table, id, this.kbVersion) : [];
  }

  /** A record as it stood at KB version `version` (undefined if it did not exist then). */
  async recordAt(id: string, version: number): Promise<SchemeRecord | undefined> {
    this.checkVersion(version);
    const table = this.table("history");
    return table && SCHEME_ID_PATTERN.test(id) ? readRecordAt(table, id, Math.min(version, this.kbVersion)) : undefined;
  }

  /** The whole KB as it stood at `version`: id → record. */
  async stateAt(version: number, onlyId?: string): Promise<Map<string, SchemeRecord>> {
    this.checkVersion(version);
    const table = this.table("history");
    return table ? readStateAt(table, Math.min(version, this.kbVersion), onlyId) : new Map();
  }

  /**
   * Applies a change set as one new KB version. Records identical to the current ones are skipped;
   * when nothing changes no version is made. Atomic: a crash midway leaves the previous version.
   */
  apply(changes: ChangeSet, meta: CommitMeta, onProgress?: ProgressFn): Promise<CommitResult> {
    return this.exclusive(() => this.applyLocked(changes, meta, onProgress));
  }

  /** Runs a change after this process's earlier ones, holding the write lock against other processes. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.writing.then(async () => {
      mkdirSync(this.dir, { recursive: true });
      const release = acquireLock(join(this.dir, "write.lock"));
      try {
        return await work();
      } finally {
        this.writers.clear();
        release();
      }
    });
    this.writing = run.catch(() => undefined);
    return run;
  }

  /** Opens the tables for a change, on handles of its own; catches up first if another process committed. */
  private async ensureWritable(): Promise<lancedb.Connection> {
    const db = this.db ?? (await lancedb.connect(join(this.dir, "lance")));
    this.db = db;
    if (!existsSync(this.headPath)) {
      // a first import killed before its commit may have left tables behind: start clean
      await createEmptyTables(db, this.embedder?.dimension ?? null);
    }
    const head = this.readHead();
    this.writers.clear();
    if (head) {
      const { tables, repaired } = await this.openTables(head, true);
      if (repaired) writeFileAtomic(this.headPath, JSON.stringify(head, null, 2));
      this.writers = tables;
    } else {
      for (const name of TABLES) this.writers.set(name, await db.openTable(name));
    }
    if (!sameHead(head, this.head)) await this.loadHead();
    return db;
  }

  private async applyLocked(changes: ChangeSet, meta: CommitMeta, onProgress?: ProgressFn): Promise<CommitResult> {
    await this.ensureWritable();
    const current = await this.hashes();
    const schemes = this.writer("schemes");

    const { added, updated, deleted, toWrite, unchanged } = planChange(changes, current);
    if (toWrite.length === 0 && deleted.length === 0) {
      return { version: this.kbVersion, created: false, added, updated, deleted, unchanged };
    }

    const version = this.kbVersion + 1;
    const time = new Date().toISOString();
    const rows = schemeRowsOf(toWrite, version, this.lexicon, onProgress);
    if (this.embedder) await this.embedRows(rows, onProgress);

    const history = this.writer("history");
    const historyRows = historyRowsOf(toWrite, deleted, current, { version, time, ...meta });
    onProgress?.("write", 0, 3);
    await history.add(historyRows);
    faultPoint("kb:after-history");
    const replaced = [...updated, ...deleted];
    for (let i = 0; i < replaced.length; i += 500) {
      await schemes.delete(`schemeId IN (${replaced.slice(i, i + 500).map(sqlString).join(",")})`);
    }
    if (rows.length) await schemes.add(rows as unknown as Record<string, unknown>[]);
    faultPoint("kb:after-schemes");
    onProgress?.("write", 1, 3);
    const unindexed = await this.indexing.indexUnlessDeferred(schemes);
    onProgress?.("write", 2, 3);
    await this.writer("commits").add([commitRowOf({ added, updated, deleted }, { version, time, ...meta })]);
    faultPoint("kb:before-head");
    await this.commitHead(version, time, { rows, deleted });
    if (unindexed) this.indexing.schedule();
    onProgress?.("write", 3, 3);
    return { version, created: true, added, updated, deleted, unchanged };
  }

  private embedRows(rows: SchemeRow[], onProgress?: ProgressFn): Promise<void> {
    return embedRows(rows, this.embedder!, this.options.knowledge.embedding.batchSize, onProgress);
  }

  /**
   * Takes rows that changes left outside the full-text indexes into them, as a new HEAD of the same KB
   * version: readers switch to it only once every index is whole. The indexes are rebuilt, not extended
   * (LanceDB's incremental update scores by other statistics than a build), so a search then finds exactly
   * what it found when every change rebuilt them. Answers how many rows waited.
   */
  catchUpIndexes(): Promise<number> {
    return this.exclusive(async () => {
      if (this.closed) return 0;
      await this.ensureWritable();
      if (!this.head) return 0;
      const schemes = this.writer("schemes");
      const unindexed = await unindexedRows(schemes);
      if (unindexed === 0) return 0;
      await buildIndexes(schemes);
      await this.commitHead(this.kbVersion, this.head.time, NO_CHANGE);
      return unindexed ?? (await schemes.countRows());
    });
  }

  /** Makes the writers' versions the committed ones, and moves this process's readers to them. */
  private async commitHead(kbVersion: number, time: string, change?: SchemesChange): Promise<void> {
    const tables = {} as Head["tables"];
    for (const name of TABLES) tables[name] = await this.writer(name).version();
    const head: Head = { format: 1, kbVersion, time, tables };
    writeFileAtomic(this.headPath, JSON.stringify(head, null, 2));
    this.head = head;
    // a process that writes reads its own new version from now on (a search meanwhile read the previous one whole)
    this.tables = new Map(this.writers);
    if (this.pins.pinned) this.pin();
    if (change) this.facts.update(change);
    else await this.loadMeta();
    this.readersMoved();
  }

  /**
   * Rebuilds every derived column and index from the stored records (after a software update changed
   * the lexicon, aliases or embedding model). The KB version stays the same: no record changes.
   */
  async reindex(onProgress?: ProgressFn): Promise<number> {
    return this.exclusive(async () => {
      await this.ensureWritable();
      if (!this.head) return 0;
      const schemes = this.writer("schemes");
      const stored = await schemes.query().select(["doc", "hash", "kbVersion"]).toArray();
      const rows = stored.map((r) => recordToRow(JSON.parse(String(r.doc)) as SchemeRecord, Number(r.kbVersion), this.lexicon, String(r.hash)));
      if (this.embedder) await this.embedRows(rows, onProgress);
      const db = this.db!;
      // overwrite keeps the table's history, so HEAD stays the recovery point until it is rewritten
      const fresh = await db.createTable("schemes", rows as unknown as Record<string, unknown>[], {
        mode: "overwrite",
        schema: schemesSchema(this.embedder?.dimension ?? null),
      });
      this.writers.set("schemes", fresh);
      await buildIndexes(fresh);
      await this.commitHead(this.kbVersion, new Date().toISOString());
      return rows.length;
    });
  }

  /**
   * Removes LanceDB versions older than `keepDays` and merges small data files. Kept whatever their age: the
   * committed versions, and the versions running readers (serve) still hold. Every KB version stays in
   * the history and commits tables, so kb versions, diff and rollback see the whole log afterwards.
   */
  async compact(keepDays: number): Promise<CompactResult> {
    return this.exclusive(async () => {
      const bytesBefore = treeBytes(this.dir);
      await this.ensureWritable();
      if (!this.head) return { kbVersion: 0, bytesBefore, bytesAfter: bytesBefore, versionsRemoved: 0, keptInUse: 0 };
      const held = [this.head.tables, ...this.pins.live()];
      const { versionsRemoved, keptInUse } = await pruneVersions(TABLES.map((name) => ({ table: this.writer(name), held: new Set(held.map((h) => h[name])) })), Date.now() - keepDays * DAY_MS);
      await this.commitHead(this.kbVersion, this.head.time);
      return { kbVersion: this.kbVersion, bytesBefore, bytesAfter: treeBytes(this.dir), versionsRemoved, keptInUse };
    });
  }

  /** Every table at the committed version, whole (a consistent copy: readers never see uncommitted versions). */
  async snapshot(): Promise<KbSnapshot> {
    if (!this.head) throw new KbError("the knowledge base is empty: there is nothing to copy", "not_found");
    const tables = {} as KbSnapshot["tables"];
    for (const name of TABLES) tables[name] = await this.table(name)!.toArrow();
    return { kbVersion: this.head.kbVersion, time: this.head.time, tables };
  }

  /**
   * Makes the knowledge base exactly a snapshot (versions, history, commit log), as one atomic commit:
   * written as new table versions and switched by HEAD.json, so a failure midway leaves the previous
   * knowledge base, and readers that are running keep reading theirs until they reopen.
   */
  async restoreSnapshot(snapshot: KbSnapshot): Promise<void> {
    return this.exclusive(async () => {
      const db = await this.ensureWritable();
      for (const name of TABLES) {
        const fresh = await db.createTable(name, snapshot.tables[name], { mode: "overwrite" });
        this.writers.set(name, fresh);
      }
      await buildIndexes(this.writer("schemes"));
      faultPoint("kb:restore-before-head");
      await this.commitHead(snapshot.kbVersion, snapshot.time);
    });
  }

  /** Which knowledge base this process reads: its version and that version's commit time. */
  get committed(): KbIdentity {
    return { kbVersion: this.kbVersion, time: this.head?.time ?? "" };
  }

  /** Which knowledge base is committed on disk now (another process may have moved it on). */
  committedOnDisk(): KbIdentity {
    const head = this.readHead();
    return { kbVersion: head?.kbVersion ?? 0, time: head?.time ?? "" };
  }

  /**
   * Moves this process's readers to the version committed on disk by another process (a restore, a fetched
   * snapshot), all tables at once. Answers whether there was anything to move to.
   */
  refresh(): Promise<boolean> {
    const run = this.writing.then(async () => {
      const head = this.readHead();
      if (!head || sameHead(head, this.head)) return false;
      this.db ??= await lancedb.connect(join(this.dir, "lance"));
      // read before anything is switched (a table that cannot be opened leaves this process where it was),
      // then switched in one step: no reader sees the new version's number with the old one's records
      const { tables } = await this.openTables(head, false);
      const meta = await readFactRows(tables.get("schemes"));
      this.head = head;
      this.tables = tables;
      this.facts.set(meta);
      this.pin();
      this.readersMoved();
      return true;
    });
    this.writing = run.catch(() => undefined);
    return run;
  }

  /** Whether the schemes table carries embeddings (vector search possible). */
  async hasVectors(): Promise<boolean> {
    const schemes = this.table("schemes");
    if (!schemes) return false;
    return (await schemes.schema()).fields.some((f) => f.name === "vector");
  }

  rawSchemesTable(): lancedb.Table | undefined {
    return this.table("schemes");
  }

  close(): void {
    this.closed = true;
    this.indexing.stop();
    this.pins.unpin();
    for (const t of this.tables.values()) t.close();
    this.tables.clear();
    this.db?.close();
  }
}
