// What a change to the knowledge base writes, worked out before anything is written (which records are
// new, changed, gone or the same; their scheme rows with embeddings, history rows and commit row), and
// which old table versions compaction may drop.
import type * as lancedb from "@lancedb/lancedb";
import type { EmbeddingEngine } from "./embedding.js";
import type { Lexicon } from "./lexicon.js";
import { recordHash, recordToRow, type SchemeRow } from "./rows.js";
import type { SchemeRecord } from "./schema.js";
import { KbError, type ChangeSet, type CommitMeta, type ProgressFn } from "./store-types.js";

export interface ChangePlan {
  added: string[];
  updated: string[];
  deleted: string[];
  /** New and changed records, with their content hashes. */
  toWrite: { record: SchemeRecord; hash: string }[];
  unchanged: number;
}

/** Sorts a change set against the current records' hashes; deleting a record that is not there is an error. */
export function planChange(changes: ChangeSet, current: ReadonlyMap<string, string>): ChangePlan {
  const plan: ChangePlan = { added: [], updated: [], deleted: [], toWrite: [], unchanged: 0 };
  for (const record of changes.upserts) {
    const hash = recordHash(record);
    const before = current.get(record.schemeId);
    if (before === hash) {
      plan.unchanged++;
      continue;
    }
    (before === undefined ? plan.added : plan.updated).push(record.schemeId);
    plan.toWrite.push({ record, hash });
  }
  for (const id of changes.deletes) {
    if (!current.has(id)) throw new KbError(`scheme "${id}" is not in the knowledge base`, "not_found");
    plan.deleted.push(id);
  }
  return plan;
}

/** The schemes table's rows of the records a change writes, as of KB version `version`. */
export function schemeRowsOf(toWrite: ChangePlan["toWrite"], version: number, lexicon: Lexicon, onProgress?: ProgressFn): SchemeRow[] {
  const rows: SchemeRow[] = [];
  for (let i = 0; i < toWrite.length; i++) {
    rows.push(recordToRow(toWrite[i]!.record, version, lexicon, toWrite[i]!.hash));
    if (i % 200 === 0) onProgress?.("prepare", i, toWrite.length);
  }
  onProgress?.("prepare", toWrite.length, toWrite.length);
  return rows;
}

/** Fills in each row's vector, `batchSize` passages per call of the embedding engine. */
export async function embedRows(rows: SchemeRow[], embedder: EmbeddingEngine, batchSize: number, onProgress?: ProgressFn): Promise<void> {
  for (let i = 0; i < rows.length; i += batchSize) {
    const chunk = rows.slice(i, i + batchSize);
    const vectors = await embedder.embed(
      chunk.map((r) => `${r.name_en}. ${r.ft_desc_en}`.slice(0, 2000)),
      "passage",
    );
    chunk.forEach((r, k) => (r.vector = Array.from(vectors[k]!)));
    onProgress?.("embed", Math.min(i + batchSize, rows.length), rows.length);
  }
}

/** The commits table's row for one commit (the audit log). */
export function commitRowOf(plan: Pick<ChangePlan, "added" | "updated" | "deleted">, commit: CommitMeta & { version: number; time: string }): Record<string, unknown> {
  return {
    version: commit.version,
    time: commit.time,
    actor: commit.actor,
    reason: commit.reason,
    op: commit.op,
    added: JSON.stringify(plan.added),
    updated: JSON.stringify(plan.updated),
    deleted: JSON.stringify(plan.deleted),
  };
}

/** The history table's rows for one commit: every written record whole, every deletion as a row without one. */
export function historyRowsOf(toWrite: ChangePlan["toWrite"], deleted: string[], current: ReadonlyMap<string, string>, commit: CommitMeta & { version: number; time: string }): Record<string, unknown>[] {
  const { version, time, actor, reason } = commit;
  return [
    ...toWrite.map(({ record, hash }) => ({
      schemeId: record.schemeId,
      kbVersion: version,
      op: current.has(record.schemeId) ? "update" : "add",
      hash,
      doc: JSON.stringify(record),
      time,
      actor,
      reason,
    })),
    ...deleted.map((id) => ({ schemeId: id, kbVersion: version, op: "delete", hash: "", doc: null, time, actor, reason })),
  ];
}

/**
 * Drops each table's versions older than `retention` (ms since the epoch) and merges small files, keeping
 * whatever their age the versions held (committed, or read by a running process) and all newer ones.
 * The caller holds the write lock, so no half-written file of another writer can be mistaken for garbage.
 */
export async function pruneVersions(tables: { table: lancedb.Table; held: ReadonlySet<number> }[], retention: number): Promise<{ versionsRemoved: number; keptInUse: number }> {
  let versionsRemoved = 0;
  let keptInUse = 0;
  for (const { table, held } of tables) {
    const versions = await table.listVersions();
    // a second's margin: listed times are rounded to the millisecond, the cleanup compares finer ones
    const oldestHeld = Math.min(...versions.filter((v) => held.has(v.version)).map((v) => v.timestamp.getTime())) - 1000;
    const cutoff = Math.min(retention, oldestHeld);
    keptInUse += versions.filter((v) => v.timestamp.getTime() >= cutoff && v.timestamp.getTime() < retention).length;
    const stats = await table.optimize({ cleanupOlderThan: new Date(cutoff), deleteUnverified: true });
    versionsRemoved += stats.prune.oldVersionsRemoved;
  }
  return { versionsRemoved, keptInUse };
}
