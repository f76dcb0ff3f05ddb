// English words written in Devanagari ("मोबाइल", "स्कूल", "पेंशन"): Hindi callers borrow English words
// freely and no Hindi dictionary lists them. A Devanagari word is met with the English words of the
// background word list that sound the same: the same consonants (English spelling read the way Hindi
// writes it: "ch"/"tch" one sound, soft "c" as "s", "-tion" as "-shan") and, between them, vowels that
// Hindi writes that English sound with (ए for "a"/"e", ऑ for "o"/"a", the inherent vowel for any).

/** Sound letters of each Devanagari consonant (nukta dropped: ज़ is ज, फ़ is फ). */
const CONSONANTS: Record<string, string> = {
  "क": "k", "ख": "k", "ग": "g", "घ": "g", "ङ": "n", "च": "C", "छ": "C", "ज": "j", "झ": "j", "ञ": "n",
  "ट": "t", "ठ": "t", "ड": "d", "ढ": "d", "ण": "n", "त": "t", "थ": "t", "द": "d", "ध": "d", "न": "n",
  "प": "p", "फ": "f", "ब": "b", "भ": "b", "म": "m", "य": "y", "र": "r", "ल": "l", "व": "v", "श": "s",
  "ष": "s", "स": "s", "ह": "h", "ड़": "r", "ढ़": "r",
};
/** Vowel classes: the English vowel letters each Devanagari vowel is heard as ("@": the inherent vowel, any). */
const VOWELS: Record<string, string> = {
  "अ": "@", "आ": "A", "ा": "A", "इ": "I", "ि": "I", "ई": "I", "ी": "I", "उ": "U", "ु": "U", "ऊ": "U", "ू": "U",
  "ए": "E", "े": "E", "ऐ": "Y", "ै": "Y", "ओ": "O", "ो": "O", "औ": "O", "ौ": "O", "ऑ": "Q", "ॉ": "Q", "ऋ": "I", "ृ": "I",
};
// आ is written for English's short "o" as often as ऑ ("डाक्टर", "कालेज"): heard as "a" or "o"
const HEARD_AS: Record<string, string> = { A: "ao", I: "iey", U: "uo", E: "ea", Y: "ae", O: "ou", Q: "oa" };
const VIRAMA = "्";
const ANUSVARA = "ं";
const LIP_CONSONANTS = "पफबभम";

/** A word as consonants and the vowel groups around them: slots[0] before the first consonant, slots[i+1] after consonant i. */
interface Sounds {
  consonants: string;
  slots: string[];
}

function push(s: Sounds, consonant: string): void {
  // a doubled consonant is one sound in either script
  if (s.consonants.at(-1) === consonant && s.slots.at(-1) === "") return;
  s.consonants += consonant;
  s.slots.push("");
}

/** A Devanagari word's sounds; undefined when it holds other letters. */
export function devanagariSounds(word: string): Sounds | undefined {
  const s: Sounds = { consonants: "", slots: [""] };
  const chars = [...word.normalize("NFC").replace(/\u093c/g, "")];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const consonant = CONSONANTS[ch];
    if (consonant !== undefined) {
      // य after a consonant is English "u" sounded "yu" ("क्यू") or a glide between vowels ("शेयर"): no consonant of its own
      const glide = consonant === "y" && (chars[i - 1] === VIRAMA || (s.slots.at(-1) !== "" && s.consonants.length > 0));
      if (!glide) push(s, consonant);
      const next = chars[i + 1];
      if (next === undefined || (next !== VIRAMA && VOWELS[next] === undefined && !glide)) s.slots[s.slots.length - 1] += "@";
      continue;
    }
    const vowel = VOWELS[ch];
    if (vowel !== undefined) s.slots[s.slots.length - 1] += vowel;
    // the nasal dot is said "m" before the lip consonants ("कंप्यूटर"), "n" elsewhere
    else if (ch === ANUSVARA) push(s, LIP_CONSONANTS.includes(chars[i + 1] ?? "") ? "m" : "n");
    else if (ch !== VIRAMA && ch !== "ँ" && ch !== "ः") return undefined;
  }
  return s;
}

