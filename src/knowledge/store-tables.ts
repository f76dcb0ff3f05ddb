// The knowledge base's LanceDB tables opened at the versions HEAD.json names (restored there for a writer
// when a killed process left them ahead), and created empty for a first import.
import type * as lancedb from "@lancedb/lancedb";
import { TABLES, commitsSchema, historySchema, schemesSchema, type TableName } from "./tables.js";
import type { Head } from "./store-files.js";
import { KbError } from "./store-types.js";

/**
 * Every table at the version `head` names; with `restore`, tables a killed process left ahead are restored
 * to it (their new versions are written into `head.tables`, and `repaired` says HEAD.json must be rewritten).
 * `headPath` names the commit file in the error a missing table gives.
 */
export async function openTablesAt(db: lancedb.Connection, head: Head, restore: boolean, headPath: string): Promise<{ tables: Map<TableName, lancedb.Table>; repaired: boolean }> {
  const tables = new Map<TableName, lancedb.Table>();
  let repaired = false;
  for (const name of TABLES) {
    const committed = head.tables[name];
    const table = await db.openTable(name).catch((err: Error) => {
      throw missingTable(headPath, name, committed, err);
    });
    if ((await table.version()) !== committed) {
      await table.checkout(committed).catch((err: Error) => {
        throw missingTable(headPath, name, committed, err);
      });
      if (restore) {
        await table.restore();
        head.tables[name] = await table.version();
        repaired = true;
      }
    }
    tables.set(name, table);
  }
  return { tables, repaired };
}

/** HEAD names a table, or a version of one, that is not on disk: the tables were damaged or replaced. */
function missingTable(headPath: string, name: TableName, version: number, err: Error): KbError {
  const detail = err.message.split(/[\n,]/)[0]!.slice(0, 200);
  return new KbError(`the knowledge base commit file ${headPath} names version ${version} of table "${name}", which cannot be opened (${detail}); restore the knowledge base directory from a backup`, "io");
}

/** A first import's empty tables; whatever a first import killed before its commit left behind goes first. */
export async function createEmptyTables(db: lancedb.Connection, vectorDimension: number | null): Promise<void> {
  for (const name of await db.tableNames()) await db.dropTable(name);
  await db.createEmptyTable("schemes", schemesSchema(vectorDimension));
  await db.createEmptyTable("history", historySchema);
  await db.createEmptyTable("commits", commitsSchema);
}
