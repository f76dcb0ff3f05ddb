// Redaction of misheard spoken numbers (issue 16 item 9): how many Aadhaar, phone and account numbers read
// out with one or two words misrecognised end up wholly redacted (every correctly heard digit word inside a
// redaction), on the dev and the held-out test part of bench/redaction/misheard-*.jsonl (written before the
// method); and what else gets redacted where nothing personal is: the dev questions of
// ../shared/data/questions-dev.jsonl and every text field of every scheme in ../shared/data/schemes.jsonl
// (amounts, years, dates, helpline numbers must stay).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { findPersonalData } from "../src/ops/redact.js";

const sharedDir = process.env.SAHAYAK_SHARED ?? join(import.meta.dirname, "..", "..", "shared");

interface MisheardItem {
  id: string;
  lang: string;
  text: string;
  numberWords: string[];
}

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** Every correctly heard number word of the item lies inside a redacted span. */
export function whollyRedacted(item: MisheardItem): boolean {
  const spans = findPersonalData(item.text);
  const tokens = [...item.text.matchAll(/[\p{L}\p{M}\p{N}]+/gu)];
  // the number's words appear in order; match them after the carrier's words before the number
  let next = 0;
  const covered: boolean[] = [];
  for (let i = tokens.length - 1, w = item.numberWords.length - 1; i >= 0 && w >= 0; i--) {
    if (tokens[i]![0].toLowerCase() !== item.numberWords[w]!.toLowerCase()) continue;
    const t = tokens[i]!;
    covered.push(spans.some((s) => s.start <= t.index && t.index + t[0].length <= s.end));
    w--;
    next++;
  }
  return next === item.numberWords.length && covered.every(Boolean);
}

/** Texts where something was redacted although nothing personal is there, by what it was taken for. */
function falsePositives(texts: string[], kinds: ReadonlySet<string>): { count: number; examples: string[] } {
  const hits = texts.filter((t) => findPersonalData(t).some((s) => kinds.has(s.kind)));
  return { count: hits.length, examples: hits.slice(0, 3) };
}

/** Identifiers no scheme text holds: whatever is taken for one is a false positive (an amount, a year, a table). */
const IDENTIFIERS: ReadonlySet<string> = new Set(["aadhaar", "account", "card", "pan", "ifsc"]);
/** Offices' e-mail addresses and phone numbers are in scheme texts for real; redacting them in a record is by design. */
const CONTACTS: ReadonlySet<string> = new Set(["email", "phone"]);
const EVERYTHING: ReadonlySet<string> = new Set([...IDENTIFIERS, ...CONTACTS]);

function schemeTexts(): string[] {
  const texts: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === "string") texts.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  for (const record of readJsonl<Record<string, unknown>>(join(sharedDir, "data", "schemes.jsonl"))) walk(record);
  return texts;
}

export async function benchRedaction(): Promise<Record<string, number>> {
  const part = (name: string) => readJsonl<MisheardItem>(join(import.meta.dirname, "redaction", `misheard-${name}.jsonl`));
  const rate = (items: MisheardItem[]) => items.filter(whollyRedacted).length / items.length;
  const questions = readJsonl<{ question: string }>(join(sharedDir, "data", "questions-dev.jsonl")).map((q) => q.question);
  const schemes = schemeTexts();
  const q = falsePositives(questions, EVERYTHING);
  const ids = falsePositives(schemes, IDENTIFIERS);
  const contacts = falsePositives(schemes, CONTACTS);
  for (const e of [...q.examples, ...ids.examples]) console.log(`  redacted where nothing personal is: ${e.slice(0, 160)}`);
  return {
    misheardRedactedDevRate: rate(part("dev")),
    misheardRedactedTestRate: rate(part("test")),
    questionsChecked: questions.length,
    questionsRedacted: q.count,
    schemeTextsChecked: schemes.length,
    schemeTextsIdentifierRedacted: ids.count,
    schemeTextsContactRedacted: contacts.count,
  };
}
