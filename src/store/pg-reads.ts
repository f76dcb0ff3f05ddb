// What the console reads from the cluster's PostgreSQL: a page of calls, the overview's figures and a page
// of the audit log, over every node's calls and entries. The same filters and the same arithmetic as the
// embedded store's (filters.ts, call-stats.ts); only the SQL's dialect differs.
import type pg from "pg";
import { auditEntry, type AuditFilter, type AuditPage, type AuditRow } from "./audit.js";
import { statsFrom, type CallStats, type StatsGroup, type StatsQuery, type StatsReply } from "./call-stats.js";
import { summary, SUMMARY_COLUMNS, type CallFilter, type CallPage, type CallRow } from "./calls.js";
import { auditConditions, callConditions, PG_PLACEHOLDER, whereOf, type Condition } from "./filters.js";

/** How many rows match, and a page of them: `select` is the query without WHERE, `order` what follows it. */
async function page<R extends pg.QueryResultRow>(pool: pg.Pool, table: string, select: string, order: string, conditions: Condition[], limit: number, offset: number): Promise<{ total: number; rows: R[] }> {
  const { clause, values } = whereOf(conditions, PG_PLACEHOLDER);
  const n = values.length;
  const [count, rows] = await Promise.all([
    pool.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE ${clause}`, values),
    pool.query<R>(`${select} FROM ${table} WHERE ${clause} ${order} LIMIT $${n + 1} OFFSET $${n + 2}`, [...values, limit, offset]),
  ]);
  return { total: count.rows[0]!.n, rows: rows.rows };
}

export async function pgCallPage(pool: pg.Pool, filter: CallFilter): Promise<CallPage> {
  const { total, rows } = await page<Omit<CallRow, "states" | "packets">>(pool, "calls", `SELECT ${SUMMARY_COLUMNS}, node`, "ORDER BY started_at DESC, id", callConditions(filter), filter.limit ?? 1000, filter.offset ?? 0);
  return { total, calls: rows.map(summary) };
}

export async function pgAuditPage(pool: pg.Pool, filter: AuditFilter): Promise<AuditPage> {
  const { total, rows } = await page<AuditRow>(pool, "audit", "SELECT *", "ORDER BY seq DESC", auditConditions(filter), filter.limit ?? 100, filter.offset ?? 0);
  return { total, entries: rows.map(auditEntry) };
}

export async function pgCallStats(pool: pg.Pool, q: StatsQuery): Promise<CallStats> {
  // BIGINT division truncates, as SQLite's cast does: a call's bucket is its whole number of widths from the start
  const range = [q.from, q.bucketMs, q.to];
  const [groups, replies] = await Promise.all([
    pool.query<StatsGroup>("SELECT ((started_at - $1) / $2)::int AS b, outcome, lang, mode, COUNT(*)::int AS n FROM calls WHERE started_at >= $1 AND started_at < $3 GROUP BY 1, outcome, lang, mode", range),
    // rows as arrays: a month has tens of thousands of replies
    pool.query<StatsReply>({
      text: "SELECT ((c.started_at + t.at_ms - $1) / $2)::int AS b, t.voice_to_voice_ms AS v, t.action FROM calls c JOIN turns t ON t.call_id = c.id AND t.role = 'sahayak' WHERE c.started_at >= $1 AND c.started_at < $3",
      values: range,
      rowMode: "array",
    }),
  ]);
  return statsFrom(q, groups.rows, replies.rows);
}
