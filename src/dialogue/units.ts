// A record cut into what can be said on its own: every field of a scheme (what it is, its benefits, who
// can apply, who cannot, documents, how to apply, its FAQ answers, helplines) as sentences in one stable
// order, Hindi where a field has the record's Hindi (and its amounts are not flagged as wrong), else English.
import { hasQualityFlag, type SchemeRecord } from "../knowledge/index.js";
import { MAGNITUDES } from "../ops/number-words.js";
import { forTheEar } from "./speakable.js";
import type { AnswerLang, Field } from "./types.js";

/** One sentence (or a piece of a long one) of a record that can be said on its own. */
export interface Unit {
  text: string;
  lang: AnswerLang;
  field: Field;
  /** Sentences of one list item (or one application mode) share an item number within their field. */
  item: number;
  /** Said as a FAQ answer, not as part of a field. */
  faq: boolean;
  /** Words that belong to the unit without being said (the way of applying its steps are for: "Offline"). */
  about?: string;
  /** A heading ("For Shishu Loan:", "Rural Beneficiaries") whose items follow it. */
  heading?: boolean;
  /** The heading this unit's item is said under, as its unit says it: its words are the item's too. */
  under?: string;
  /**
   * English standing in for Hindi the record lacks (a passage its Hindi transcription cut, a way of applying
   * it has no Hindi for) or flags as wrong (its amounts): the answer's own words, not a translation's twin.
   */
  standIn?: boolean;
}

const TRUNCATION_MARK = /\[\s*\.\.\.[^\]]*not transcribed[^\]]*\]/gi;
/** The same mark, tested for (a global pattern would carry its lastIndex from one test to the next). */
const HAS_TRUNCATION_MARK = new RegExp(TRUNCATION_MARK.source, "i");

