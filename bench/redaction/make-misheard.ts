// Writes the evaluation set for redacting misheard spoken numbers (issue 16 item 9), once, before the
// method it measures was written: Aadhaar, phone and account numbers spoken digit by digit in English,
// Hindi (Devanagari) and romanised Hindi, with one or two words misrecognised (a digit heard as another
// word, or a word inserted), inside a caller's sentence with or without a word saying what the number is.
// Split once into dev (to look at while developing) and test (measured, never tuned on). Fixed seed: the
// files do not change when this is run again.
//   node --import tsx bench/redaction/make-misheard.ts
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { mulberry32 } from "../caller-voice.js";

const random = mulberry32(20261122);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

type Lang = "en" | "hi" | "hi-Latn";
const DIGITS: Record<Lang, string[][]> = {
  en: [["zero", "oh"], ["one"], ["two"], ["three"], ["four"], ["five"], ["six"], ["seven"], ["eight"], ["nine"]],
  hi: [["शून्य", "ज़ीरो"], ["एक"], ["दो"], ["तीन"], ["चार"], ["पांच", "पाँच"], ["छह", "छः"], ["सात"], ["आठ"], ["नौ"]],
  "hi-Latn": [["shunya", "zero"], ["ek"], ["do"], ["teen"], ["char", "chaar"], ["paanch"], ["chhe"], ["saat"], ["aath"], ["nau"]],
};
/** What a recogniser writes for a digit it mishears: sound-alike ordinary words, never number words. */
const SOUND_ALIKES: Record<Lang, string[][]> = {
  en: [["hero", "zara"], ["won", "john", "want"], ["too", "tooth"], ["tree", "free"], ["floor", "fore"], ["fine", "fight"], ["sex", "sick"], ["heaven", "several"], ["hate", "eat"], ["mind", "night", "nice"]],
  hi: [["सुन", "शुन"], ["नेक", "ऐक"], ["तो", "को"], ["दिन", "टीन"], ["चाल", "जार"], ["पंच", "बांच"], ["छत", "चाय"], ["साथ", "बात"], ["हाथ", "आट"], ["नो", "नाव"]],
  "hi-Latn": [["sun", "soonya"], ["neck", "ache"], ["to", "ko"], ["din", "seen"], ["chal", "jar"], ["punch", "bunch"], ["chai", "chain"], ["saath", "baat"], ["haath", "art"], ["no", "now"]],
};
const FILLERS: Record<Lang, string[]> = { en: ["uh", "the", "and", "is", "a"], hi: ["है", "और", "जी", "हां", "का"], "hi-Latn": ["hai", "aur", "ji", "haan", "ka"] };
const CARRIERS: Record<Lang, { labelled: string[]; unlabelled: string[] }> = {
  en: {
    labelled: ["my aadhaar number is {N}", "aadhaar {N}", "my mobile number is {N} please call", "the account number is {N} in state bank", "phone {N}", "my account {N} thank you"],
    unlabelled: ["{N}", "it is {N}", "please note {N} thank you", "yes {N} that is it", "i said {N}"],
  },
  hi: {
    labelled: ["मेरा आधार नंबर {N} है", "आधार {N}", "मेरा मोबाइल नंबर {N} है", "खाता संख्या {N} है", "फ़ोन नंबर {N}"],
    unlabelled: ["{N}", "जी {N} है", "लिख लीजिए {N} धन्यवाद", "नंबर है {N}"],
  },
  "hi-Latn": {
    labelled: ["mera aadhaar number {N} hai", "aadhaar {N}", "mera mobile number {N} hai", "khata number {N} hai", "phone {N}"],
    unlabelled: ["{N}", "ji {N} hai", "likh lijiye {N} dhanyavaad", "number hai {N}"],
  },
};
const KINDS = [
  { kind: "aadhaar", digits: () => String(int(2, 9)) + Array.from({ length: 11 }, () => int(0, 9)).join("") },
  { kind: "phone", digits: () => String(int(6, 9)) + Array.from({ length: 9 }, () => int(0, 9)).join("") },
  { kind: "account", digits: () => Array.from({ length: int(11, 14) }, () => int(0, 9)).join("") },
] as const;

export interface MisheardItem {
  id: string;
  lang: Lang;
  kind: string;
  labelled: boolean;
  text: string;
  /** The number's words as spoken, each correctly recognised one of which must end up redacted. */
  numberWords: string[];
  misheard: number;
}

function item(n: number): MisheardItem {
  const lang = pick<Lang>(["en", "hi", "hi-Latn"]);
  const k = pick(KINDS);
  const digits = k.digits();
  const words = [...digits].map((d) => ({ word: pick(DIGITS[lang][Number(d)]!), digit: Number(d), number: true }));
  const misheard = random() < 0.5 ? 1 : 2;
  const spoken: { word: string; number: boolean }[] = [...words];
  for (let m = 0; m < misheard; m++) {
    const r = random();
    if (r < 0.8) {
      // a digit heard as a sound-alike word
      const candidates = spoken.map((w, i) => (w.number ? i : -1)).filter((i) => i >= 0);
      const at = pick(candidates);
      const digit = (spoken[at] as (typeof words)[number]).digit;
      spoken[at] = { word: pick(SOUND_ALIKES[lang][digit]!), number: false };
    } else {
      // a word inserted inside the run
      spoken.splice(int(1, spoken.length - 1), 0, { word: pick(FILLERS[lang]), number: false });
    }
  }
  const labelled = random() < 0.5;
  const carrier = pick(labelled ? CARRIERS[lang].labelled : CARRIERS[lang].unlabelled);
  const said = spoken.map((w) => w.word).join(" ");
  const text = carrier.replace("{N}", lang === "en" && random() < 0.3 ? said.toUpperCase() : said);
  return { id: `m${String(n).padStart(3, "0")}`, lang, kind: k.kind, labelled, text: lang === "en" && random() < 0.3 ? text.toUpperCase() : text, numberWords: spoken.filter((w) => w.number).map((w) => w.word), misheard };
}

const items = Array.from({ length: 400 }, (_, i) => item(i + 1));
// split once: a seeded shuffle, half each
const order = items.map((it) => ({ it, r: random() })).sort((a, b) => a.r - b.r).map((x) => x.it);
const dir = join(import.meta.dirname);
writeFileSync(join(dir, "misheard-dev.jsonl"), order.slice(0, 200).map((x) => JSON.stringify(x)).join("\n") + "\n");
writeFileSync(join(dir, "misheard-test.jsonl"), order.slice(200).map((x) => JSON.stringify(x)).join("\n") + "\n");
console.log("wrote misheard-dev.jsonl and misheard-test.jsonl (200 each)");
