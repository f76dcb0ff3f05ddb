// Other Indian scripts written as Devanagari. Unicode laid the Brahmic scripts out alike (from ISCII): a
// letter of Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada or Malayalam sits at the same offset
// in its block as the Devanagari letter of that sound. Scheme names are mostly the same proper nouns in
// every language ("আয়ুষ্মান ভারত" is "आयुष्मान भारत"), so once written in Devanagari they meet the Hindi and
// romanised names the knowledge base is matched by. Only what the offset gets wrong is fixed here.

const DEVANAGARI = 0x0900;
const BLOCK = 0x80;
const FIRST_OTHER = 0x0980;
const END_OTHER = 0x0d80;
/** A virama closing a word. */
const WORD_FINAL_VIRAMA = /\u094d(?![\u0900-\u097f])/g;

/** Letters whose offset twin in Devanagari is another sign, or one Hindi does not use. */
const LETTER_FIXES: Record<string, string> = {
  // Bengali khanda ta (a dead "t"), Assamese ra and wa
  "\u09ce": "त्", "\u09f0": "र", "\u09f1": "व",
  // Gurmukhi tippi (a nasal), addak (the next consonant doubled: dropped, as spelling variants do)
  "\u0a70": "ं", "\u0a71": "",
  // Oriya wa
  "\u0b71": "व",
  // Tamil's alveolar n and r and its retroflex approximant: Hindi hears n, r, l
  "\u0ba9": "न", "\u0bb1": "र", "\u0bb4": "ळ",
  // Telugu's old r; Kannada's retroflex approximant and old r
  "\u0c31": "र", "\u0cde": "ळ", "\u0cb1": "र",
  // Malayalam's alveolar r and retroflex approximant; its chillu letters (dead consonants) and dot reph
  "\u0d31": "र", "\u0d34": "ळ", "\u0d7a": "ण्", "\u0d7b": "न्", "\u0d7c": "र्", "\u0d7d": "ल्", "\u0d7e": "ळ्", "\u0d7f": "क्", "\u0d4e": "र्",
  // Malayalam's au length mark, written alone as the vowel sign au
  "\u0d57": "ौ",
};

/** Dravidian short e and o, which Hindi does not tell from long: written as e and o. */
const SHORT_VOWELS: Record<string, string> = { "\u090e": "ए", "\u0912": "ओ", "\u0946": "े", "\u094a": "ो" };

/** Bengali and Oriya "ya" written with a nukta (য়, ୟ) is Hindi's plain य; NFC keeps Bengali's apart. */
const NUKTA_YA = /\u09af\u09bc|\u09df|\u0b2f\u0b3c|\u0b5f/g;
/** Telugu, Kannada and Malayalam end a word on an anusvara said "m" ("పీఎం" pi-em). */
const FINAL_ANUSVARA = /([\u0c02\u0c82\u0d02])(?![\u0c00-\u0d7f])/g;

/** Tamil's aytham before pa or ja writes the foreign f and z. */
const AYTHAM = /\u0b83([\u0baa\u0b9c])/g;
/**
 * Tamil's ca is "s" on its own and "c" doubled or after a nasal or stop ("கிசான்" kisan, "பச்சை" pacchai,
 * "பஞ்சாயத்து" panchayat): Tamil writes no s of its own for Hindi and English names but ஸ, and not always.
 */
const TAMIL_CA = /(?<![\u0b9a\u0b9e\u0b9f\u0bb1]\u0bcd)\u0b9a(?!\u0bcd\u0b9a)/g;

function isOtherIndic(c: number): boolean {
  return c >= FIRST_OTHER && c < END_OTHER;
}

/** True when the text holds a letter of an Indian script other than Devanagari. */
export function hasOtherIndic(text: string): boolean {
  for (const ch of text) if (isOtherIndic(ch.codePointAt(0)!)) return true;
  return false;
}

/** The text with every letter of another Indian script written in Devanagari; the rest unchanged. */
export function toDevanagari(text: string): string {
  const prepared = text
    .normalize("NFC")
    .replace(NUKTA_YA, "य")
    .replace(FINAL_ANUSVARA, "म")
    .replace(AYTHAM, (_, next: string) => (next === "\u0baa" ? "फ़" : "ज़"))
    .replace(TAMIL_CA, "\u0bb8");
  let out = "";
  for (const ch of prepared) {
    const c = ch.codePointAt(0)!;
    if (!isOtherIndic(c)) {
      out += ch;
      continue;
    }
    const fixed = LETTER_FIXES[ch];
    if (fixed !== undefined) {
      out += fixed;
      continue;
    }
    const offset = (c - DEVANAGARI) % BLOCK;
    // digits of every script are written as the digits callers type
    if (offset >= 0x66 && offset <= 0x6f) {
      out += String(offset - 0x66);
      continue;
    }
    const deva = String.fromCodePoint(DEVANAGARI + offset);
    out += SHORT_VOWELS[deva] ?? deva;
  }
  // Tamil and Malayalam close a word on a dead consonant ("கிசான்"); Hindi writes it bare ("किसान"),
  // its final vowel unsaid; and a letter and a nukta are put together again (य + ़ → य़)
  return out.replace(WORD_FINAL_VIRAMA, "").normalize("NFC");
}
