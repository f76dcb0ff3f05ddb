// Number words 0–99 in Hindi and English, from to-words (Hindi numbers are irregular), shared by the
// LLM grounding check and the redaction of numbers a caller spells out.
import { ToWords } from "to-words";

const hindi = new ToWords({ localeCode: "hi-IN" });
const english = new ToWords({ localeCode: "en-IN" });

/** "पच्चीस" → 25, "twenty five" → 25 (lower case, words joined by one space). */
export const NUMBER_WORDS_0_TO_99: ReadonlyMap<string, number> = (() => {
  const map = new Map<string, number>();
  for (let n = 0; n < 100; n++) {
    map.set(hindi.convert(n).toLowerCase(), n);
    map.set(english.convert(n).toLowerCase(), n);
  }
  return map;
})();

/** Words that scale a number ("five thousand", "दो लाख"): they make a quantity, never a digit-by-digit identifier. */
export const MAGNITUDE_WORDS: ReadonlySet<string> = new Set([
  "hundred", "hundreds", "thousand", "thousands", "lakh", "lakhs", "lac", "lacs", "crore", "crores", "million", "millions", "billion",
  "सौ", "हज़ार", "हजार", "लाख", "करोड़", "करोड", "अरब",
  "sau", "hazaar", "hazar", "hajar", "hajaar", "karod", "karor", "arab",
]);
