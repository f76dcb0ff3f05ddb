// The audit log: every administrative action (knowledge-base change, config change, purge, export),
// appended with time, actor and what changed. The table refuses updates and deletes (triggers).
import { createHash } from "node:crypto";
import { redactDeep } from "../ops/redact.js";
import type { Db } from "./db.js";
import { auditConditions, SQLITE_PLACEHOLDER, whereOf } from "./filters.js";

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  details: unknown;
  /** The cluster node it was done on (PostgreSQL). */
  node?: string;
}

/** Entries at [from, to) by this actor, whose action starts with `action` (e.g. "kb." or "login"), on this target. */
export interface AuditFilter {
  from?: number;
  to?: number;
  actor?: string;
  action?: string;
  target?: string;
  limit?: number;
  offset?: number;
}

/** A page of the entries a filter matches, and how many match in all. */
export interface AuditPage {
  total: number;
  entries: AuditEntry[];
}

export interface AuditRow {
  seq: number;
  at: number;
  actor: string;
  action: string;
  target: string | null;
  details: string | null;
  node?: string | null;
}

export class AuditLog {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  append(actor: string, action: string, target: string | null, details?: unknown): void {
    this.db.prepare("INSERT INTO audit (at, actor, action, target, details) VALUES (?, ?, ?, ?, ?)").run(this.now(), actor, action, target, details === undefined ? null : JSON.stringify(redactDeep(details)));
  }

  list(since = 0, limit = 10_000): AuditEntry[] {
    return this.db.prepare<[number, number], AuditRow>("SELECT * FROM audit WHERE at >= ? ORDER BY seq LIMIT ?").all(since, limit).map(auditEntry);
  }

  /** A page of the entries a filter matches, newest first, and how many match in all. */
  query(filter: AuditFilter): AuditPage {
    const { clause, values } = whereOf(auditConditions(filter), SQLITE_PLACEHOLDER);
    const total = this.db.prepare<(string | number)[], { n: number }>(`SELECT COUNT(*) AS n FROM audit WHERE ${clause}`).get(...values)!.n;
    const rows = this.db.prepare<(string | number)[], AuditRow>(`SELECT * FROM audit WHERE ${clause} ORDER BY seq DESC LIMIT ? OFFSET ?`).all(...values, filter.limit ?? 100, filter.offset ?? 0);
    return { total, entries: rows.map(auditEntry) };
  }

  /**
   * Appends a "config.change" entry naming the settings that differ from the last config recorded
   * (nothing when none do). Only a digest of each value is kept, never the value: settings hold the ARI
   * password and numbers on the allow-list.
   */
  recordConfig(config: unknown, actor: string): string[] {
    const current = flatten(config);
    const changed = changedSettings(current, this.db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'config'").get()?.value);
    if (!changed.length) return [];
    this.db.transaction(() => {
      this.append(actor, "config.change", null, { changed });
      this.db.prepare("INSERT INTO meta (key, value) VALUES ('config', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(JSON.stringify(current));
    })();
    return changed;
  }
}

export function auditEntry(r: AuditRow): AuditEntry {
  return { seq: r.seq, at: new Date(r.at).toISOString(), actor: r.actor, action: r.action, target: r.target, details: r.details ? JSON.parse(r.details) : null, ...(r.node ? { node: r.node } : {}) };
}

/** The settings whose digests differ from those recorded last (stored as JSON), or "(first start)". */
export function changedSettings(current: Record<string, string>, previousJson: string | undefined): string[] {
  const previous = previousJson ? (JSON.parse(previousJson) as Record<string, string>) : undefined;
  return previous ? [...new Set([...Object.keys(previous), ...Object.keys(current)])].filter((k) => previous[k] !== current[k]).sort() : ["(first start)"];
}

/** {a: {b: 1}} → {"a.b": digest of 1}; an array is one value. */
export function flatten(value: unknown, prefix = "", out: Record<string, string> = {}): Record<string, string> {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out[prefix] = createHash("sha256").update(JSON.stringify(value) ?? "undefined").digest("base64url").slice(0, 16);
  return out;
}
