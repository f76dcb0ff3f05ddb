// Contextual biasing: the words the recogniser should favour (scheme names and their spoken forms,
// language names, the words of the menu) as a sherpa-onnx hotwords file. The English model writes in
// capitals, so hotwords are capitalised Latin words.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SchemeMeta } from "../../knowledge/index.js";

/** Names of the languages a caller may say at the language menu (English spellings the model can write). */
export const LANGUAGE_NAMES: Record<string, string[]> = {
  hi: ["HINDI", "HINDEE"],
  en: ["ENGLISH", "ANGREZI"],
  ta: ["TAMIL"],
  te: ["TELUGU"],
  kn: ["KANNADA"],
  ml: ["MALAYALAM"],
  mr: ["MARATHI"],
  bn: ["BENGALI", "BANGLA"],
  gu: ["GUJARATI"],
  pa: ["PUNJABI"],
  or: ["ODIA", "ORIYA"],
  as: ["ASSAMESE"],
  ur: ["URDU"],
};

const MENU_WORDS = ["DOCUMENTS", "ELIGIBLE", "ELIGIBILITY", "APPLY", "HELPLINE", "BENEFITS", "PENSION", "LOAN", "SCHEME", "YOJANA", "REPEAT", "AGENT", "MORE"];

function clean(text: string): string {
  return text
    .toUpperCase()
    .replace(/\([^)]*\)/g, " ")
    .replace(/[^A-Z ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Hotword phrases from the schemes that callers name most: nationwide ones, and every curated alias. */
export function buildHotwords(schemes: readonly SchemeMeta[], limit = 1500): string[] {
  const out = new Set<string>();
  for (const words of Object.values(LANGUAGE_NAMES)) words.forEach((w) => out.add(w));
  MENU_WORDS.forEach((w) => out.add(w));
  const ranked = [...schemes].sort((a, b) => b.prior - a.prior);
  for (const s of ranked) {
    if (out.size >= limit) break;
    for (const alias of s.aliases) {
      const c = clean(alias);
      if (c.length >= 3 && c.split(" ").length <= 5) out.add(c);
    }
    if (s.level === "central" && s.detailLevel === "full") {
      const name = clean(s.name);
      if (name.split(" ").length <= 6) out.add(name);
    }
  }
  return [...out].slice(0, limit);
}

/** Writes the hotwords where the recogniser can read them; the file name follows the content. */
export function writeHotwordsFile(dir: string, lines: string[]): string {
  const text = lines.join("\n") + "\n";
  const path = join(dir, `hotwords-${createHash("sha256").update(text).digest("hex").slice(0, 12)}.txt`);
  if (!existsSync(path)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, text);
  }
  return path;
}
