// Personal data out of transcripts and logs: Aadhaar, phone, bank account and card numbers, IFSC codes,
// PAN and e-mail addresses, written or spoken ("nine eight seven…", "नौ आठ सात…", "double five",
// "s b i n zero zero…", "ramesh at the rate gmail dot com"), replaced by a label such as "[aadhaar]".
// A caller's income or age is left alone: long digit runs, or shorter ones after a word like "Aadhaar"
// or "खाता", are what is redacted, even when the recogniser misheard a word or two inside a spoken run.
import { MAGNITUDE_WORDS, NUMBER_WORDS_0_TO_99 } from "./number-words.js";

export type PersonalDataKind = "aadhaar" | "phone" | "account" | "ifsc" | "pan" | "card" | "email";

export interface PersonalDataSpan {
  kind: PersonalDataKind;
  start: number;
  end: number;
}

/** Digits spoken any way a caller or recogniser writes them, beyond to-words' 0–99. */
const EXTRA_DIGIT_WORDS: Record<string, string> = {
  oh: "0", zero: "0", shunya: "0", sunya: "0", जीरो: "0", ज़ीरो: "0", ek: "1", do: "2", teen: "3", tin: "3", char: "4", chaar: "4",
  panch: "5", paanch: "5", पाँच: "5", chhe: "6", chhah: "6", chah: "6", che: "6", छः: "6", छै: "6", छे: "6", saat: "7", sat: "7",
  aath: "8", ath: "8", nau: "9", nao: "9", das: "10",
};
const REPEATERS: Record<string, number> = { double: 2, triple: 3, डबल: 2, ट्रिपल: 3 };
/** English letter names as Hindi speakers write them, for spelt IFSC and PAN codes. */
const LETTER_NAMES: Record<string, string> = {
  ए: "A", बी: "B", सी: "C", डी: "D", ई: "E", एफ: "F", जी: "G", एच: "H", आई: "I", जे: "J", के: "K", एल: "L", एम: "M", एन: "N", ओ: "O",
  पी: "P", क्यू: "Q", आर: "R", एस: "S", टी: "T", यू: "U", वी: "V", डब्ल्यू: "W", एक्स: "X", वाई: "Y", ज़ेड: "Z", जेड: "Z",
};
/** Words that say what a number is; after one, even a short number is redacted. First match wins. */
const KEYWORDS: [PersonalDataKind, RegExp][] = [
  ["aadhaar", /^(?:a+dh?a+r|aadhaar|adhaar|uid|uidai|आधार)$/],
  ["account", /^(?:account|acount|accounts|khata|khaata|khate|खाता|खाते|अकाउंट|एकाउंट)$/],
  ["phone", /^(?:phone|mobile|mobail|cell|whatsapp|फोन|फ़ोन|मोबाइल|मोबाईल|व्हाट्सएप)$/],
  ["card", /^(?:card|debit|credit|atm|कार्ड|डेबिट|क्रेडिट|एटीएम)$/],
];
const CODE_KEYWORD = /^(?:ifsc|pan|पैन|आईएफएससी)$/;
const KEYWORD_WINDOW = 5;
/** Without a keyword, a number must have this many digits to be taken as personal. */
const MIN_DIGITS_UNLABELLED = 9;
const MIN_DIGITS_LABELLED = 4;
const IFSC = /^[A-Z]{4}0[A-Z0-9]{6}$/;
const PAN = /^[A-Z]{5}[0-9]{4}[A-Z]$/;
/** Without the word "PAN" near, a PAN's fourth letter must be one the Income Tax Department issues (P a person, C a company, …). */
const PAN_ISSUED = /^[A-Z]{3}[ABCEFGHJLPT][A-Z][0-9]{4}[A-Z]$/;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/** Domains people read out end in one of these (spoken "dot com", "डॉट कॉम"): "at the rate of Rs. 300" is no address. */
const SPOKEN_TLDS = "com|in|org|net|co|gov|edu|ac|nic|info|biz|io|me|कॉम|कोम|इन|ऑर्ग|ओआरजी|नेट";
const SPOKEN_EMAIL = new RegExp(
  `(?<![\\p{L}\\p{M}\\p{N}])[\\p{L}\\p{M}\\p{N}._-]+\\s+(?:at the rate(?: of)?|at|एट द रेट|एट)\\s+[\\p{L}\\p{M}\\p{N}-]+(?:\\s*(?:dot|डॉट|\\.)\\s*[\\p{L}\\p{M}\\p{N}-]+)*?\\s*(?:dot|डॉट|\\.)\\s*(?:${SPOKEN_TLDS})(?![\\p{L}\\p{M}\\p{N}])`,
  "giu",
);
/** An amount written the Indian or Western way: 2,50,00,000 or 250,000,000. */
const AMOUNT = /^\d{1,3}(?:,\d{2})*,\d{3}$|^\d{1,3}(?:,\d{3})+$/;
/** A year (1998, 2024) or a date (01-04-2013, 2024/03/31) as written: after "card" or "Aadhaar" it is a date, not a number. */
const YEAR = /^(?:19|20)\d{2}$/;
const DATE = /^(?:\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)?\d{2}|(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2})$/;
const GAP = /^[\s\-.,/()]{0,3}$/;

