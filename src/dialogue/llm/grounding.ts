// The grounding check for LLM text: every number, amount, date and scheme name it says must be in the
// source record (₹6,000 = 6000 = छह हज़ार = six thousand), and most of its words must come from the
// facts it was given, so invented figures and gibberish are both rejected.
import type { SchemeRecord } from "../../knowledge/index.js";
import { canonicalJson } from "../../knowledge/rows.js";
import { detectScript, nativeTokens } from "../../knowledge/text.js";
import { MAGNITUDES, NUMBER_WORDS_0_TO_99 as SMALL } from "../../ops/number-words.js";

/** Numbers spelt as words ("एक लाख पच्चीस हज़ार", "six thousand") found in a text. */
export function spokenNumbers(text: string): number[] {
  const words = text.toLowerCase().replace(/[-,]/g, " ").split(/\s+/).filter(Boolean);
  const found: number[] = [];
  let total = 0;
  let current = 0;
  let active = false;
  const flush = (): void => {
    if (active) found.push(total + current);
    total = 0;
    current = 0;
    active = false;
  };
  for (let i = 0; i < words.length; i++) {
    const two = i + 1 < words.length ? `${words[i]} ${words[i + 1]}` : "";
    const w = words[i]!;
    if (two && SMALL.has(two)) {
      current += SMALL.get(two)!;
      active = true;
      i++;
    } else if (SMALL.has(w) && !(w === "one" && !active && !MAGNITUDES.has(words[i + 1] ?? ""))) {
      current += SMALL.get(w)!;
      active = true;
    } else if (MAGNITUDES.has(w) && active) {
      const scale = MAGNITUDES.get(w)!;
      if (scale === 100) current *= 100;
      else {
        total += (current || 1) * scale;
        current = 0;
      }
    } else flush();
  }
  flush();
  return found;
}

/** Numbers written with digits ("₹1,20,000", "6000", "1.5%", "2026-04-01" → 2026, 4, 1). */
export function writtenNumbers(text: string): number[] {
  return [...text.matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((m) => Number(m[0].replace(/,/g, ""))).filter(Number.isFinite);
}

function numbersOf(text: string): Set<number> {
  return new Set([...writtenNumbers(text), ...spokenNumbers(text)]);
}

export interface GroundingResult {
  ok: boolean;
  reasons: string[];
}

/** Share of an answer's content words that must occur in its sources. */
const MIN_SUPPORTED_SHARE = 0.6;

const FUNCTION_WORDS = new Set(
  ("the a an of for to in on and or is are was be can will you your it this that with by from as at under per " +
    "है हैं के की का को में से और या यह यह इस उस एक भी तो लिए पर कर सकते सकता होगा होगी आप आपको").split(" "),
);

/** Checks an LLM answer against the record and the facts it was given. */
export function checkGrounding(answer: string, record: SchemeRecord, facts: string[], lang: "en" | "hi"): GroundingResult {
  const reasons: string[] = [];
  const source = `${canonicalJson(record)} ${facts.join(" ")}`;
  const allowed = numbersOf(source);
  for (const n of numbersOf(answer)) {
    if (!allowed.has(n)) reasons.push(`number ${n} is not in the record`);
  }
  // capitalised multi-word names and acronyms must be the record's own
  for (const m of answer.matchAll(/\b(?:[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,5}\s+(?:Yojana|Scheme|Mission|Abhiyan|Programme)|[A-Z]{2,}(?:-[A-Z]+)?)\b/g)) {
    if (!source.toLowerCase().includes(m[0].toLowerCase())) reasons.push(`name "${m[0]}" is not in the record`);
  }
  const script = detectScript(answer);
  if (lang === "hi" && script !== "devanagari") reasons.push("a Hindi answer must be in Devanagari");
  if (lang === "en" && script !== "latin") reasons.push("an English answer must be in Latin letters");
  const sourceWords = new Set(nativeTokens(source));
  const content = nativeTokens(answer).filter((w) => w.length >= 3 && !FUNCTION_WORDS.has(w) && !/^\d/.test(w));
  if (content.length === 0) reasons.push("no content");
  else {
    const supported = content.filter((w) => sourceWords.has(w) || [...sourceWords].some((s) => s.length >= 4 && (s.startsWith(w) || w.startsWith(s)))).length;
    if (supported / content.length < MIN_SUPPORTED_SHARE) reasons.push(`only ${supported} of ${content.length} words come from the record`);
  }
  return { ok: reasons.length === 0, reasons };
}
