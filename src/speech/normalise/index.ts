// Text normalisation before synthesis, in English and Hindi: Indian numbering (1,25,000 → one lakh
// twenty-five thousand / एक लाख पच्चीस हज़ार), ₹ / Rs. / "/-", percentages, dates, years, ranges,
// helpline and phone numbers digit by digit, acronyms, URLs, bullets and markup. The output is split
// into runs by script, so English words inside Hindi text get the English voice.
import { ToWords } from "to-words";

export type SpeechLang = "en" | "hi";

export interface SpeechRun {
  text: string;
  lang: string;
}

const words = { en: new ToWords({ localeCode: "en-IN" }), hi: new ToWords({ localeCode: "hi-IN" }) };

const DIGIT_WORDS: Record<SpeechLang, string[]> = {
  en: ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"],
  hi: ["शून्य", "एक", "दो", "तीन", "चार", "पाँच", "छह", "सात", "आठ", "नौ"],
};

const MONTHS: Record<SpeechLang, string[]> = {
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
  hi: ["जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर", "दिसंबर"],
};

const T = {
  rupees: { en: "rupees", hi: "रुपये" },
  percent: { en: "percent", hi: "प्रतिशत" },
  point: { en: "point", hi: "दशमलव" },
  to: { en: "to", hi: "से" },
  dot: { en: "dot", hi: "डॉट" },
} as const;

/** A whole number in words ("125000" → "one lakh twenty five thousand"). */
export function numberWords(n: number, lang: SpeechLang): string {
  if (!Number.isFinite(n) || n < 0 || n > 999_999_999_999) return String(n);
  return words[lang].convert(Math.floor(n)).toLowerCase();
}

/** "90.95" → "ninety point nine five": decimals are read digit by digit. */
function decimalWords(text: string, lang: SpeechLang): string {
  const [whole, frac] = text.replace(/,/g, "").split(".");
  const head = numberWords(Number(whole), lang);
  if (!frac) return head;
  return `${head} ${T.point[lang]} ${[...frac].map((d) => DIGIT_WORDS[lang][Number(d)]).join(" ")}`;
}

export function digitsOneByOne(text: string, lang: SpeechLang): string {
  return text
    .replace(/\D+/g, " ")
    .trim()
    .split(" ")
    .map((group) => [...group].map((d) => DIGIT_WORDS[lang][Number(d)]).join(" "))
    .join(", ");
}

/** A year is read as a year: "2016" → "twenty sixteen" in English, as a number in Hindi. */
function yearWords(year: number, lang: SpeechLang): string {
  if (lang === "hi" || year < 1100 || year >= 2100 || year % 100 === 0 || (year >= 2000 && year < 2010)) return numberWords(year, lang);
  return `${numberWords(Math.floor(year / 100), "en")} ${numberWords(year % 100, "en")}`;
}

function dateWords(day: number, month: number, year: number | undefined, lang: SpeechLang): string {
  const m = MONTHS[lang][month - 1];
  if (!m || day < 1 || day > 31) return `${day} ${month}`;
  return `${numberWords(day, lang)} ${m}${year !== undefined ? ` ${yearWords(year, lang)}` : ""}`;
}

/** A capitalised word that can be read as a word (KISAN, KUSUM, MUDRA) rather than spelt. */
function pronounceable(part: string): boolean {
  if (part.length < 3 || !/[AEIOU]/.test(part)) return false;
  if (/[^AEIOUY]{3}/.test(part)) return false;
  return !/^[^AEIOU]{2}/.test(part) || /^(PR|TR|ST|SH|CH|KR|BR|GR|DR|SW|SV|BH|DH|KH|GH|JH|TH|PH)/.test(part);
}

/** Letters of an acronym spoken one by one ("PMAY-G" → "P M A Y G", "PM-KISAN" → "P M kisan"). */
function acronym(token: string): string {
  return token
    .split(/[-.]+/)
    .filter(Boolean)
    .map((part) => (pronounceable(part) ? part.toLowerCase() : part.split("").join(" ")))
    .join(" ");
}

