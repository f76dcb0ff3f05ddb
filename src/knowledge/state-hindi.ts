// A state named by its Hindi name. Met by sound, a short or re-shaped Hindi name does not reach its English
// spelling ("दिल्ली" is "dilli", "गोवा" "gova", "असम" "asama": a sound match that short would meet everyday
// words too, "दिल", "तिल"), and some are other words altogether ("पश्चिम बंगाल", "उड़ीसा"). The names as Hindi
// writes them are general language, read here word for word before any sound match.
import { nativeTokens } from "./text.js";

/** The states' and union territories' Hindi names (and the spellings in common use), by English name. */
const HINDI_STATE_NAMES: Readonly<Record<string, readonly string[]>> = {
  "Andaman and Nicobar Islands": ["अंडमान निकोबार", "अंडमान और निकोबार"],
  "Andhra Pradesh": ["आंध्र प्रदेश", "आन्ध्र प्रदेश"],
  "Arunachal Pradesh": ["अरुणाचल प्रदेश", "अरुणाचल"],
  Assam: ["असम", "आसाम"],
  Bihar: ["बिहार"],
  Chandigarh: ["चंडीगढ़", "चण्डीगढ़"],
  Chhattisgarh: ["छत्तीसगढ़"],
  Delhi: ["दिल्ली"],
  Goa: ["गोवा", "गोआ"],
  Gujarat: ["गुजरात"],
  Haryana: ["हरियाणा", "हरियाना"],
  "Himachal Pradesh": ["हिमाचल प्रदेश", "हिमाचल"],
  "Jammu and Kashmir": ["जम्मू कश्मीर", "जम्मू और कश्मीर", "जम्मू-कश्मीर"],
  Jharkhand: ["झारखंड", "झारखण्ड"],
  Karnataka: ["कर्नाटक"],
  Kerala: ["केरल", "केरला"],
  Ladakh: ["लद्दाख"],
  Lakshadweep: ["लक्षद्वीप"],
  "Madhya Pradesh": ["मध्य प्रदेश", "मध्यप्रदेश"],
  Maharashtra: ["महाराष्ट्र"],
  Manipur: ["मणिपुर"],
  Meghalaya: ["मेघालय"],
  Mizoram: ["मिज़ोरम", "मिजोरम"],
  Nagaland: ["नागालैंड", "नगालैंड"],
  Odisha: ["ओडिशा", "ओड़िशा", "उड़ीसा", "उडीसा"],
  Puducherry: ["पुडुचेरी", "पुदुचेरी", "पांडिचेरी"],
  Punjab: ["पंजाब"],
  Rajasthan: ["राजस्थान"],
  Sikkim: ["सिक्किम"],
  "Tamil Nadu": ["तमिलनाडु", "तमिल नाडु"],
  Telangana: ["तेलंगाना", "तेलंगाणा"],
  Tripura: ["त्रिपुरा"],
  "Uttar Pradesh": ["उत्तर प्रदेश", "उत्तरप्रदेश"],
  Uttarakhand: ["उत्तराखंड", "उत्तराखण्ड"],
  "West Bengal": ["पश्चिम बंगाल", "बंगाल"],
};

/** Each Hindi name as its words, longest first (a name inside a longer one, "अरुणाचल", is met last). */
const HINDI_NAMES: readonly { words: string; english: string }[] = Object.entries(HINDI_STATE_NAMES)
  .flatMap(([english, names]) => names.map((name) => ({ words: nativeTokens(name).join(" "), english })))
  .sort((a, b) => b.words.length - a.words.length);

/**
 * The state a text names by its Hindi name, as `states` (folded English name → state, knowledge/search.ts)
 * spells it; none when the text says none or the knowledge base holds no scheme of it.
 */
export function stateByHindiName(states: ReadonlyMap<string, string>, text: string, fold: (s: string) => string): string | undefined {
  const said = ` ${nativeTokens(text).join(" ")} `;
  for (const { words, english } of HINDI_NAMES) if (said.includes(` ${words} `)) return states.get(fold(english));
  return undefined;
}
