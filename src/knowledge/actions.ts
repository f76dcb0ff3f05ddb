// The knowledge-base changes a person makes, one function per action, shared by the CLI (`sahayak kb ...`)
// and the console, so both validate, version and audit alike. Each change is one new version, then one
// audit entry; nothing is written when validation fails.
import { diffValues, type FieldChange } from "./diff.js";
import { recordHash } from "./rows.js";
import type { SchemeRecord } from "./schema.js";
import { KbError, type ChangeSet, type CommitOp, type CommitResult, type KnowledgeStore, type ProgressFn } from "./store.js";
import { validateRecord, type Problem, type ValidationLimits } from "./validate.js";

/** Appends one administrative action to the audit log (the store's, for the CLI and the console alike). */
export type AuditSink = (action: string, target: string | null, details?: unknown) => void | Promise<void>;

export interface ActionContext {
  store: KnowledgeStore;
  /** Who is making the change. */
  actor: string;
  audit: AuditSink;
  limits: ValidationLimits;
}

/** A record that fails validation: every problem, with its field path. Nothing was changed. */
export class KbValidationError extends KbError {
  constructor(
    message: string,
    readonly problems: Problem[],
  ) {
    super(message, "invalid");
  }
}

/** Ids are listed for a change of a few schemes; an import of thousands is counted. */
const AUDIT_MAX_IDS = 50;

/** Applies a change set as a new version, then appends it to the audit log. */
export async function applyAudited(ctx: ActionContext, changes: ChangeSet, meta: { op: CommitOp; reason: string }, onProgress?: ProgressFn): Promise<CommitResult> {
  const result = await ctx.store.apply(changes, { actor: ctx.actor, reason: meta.reason, op: meta.op }, onProgress);
  if (result.created) {
    const ids = (list: string[]) => (list.length <= AUDIT_MAX_IDS ? list : list.length);
    await ctx.audit(`kb.${meta.op}`, `knowledge base v${result.version}`, { reason: meta.reason, added: ids(result.added), updated: ids(result.updated), deleted: ids(result.deleted) });
  }
  return result;
}

/** "benefits.en[0]" → ["benefits", "en", 0] */
export function parseFieldPath(path: string): (string | number)[] {
  const parts: (string | number)[] = [];
  for (const piece of path.split(".")) {
    const m = /^([^[\]]+)((?:\[\d+\])*)$/.exec(piece);
    if (!m) throw new KbError(`bad field path "${path}": use dots and [index], e.g. benefits.en[0]`, "invalid");
    parts.push(m[1]!);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) parts.push(Number(idx[1]));
  }
  return parts;
}

export function setPath(target: Record<string, unknown>, path: (string | number)[], value: unknown): void {
  let node: unknown = target;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    const next = (node as Record<string | number, unknown>)[key];
    if (next === undefined || next === null) {
      const created = typeof path[i + 1] === "number" ? [] : {};
      (node as Record<string | number, unknown>)[key] = created;
      node = created;
    } else node = next;
    if (typeof node !== "object") throw new KbError(`cannot set ${path.join(".")}: ${String(key)} is not an object or list`, "invalid");
  }
  (node as Record<string | number, unknown>)[path[path.length - 1]!] = value;
}

/** Validates one record as `kb update` does; throws KbValidationError with every problem. */
export function validSchemeRecord(value: unknown, limits: ValidationLimits, what: string): SchemeRecord {
  const problems: Problem[] = [];
  const record = validateRecord(value, 0, limits, { add: (p) => problems.push(p) });
  if (!record) throw new KbValidationError(`${what}: ${problems.length} problem${problems.length === 1 ? "" : "s"} found; nothing was changed`, problems);
  return record;
}

/** A change to one scheme: fields set by path (`--set benefits.en[0]=...`), or the whole new record. */
export type SchemeEdit = { set: { path: string; value: unknown }[] } | { record: unknown };

export interface UpdateOptions {
  reason?: string;
  /** Refuse the change if the knowledge base moved past this version since the editor read the scheme. */
  baseVersion?: number;
}

