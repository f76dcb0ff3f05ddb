// Language selection by voice: the caller says the name of a language ("Hindi", "हिंदी", "Tamil").
// With only an English recogniser, the name comes back as English letters, often bent ("hindy",
// "tamily"); a phonetic match against each language's names absorbs that. No match → "unknown", and
// the call falls back to the keypad.
import { phoneticKey, romanTokens } from "../knowledge/text.js";
import { distance } from "fastest-levenshtein";
import type { AsrHypothesis } from "./asr/types.js";
import { LANGUAGE_NAMES } from "./asr/hotwords.js";

/** Names in the languages' own scripts, as a recogniser for that language would write them. */
const NATIVE_NAMES: Record<string, string[]> = {
  hi: ["हिंदी", "हिन्दी"],
  en: ["अंग्रेज़ी", "अंग्रेजी", "इंग्लिश"],
  ta: ["தமிழ்"],
  te: ["తెలుగు"],
  kn: ["ಕನ್ನಡ"],
  ml: ["മലയാളം"],
  mr: ["मराठी"],
  bn: ["বাংলা"],
  gu: ["ગુજરાતી"],
  pa: ["ਪੰਜਾਬੀ"],
};

export interface LanguageChoice {
  lang: string | "unknown";
  heard: string;
}

export function recogniseLanguageName(hypotheses: AsrHypothesis[], languages: string[]): LanguageChoice {
  let best: { lang: string; score: number; heard: string } | undefined;
  for (const h of hypotheses) {
    const words = romanTokens(h.text);
    const candidates = [...words, ...words.slice(0, -1).map((w, i) => w + words[i + 1])];
    for (const lang of languages) {
      const names = [...(LANGUAGE_NAMES[lang] ?? []), ...(NATIVE_NAMES[lang] ?? [])].flatMap((n) => romanTokens(n));
      for (const heard of candidates) {
        for (const name of names) {
          const a = phoneticKey(heard);
          const b = phoneticKey(name);
          const d = distance(a, b);
          const score = 1 - d / Math.max(a.length, b.length, 1);
          if (score >= 0.6 && (!best || score > best.score)) best = { lang, score, heard };
        }
      }
    }
  }
  return best ? { lang: best.lang, heard: best.heard } : { lang: "unknown", heard: hypotheses[0]?.text ?? "" };
}
