// The schemes table's indexes: a btree on the id, and a full-text index per searchable column (English
// columns stemmed, Hindi ones split by ICU), always rebuilt whole so every build scores alike.
import * as lancedb from "@lancedb/lancedb";
import { FTS_COLUMNS } from "./rows.js";

/** The full-text indexes, one per column, as LanceDB names them. */
const FTS_INDEXES = [...Object.keys(FTS_COLUMNS.en), ...Object.keys(FTS_COLUMNS.hi)].map((column) => `${column}_idx`);

/** Rows of the schemes table outside its full-text indexes; undefined when an index is missing. */
export async function unindexedRows(schemes: lancedb.Table): Promise<number | undefined> {
  const stats = await Promise.all(FTS_INDEXES.map((name) => schemes.indexStats(name)));
  if (stats.some((s) => !s)) return undefined;
  return Math.max(...stats.map((s) => s!.numUnindexedRows));
}

export async function buildIndexes(schemes: lancedb.Table): Promise<void> {
  await schemes.createIndex("schemeId", { replace: true, config: lancedb.Index.btree() });
  for (const column of Object.keys(FTS_COLUMNS.en)) {
    await schemes.createIndex(column, {
      replace: true,
      config: lancedb.Index.fts({ baseTokenizer: "simple", language: "English", stem: true, removeStopWords: true, asciiFolding: true, lowercase: true, withPosition: false }),
    });
  }
  for (const column of Object.keys(FTS_COLUMNS.hi)) {
    await schemes.createIndex(column, {
      replace: true,
      config: lancedb.Index.fts({ baseTokenizer: "icu", stem: false, removeStopWords: false, asciiFolding: false, lowercase: true, withPosition: false }),
    });
  }
}