/** `kb update`: validates the edited record and makes it a new version. */
export async function updateScheme(ctx: ActionContext, id: string, edit: SchemeEdit, options: UpdateOptions = {}): Promise<CommitResult> {
  const current = await ctx.store.get(id);
  if (!current) throw new KbError(`scheme "${id}" is not in the knowledge base`, "not_found");
  if (options.baseVersion !== undefined && options.baseVersion !== ctx.store.kbVersion) {
    const history = await ctx.store.history(id);
    const last = history.at(-1);
    if (last && last.kbVersion > options.baseVersion) throw new KbError(`scheme "${id}" was changed at version ${last.kbVersion} by ${last.actor} since you opened it (version ${options.baseVersion}); reload it and make your change again`, "conflict");
  }
  let next: SchemeRecord;
  if ("record" in edit) {
    next = validSchemeRecord(edit.record, ctx.limits, `update of ${id}`);
  } else {
    if (!edit.set.length) throw new KbError("nothing to change: give at least one field", "invalid");
    const draft = structuredClone(current) as unknown as Record<string, unknown>;
    for (const { path, value } of edit.set) setPath(draft, parseFieldPath(path), value);
    next = validSchemeRecord(draft, ctx.limits, `update of ${id}`);
  }
  if (next.schemeId !== id) throw new KbValidationError("schemeId cannot be changed; add the scheme under its new id and delete the old one", [{ line: 0, schemeId: id, path: "schemeId", reason: "cannot be changed" }]);
  return applyAudited(ctx, { upserts: [next], deletes: [] }, { op: "update", reason: options.reason ?? `update of ${id}` });
}

export interface ImportPreview {
  records: number;
  added: string[];
  updated: { schemeId: string; changes: FieldChange[] }[];
  unchanged: number;
  /** The version the preview was made against. */
  version: number;
}

/** What importing these (valid) records would change, field by field; changes nothing. */
export async function previewImport(store: KnowledgeStore, records: SchemeRecord[]): Promise<ImportPreview> {
  const hashes = await store.hashes();
  const added = records.filter((r) => !hashes.has(r.schemeId)).map((r) => r.schemeId);
  const changed = records.filter((r) => hashes.has(r.schemeId) && hashes.get(r.schemeId) !== recordHash(r));
  const before = await store.getMany(changed.map((r) => r.schemeId));
  const updated = changed.map((r) => ({ schemeId: r.schemeId, changes: diffValues(before.get(r.schemeId) ?? null, r) }));
  return { records: records.length, added, updated, unchanged: records.length - added.length - updated.length, version: store.kbVersion };
}

/** `kb import`: adds or updates every record as one version. */
export function importRecords(ctx: ActionContext, records: SchemeRecord[], reason: string, onProgress?: ProgressFn): Promise<CommitResult> {
  return applyAudited(ctx, { upserts: records, deletes: [] }, { op: "import", reason }, onProgress);
}

/** `kb add`: new schemes only. */
export function addSchemes(ctx: ActionContext, records: SchemeRecord[], reason: string): Promise<CommitResult> {
  const existing = records.filter((r) => ctx.store.has(r.schemeId)).map((r) => r.schemeId);
  if (existing.length) throw new KbError(`already in the knowledge base: ${existing.join(", ")}; use \`sahayak kb update\` to change them`, "conflict");
  return applyAudited(ctx, { upserts: records, deletes: [] }, { op: "add", reason });
}

/** `kb delete`: the scheme leaves the current version; its history stays. */
export function deleteScheme(ctx: ActionContext, id: string, reason: string): Promise<CommitResult> {
  return applyAudited(ctx, { upserts: [], deletes: [id] }, { op: "delete", reason });
}

/** `kb rollback`: a new version equal to version `to`, for the whole knowledge base or one scheme. */
export async function rollback(ctx: ActionContext, to: number, id?: string, reason?: string): Promise<CommitResult> {
  const store = ctx.store;
  if (to > store.kbVersion) throw new KbError(`version ${to} does not exist (the latest is ${store.kbVersion}); see \`sahayak kb versions\``, "not_found");
  const target = await store.stateAt(to, id);
  const current = await store.hashes();
  const upserts = [...target.values()].filter((r) => current.get(r.schemeId) !== recordHash(r));
  const deletes = [...current.keys()].filter((k) => !target.has(k) && (!id || k === id));
  if (id && !target.has(id) && !current.has(id)) throw new KbError(`scheme "${id}" exists neither now nor at version ${to}`, "not_found");
  return applyAudited(ctx, { upserts, deletes }, { op: "rollback", reason: reason ?? `rollback${id ? ` of ${id}` : ""} to version ${to}` });
}

export interface SchemeDiff {
  schemeId: string;
  from: number;
  to: number;
  changes: FieldChange[];
}

/** `kb diff`: what changed in one scheme between two versions. */
export async function schemeDiff(store: KnowledgeStore, id: string, from: number, to: number): Promise<SchemeDiff> {
  for (const v of [from, to]) if (v > store.kbVersion) throw new KbError(`version ${v} does not exist (the latest is ${store.kbVersion}); see \`sahayak kb versions\``, "not_found");
  const before = await store.recordAt(id, from);
  const after = await store.recordAt(id, to);
  if (!before && !after) throw new KbError(`scheme "${id}" existed at neither version ${from} nor ${to}`, "not_found");
  return { schemeId: id, from, to, changes: diffValues(before ?? null, after ?? null) };
}
