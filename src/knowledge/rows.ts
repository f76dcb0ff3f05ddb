// How a scheme record is laid out in the LanceDB `schemes` table: the record itself as JSON, the text
// columns that carry full-text indexes, and the small columns used for filters and ranking.
import { createHash } from "node:crypto";
import type { Lexicon } from "./lexicon.js";
import type { SchemeRecord } from "./schema.js";

/** Full-text columns: English ones use an English stemmer, Hindi ones the ICU word segmenter. */
export const FTS_COLUMNS = {
  en: {
    ft_name_en: 4.0,
    ft_tags_en: 1.5,
    ft_desc_en: 1.0,
    ft_elig_en: 0.8,
    ft_benefits_en: 0.8,
  },
  hi: {
    ft_name_hi: 4.0,
    ft_desc_hi: 1.0,
    ft_elig_hi: 0.8,
    ft_benefits_hi: 0.8,
  },
} as const;
export type FtsColumn = keyof (typeof FTS_COLUMNS)["en"] | keyof (typeof FTS_COLUMNS)["hi"];

/** Which record field each full-text column stands for, for "which fields matched". */
export const FTS_FIELD: Record<FtsColumn, string> = {
  ft_name_en: "name",
  ft_tags_en: "tags",
  ft_desc_en: "description",
  ft_elig_en: "eligibility",
  ft_benefits_en: "benefits",
  ft_name_hi: "name",
  ft_desc_hi: "description",
  ft_elig_hi: "eligibility",
  ft_benefits_hi: "benefits",
};

export interface SchemeRow {
  schemeId: string;
  hash: string;
  kbVersion: number;
  doc: string;
  name_en: string;
  name_hi: string;
  short_title: string;
  aliases: string;
  level: string;
  state: string;
  /** "|Kerala|" or "|All|": delimited so a filter can use LIKE '%|Kerala|%'. */
  states: string;
  categories: string;
  beneficiaries: string;
  detail_level: string;
  prior: number;
  /** Other slugs the data flags as the same scheme ("|pmsym|"). */
  duplicates: string;
  ft_name_en: string;
  ft_tags_en: string;
  ft_desc_en: string;
  ft_elig_en: string;
  ft_benefits_en: string;
  ft_name_hi: string;
  ft_desc_hi: string;
  ft_elig_hi: string;
  ft_benefits_hi: string;
  vector?: number[];
}

/** Canonical JSON (keys sorted) so that an unchanged record always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function recordHash(record: SchemeRecord): string {
  return createHash("sha256").update(canonicalJson(record)).digest("hex").slice(0, 32);
}

const join = (parts: (string | null | undefined)[]): string => parts.filter((p): p is string => !!p && p.trim() !== "").join("\n");
const delimited = (values: string[]): string => (values.length ? `|${values.join("|")}|` : "");

/**
 * How useful a scheme is to a typical caller when the words alone do not decide: nationwide schemes with
 * full detail (and myScheme's own Hindi, which it gives its flagship schemes) come first.
 */
export function usefulnessPrior(record: SchemeRecord): number {
  let prior = 0;
  if (record.level === "central") prior += 0.45;
  if (record.detailLevel === "full") prior += 0.35;
  else if (record.detailLevel === "partial") prior += 0.15;
  if (record.languages.includes("hi")) prior += 0.2;
  // between two captures of one scheme, the richer record answers more questions
  if (record.faqs.length > 0) prior += 0.1;
  if ((record.documents.en?.length ?? 0) >= 5) prior += 0.05;
  return prior;
}

/** All names a scheme goes by: the record's own and the curated spoken ones. */
export function aliasesOf(record: SchemeRecord, lexicon: Lexicon): string[] {
  const own = Object.values(record.aliases ?? {}).flat();
  return [...own, ...(lexicon.curatedAliases[record.schemeId] ?? [])];
}

export function recordToRow(record: SchemeRecord, kbVersion: number, lexicon: Lexicon, hash = recordHash(record)): SchemeRow {
  const aliases = aliasesOf(record, lexicon);
  const beneficiaryText = join([
    record.name.en,
    record.tags.join(", "),
    record.categoryLabels.join(", "),
    (record.targetBeneficiaries ?? []).join(", "),
    (record.eligibility.criteria.en ?? []).slice(0, 6).join(" "),
    record.description.en,
  ]);
  return {
    schemeId: record.schemeId,
    hash,
    kbVersion,
    doc: JSON.stringify(record),
    name_en: record.name.en,
    name_hi: record.name.hi ?? "",
    short_title: record.shortTitle ?? "",
    aliases: JSON.stringify(aliases),
    level: record.level ?? "",
    state: record.state ?? "",
    states: delimited(record.applicableStates),
    categories: delimited([...record.categories, ...record.categoryLabels]),
    beneficiaries: delimited(lexicon.beneficiariesIn(beneficiaryText)),
    detail_level: record.detailLevel,
    prior: usefulnessPrior(record),
    duplicates: delimited(
      record.qualityFlags
        .filter((f) => f.type === "possible_duplicate_slug" || f.type === "same_name_as")
        .map((f) => String((f as { otherSlug?: unknown }).otherSlug ?? ""))
        .filter(Boolean),
    ),
    ft_name_en: join([record.name.en, record.shortTitle, ...aliases.filter((a) => !/[\u0900-\u097f]/.test(a))]),
    ft_tags_en: join([...record.tags, ...record.categoryLabels, ...(record.subCategories ?? []), ...(record.targetBeneficiaries ?? [])]),
    ft_desc_en: join([record.description.en, record.detailedDescription?.en]),
    ft_elig_en: join([...(record.eligibility.criteria.en ?? []), ...(record.eligibility.exclusions.en ?? [])]),
    ft_benefits_en: join(record.benefits.en ?? []),
    ft_name_hi: join([record.name.hi, record.departmentHi, ...aliases.filter((a) => /[\u0900-\u097f]/.test(a))]),
    ft_desc_hi: join([record.description.hi, record.detailedDescription?.hi]),
    ft_elig_hi: join([...(record.eligibility.criteria.hi ?? []), ...(record.eligibility.exclusions.hi ?? [])]),
    ft_benefits_hi: join(record.benefits.hi ?? []),
  };
}
