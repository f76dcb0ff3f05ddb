// Reading records back: current ones whole from the schemes table, and the knowledge base's append-only log,
// the commits table (one row per version) and the history table (every version of every record), up to the
// version a reader has committed.
import type * as lancedb from "@lancedb/lancedb";
import type { SchemeRecord } from "./schema.js";
import { sqlString } from "./tables.js";
import type { CommitOp, HistoryEntry, KbCommit } from "./store-types.js";

/** Records fetched per query when a whole version is read back. */
const STATE_CHUNK = 200;

/** The current records of these ids (one query; ids not there are left out), in the table's order. */
export async function readCurrentRecords(schemes: lancedb.Table, ids: readonly string[]): Promise<SchemeRecord[]> {
  const rows = await schemes.query().where(`schemeId IN (${ids.map(sqlString).join(",")})`).select(["schemeId", "doc"]).toArray();
  return rows.map((r) => JSON.parse(String(r.doc)) as SchemeRecord);
}

export async function readCommits(commits: lancedb.Table, upTo: number): Promise<KbCommit[]> {
  const rows = await commits.query().toArray();
  return rows
    .map((r) => ({
      version: Number(r.version),
      time: String(r.time),
      actor: String(r.actor),
      reason: String(r.reason),
      op: String(r.op) as CommitOp,
      added: JSON.parse(String(r.added)) as string[],
      updated: JSON.parse(String(r.updated)) as string[],
      deleted: JSON.parse(String(r.deleted)) as string[],
    }))
    .filter((c) => c.version <= upTo)
    .sort((a, b) => a.version - b.version);
}

/** Every version of one record up to `upTo`, oldest first. */
export async function readHistory(history: lancedb.Table, id: string, upTo: number): Promise<HistoryEntry[]> {
  const rows = await history
    .query()
    .where(`schemeId = ${sqlString(id)} AND kbVersion <= ${upTo}`)
    .select(["schemeId", "kbVersion", "op", "hash", "time", "actor", "reason"])
    .toArray();
  return rows
    .map((r) => ({
      schemeId: String(r.schemeId),
      kbVersion: Number(r.kbVersion),
      op: String(r.op) as HistoryEntry["op"],
      hash: String(r.hash),
      time: String(r.time),
      actor: String(r.actor),
      reason: String(r.reason),
    }))
    .sort((a, b) => a.kbVersion - b.kbVersion);
}

/** A record as it stood at version `at` (undefined if it did not exist then, or was deleted). */
export async function readRecordAt(history: lancedb.Table, id: string, at: number): Promise<SchemeRecord | undefined> {
  const rows = await history
    .query()
    .where(`schemeId = ${sqlString(id)} AND kbVersion <= ${at}`)
    .select(["kbVersion", "doc"])
    .toArray();
  const latest = rows.sort((a, b) => Number(b.kbVersion) - Number(a.kbVersion))[0];
  return latest?.doc ? (JSON.parse(String(latest.doc)) as SchemeRecord) : undefined;
}

/** The whole knowledge base (or one record of it) as it stood at version `at`: id → record. */
export async function readStateAt(history: lancedb.Table, at: number, onlyId?: string): Promise<Map<string, SchemeRecord>> {
  const out = new Map<string, SchemeRecord>();
  let filter = `kbVersion <= ${at}`;
  if (onlyId) filter += ` AND schemeId = ${sqlString(onlyId)}`;
  const rows = await history.query().where(filter).select(["schemeId", "kbVersion"]).toArray();
  const latest = new Map<string, number>();
  for (const r of rows) {
    const id = String(r.schemeId);
    const v = Number(r.kbVersion);
    if ((latest.get(id) ?? -1) < v) latest.set(id, v);
  }
  const wanted = [...latest.entries()];
  for (let i = 0; i < wanted.length; i += STATE_CHUNK) {
    const chunk = wanted.slice(i, i + STATE_CHUNK);
    const where = chunk.map(([id, v]) => `(schemeId = ${sqlString(id)} AND kbVersion = ${v})`).join(" OR ");
    const docs = await history.query().where(where).select(["schemeId", "doc"]).toArray();
    for (const d of docs) if (d.doc) out.set(String(d.schemeId), JSON.parse(String(d.doc)) as SchemeRecord);
  }
  return out;
}
