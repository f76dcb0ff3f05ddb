// The shape of one scheme record, as ../shared/data/schemes.jsonl has it (myScheme captures) plus
// the optional `aliases` a sysadmin may add. Text that a caller may hear is multilingual: {en, hi?, ...}.
import { z } from "zod";

/** Language codes a record may carry: English and the 22 scheduled languages of India. */
export const LANGUAGE_CODES = [
  "en", "hi", "bn", "gu", "kn", "ml", "mr", "pa", "or", "ta", "te", "as", "ne", "ur",
  "sa", "kok", "mai", "sd", "ks", "doi", "mni", "brx", "sat",
] as const;
export type LanguageCode = (typeof LANGUAGE_CODES)[number];
const languageSet = new Set<string>(LANGUAGE_CODES);

export const SCHEME_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,127}$/;

function checkLanguageKeys(value: Record<string, unknown>, ctx: z.RefinementCtx): void {
  for (const key of Object.keys(value)) {
    if (!languageSet.has(key)) {
      ctx.addIssue({
        code: "custom",
        path: [key],
        message: `unknown language code "${key}" (expected one of ${LANGUAGE_CODES.join(", ")})`,
      });
    }
  }
}

export type LangText = Record<string, string> & { en: string };
export type LangList = Record<string, string[]>;

const nonBlank = z.string().refine((s) => s.trim().length > 0, "must not be empty");

/** `{en: "...", hi?: "...", ...}`: English is required, other languages optional. */
export const langText = z
  .record(z.string(), nonBlank)
  .superRefine(checkLanguageKeys)
  .refine((v) => typeof v.en === "string", { message: 'missing required English text ("en")', path: ["en"] })
  .transform((v) => v as LangText);

/** Same, but every language optional (fields that some records lack). */
export const optionalLangText = z.record(z.string(), z.string()).superRefine(checkLanguageKeys);

/** `{en: [...], hi: [...]}`: lists of items per language, any language optional. */
export const langList = z.record(z.string(), z.array(z.string())).superRefine(checkLanguageKeys);

const applicationStep = z
  .object({
    mode: z.string().nullable().optional(),
    url: z.string().nullable().optional(),
    steps: z.array(z.string()),
  })
  .strict();

const sourceRef = z
  .object({
    key: z.string().optional(),
    repo: z.string(),
    commit: z.string(),
    path: z.string(),
    url: z.string().optional(),
  })
  .strict();

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}/, "must be a date like 2025-04-23");

export const schemeRecordSchema = z
  .object({
    schemeId: z.string().regex(SCHEME_ID_PATTERN, "must be a lowercase slug like pm-kisan (letters, digits, . _ -)"),
    shortTitle: z.string().nullable(),
    name: langText,
    aliases: langList.optional(),
    description: langText,
    detailedDescription: optionalLangText.optional(),
    ministry: z.string().nullable(),
    department: z.string().optional(),
    departmentHi: z.string().optional(),
    implementingAgency: z.string().optional(),
    level: z.enum(["central", "state"]).nullable(),
    state: z.string().nullable(),
    applicableStates: z.array(z.string()),
    categories: z.array(z.string()),
    categoryLabels: z.array(z.string()),
    subCategories: z.array(z.string()).optional(),
    tags: z.array(z.string()),
    eligibility: z
      .object({
        criteria: langList,
        exclusions: langList,
      })
      .strict(),
    benefits: langList,
    applicationProcess: z.record(z.string(), z.array(applicationStep)).superRefine(checkLanguageKeys),
    documents: langList,
    contactInfo: z
      .object({
        helplineNumbers: z.array(z.string()).optional(),
        links: z.array(z.object({ title: z.string(), url: z.string() }).strict()),
        myschemeUrl: z.string().optional(),
      })
      .strict(),
    faqs: z.array(z.object({ q: langText, a: langText }).strict()),
    relatedSchemes: z.array(z.string()),
    ageRange: z.record(z.string(), z.object({ gte: z.number().optional(), lte: z.number().optional() }).strict()).optional(),
    openDate: isoDate.optional(),
    closeDate: isoDate.optional(),
    schemeType: z.string().optional(),
    benefitType: z.string().optional(),
    targetBeneficiaries: z.array(z.string()).optional(),
    languages: z.array(z.string()).superRefine((langs, ctx) => {
      langs.forEach((l, i) => {
        if (!languageSet.has(l)) ctx.addIssue({ code: "custom", path: [i], message: `unknown language code "${l}"` });
      });
    }),
    detailLevel: z.enum(["full", "partial", "catalog"]),
    source: sourceRef,
    sources: z.array(sourceRef),
    provenance: z.record(z.string(), z.string()),
    qualityFlags: z.array(z.object({ type: z.string() }).passthrough()),
    lastUpdated: isoDate,
  })
  .strict();

export type SchemeRecord = z.infer<typeof schemeRecordSchema>;

export function hasQualityFlag(record: SchemeRecord, type: string): boolean {
  return record.qualityFlags.some((f) => f.type === type);
}
