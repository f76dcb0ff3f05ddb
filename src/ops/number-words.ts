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

/** Words that scale a number ("five thousand", "दो लाख", "5 lakh"), and by how much. */
export const MAGNITUDES: ReadonlyMap<string, number> = new Map([
  ...["hundred", "hundreds", "सौ", "sau"].map((w) => [w, 1e2] as const),
  ...["thousand", "thousands", "हज़ार", "हजार", "hazaar", "hazar", "hajar", "hajaar"].map((w) => [w, 1e3] as const),
  ...["lakh", "lakhs", "lac", "lacs", "लाख"].map((w) => [w, 1e5] as const),
  ...["million", "millions"].map((w) => [w, 1e6] as const),
  ...["crore", "crores", "करोड़", "करोड", "karod", "karor"].map((w) => [w, 1e7] as const),
  ...["billion", "अरब", "arab"].map((w) => [w, 1e9] as const),
]);

/** Words that scale a number: they make a quantity, never a digit-by-digit identifier. */
export const MAGNITUDE_WORDS: ReadonlySet<string> = new Set(MAGNITUDES.keys());