/** English spellings rewritten, in this order, to the sound letters Devanagari would write them with. */
const SPELLING_TO_SOUND: [RegExp, string][] = [
  [/gn$/, "n"], [/sch/g, "sk"], [/t?ch/g, "C"], [/ti(?=[aeiou])/g, "s"], [/si(?=on)/g, "s"], [/ph/g, "f"],
  [/sh/g, "s"], [/th/g, "t"], [/ck/g, "k"], [/c(?=[eiy])/g, "s"], [/c/g, "k"], [/q/g, "k"], [/x/g, "ks"],
  [/w/g, "v"], [/z/g, "j"], [/dg/g, "j"], [/gh/g, "g"], [/([kgtdpbjs])h/g, "$1"],
];

/** An English word's sounds, its spelling read the way Hindi would write it. */
export function englishSounds(word: string): Sounds {
  // a soft "c" is soft before the silent "e" that softens it ("balance" is बैलेंस)
  let w = word.toLowerCase().replace(/c(?=e$)/, "s");
  if (w.length > 3) w = w.replace(/([^aeiou])e$/, "$1");
  for (const [spelling, sound] of SPELLING_TO_SOUND) w = w.replace(spelling, sound);
  const s: Sounds = { consonants: "", slots: [""] };
  for (let i = 0; i < w.length; i++) {
    const ch = w[i]!;
    // "y" is a vowel but at the start of a word
    if ("aeiou".includes(ch) || (ch === "y" && i > 0)) s.slots[s.slots.length - 1] += ch;
    else push(s, ch);
  }
  return s;
}

/** Hindi vowels heard as an English vowel group: the inherent vowel as anything, else a shared letter. */
function vowelsAgree(hindi: string, english: string): boolean {
  if (hindi.includes("@") && !/[^@]/.test(hindi)) return true;
  if (hindi === "") return english === "";
  if (english === "") return false;
  const heard = [...hindi].filter((v) => v !== "@").map((v) => HEARD_AS[v] ?? "").join("");
  return heard.includes(english[0]!);
}

export function soundsAlike(hindi: Sounds, english: Sounds): boolean {
  if (hindi.consonants !== english.consonants) return false;
  return hindi.slots.every((slot, i) => {
    // a word's last inherent vowel is not said; a written first vowel (अ) is
    if (i === hindi.slots.length - 1 && slot.replace(/@/g, "") === "") return true;
    if (i === 0 && slot !== "" && english.slots[0] === "") return false;
    return vowelsAgree(slot, english.slots[i]!);
  });
}

/** English words by their consonants, commonest first: candidates for a Devanagari word of the same consonants. */
export class LoanwordIndex {
  private readonly byConsonants = new Map<string, { word: string; sounds: Sounds }[]>();

  /** `words` commonest first. */
  constructor(words: Iterable<string>) {
    for (const word of words) {
      const sounds = englishSounds(word);
      if (sounds.consonants.length < 2) continue;
      const list = this.byConsonants.get(sounds.consonants) ?? [];
      list.push({ word, sounds });
      this.byConsonants.set(sounds.consonants, list);
    }
  }

  /** The index as plain data, for a snapshot (snapshot.ts). */
  toSnapshot(): unknown {
    return this.byConsonants;
  }

  /** An index from `toSnapshot`'s data; undefined when it is not one. */
  static fromSnapshot(data: unknown): LoanwordIndex | undefined {
    if (!(data instanceof Map)) return undefined;
    return Object.assign(new LoanwordIndex([]), { byConsonants: data });
  }

  /** The commonest English word a Devanagari word sounds like, if any. */
  englishOf(word: string): string | undefined {
    return this.soundAlikes(word)[0];
  }

  /** Every English word a Devanagari word sounds like, commonest first. */
  soundAlikes(word: string): string[] {
    const sounds = devanagariSounds(word);
    if (!sounds) return [];
    return (this.byConsonants.get(sounds.consonants) ?? []).filter((c) => soundsAlike(sounds, c.sounds)).map((c) => c.word);
  }
}