interface Token {
  text: string;
  start: number;
  end: number;
}

function tokenise(text: string): Token[] {
  return [...text.matchAll(/[\p{L}\p{M}\p{N}]+/gu)].map((m) => ({ text: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length }));
}

function asciiDigits(s: string): string {
  return s.replace(/[०-९]/g, (d) => String(d.charCodeAt(0) - 0x966));
}

function singleDigits(word: string): string | undefined {
  if (/^[0-9०-९]+$/.test(word)) return asciiDigits(word);
  const n = NUMBER_WORDS_0_TO_99.get(word);
  if (n !== undefined) return String(n);
  return EXTRA_DIGIT_WORDS[word];
}

/** Digits a run of tokens starting at i stands for, and how many tokens it took (0: not a number). */
function digitsAt(tokens: Token[], i: number): { digits: string; used: number } {
  const word = tokens[i]!.text;
  const next = tokens[i + 1];
  const repeat = REPEATERS[word];
  if (repeat && next) {
    const d = singleDigits(next.text);
    if (d !== undefined) return { digits: d.repeat(repeat), used: 2 };
  }
  // "twenty five" is 25, not 205
  if (next) {
    const pair = NUMBER_WORDS_0_TO_99.get(`${word} ${next.text}`);
    if (pair !== undefined) return { digits: String(pair), used: 2 };
  }
  const d = singleDigits(word);
  return d === undefined ? { digits: "", used: 0 } : { digits: d, used: 1 };
}

