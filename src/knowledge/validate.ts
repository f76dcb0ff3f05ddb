// Reads a knowledge-base file (JSON Lines or a JSON array) and validates every record, reporting each
// problem with its line, field path and reason. Nothing here touches the store.
import type { KnowledgeConfig } from "../config.js";
import { schemeRecordSchema, type SchemeRecord } from "./schema.js";

export interface Problem {
  /** 1-based line in the file where the record (or the bad byte) starts; 0 for the whole file. */
  line: number;
  schemeId?: string;
  /** Field path like `eligibility.criteria.en[2]`; empty for the record or file itself. */
  path: string;
  reason: string;
}

export interface ParsedRecord {
  line: number;
  record: SchemeRecord;
}

export interface ValidationReport {
  ok: boolean;
  format: "jsonl" | "json-array" | "unknown";
  records: ParsedRecord[];
  problems: Problem[];
  /** Problems beyond this many are counted but not listed. */
  problemsOmitted: number;
}

export type ValidationLimits = Pick<KnowledgeConfig, "maxFileBytes" | "maxRecordBytes" | "maxTextChars" | "maxRecordsPerFile">;

const MAX_LISTED_PROBLEMS = 1000;

class ProblemList {
  readonly items: Problem[] = [];
  omitted = 0;
  add(p: Problem): void {
    if (this.items.length < MAX_LISTED_PROBLEMS) this.items.push(p);
    else this.omitted++;
  }
  get count(): number {
    return this.items.length + this.omitted;
  }
}

/** Offsets of invalid UTF-8 sequences (at most `max`). */
export function findInvalidUtf8(bytes: Uint8Array, max = 20): number[] {
  const bad: number[] = [];
  let i = 0;
  while (i < bytes.length && bad.length < max) {
    const b = bytes[i]!;
    let need = 0;
    let min = 0;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      bad.push(i);
      i++;
      continue;
    }
    let cp = b & (0x3f >> need);
    let ok = i + need < bytes.length;
    for (let k = 1; ok && k <= need; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (c & 0x3f);
    }
    if (!ok || cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      bad.push(i);
      i++;
    } else {
      i += need + 1;
    }
  }
  return bad;
}

function lineOfOffset(text: string | Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = typeof text === "string" ? text.charCodeAt(i) : text[i];
    if (c === 10) line++;
  }
  return line;
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** Describes where JSON.parse failed, as "column N: message". */
function jsonErrorDetail(err: unknown, source: string): { offset?: number; message: string } {
  const message = err instanceof Error ? err.message : String(err);
  const m = /position (\d+)/.exec(message);
  if (m) return { offset: Number(m[1]), message };
  if (/Unexpected end of JSON input/.test(message)) return { offset: source.length, message: "the JSON ends too early (unclosed bracket or string)" };
  return { message };
}

/** Start offsets and lengths of the top-level elements of a JSON array text (respects strings). */
function arrayElementSpans(text: string, start: number): { start: number; end: number }[] | null {
  const spans: { start: number; end: number }[] = [];
  let depth = 0;
  let inString = false;
  let elementStart = -1;
  for (let i = start; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      if (depth === 1 && elementStart < 0) elementStart = i;
    } else if (c === "[" || c === "{") {
      if (depth === 1 && elementStart < 0) elementStart = i;
      depth++;
    } else if (c === "]" || c === "}") {
      depth--;
      if (depth === 0) {
        if (elementStart >= 0) spans.push({ start: elementStart, end: i });
        return spans;
      }
    } else if (c === "," && depth === 1) {
      if (elementStart >= 0) spans.push({ start: elementStart, end: i });
      elementStart = -1;
    } else if (depth === 1 && elementStart < 0 && !/\s/.test(c)) {
      elementStart = i;
    }
  }
  return null;
}

/** Line of the first broken element of a JSON array (V8 does not always give a position). */
function arrayErrorLine(text: string, start: number, err: unknown): number {
  const { offset } = jsonErrorDetail(err, text);
  if (offset !== undefined && offset < text.length) return lineOfOffset(text, offset);
  const spans = arrayElementSpans(text, start);
  if (!spans) return lineOfOffset(text, text.length);
  for (const span of spans) {
    const element = text.slice(span.start, span.end);
    try {
      JSON.parse(element);
    } catch (inner) {
      const at = jsonErrorDetail(inner, element).offset;
      return lineOfOffset(text, span.start + (at !== undefined && at < element.length ? at : 0));
    }
  }
  return lineOfOffset(text, start);
}

interface RawItem {
  line: number;
  json: string;
}

function splitItems(text: string, problems: ProblemList): { format: ValidationReport["format"]; items: RawItem[] } {
  const firstNonSpace = text.search(/\S/);
  if (firstNonSpace < 0) {
    problems.add({ line: 0, path: "", reason: "the file is empty: expected JSON Lines (one scheme per line) or a JSON array of schemes" });
    return { format: "unknown", items: [] };
  }
  if (text[firstNonSpace] === "{" && text.indexOf("\n", firstNonSpace) !== -1) {
    // one pretty-printed record (kb add) rather than JSON Lines
    try {
      const value: unknown = JSON.parse(text);
      return { format: "jsonl", items: [{ line: lineOfOffset(text, firstNonSpace), json: JSON.stringify(value) }] };
    } catch {
      /* not a single object: read it as JSON Lines below */
    }
  }
  if (text[firstNonSpace] === "[") {
    try {
      JSON.parse(text);
    } catch (err) {
      problems.add({ line: arrayErrorLine(text, firstNonSpace, err), path: "", reason: `malformed JSON array: ${jsonErrorDetail(err, text).message}` });
      return { format: "json-array", items: [] };
    }
    const spans = arrayElementSpans(text, firstNonSpace) ?? [];
    return {
      format: "json-array",
      items: spans.map((s) => ({ line: lineOfOffset(text, s.start), json: text.slice(s.start, s.end) })),
    };
  }
  const items: RawItem[] = [];
  const lines = text.split("\n");
  lines.forEach((raw, index) => {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.trim() === "") return;
    items.push({ line: index + 1, json: line });
  });
  return { format: "jsonl", items };
}

