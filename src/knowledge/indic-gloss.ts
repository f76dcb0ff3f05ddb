// Words of asking and of welfare in the other Indian languages (data/indic-gloss.json), put into the Hindi
// the dialogue reads once a question's script is written as Devanagari (indic.ts): "কত টাকা" is "कितना
// पैसे", "திட்டத்தில்" is "योजना". Names of schemes need no gloss (they are the same nouns in every
// language); without these words a question's frame (how much, who can apply, "scheme") goes unread.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { toDevanagari } from "./indic.js";

const glossFile = z.object({ _about: z.string(), words: z.record(z.string(), z.string()), stems: z.record(z.string(), z.string()) });

/** A stem this short (in letters and signs) would begin too many other words: it must be the whole word. */
const MIN_STEM = 3;
const WORD = /[\u0900-\u097f]+/g;

export class IndicGloss {
  private readonly words = new Map<string, string>();
  /** Longest first: "विद्यार्थ" before a shorter stem it begins with. */
  private readonly stems: [string, string][];

  constructor(words: Record<string, string>, stems: Record<string, string>) {
    // keyed as the dialogue will see them: in Devanagari, as toDevanagari writes the caller's words
    for (const [native, hindi] of Object.entries(words)) this.words.set(toDevanagari(native), hindi);
    this.stems = Object.entries(stems)
      .map(([native, hindi]): [string, string] => [toDevanagari(native), hindi])
      .filter(([stem]) => stem.length >= MIN_STEM)
      .sort((a, b) => b[0].length - a[0].length);
  }

  static load(): IndicGloss {
    const data = glossFile.parse(JSON.parse(readFileSync(new URL("./data/indic-gloss.json", import.meta.url), "utf8")));
    return new IndicGloss(data.words, data.stems);
  }

  /** A Devanagari-written question with the words the gloss knows in Hindi; the rest (names above all) as they are. */
  toHindi(text: string): string {
    return text.replace(WORD, (w) => this.words.get(w) ?? this.stems.find(([stem]) => w.startsWith(stem))?.[1] ?? w);
  }
}