function keywordKind(tokens: Token[], runStart: number): PersonalDataKind | undefined {
  const window = tokens.slice(Math.max(0, runStart - KEYWORD_WINDOW), runStart).map((t) => t.text);
  for (const [kind, pattern] of KEYWORDS) if (window.some((w) => pattern.test(w))) return kind;
  return undefined;
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

function kindByShape(digits: string, plusBefore: boolean): PersonalDataKind {
  const national = digits.replace(/^(?:91|0)(?=[6-9]\d{9}$)/, "");
  if (/^[6-9]\d{9}$/.test(national) && (national.length < digits.length ? plusBefore || digits.startsWith("0") : true)) return "phone";
  if (digits.length === 12) return "aadhaar";
  if (digits.length >= 13 && digits.length <= 19 && luhn(digits)) return "card";
  return "account";
}

/** A number as it appears in the text: tokens [first, end) standing for `digits`, spoken as words or written. */
interface NumberUnit {
  first: number;
  end: number;
  digits: string;
  spoken: boolean;
}

/** Numbers written next to each other (only spaces or light punctuation between): one strict run each. */
function strictRuns(text: string, tokens: Token[]): NumberUnit[][] {
  const runs: NumberUnit[][] = [];
  let i = 0;
  while (i < tokens.length) {
    const run: NumberUnit[] = [];
    let j = i;
    while (j < tokens.length) {
      if (j > i && !GAP.test(text.slice(tokens[j - 1]!.end, tokens[j]!.start))) break;
      const { digits, used } = digitsAt(tokens, j);
      if (!used) break;
      run.push({ first: j, end: j + used, digits, spoken: !/^[0-9०-९]+$/.test(tokens[j]!.text) });
      j += used;
    }
    if (run.length) runs.push(run);
    i = run.length ? j : i + 1;
  }
  return runs;
}

/**
 * A number read out digit by digit survives a recogniser that mishears a word or two of it ("… seven eight
 * mind zero one …"): strict runs of spoken number words are joined across at most MAX_MISHEARD_IN_A_ROW other
 * words, as long as number words stay at least MIN_NUMBER_SHARE of the joined run's words; the run starts and
 * ends on number words. Each word in a gap may be a misheard digit, so it counts as one digit towards the
 * length thresholds. Written digits (scheme text: amounts, years, dates) and words that scale a number
 * ("thousand", "लाख": a quantity, not an identifier) are never joined across.
 */
const MAX_MISHEARD_IN_A_ROW = 2;
const MIN_NUMBER_SHARE = 0.75;

interface NumberRun {
  first: number;
  end: number;
  /** The digits heard, "x" for each word in a gap. */
  digits: string;
}

function joinMisheard(runs: NumberUnit[][], tokens: Token[]): NumberRun[] {
  const out: NumberRun[] = [];
  const numberTokens = (run: NumberUnit[]) => run.reduce((n, u) => n + u.end - u.first, 0);
  let current: (NumberRun & { numberTokens: number; spoken: boolean }) | undefined;
  for (const run of runs) {
    const spoken = run.every((u) => u.spoken);
    const next = { first: run[0]!.first, end: run.at(-1)!.end, digits: run.map((u) => u.digits).join(""), numberTokens: numberTokens(run), spoken };
    if (current?.spoken && spoken) {
      const gap = tokens.slice(current.end, next.first);
      const joinedTokens = next.end - current.first;
      const joinedNumbers = current.numberTokens + next.numberTokens;
      if (gap.length <= MAX_MISHEARD_IN_A_ROW && !gap.some((t) => MAGNITUDE_WORDS.has(t.text)) && joinedNumbers / joinedTokens >= MIN_NUMBER_SHARE) {
        current = { ...current, end: next.end, digits: current.digits + "x".repeat(gap.length) + next.digits, numberTokens: joinedNumbers };
        continue;
      }
    }
    if (current) out.push(current);
    current = next;
  }
  if (current) out.push(current);
  return out.map(({ first, end, digits }) => ({ first, end, digits }));
}

/** Runs of numbers (digits or words) that are personal data. */
function numberSpans(text: string, tokens: Token[]): PersonalDataSpan[] {
  const spans: PersonalDataSpan[] = [];
  for (const run of joinMisheard(strictRuns(text, tokens), tokens)) {
    const start = tokens[run.first]!.start;
    const end = tokens[run.end - 1]!.end;
    const raw = text.slice(start, end);
    const labelled = keywordKind(tokens, run.first);
    // "2,00,000" or a range of amounts "30,00,000 - 40,00,000": every piece written as an amount
    const amount = raw.split(/[\s\-/()]+/).filter(Boolean).every((piece) => AMOUNT.test(piece)) || /(?:₹|rs\.?|inr)\s*$/i.test(text.slice(Math.max(0, start - 4), start));
    const dated = YEAR.test(raw) || DATE.test(raw);
    if (labelled && run.digits.length >= MIN_DIGITS_LABELLED && !amount && !dated) spans.push({ kind: labelled, start, end });
    else if (!amount && run.digits.length >= MIN_DIGITS_UNLABELLED) {
      const plus = text.slice(0, start).trimEnd().endsWith("+");
      // a misheard digit's place is unknown: shaped as 0, which no phone number starts with
      spans.push({ kind: kindByShape(run.digits.replace(/x/g, "0"), plus), start: plus ? text.lastIndexOf("+", start) : start, end });
    }
  }
  return spans;
}

/** IFSC and PAN codes, written in one piece or spelt out letter by letter. */
function codeSpans(tokens: Token[]): PersonalDataSpan[] {
  const spans: PersonalDataSpan[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const whole = tokens[i]!.text.toUpperCase();
    const afterKeyword = tokens.slice(Math.max(0, i - KEYWORD_WINDOW), i).some((t) => CODE_KEYWORD.test(t.text));
    const written = IFSC.test(whole) ? "ifsc" : (afterKeyword ? PAN : PAN_ISSUED).test(whole) ? "pan" : undefined;
    if (written) {
      spans.push({ kind: written, start: tokens[i]!.start, end: tokens[i]!.end });
      continue;
    }
    let code = "";
    let spelt = true;
    for (let j = i; j < tokens.length && code.length < 11; ) {
      const t = tokens[j]!.text;
      const { digits, used } = digitsAt(tokens, j);
      if (used) {
        code += digits;
        j += used;
      } else if (/^[a-z]+$/.test(t) || LETTER_NAMES[t]) {
        if (t.length > 1 && !LETTER_NAMES[t]) spelt = false;
        code += (LETTER_NAMES[t] ?? t).toUpperCase();
        j++;
      } else break;
      if (spelt || afterKeyword) {
        const kind = IFSC.test(code) ? "ifsc" : PAN.test(code) ? "pan" : undefined;
        if (kind) {
          spans.push({ kind, start: tokens[i]!.start, end: tokens[j - 1]!.end });
          i = j - 1;
          break;
        }
      }
    }
  }
  return spans;
}

/** Where the personal data in a text is. */
export function findPersonalData(text: string): PersonalDataSpan[] {
  const spans: PersonalDataSpan[] = [];
  for (const m of text.matchAll(EMAIL)) spans.push({ kind: "email", start: m.index, end: m.index + m[0].length });
  for (const m of text.matchAll(SPOKEN_EMAIL)) spans.push({ kind: "email", start: m.index, end: m.index + m[0].length });
  const tokens = tokenise(text);
  spans.push(...codeSpans(tokens), ...numberSpans(text, tokens));
  // overlapping finds (an e-mail with digits in it) become one: the earliest, widest
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: PersonalDataSpan[] = [];
  for (const s of spans) {
    const last = merged.at(-1);
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}

/** The text with each piece of personal data replaced by its label, e.g. "[aadhaar]". */
export function redactText(text: string): string {
  const spans = findPersonalData(text);
  let out = text;
  for (const s of spans.reverse()) out = `${out.slice(0, s.start)}[${s.kind}]${out.slice(s.end)}`;
  return out;
}

/** Identifiers we make (Asterisk channel ids are epoch digits) are not personal data. */
const ID_KEY = /(?:^id|Id|Ids)$/;

/** Every string inside a value redacted, except under id keys (objects and arrays copied, not changed in place). */
export function redactDeep<T>(value: T, depth = 6): T {
  if (typeof value === "string") return redactText(value) as T;
  if (depth <= 0 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth - 1)) as T;
  // an Error stays an Error (loggers serialise it), with its non-enumerable message and stack redacted
  const out = (value instanceof Error ? Object.assign(new Error(redactText(value.message)), { name: value.name, stack: value.stack && redactText(value.stack) }) : {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(value)) out[k] = ID_KEY.test(k) ? v : redactDeep(v, depth - 1);
  return out as T;
}
