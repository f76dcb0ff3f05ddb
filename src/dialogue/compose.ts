// Answers for the ear, composed from a record's own words: the field the question is about is cut into
// sentences, the sentences that speak to the caller's words come first, and at most about 40 words are
// said per turn; "more" continues from there. Figures are never changed. Hindi answers use the record's
// Hindi; where a field has none (or its Hindi amounts are flagged as wrong) the English text is used
// with a Hindi preface, each segment marked with its language.
import { hasQualityFlag, type SchemeRecord } from "../knowledge/index.js";
import { detectScript, nativeTokens } from "../knowledge/text.js";
import { prompts } from "./prompts.js";
import type { AnswerLang, Cursor, Field, Segment } from "./types.js";

export interface Chunk {
  text: string;
  lang: AnswerLang;
  /** 1 for the field asked about, less for sentences borrowed from other fields. */
  weight: number;
}

const TRUNCATION_MARK = /\[\s*\.\.\.[^\]]*not transcribed[^\]]*\]/gi;

function clean(text: string): string {
  return text
    .replace(TRUNCATION_MARK, " ")
    .replace(/\*\*|__|#+\s|<[^>]+>/g, " ")
    .replace(/^\s*[-•*▪●◦]\s*/, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Sentences of a passage: splits after . ! ? । when a new sentence plainly starts. */
export function sentences(text: string): string[] {
  return clean(text)
    .split(/(?<=[.!?।])\s+(?=["“(]?[A-Z\u0900-\u097f])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 1);
}

export const wordCount = (text: string): number => text.split(/\s+/).filter(Boolean).length;

/** A sentence longer than the budget is cut at commas or semicolons, never inside a figure. */
function fitToBudget(text: string, budget: number): string[] {
  if (wordCount(text) <= budget) return [text];
  const parts = text.split(/(?<=[;,])\s+(?=\D)/);
  const out: string[] = [];
  let current = "";
  for (const part of parts) {
    if (current && wordCount(current) + wordCount(part) > budget) {
      out.push(current);
      current = part;
    } else current = current ? `${current} ${part}` : part;
  }
  if (current) out.push(current);
  return out;
}

const HINDI_FLAG = "hi_amount_not_in_en";

/** Numbers written in a text, normalised ("1,20,000" → 120000). */
export function amountsIn(text: string): number[] {
  return [...text.matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((m) => Number(m[0].replace(/,/g, ""))).filter((n) => Number.isFinite(n));
}

interface FieldText {
  items: string[];
  lang: AnswerLang;
}

function listFor(record: SchemeRecord, field: Field, lang: AnswerLang): FieldText {
  const pick = (list: Record<string, string[]> | undefined): FieldText => {
    const hi = list?.hi?.filter((s) => clean(s));
    if (lang === "hi" && hi?.length) return { items: hi, lang: "hi" };
    return { items: list?.en ?? [], lang: "en" };
  };
  switch (field) {
    case "description": {
      const hi = record.description.hi;
      if (lang === "hi" && hi) return { items: [hi], lang: "hi" };
      return { items: [record.description.en, ...(record.detailedDescription?.en && record.detailedDescription.en !== record.description.en ? [record.detailedDescription.en] : [])], lang: "en" };
    }
    case "eligibility":
      return pick(record.eligibility.criteria);
    case "exclusions":
      return pick(record.eligibility.exclusions);
    case "benefits":
      return pick(record.benefits);
    case "documents":
      return pick(record.documents);
    case "application": {
      const steps = (l: string) => (record.applicationProcess[l] ?? []).flatMap((a) => (a.mode ? [`${a.mode}: ${a.steps[0] ?? ""}`, ...a.steps.slice(1)] : a.steps));
      if (lang === "hi" && steps("hi").length) return { items: steps("hi"), lang: "hi" };
      return { items: steps("en"), lang: "en" };
    }
    case "contact":
      return { items: contactLines(record), lang: "en" };
  }
}

const PHONE = /(?:\+91[\s-]?)?(?:1800|1\d{2,3}|0\d{2,4})[\s-]?\d{2,4}[\s-]?\d{3,4}|\b1\d{2,3}\b(?=\s*\(toll)/;

/** Helpline numbers and every sentence of the record that gives a phone number or helpline. */
function contactLines(record: SchemeRecord): string[] {
  const lines: string[] = [];
  const numbers = record.contactInfo.helplineNumbers ?? [];
  if (numbers.length) lines.push(`Helpline: ${numbers.join(", ")}.`);
  const texts = [
    ...Object.values(record.applicationProcess).flat().flatMap((a) => a.steps),
    ...record.faqs.map((f) => f.a.en),
    record.description.en,
  ];
  for (const t of texts) for (const s of sentences(t)) if ((PHONE.test(s) || /helpline|toll[- ]free/i.test(s)) && !lines.includes(s)) lines.push(s);
  return lines;
}

/** Other fields an answer may borrow a sentence from when it speaks to the question. */
const SECONDARY: Record<Field, Field[]> = {
  description: ["benefits", "eligibility"],
  eligibility: ["exclusions", "description"],
  exclusions: ["eligibility"],
  benefits: ["description", "eligibility"],
  documents: ["application"],
  application: ["contact", "documents"],
  contact: ["application"],
};

export interface FieldChunks {
  chunks: Chunk[];
  /** The answer is in Hindi but this field had to be given in English. */
  englishInHindi: boolean;
}

function chunksOf(items: string[], lang: AnswerLang, weight: number, budget: number, prefix = ""): Chunk[] {
  return items.flatMap((item) => sentences(item)).flatMap((s) => fitToBudget(prefix + s, budget)).map((text) => ({ text, lang, weight }));
}

/**
 * Chunks for a field, in a stable order (so a cursor stays valid between turns). For a Hindi answer
 * from a record whose Hindi amounts are flagged as wrong, Hindi sentences with flagged amounts are
 * replaced by the English ones.
 */
export function fieldChunks(record: SchemeRecord, field: Field, lang: AnswerLang, budget: number, borrow = true): FieldChunks {
  const primary = listFor(record, field, lang);
  let chunks = chunksOf(primary.items, primary.lang, 1, budget);
  let englishInHindi = lang === "hi" && primary.lang === "en" && chunks.length > 0;
  if (primary.lang === "hi" && hasQualityFlag(record, HINDI_FLAG)) {
    const flagged = new Set(record.qualityFlags.filter((f) => f.type === HINDI_FLAG).flatMap((f) => ((f as { values?: unknown }).values as number[] | undefined) ?? []));
    const suspicious = (c: Chunk) => amountsIn(c.text).some((n) => flagged.has(n));
    if (chunks.some(suspicious)) {
      const english = chunksOf(listFor(record, field, "en").items, "en", 1, budget).filter((c) => amountsIn(c.text).length > 0);
      chunks = [...chunks.filter((c) => !suspicious(c)), ...english];
      englishInHindi = english.length > 0;
    }
  }
  if (borrow) {
    for (const other of SECONDARY[field]) {
      const extra = listFor(record, other, lang);
      const prefix = other === "exclusions" ? (extra.lang === "hi" ? "पात्र नहीं: " : "Not eligible: ") : "";
      chunks.push(...chunksOf(extra.items, extra.lang, 0.6, budget, prefix));
    }
    for (const faq of record.faqs) chunks.push(...chunksOf([faq.a.en], "en", 0.5, budget));
  }
  return { chunks, englishInHindi };
}

const STEM = 5;
const stemOf = (w: string): string => (/^[a-z]+$/.test(w) ? w.slice(0, STEM) : w);

/** The caller's words that carry meaning for choosing sentences. */
export function contentWords(question: string, exclude: (word: string) => boolean): string[] {
  return [...new Set(nativeTokens(question).filter((w) => (w.length >= 3 || /^\d+$/.test(w)) && !exclude(w)).map(stemOf))];
}

/** Order in which chunks are spoken: those that share the caller's words first, then the field in order. */
export function rankChunks(chunks: Chunk[], words: string[], wantsAmounts: boolean): number[] {
  const scored = chunks.map((c, index) => {
    const tokens = new Set(nativeTokens(c.text).map(stemOf));
    let overlap = 0;
    for (const w of words) if (tokens.has(w) || (detectScript(w) === "devanagari" && [...tokens].some((t) => t.startsWith(w)))) overlap++;
    const amount = wantsAmounts && amountsIn(c.text).length > 0 ? 0.5 : 0;
    return { index, score: (overlap + (overlap > 0 ? amount : 0)) * c.weight, primary: c.weight === 1 };
  });
  const matched = scored.filter((s) => s.score > 0).sort((a, b) => b.score - a.score || a.index - b.index);
  const rest = scored.filter((s) => s.score === 0 && s.primary);
  if (wantsAmounts && matched.length === 0) {
    // "how much?" with nothing else to go on: sentences with figures first
    rest.sort((a, b) => Number(amountsIn(chunks[b.index]!.text).length > 0) - Number(amountsIn(chunks[a.index]!.text).length > 0) || a.index - b.index);
  }
  return [...matched, ...rest].map((s) => s.index);
}

export interface Composed {
  segments: Segment[];
  cursor: Cursor;
  hasMore: boolean;
}

/** Takes chunks from the cursor's position until the word budget is used (at least one chunk). */
export function speakFrom(chunks: Chunk[], cursor: Cursor, budget: number): { segments: Segment[]; cursor: Cursor; hasMore: boolean } {
  const segments: Segment[] = [];
  let words = 0;
  let position = cursor.position;
  while (position < cursor.order.length) {
    const chunk = chunks[cursor.order[position]!];
    if (!chunk) break;
    const n = wordCount(chunk.text);
    if (segments.length > 0 && words + n > budget) break;
    const last = segments[segments.length - 1];
    if (last && last.lang === chunk.lang) last.text = `${last.text} ${chunk.text}`;
    else segments.push({ text: chunk.text, lang: chunk.lang });
    words += n;
    position++;
  }
  return { segments, cursor: { ...cursor, position }, hasMore: position < cursor.order.length };
}

/** Builds a segment list into reply text (segments of one language are merged). */
export function joinSegments(segments: Segment[]): string {
  return segments.map((s) => s.text.trim()).filter(Boolean).join(" ");
}

export function withEnding(segments: Segment[], field: Field, lang: AnswerLang, hasMore: boolean): Segment[] {
  return [...segments, { text: prompts.offerMore(field, lang, hasMore), lang }];
}