function longTextProblem(value: unknown, maxChars: number, path: (string | number)[] = []): string | null {
  if (typeof value === "string") return value.length > maxChars ? `${formatPath(path)}` : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = longTextProblem(value[i], maxChars, [...path, i]);
      if (p !== null) return p;
    }
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const p = longTextProblem(v, maxChars, [...path, k]);
      if (p !== null) return p;
    }
  }
  return null;
}

/** Validates one already-parsed value as a scheme record; used by import, add and update. */
export function validateRecord(value: unknown, line: number, limits: ValidationLimits, problems: { add(p: Problem): void }): SchemeRecord | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    problems.add({ line, path: "", reason: `expected a JSON object for a scheme, found ${Array.isArray(value) ? "an array" : value === null ? "null" : typeof value}` });
    return null;
  }
  const schemeId = typeof (value as { schemeId?: unknown }).schemeId === "string" ? (value as { schemeId: string }).schemeId : undefined;
  const longPath = longTextProblem(value, limits.maxTextChars);
  if (longPath !== null) {
    problems.add({ line, schemeId, path: longPath, reason: `text longer than ${limits.maxTextChars} characters (knowledge.maxTextChars)` });
    return null;
  }
  const parsed = schemeRecordSchema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      let reason = issue.message;
      if (issue.code === "invalid_type" && /received undefined/.test(issue.message)) reason = `missing required field (${issue.message.replace(/^Invalid input: /, "")})`;
      else if (issue.code === "unrecognized_keys") reason = `unknown field(s): ${issue.keys.join(", ")}`;
      problems.add({ line, schemeId, path: formatPath(issue.path), reason });
    }
    return null;
  }
  return parsed.data;
}

/** Validates a whole file's bytes. The report lists every problem; `ok` only when there are none. */
export function validateFile(bytes: Uint8Array, limits: ValidationLimits): ValidationReport {
  const problems = new ProblemList();
  const finish = (format: ValidationReport["format"], records: ParsedRecord[]): ValidationReport => ({
    ok: problems.count === 0,
    format,
    records: problems.count === 0 ? records : [],
    problems: problems.items,
    problemsOmitted: problems.omitted,
  });

  if (bytes.length > limits.maxFileBytes) {
    problems.add({ line: 0, path: "", reason: `file is ${bytes.length} bytes, larger than the limit of ${limits.maxFileBytes} bytes (knowledge.maxFileBytes)` });
    return finish("unknown", []);
  }
  for (const offset of findInvalidUtf8(bytes)) {
    problems.add({ line: lineOfOffset(bytes, offset), path: "", reason: `invalid UTF-8 byte 0x${bytes[offset]!.toString(16).padStart(2, "0")} at byte offset ${offset}: save the file as UTF-8` });
  }
  if (problems.count > 0) return finish("unknown", []);

  let text = new TextDecoder("utf-8").decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const { format, items } = splitItems(text, problems);
  if (items.length > limits.maxRecordsPerFile) {
    problems.add({ line: 0, path: "", reason: `file holds ${items.length} records, more than the limit of ${limits.maxRecordsPerFile} (knowledge.maxRecordsPerFile)` });
    return finish(format, []);
  }

  const records: ParsedRecord[] = [];
  const firstLineOf = new Map<string, number>();
  for (const item of items) {
    const size = Buffer.byteLength(item.json, "utf8");
    if (size > limits.maxRecordBytes) {
      problems.add({ line: item.line, path: "", reason: `record is ${size} bytes, larger than the limit of ${limits.maxRecordBytes} bytes (knowledge.maxRecordBytes)` });
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(item.json);
    } catch (err) {
      const { offset, message } = jsonErrorDetail(err, item.json);
      problems.add({ line: item.line, path: "", reason: `malformed JSON${offset !== undefined && format === "jsonl" ? ` at column ${offset + 1}` : ""}: ${message}` });
      continue;
    }
    const record = validateRecord(value, item.line, limits, problems);
    if (!record) continue;
    const first = firstLineOf.get(record.schemeId);
    if (first !== undefined) {
      problems.add({ line: item.line, schemeId: record.schemeId, path: "schemeId", reason: `duplicate schemeId "${record.schemeId}" (first on line ${first})` });
      continue;
    }
    firstLineOf.set(record.schemeId, item.line);
    records.push({ line: item.line, record });
  }
  return finish(format, records);
}

export function formatProblem(p: Problem, file?: string): string {
  const where = p.line > 0 ? `${file ?? "line"}:${p.line}` : (file ?? "");
  const what = [p.schemeId ? `scheme ${p.schemeId}` : null, p.path ? `field ${p.path}` : null].filter(Boolean).join(", ");
  return `${where || "file"}${what ? ` (${what})` : ""}: ${p.reason}`;
}
