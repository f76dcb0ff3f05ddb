// Marathi shares Devanagari with Hindi but not its words ("पीक विमा" is Hindi's "फसल बीमा"): a small
// gloss of everyday Marathi words of asking and of welfare (data/marathi.json) rewrites a Marathi question
// in the Hindi the dialogue reads, postpositions written onto a word ("योजनेसाठी") split off and glossed too.
import { readFileSync } from "node:fs";
import { z } from "zod";

const glossFile = z.object({ _about: z.string(), words: z.record(z.string(), z.string()), postpositions: z.record(z.string(), z.string()) });

/** Postpositions this short are split off only after an oblique stem's vowel (योजने-त, घरा-ला), never off "भारत". */
const SHORT_POSTPOSITION = 2;
/** …and from a stem this long (in letters and signs): "खेत" and "वाला" are whole Hindi words. */
const MIN_STEM_SHORT = 3;
/** Vowel signs an oblique stem ends in: -ā (घरा-) and -e (योजने-). */
const OBLIQUE_END = /[\u093e\u0947]$/;
const OBLIQUE_E = "\u0947";
const DIRECT_A = "\u093e";

const WORD = /[\u0900-\u097f]+/g;

export class MarathiGloss {
  /** Longest first, so "मध्ये" is tried before "ये"-like shorter endings. */
  private readonly postpositions: [string, string][];

  constructor(private readonly words: ReadonlyMap<string, string>, postpositions: Record<string, string>) {
    this.postpositions = Object.entries(postpositions).sort((a, b) => b[0].length - a[0].length);
  }

  static load(): MarathiGloss {
    const data = glossFile.parse(JSON.parse(readFileSync(new URL("./data/marathi.json", import.meta.url), "utf8")));
    return new MarathiGloss(new Map(Object.entries(data.words)), data.postpositions);
  }

  /** A Marathi word the gloss gives another Hindi word for: a sign the text is Marathi. */
  isMarathiWord(word: string): boolean {
    const hindi = this.words.get(word);
    // a short postposition ("-त", "-ला") ends Hindi words too ("अकेला"): only a long one tells
    return (hindi !== undefined && hindi !== word) || this.splitOff(word, true) !== undefined;
  }

  /** Share of a Devanagari text's words that are Marathi, not Hindi. */
  share(text: string): number {
    const words = text.normalize("NFC").match(WORD) ?? [];
    return words.length ? words.filter((w) => this.isMarathiWord(w)).length / words.length : 0;
  }

  /** The text with its Marathi words in Hindi; words the gloss does not know stay as they are. */
  toHindi(text: string): string {
    return text.normalize("NFC").replace(WORD, (w) => this.words.get(w) ?? this.splitOff(w) ?? w);
  }

  /** A word with a postposition written onto it: its stem (glossed, or in its direct form) and the Hindi postposition. */
  private splitOff(word: string, longOnly = false): string | undefined {
    for (const [post, hindi] of this.postpositions) {
      if (!word.endsWith(post)) continue;
      const stem = word.slice(0, -post.length);
      const short = post.length <= SHORT_POSTPOSITION;
      if (stem.length < (short ? MIN_STEM_SHORT : 2) || (short && (longOnly || !OBLIQUE_END.test(stem)))) continue;
      const direct = stem.endsWith(OBLIQUE_E) ? stem.slice(0, -1) + DIRECT_A : stem.endsWith(DIRECT_A) ? stem.slice(0, -1) : stem;
      return `${this.words.get(stem) ?? this.words.get(direct) ?? direct} ${hindi}`;
    }
    return undefined;
  }
}
