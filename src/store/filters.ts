// The console's filters (calls by date, outcome, language and mode; the audit log by date, actor, action and
// target) as SQL conditions both databases read alike: only the placeholder differs (SQLite's ?, PostgreSQL's $n).
import type { AuditFilter } from "./audit.js";
import type { CallFilter } from "./calls.js";

/** One condition of a WHERE clause: its SQL around the placeholder of its value. */
export interface Condition {
  sql: (placeholder: string) => string;
  value: string | number;
}

type Placeholder = (n: number) => string;
export const SQLITE_PLACEHOLDER: Placeholder = () => "?";
export const PG_PLACEHOLDER: Placeholder = (n) => `$${n}`;

/** The conditions as one WHERE clause (without the word) and their values in order; numbering starts at 1. */
export function whereOf(conditions: readonly Condition[], placeholder: Placeholder): { clause: string; values: (string | number)[] } {
  return { clause: conditions.map((c, i) => c.sql(placeholder(i + 1))).join(" AND "), values: conditions.map((c) => c.value) };
}

/** A condition for each part of the filter that was given (an empty string is not given). */
function conditions(parts: [sql: (p: string) => string, value: string | number | undefined][]): Condition[] {
  return parts.filter((p): p is [(p: string) => string, string | number] => p[1] !== undefined && p[1] !== "").map(([sql, value]) => ({ sql, value }));
}

export function callConditions(filter: CallFilter): Condition[] {
  return conditions([
    [(p) => `started_at >= ${p}`, filter.from ?? 0],
    [(p) => `started_at < ${p}`, filter.to],
    [(p) => `outcome = ${p}`, filter.outcome],
    [(p) => `lang = ${p}`, filter.lang],
    [(p) => `mode = ${p}`, filter.mode],
  ]);
}

export function auditConditions(filter: AuditFilter): Condition[] {
  return conditions([
    [(p) => `at >= ${p}`, filter.from ?? 0],
    [(p) => `at < ${p}`, filter.to],
    [(p) => `actor = ${p}`, filter.actor],
    // a prefix: LIKE with its wildcards escaped
    [(p) => `action LIKE ${p} ESCAPE '\\'`, filter.action && `${filter.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`],
    [(p) => `target = ${p}`, filter.target],
  ]);
}
