// Answers for the ear, composed from a record's own words: the field the question is about is cut into
// sentences, the sentences that speak to the caller's words come first, and at most about 40 words are
// said per turn; "more" continues from there. Figures are never changed. Hindi answers use the record's
// Hindi; where a field has none (or its Hindi amounts are flagged as wrong) the English text is used
// with a Hindi preface, each segment marked with its language.
import { hasQualityFlag, type SchemeRecord } from "../knowledge/index.js";
import { nativeTokens } from "../knowledge/text.js";
import { prompts } from "./prompts.js";
import type { AnswerLang, Cursor, Field, Reply, Segment } from "./types.js";

export interface Chunk {
  text: string;
  lang: AnswerLang;
  /** 1 for the field asked about, less for sentences borrowed from other fields. */
  weight: number;
  /** Chunks of one list item (or one application mode) share a group: said together. */
  group: number;
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
  const t = clean(text);
  const out: string[] = [];
  let start = 0;
  for (const m of t.matchAll(/[.!?।]\s+(?=["“(]?[A-Z0-9\u0900-\u097f])/g)) {
    const end = m.index + 1;
    // "Rs.", "No.", "एम. ओ. आर. डी." are abbreviations, not sentence ends
    const lastWord = /(\S+)$/.exec(t.slice(start, end))?.[1] ?? "";
    if (lastWord.length <= 4 && t[m.index] === ".") continue;
    out.push(t.slice(start, end).trim());
    start = m.index + m[0].length;
  }
  out.push(t.slice(start).trim());
  return out.filter((s) => s.length > 1);
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
  if (current) {
    // a short tail belongs with the sentence it ends ("..., after the age of 60 years until death.")
    const last = out[out.length - 1];
    if (last !== undefined && wordCount(current) < MIN_PIECE_WORDS) out[out.length - 1] = `${last} ${current}`;
    else out.push(current);
  }
  return out;
}

/** Pieces of a cut sentence shorter than this are joined to the piece before. */
const MIN_PIECE_WORDS = 12;

const HINDI_FLAG = "hi_amount_not_in_en";

/** Numbers written in a text, normalised ("1,20,000" → 120000). */
export function amountsIn(text: string): number[] {
  return [...text.matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((m) => Number(m[0].replace(/,/g, ""))).filter((n) => Number.isFinite(n));
}

interface FieldText {
  items: string[];
  lang: AnswerLang;
  /** Item index → group (application steps of one mode form one group). */
  groups?: number[];
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
      const modes = (l: string) => record.applicationProcess[l] ?? [];
      const flatten = (l: string): FieldText => {
        const items: string[] = [];
        const groups: number[] = [];
        modes(l).forEach((a, g) => {
          a.steps.forEach((step, i) => {
            items.push(i === 0 && a.mode ? `${a.mode}: ${step}` : step);
            groups.push(g);
          });
        });
        return { items, lang: l === "hi" ? "hi" : "en", groups };
      };
      if (lang === "hi" && modes("hi").length) return flatten("hi");
      return flatten("en");
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

/**
 * A document list is heard as names: "Aadhaar number and a self-attested copy of the Aadhaar Card (If
 * the applicant is illiterate, ...)" is read up to its long remark; the full record stays on the portal.
 */
export function documentName(item: string): string {
  // remarks in brackets longer than an acronym ("(duly registered with MGNREGA)") are left to the portal
  let name = item.replace(/\s*\(([^)]*)\)/g, (m, inner: string) => (wordCount(inner) <= 2 ? m : "")).trim();
  const cut = name.search(/\s[–-]\s|:\s|\s(?:stating|showing|certifying|issued by|in case)\s/i);
  if (cut > 0 && wordCount(name.slice(cut)) > 3) name = name.slice(0, cut).trim();
  return name || item;
}

/** "The scheme ... was launched by the Department of ..." says nothing a caller needs first. */
export function isBoilerplate(sentence: string): boolean {
  return /^(the (scheme|programme|program|yojana)\b.{0,160}\b(was |is |has been )?(launched|implemented|introduced|initiated|started) by)|^(launched|launch) (on|in)\b/i.test(sentence);
}

let groupCounter = 0;

/** Sentences up to this many times the word budget are said whole. */
const LONG_SENTENCE_FACTOR = 1.25;

function chunksOf(items: string[], lang: AnswerLang, weight: number, budget: number, prefix = "", groups?: number[]): Chunk[] {
  const base = groupCounter;
  groupCounter += items.length + 1;
  // a sentence is cut only when well over the budget: half-sentences are hard to follow by ear
  const longest = Math.round(budget * LONG_SENTENCE_FACTOR);
  return items.flatMap((item, i) => sentences(item).flatMap((s) => fitToBudget(prefix + s, longest)).map((text) => ({ text, lang, weight, group: base + (groups?.[i] ?? i) })));
}

/**
 * Chunks for a field, in a stable order (so a cursor stays valid between turns). For a Hindi answer
 * from a record whose Hindi amounts are flagged as wrong, Hindi sentences with flagged amounts are
 * replaced by the English ones.
 */
export function fieldChunks(record: SchemeRecord, field: Field, lang: AnswerLang, budget: number, borrow = true): FieldChunks {
  const primary = listFor(record, field, lang);
  const items = field === "documents" ? primary.items.map(documentName) : primary.items;
  groupCounter = 0;
  let chunks = chunksOf(items, primary.lang, 1, budget, "", primary.groups);
  if (field === "description") {
    // what the scheme gives comes before who launched it
    chunks = [...chunks.filter((c) => !isBoilerplate(c.text)), ...chunks.filter((c) => isBoilerplate(c.text))];
  }
  if (primary.lang === "hi" && hasQualityFlag(record, HINDI_FLAG)) {
    const flagged = new Set(record.qualityFlags.filter((f) => f.type === HINDI_FLAG).flatMap((f) => ((f as { values?: unknown }).values as number[] | undefined) ?? []));
    const suspicious = (c: Chunk) => amountsIn(c.text).some((n) => flagged.has(n));
    if (chunks.some(suspicious)) {
      const englishItems = listFor(record, field, "en").items;
      // parallel lists: the English item stands in the Hindi one's place; otherwise English figures go last
      const parallel = englishItems.length === items.length;
      const replaced: Chunk[] = [];
      const used = new Set<number>();
      for (const c of chunks) {
        if (!suspicious(c)) replaced.push(c);
        else if (parallel && !used.has(c.group)) {
          used.add(c.group);
          replaced.push(...chunksOf([englishItems[c.group]!], "en", 1, budget).map((e) => ({ ...e, group: c.group })));
        } else if (!parallel && used.size === 0) {
          used.add(c.group);
          replaced.push(...chunksOf(englishItems, "en", 1, budget).filter((e) => hasMoney(e.text)));
        }
      }
      chunks = replaced;
    }
  }
  const englishInHindi = lang === "hi" && chunks.some((c) => c.lang === "en");
  if (borrow) {
    // borrowed sentences only in the language the field itself is spoken in
    const spoken = chunks[0]?.lang ?? (lang === "hi" ? "hi" : "en");
    for (const other of SECONDARY[field]) {
      const extra = listFor(record, other, lang);
      if (extra.lang !== spoken) continue;
      const prefix = other === "exclusions" ? (extra.lang === "hi" ? "पात्र नहीं: " : "Not eligible: ") : "";
      chunks.push(...chunksOf(extra.items, extra.lang, 0.6, budget, prefix));
    }
    if (spoken === "en") for (const faq of record.faqs) chunks.push(...chunksOf([faq.a.en], "en", 0.5, budget));
  }
  return { chunks, englishInHindi };
}

const STEM = 5;
/** Sentences of a matched item said after it. */
const CONTINUATION = 2;
const stemOf = (w: string): string => (/^[a-z]+$/.test(w) ? w.slice(0, STEM) : w);

/** The caller's words that carry meaning for choosing sentences. */
export function contentWords(question: string, exclude: (word: string) => boolean): string[] {
  return [...new Set(nativeTokens(question).filter((w) => (w.length >= 3 || /^\d+$/.test(w)) && !exclude(w)).map(stemOf))];
}

/** Money in a text: ₹/Rs figures, lakh/crore, or Indian digit grouping. */
export function hasMoney(text: string): boolean {
  return /₹|\brs\.?\s*\d|\brupees?\b|रुपये|रुपए|\d\s*(?:lakh|crore|लाख|करोड़)|\d{1,3}(?:,\d{2,3})+/i.test(text);
}

/** A list heading such as "For Shishu Loan" or "Rural Beneficiaries:", whose items follow it. */
function isHeading(text: string): boolean {
  return /:\s*$/.test(text) || (wordCount(text) <= 5 && !/[.।]$/.test(text) && !/\d/.test(text));
}

function overlap(chunk: Chunk, words: string[]): number {
  const tokens = nativeTokens(chunk.text);
  let n = 0;
  for (const w of words) if (tokens.some((t) => t.startsWith(w))) n++;
  return n;
}

/**
 * Order in which chunks are spoken: those that share the caller's words first (sentences of the field
 * asked about before borrowed ones), a matched heading followed by its items, then the field in order.
 */
export function rankChunks(chunks: Chunk[], words: string[], wantsAmounts: boolean, eachGroupFirst = false): { order: number[]; matched: number } {
  const scored = chunks.map((c, index) => {
    const o = overlap(c, words);
    const money = wantsAmounts && hasMoney(c.text) ? 0.5 : 0;
    return { index, score: o > 0 ? (o + money) * c.weight : 0, primary: c.weight === 1 };
  });
  const matched = scored.filter((s) => s.score > 0).sort((a, b) => b.score - a.score || Number(b.primary) - Number(a.primary) || a.index - b.index);
  const rest = scored.filter((s) => s.score === 0 && s.primary);
  if (wantsAmounts) rest.sort((a, b) => Number(hasMoney(chunks[b.index]!.text)) - Number(hasMoney(chunks[a.index]!.text)) || a.index - b.index);
  if (eachGroupFirst) {
    // "how do I apply?": the first step of every way to apply (offline, online) before the details
    const firstOfGroup = (i: number) => i === 0 || chunks[i - 1]!.group !== chunks[i]!.group;
    rest.sort((a, b) => Number(firstOfGroup(b.index)) - Number(firstOfGroup(a.index)) || a.index - b.index);
  }
  const order: number[] = [];
  const seen = new Set<number>();
  const push = (i: number): void => {
    if (!seen.has(i)) {
      seen.add(i);
      order.push(i);
    }
  };
  for (const m of matched) {
    push(m.index);
    const chunk = chunks[m.index]!;
    if (m.primary && isHeading(chunk.text)) {
      for (let i = m.index + 1; i < chunks.length && chunks[i]!.weight === 1 && !isHeading(chunks[i]!.text); i++) push(i);
    } else {
      // finish the item that was started: its next sentences follow
      for (let i = m.index + 1, n = 0; i < chunks.length && chunks[i]!.group === chunk.group && n < CONTINUATION; i++, n++) push(i);
    }
  }
  for (const r of rest) push(r.index);
  return { order, matched: matched.length };
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
    // "about" the budget: a short start may take one longer sentence rather than stop half-said
    const fits = words + n <= budget || (words < budget * 0.6 && words + n <= budget * 1.35);
    if (segments.length > 0 && !fits) break;
    const last = segments[segments.length - 1];
    // list items ("Job Card") get a full stop so that they are heard as separate items
    const text = /[.!?।:;]$/.test(chunk.text) ? chunk.text : `${chunk.text}${chunk.lang === "hi" ? "।" : "."}`;
    if (last && last.lang === chunk.lang) last.text = `${last.text} ${text}`;
    else segments.push({ text, lang: chunk.lang });
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

/** A reply without the ending withEnding added (the keypad menu says what can be done next). */
export function withoutEnding(reply: Reply): Reply {
  const segments = reply.segments.slice(0, -1);
  return { ...reply, segments, text: joinSegments(segments) };
}
