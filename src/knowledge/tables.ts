// The knowledge base's LanceDB tables as stored: their Arrow schemas, the columns read back into the
// in-memory scheme index, and quoting for LanceDB filters.
import { Field, FixedSizeList, Float32, Float64, Int32, Schema, Utf8 } from "apache-arrow";
import { FTS_COLUMNS } from "./rows.js";

/** The small per-scheme facts kept in memory for name matching, filters and listing. */
export interface SchemeMeta {
  schemeId: string;
  name: string;
  nameHi: string;
  shortTitle: string;
  aliases: string[];
  level: string;
  state: string;
  states: string[];
  categories: string[];
  beneficiaries: string[];
  detailLevel: string;
  prior: number;
  duplicates: string[];
}

/** A scheme's name as said in a language: its Hindi name for Hindi when the record has one, else the name. */
export function schemeNameIn(scheme: Pick<SchemeMeta, "name" | "nameHi">, lang: string): string {
  return lang === "hi" && scheme.nameHi ? scheme.nameHi : scheme.name;
}

export const TABLES = ["schemes", "history", "commits"] as const;
export type TableName = (typeof TABLES)[number];

const utf8 = (name: string, nullable = false): Field => new Field(name, new Utf8(), nullable);

export function schemesSchema(vectorDim: number | null): Schema {
  const fields = [
    utf8("schemeId"),
    utf8("hash"),
    new Field("kbVersion", new Int32(), false),
    utf8("doc"),
    utf8("name_en"),
    utf8("name_hi"),
    utf8("short_title"),
    utf8("aliases"),
    utf8("level"),
    utf8("state"),
    utf8("states"),
    utf8("categories"),
    utf8("beneficiaries"),
    utf8("detail_level"),
    new Field("prior", new Float64(), false),
    utf8("duplicates"),
    ...Object.keys(FTS_COLUMNS.en).map((c) => utf8(c)),
    ...Object.keys(FTS_COLUMNS.hi).map((c) => utf8(c)),
  ];
  if (vectorDim) fields.push(new Field("vector", new FixedSizeList(vectorDim, new Field("item", new Float32(), true)), true));
  return new Schema(fields);
}

export const historySchema = new Schema([
  utf8("schemeId"),
  new Field("kbVersion", new Int32(), false),
  utf8("op"),
  utf8("hash"),
  utf8("doc", true),
  utf8("time"),
  utf8("actor"),
  utf8("reason"),
]);

export const commitsSchema = new Schema([
  new Field("version", new Int32(), false),
  utf8("time"),
  utf8("actor"),
  utf8("reason"),
  utf8("op"),
  utf8("added"),
  utf8("updated"),
  utf8("deleted"),
]);

/** SQL string literal for a LanceDB filter. Scheme ids are validated slugs, but quote anyway. */
export const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

export const META_COLUMNS = ["schemeId", "name_en", "name_hi", "short_title", "aliases", "level", "state", "states", "categories", "beneficiaries", "detail_level", "prior", "duplicates"];

const splitDelimited = (s: string): string[] => s.split("|").filter(Boolean);

export function rowToMeta(r: Record<string, unknown>): SchemeMeta {
  return {
    schemeId: String(r.schemeId),
    name: String(r.name_en),
    nameHi: String(r.name_hi ?? ""),
    shortTitle: String(r.short_title ?? ""),
    aliases: JSON.parse(String(r.aliases || "[]")) as string[],
    level: String(r.level ?? ""),
    state: String(r.state ?? ""),
    states: splitDelimited(String(r.states ?? "")),
    categories: splitDelimited(String(r.categories ?? "")),
    beneficiaries: splitDelimited(String(r.beneficiaries ?? "")),
    detailLevel: String(r.detail_level ?? ""),
    prior: Number(r.prior ?? 0),
    duplicates: splitDelimited(String(r.duplicates ?? "")),
  };
}


/**
 * What is wrong with a whole knowledge base copied in from elsewhere (a backup, a snapshot published by
 * another node) before it replaces this one: a table without the columns it must have, or a commit log
 * that does not end at the version it claims.
 */
export function snapshotProblems(kbVersion: number, tables: Record<TableName, { schema: { fields: { name: string }[] }; getChild(name: string): Iterable<unknown> | null }>): string[] {
  const problems: string[] = [];
  const required: Record<TableName, Schema> = { schemes: schemesSchema(null), history: historySchema, commits: commitsSchema };
  for (const name of TABLES) {
    const present = new Set(tables[name].schema.fields.map((f) => f.name));
    const missing = required[name].fields.map((f) => f.name).filter((column) => !present.has(column));
    if (missing.length) problems.push(`its ${name} table lacks the column(s) ${missing.slice(0, 5).join(", ")}`);
  }
  if (problems.length) return problems;
  const versions = [...(tables.commits.getChild("version") ?? [])].map(Number);
  const latest = versions.length ? Math.max(...versions) : 0;
  if (latest !== kbVersion) problems.push(`its commit log ends at version ${latest}, its head says ${kbVersion}`);
  return problems;
}