function clean(text: string): string {
  return text
    .replace(TRUNCATION_MARK, " ")
    .replace(/\*\*|__|#+\s|<[^>]+>/g, " ")
    .replace(/^\s*[-•*▪●◦]\s*/, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** One letter's name spelt in an abbreviation ("डब्ल्यू.", "एच."), after a bracket it may open. */
const SPELT_LETTER = /^\(?[\p{L}\p{M}]{1,7}\.$/u;

/** Sentences of a passage: splits after . ! ? । when a new sentence plainly starts. */
export function sentences(text: string): string[] {
  const t = clean(text);
  const out: string[] = [];
  let start = 0;
  for (const m of t.matchAll(/[.!?।]\s+(?=["“(]?[A-Z0-9\u0900-\u097f])/g)) {
    const end = m.index + 1;
    // "Rs.", "No.", "एम. ओ. आर. डी." are abbreviations, not sentence ends; nor is a longer letter's name
    // spelt among others ("आई. जी. एन. डब्ल्यू. पी. एस.")
    const [, before = "", lastWord = ""] = /(?:(\S+)\s+)?(\S+)$/.exec(t.slice(start, end)) ?? [];
    const next = /^\S+/.exec(t.slice(m.index + m[0].length))?.[0] ?? "";
    if (t[m.index] === "." && (lastWord.length <= 4 || [before, lastWord, next].every((w) => SPELT_LETTER.test(w)))) continue;
    out.push(t.slice(start, end).trim());
    start = m.index + m[0].length;
  }
  out.push(t.slice(start).trim());
  return out.filter((s) => s.length > 1);
}

export const wordCount = (text: string): number => text.split(/\s+/).filter(Boolean).length;

/** Pieces of a cut sentence shorter than this are joined to the piece before. */
const MIN_PIECE_WORDS = 12;

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

/** A sentence longer than this share of the budget is said as its rule and its proviso, apart. */
const PROVISO_SHARE = 0.75;
/** A proviso ("…, provided …", "…, subject to …", "… subject to conditions that …", "…, बशर्ते कि …"). */
const PROVISO = /,\s+(?=provided\b|subject to\b|बशर्ते)|\s+(?=provided that\b|subject to (?:the )?conditions?\b|बशर्ते)/i;

/**
 * A long sentence of a rule and its proviso ("paid for at most 90 days, provided the worker …") cut in two:
 * the rule is the fact a caller asks for and can be said within a turn beside another; the proviso follows
 * when asked for more. Each piece keeps at least MIN_PIECE_WORDS words.
 */
function atProviso(text: string, budget: number): string[] {
  if (wordCount(text) <= budget * PROVISO_SHARE) return [text];
  const m = PROVISO.exec(text);
  if (!m) return [text];
  const rule = text.slice(0, m.index + 1).trim();
  const proviso = text.slice(m.index + m[0].length).trim();
  return wordCount(rule) >= MIN_PIECE_WORDS && wordCount(proviso) >= MIN_PIECE_WORDS ? [rule, proviso.charAt(0).toUpperCase() + proviso.slice(1)] : [text];
}

const HINDI_FLAG = "hi_amount_not_in_en";

/** Numbers written in a text, normalised ("1,20,000" → 120000; "5 लाख" and "5 lakh" → 500000, as the records' flags give them). */
export function amountsIn(text: string): number[] {
  return [...text.matchAll(/(\d[\d,]*(?:\.\d+)?)(?:\s*([^\s\d.,;:()/-]+))?/g)]
    .map((m) => Number(m[1]!.replace(/,/g, "")) * (MAGNITUDES.get((m[2] ?? "").toLowerCase()) ?? 1))
    .filter((n) => Number.isFinite(n));
}

/** Money in a text: ₹/Rs figures, lakh/crore, percentages, or Indian digit grouping. */
export function hasMoney(text: string): boolean {
  return /₹|\brs\.?\s*\d|\binr\b|\brupees?\b|रुपये|रुपए|रु\.|\d\s*(?:lakh|crore|लाख|करोड़)|\d\s*(?:%|per ?cent|प्रतिशत)|\d{1,3}(?:,\d{2,3})+/i.test(text);
}

interface FieldText {
  items: string[];
  lang: AnswerLang;
  /** Item index → group (application steps of one mode form one group). */
  groups?: number[];
  /** Item index → words the item is about without saying them (its application mode). */
  about?: string[];
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
      if (lang === "hi" && hi) return { items: [hi, ...(record.detailedDescription?.hi ? [record.detailedDescription.hi] : [])], lang: "hi" };
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
        const about: string[] = [];
        modes(l).forEach((a, g) => {
          a.steps.forEach((step) => {
            items.push(step);
            groups.push(g);
            about.push(a.mode ?? "");
          });
          // the mode's own link, when no step gives it
          if (a.url && !a.steps.some((s) => s.includes(a.url!))) {
            items.push(`${l === "hi" ? "वेबसाइट" : "Website"}: ${a.url}`);
            groups.push(g);
            about.push(a.mode ?? "");
          }
        });
        return { items, lang: l === "hi" ? "hi" : "en", groups, about };
      };
      if (lang === "hi" && modes("hi").length) return flatten("hi");
      return flatten("en");
    }
    case "contact":
      return { items: contactLines(record), lang: "en" };
  }
}

/** A phone number: a helpline, a toll-free or a landline number. */
export const PHONE = /(?:\+91[\s-]?)?(?:1800|1\d{2,3}|0\d{2,4})[\s-]?\d{2,4}[\s-]?\d{3,4}|\b1\d{2,3}\b(?=\s*\(toll)/;

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

/** A remark in brackets holding a figure, up to this many words, is kept with a paper's name. */
const BRACKETED_FIGURE_WORDS = 6;

/**
 * A document list is heard as names: "Aadhaar number and a self-attested copy of the Aadhaar Card (If
 * the applicant is illiterate, ...)" is read up to its long remark; the full record stays on the portal.
 */
export function documentName(item: string): string {
  // remarks in brackets longer than an acronym ("(duly registered with MGNREGA)") are left to the portal; a
  // short one with a figure is a condition the paper must meet ("(60% and above marks)") and stays
  let name = item.replace(/\s*\(([^)]*)\)/g, (m, inner: string) => (wordCount(inner) <= 2 || (/\d/.test(inner) && wordCount(inner) <= BRACKETED_FIGURE_WORDS) ? m : "")).trim();
  const cut = name.search(/\s[–-]\s|:\s|\s(?:stating|showing|certifying|issued by|in case)\s/i);
  if (cut > 0 && wordCount(name.slice(cut)) > 3) name = name.slice(0, cut).trim();
  return name || item;
}

/**
 * The names of the papers of one document item: each of its sentences read as documentName reads an item, so
 * that a list written as one run of sentences ("Income Certificate issued by …. Admit Card. …") keeps every
 * paper after the first remark.
 */
export function documentNames(item: string): string {
  const parts = sentences(item);
  if (parts.length <= 1) return documentName(item);
  // a sentence after the first that opens as a remark ("If there is no valid document, …", "The certificate
  // should …") says how, not which paper: it is left to the portal like a remark after a name
  const names = [parts[0]!, ...parts.slice(1).filter((p) => !REMARK_OPENING.test(p))];
  return names.map((p) => documentName(p).replace(/[\s,;:]+$/, "")).map((n) => (/[.!?।]$/.test(n) ? n : `${n}.`)).join(" ");
}

/** How a remark on a paper opens, rather than a paper's name. */
const REMARK_OPENING = /^(?:if|in case|incase|in (?:the|their) absence|for|where|when|whichever|however|note|the|this|these|it|such|all|each|only|both)\b/i;

/** "The scheme ... was launched by the Department of ..." says nothing a caller needs first. */
export function isBoilerplate(sentence: string): boolean {
  return /^(the (scheme|programme|program|yojana)\b.{0,160}\b(was |is |has been )?(launched|implemented|introduced|initiated|started) by)|^(launched|launch) (on|in)\b/i.test(sentence);
}

/** Sentences up to this many times the word budget are said whole. */
const LONG_SENTENCE_FACTOR = 1.25;

/** The order fields are laid out in (and so the order said when several are picked). */
export const FIELD_ORDER: Field[] = ["description", "benefits", "eligibility", "exclusions", "documents", "application", "contact"];

/** A list heading such as "For Shishu Loan" or "Rural Beneficiaries:", whose items follow it. */
function isHeading(text: string): boolean {
  if (/:\s*$/.test(text)) return true;
  return wordCount(text) <= 8 && !/[.।]$/.test(text) && /^(?:for|in case of|incase of|under|category|type)\b|(?:के लिए|हेतु)$/i.test(text.trim());
}

/** An item numbered "(i)", "(a)", "ii)" or "1." is one of an enumeration. */
const ENUMERATED = /^(?:\(\s*(?:[ivx]{1,4}|[a-h]|\d{1,2})\s*\)|(?:[ivx]{1,4}|[a-h]|\d{1,2})[.)])\s/i;

/**
 * What each item of a list is said under: the heading before it ("For pregnant women" → "Free transport
 * from home"), or the item an enumeration follows ("Special Category" → "(ii) Rate of Subsidy: 25% ...").
 * A heading followed by an enumeration heads that enumeration only; any other heads up to the next.
 */
function headingsOf(items: string[]): (string | undefined)[] {
  let current: { text: string; enumeration: boolean } | undefined;
  return items.map((item, i) => {
    const text = clean(item);
    const enumerated = ENUMERATED.test(text);
    if (current?.enumeration && !enumerated) current = undefined;
    const under = current?.text;
    const nextEnumerated = ENUMERATED.test(clean(items[i + 1] ?? ""));
    if (isHeading(text) || (!enumerated && nextEnumerated)) current = { text, enumeration: nextEnumerated };
    return under;
  });
}

function unitsOf(items: string[], lang: AnswerLang, field: Field, budget: number, groups?: number[], faq = false, about?: string[]): Unit[] {
  // a sentence is cut only when well over the budget: half-sentences are hard to follow by ear
  const longest = Math.round(budget * LONG_SENTENCE_FACTOR);
  // an item is about what its heading says, without saying it again
  const headings = faq ? [] : headingsOf(items);
  return items.flatMap((item, i) => {
    const under = headings[i] ? forTheEar(headings[i]) : "";
    return sentences(item)
      .map((s) => ({ raw: s, text: forTheEar(s) }))
      .filter((s) => s.text)
      .flatMap((s) => fitToBudget(s.text, longest).flatMap((piece) => atProviso(piece, budget)).map((text) => ({ text, heading: isHeading(s.raw) })))
      .map(({ text, heading }) => ({ text, lang, field, item: groups?.[i] ?? i, faq, ...(about?.[i] ? { about: about[i] } : {}), ...(under ? { under } : {}), ...(heading && !faq ? { heading } : {}) }));
  });
}

/** English units replace the Hindi units whose amounts the record flags as wrong. */
function withFlaggedHindiReplaced(record: SchemeRecord, field: Field, units: Unit[], budget: number): Unit[] {
  if (!units.some((u) => u.lang === "hi") || !hasQualityFlag(record, HINDI_FLAG)) return units;
  const flagged = new Set(record.qualityFlags.filter((f) => f.type === HINDI_FLAG).flatMap((f) => ((f as { values?: unknown }).values as number[] | undefined) ?? []));
  const suspicious = (u: Unit) => amountsIn(u.text).some((n) => flagged.has(n));
  if (!units.some(suspicious)) return units;
  const hiItems = listFor(record, field, "hi").items;
  const englishItems = listFor(record, field, "en").items;
  // parallel lists: the English item stands in the Hindi one's place; otherwise English figures go last
  const parallel = englishItems.length === hiItems.length;
  const out: Unit[] = [];
  const used = new Set<number>();
  for (const u of units) {
    if (!suspicious(u)) out.push(u);
    else if (parallel && !used.has(u.item)) {
      used.add(u.item);
      out.push(...unitsOf([englishItems[u.item]!], "en", field, budget).map((e) => ({ ...e, item: u.item, standIn: true })));
    } else if (!parallel && used.size === 0) {
      used.add(u.item);
      // a translation keeps the order of what it translates: the English figure nearest the Hindi one's place
      // in its list is taken to say the same thing, and carries its words for the ranking
      // a figure the kept Hindi says already is not said twice, once in each language
      const keptFigures = new Set(units.filter((h) => !suspicious(h)).flatMap((h) => amountsIn(h.text)));
      const standIns = unitsOf(englishItems, "en", field, budget).filter((e) => hasMoney(e.text) && amountsIn(e.text).some((n) => !keptFigures.has(n)));
      const place = (u.item + 0.5) / hiItems.length;
      const nearest = standIns.reduce<Unit | undefined>((best, e) => (best && Math.abs((best.item + 0.5) / englishItems.length - place) <= Math.abs((e.item + 0.5) / englishItems.length - place) ? best : e), undefined);
      out.push(...standIns.map((e) => ({ ...e, standIn: true, ...(e === nearest ? { about: [e.about, u.text].filter(Boolean).join(" ") } : {}) })));
    }
  }
  return out;
}

const TRUNCATED_FLAG = "hi_transcription_truncated";
/** The record's names for its fields in the truncation flag. */
const FLAG_FIELD: Partial<Record<Field, string>> = { benefits: "benefitsMd", eligibility: "eligibilityMd", exclusions: "exclusionsMd", application: "applicationMd" };

/** Where a Hindi list stops saying what its English says: the item its transcription was cut in, if any. */
function cutAt(hiItems: string[], flagged: boolean): number | undefined {
  const marked = hiItems.findIndex((item) => HAS_TRUNCATION_MARK.test(item));
  if (marked >= 0) return marked;
  return flagged ? hiItems.length : undefined;
}

/**
 * The English of a field that its Hindi lacks: the items after the point its Hindi transcription was cut
 * (the record flags it, and marks the place), and the ways of applying the Hindi has none for. Said in
 * English rather than not at all.
 */
function englishRemainder(record: SchemeRecord, field: Field, budget: number, firstItem: number): Unit[] {
  const flagged = record.qualityFlags.some((f) => f.type === TRUNCATED_FLAG && ((f as { fields?: unknown }).fields as string[] | undefined)?.includes(FLAG_FIELD[field] ?? ""));
  if (field !== "application") {
    const hi = listFor(record, field, "hi");
    const at = hi.lang === "hi" ? cutAt(hi.items, flagged) : undefined;
    const en = listFor(record, field, "en").items;
    if (at === undefined || at >= en.length) return [];
    const items = field === "documents" ? en.map(documentNames) : en;
    return unitsOf(items.slice(at), "en", field, budget).map((u) => ({ ...u, item: firstItem + u.item, standIn: true }));
  }
  const hiModes = record.applicationProcess.hi ?? [];
  const enModes = record.applicationProcess.en ?? [];
  if (!hiModes.length) return [];
  // the Hindi gives the same ways in the same order, however it names them; when the English gives more,
  // a way of the same name is the Hindi's and the others are the ones it lacks
  const sameMode = (a: string | null | undefined, b: string | null | undefined) => (a ?? "").trim().toLowerCase() === (b ?? "").trim().toLowerCase();
  const hiModeOf = (g: number) => (enModes.length <= hiModes.length ? hiModes[g] : hiModes.find((h) => sameMode(h.mode, enModes[g]!.mode)));
  const out: Unit[] = [];
  enModes.forEach((mode, g) => {
    const hiMode = hiModeOf(g);
    const at = hiMode ? cutAt(hiMode.steps, flagged && hiModes.length === 1) : 0;
    if (at === undefined || at >= mode.steps.length) return;
    const steps = mode.steps.slice(at);
    out.push(...unitsOf(steps, "en", field, budget, steps.map(() => firstItem + g), false, steps.map(() => mode.mode ?? "")).map((u) => ({ ...u, standIn: true })));
  });
  return out;
}

/**
 * Every speakable unit of a record in one stable order (fields in FIELD_ORDER, then FAQ answers), so a
 * cursor of unit indices stays valid between turns. Hindi where the field has it, else English.
 */
export function unitPool(record: SchemeRecord, lang: AnswerLang, budget: number): Unit[] {
  const pool: Unit[] = [];
  for (const field of FIELD_ORDER) {
    const text = listFor(record, field, lang);
    const items = field === "documents" ? text.items.map(documentNames) : text.items;
    let units = unitsOf(items, text.lang, field, budget, text.groups, false, text.about);
    if (field === "description") units = [...units.filter((u) => !isBoilerplate(u.text)), ...units.filter((u) => isBoilerplate(u.text))];
    pool.push(...withFlaggedHindiReplaced(record, field, units, budget));
    if (text.lang === "hi") pool.push(...englishRemainder(record, field, budget, Math.max(0, ...units.map((u) => u.item + 1))));
  }
  record.faqs.forEach((f, i) => pool.push(...unitsOf([f.a.en], "en", "description", budget, [i], true)));
  return pool;
}

/** Whether a record has anything for a field. */
export function fieldHasText(record: SchemeRecord, field: Field, lang: AnswerLang): boolean {
  return listFor(record, field, lang).items.some((i) => clean(i));
}