const PHONE = /(?:\+91[\s-]?)?\b(?:1800|1860)[\s-]?\d{2,4}[\s-]?\d{3,4}\b|\b1\d{2,4}\b(?=\s*\(?(?:toll|helpline|हेल्पलाइन))|(?:\+91[\s-]?)?\b[6-9]\d{4}[\s-]?\d{5}\b|\b0\d{2,4}[\s-]\d{6,8}\b/g;

/** Normalises one language's text for the ear. */
export function normaliseText(input: string, lang: SpeechLang): string {
  let t = input.normalize("NFC");
  t = t.replace(/<[^>]+>/g, " ").replace(/\*\*|__|`|#+\s/g, " ").replace(/^\s*[-•*▪●◦]\s+/gm, "");
  // URLs: the site name is useful, the rest is not
  t = t.replace(/\(?(?:https?:\/\/)?(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?:\/[^\s)]*)?\)?/gi, (m, host: string) => {
    if (!/\.(?:gov|nic|in|org|com|co)\b/i.test(host) && !/^https?:/i.test(m)) return m;
    return ` ${host.split(".").join(` ${T.dot[lang]} `)} `;
  });
  t = t.replace(PHONE, (m) => ` ${digitsOneByOne(m, lang)} `);
  // dates: 2025-04-23, 23/04/2025, 23.04.2025, 1st April 2016
  t = t.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (_m, y, mo, d) => dateWords(Number(d), Number(mo), Number(y), lang));
  t = t.replace(/\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b/g, (_m, d, mo, y) => dateWords(Number(d), Number(mo), Number(y), lang));
  t = t.replace(/\b(\d{1,2})(?:st|nd|rd|th)\b/g, "$1");
  // money: ₹ 1,20,000/-, Rs. 6000, INR 500, 6000 rupees
  t = t.replace(/(?:₹|\bRs\.?|\bINR)\s*(\d[\d,]*(?:\.\d+)?)\s*(?:\/-)?(\s*(?:lakhs?|crores?|लाख|करोड़))?/gi, (_m, n: string, scale: string | undefined) => {
    const spokenScale = scale ? ` ${scale.trim().toLowerCase()}` : "";
    return ` ${decimalWords(n, lang)}${spokenScale} ${T.rupees[lang]} `;
  });
  t = t.replace(/\/-/g, " ");
  t = t.replace(/(\d[\d,]*(?:\.\d+)?)\s*%/g, (_m, n: string) => ` ${decimalWords(n, lang)} ${T.percent[lang]} `);
  // ranges: 18-40 years, 18 to 40
  t = t.replace(/\b(\d+)\s*[-–]\s*(\d+)\b/g, (_m, a, b) => `${a} ${T.to[lang]} ${b}`);
  // years standing alone (1950–2099) read as years
  t = t.replace(/\b(19\d\d|20\d\d)\b/g, (_m, y) => yearWords(Number(y), lang));
  t = t.replace(/\d[\d,]*\.\d+/g, (m) => decimalWords(m, lang));
  t = t.replace(/\d[\d,]*/g, (m) => ` ${numberWords(Number(m.replace(/,/g, "")), lang)} `);
  // acronyms in capitals
  t = t.replace(/\b[A-Z][A-Z.-]*[A-Z]\b/g, (m) => acronym(m));
  t = t.replace(/&/g, lang === "hi" ? " और " : " and ");
  t = t.replace(/[|_~^]/g, " ").replace(/\s+([,.;:!?।])/g, "$1").replace(/\s+/g, " ").trim();
  return t;
}

/**
 * Normalised text cut into runs by script: Devanagari is spoken with the Hindi voice, Latin with the
 * English one, whatever the sentence's language.
 */
export function speechRuns(text: string, lang: SpeechLang): SpeechRun[] {
  const normal = normaliseText(text, lang);
  const runs: SpeechRun[] = [];
  for (const piece of normal.match(/[\u0900-\u097f\u0964\u0965]+(?:[\s,.;:!?'"()-]+[\u0900-\u097f\u0964\u0965]+)*[।.!?]?|[^\u0900-\u097f\u0964\u0965]+/g) ?? []) {
    const trimmed = piece.trim();
    if (!trimmed || !/[\p{L}\p{N}]/u.test(trimmed)) continue;
    const runLang = /[\u0900-\u097f]/.test(trimmed) ? "hi" : lang === "hi" && /^[\d\s,.]+$/.test(trimmed) ? "hi" : "en";
    const last = runs[runs.length - 1];
    if (last && last.lang === runLang) last.text = `${last.text} ${trimmed}`;
    else runs.push({ text: trimmed, lang: runLang });
  }
  return runs;
}

/** Sentences of normalised text, for synthesis one at a time. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?।])\s+/)
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
}
