// What readers of the knowledge base ask for without a query: every current scheme's facts (sorted by id),
// its content hash, and a bounded cache of whole records. Set from the schemes table whole when readers move
// to another committed version, or moved on by what a commit of this process wrote.
import type * as lancedb from "@lancedb/lancedb";
import type { SchemeRow } from "./rows.js";
import { META_COLUMNS, rowToMeta, type SchemeMeta } from "./tables.js";
import type { SchemeRecord } from "./schema.js";

/** What a commit changed in the schemes table, for the in-memory facts (none: a rebuild of the same version). */
export interface SchemesChange {
  rows: SchemeRow[];
  deleted: string[];
}
export const NO_CHANGE: SchemesChange = { rows: [], deleted: [] };

const byId = (a: SchemeMeta, b: SchemeMeta) => (a.schemeId < b.schemeId ? -1 : 1);

/**
 * The rows the facts are set from (none for a knowledge base without tables), as plain objects read column by
 * column: a row of arrow's toArray() reads each field through a proxy and a type visitor, several times slower.
 */
export async function readFactRows(schemes: lancedb.Table | undefined): Promise<Record<string, unknown>[]> {
  if (!schemes) return [];
  const table = await schemes.query().select([...META_COLUMNS, "hash"]).toArrow();
  const columns = table.schema.fields.map((f) => [f.name, [...(table.getChild(f.name) ?? [])]] as const);
  return Array.from({ length: table.numRows }, (_, i) => Object.fromEntries(columns.map(([name, values]) => [name, values[i]])));
}

export class SchemeFacts {
  private metaList: SchemeMeta[] = [];
  private metaById = new Map<string, SchemeMeta>();
  private hashById = new Map<string, string>();
  private cache = new Map<string, SchemeRecord>();

  /** @param cacheSize whole records kept (knowledge.search.recordCacheSize) */
  constructor(private readonly cacheSize: number) {}

  /** The facts of a whole committed version (rows from readFactRows); the record cache starts empty. */
  set(rows: Record<string, unknown>[]): void {
    this.metaList = rows.map((r) => rowToMeta(r));
    this.metaList.sort(byId);
    this.metaById = new Map(this.metaList.map((m) => [m.schemeId, m]));
    this.hashById = new Map(rows.map((r) => [String(r.schemeId), String(r.hash)]));
    this.cache.clear();
  }

  /** The facts moved on by what a commit of this process wrote (not read back whole). */
  update(change: SchemesChange): void {
    if (!change.rows.length && !change.deleted.length) return;
    for (const id of [...change.deleted, ...change.rows.map((r) => r.schemeId)]) {
      this.metaById.delete(id);
      this.hashById.delete(id);
      this.cache.delete(id);
    }
    for (const row of change.rows) {
      this.metaById.set(row.schemeId, rowToMeta(row as unknown as Record<string, unknown>));
      this.hashById.set(row.schemeId, row.hash);
    }
    this.metaList = [...this.metaById.values()].sort(byId);
  }

  /** Every current scheme's facts, sorted by id. */
  get list(): readonly SchemeMeta[] {
    return this.metaList;
  }
  meta(id: string): SchemeMeta | undefined {
    return this.metaById.get(id);
  }
  has(id: string): boolean {
    return this.metaById.has(id);
  }
  /** Content hash of every current record (a copy). */
  hashes(): Map<string, string> {
    return new Map(this.hashById);
  }

  cached(id: string): SchemeRecord | undefined {
    return this.cache.get(id);
  }
  /** Keeps a record read whole; the oldest one kept goes when the cache is full. */
  remember(record: SchemeRecord): void {
    if (this.cache.size >= this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(record.schemeId, record);
  }
}
