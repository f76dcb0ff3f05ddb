// How many records a caller reaches by a name spelt as it sounds, measured on the knowledge base itself: every
// STEP-th record's English name (where its own words single it out) is bent by one general rule of Indian-English
// and Hindi romanisation at a time, and asked a fact of in a carrier written for this measure (no evaluation line).
// The rules, each applied to every word it fits: "w"/"v" traded, a long "aa" written short or a short "a" long,
// "sh" written "s", "ee" written "i" and "i" "ee", an aspirate's "h" dropped ("bh", "dh", "kh", "gh", "th"),
// the last "-ana" said "-na" ("Yojana" → "Yojna"), two short words run together, one long word said apart, a
// plural word in the singular, one vowel of one word heard as its neighbour (the longest own word's first inner
// vowel: "i" as "e", "e" as "i", "a" as "e", "o" as "u", "u" as "o"; the other words as written), and the whole
// name written in Devanagari as a Hindi caller writes English ("टाप कलास"). Counted, per rule: names answered for the record, and where the rest stopped
// (bench/dialogue-misses.ts stages).
//
//   node --import tsx bench/spelling-reach.ts [--step 10] [--verbose] [--rule NAME]
import { isOptionalWord, NAME_STOPWORDS } from "../src/knowledge/name-parts.js";
import { singular } from "../src/knowledge/word-forms.js";
import { namesSingleOut, ownKeys, ReachTally, withReachEngine } from "./reach-tools.js";

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const STEP = Number(arg("--step") ?? 10);
const ONLY = arg("--rule");

/** A word bent by one rule: each rule changes the letters of a word, or the words of a name. */
type WordRule = (word: string) => string;
const wordRules: Record<string, WordRule> = {
  "w/v": (w) => w.replace(/w|v/g, (m) => (m === "w" ? "v" : "w")),
  "aa/a": (w) => (w.includes("aa") ? w.replace(/aa/g, "a") : w.replace(/(?<=^[^aeiou]+)a(?=[^aeiou])/, "aa")),
  "sh/s": (w) => w.replace(/sh/g, "s"),
  "ee/i": (w) => (w.includes("ee") ? w.replace(/ee/g, "i") : w.replace(/(?<=[^aeiou])i(?=[^aeiou])/, "ee")),
  "h dropped": (w) => w.replace(/([bdkgt])h/g, "$1"),
  "-ana as -na": (w) => (w.length >= 6 ? w.replace(/([^aeiou])ana$/, "$1na") : w),
  "singular": (w) => singular(w),
};

/** A long word said apart in two, after a vowel nearest its middle (each part four letters or more). */
function apart(word: string): string {
  const cuts = [...word.matchAll(/[aeiou](?=[^aeiou])/g)].map((m) => m.index! + 1).filter((c) => c >= 4 && word.length - c >= 4);
  const cut = cuts.sort((a, b) => Math.abs(a - word.length / 2) - Math.abs(b - word.length / 2))[0];
  return cut === undefined ? word : `${word.slice(0, cut)} ${word.slice(cut)}`;
}

/** A vowel heard as its neighbour. */
const NEIGHBOUR_VOWEL: Record<string, string> = { i: "e", e: "i", a: "e", o: "u", u: "o" };
/** Words shorter than this are not bent a vowel: too few letters to be told from other words. */
const VOWEL_BENT_MIN = 4;

/** The name with one vowel of its longest own word heard as its neighbour (the first after a consonant), or the name. */
function oneVowelOff(words: string[], own: (w: string) => boolean): string {
  const at = words.reduce((best, w, i) => (own(w) && w.length >= VOWEL_BENT_MIN && (best < 0 || w.length > words[best]!.length) ? i : best), -1);
  if (at < 0) return words.join(" ");
  const bentWord = words[at]!.replace(/(?<=[^aeiou])[aeiou](?=[^aeiou])/, (v) => NEIGHBOUR_VOWEL[v]!);
  return words.map((w, i) => (i === at ? bentWord : w)).join(" ");
}

/** Devanagari letters for English spelling as Hindi writers use them (a rough, general writer of loanwords). */
const CONS: [RegExp, string][] = [
  [/^sch/, "स्क"], [/^ch/, "च"], [/^sh/, "श"], [/^th/, "थ"], [/^ph/, "फ"], [/^bh/, "भ"], [/^dh/, "ध"], [/^kh/, "ख"], [/^gh/, "घ"], [/^ck/, "क"],
  [/^tion/, "शन"], [/^c(?=[eiy])/, "स"], [/^[cqk]/, "क"], [/^x/, "क्स"], [/^b/, "ब"], [/^d/, "ड"], [/^f/, "फ"], [/^g/, "ग"], [/^h/, "ह"], [/^j/, "ज"],
  [/^l/, "ल"], [/^m/, "म"], [/^n/, "न"], [/^p/, "प"], [/^r/, "र"], [/^s/, "स"], [/^t/, "ट"], [/^v/, "व"], [/^w/, "व"], [/^y/, "य"], [/^z/, "ज़"],
];
const VOW: [RegExp, string, string][] = [
  [/^(?:ee|ea|ie)/, "ई", "ी"], [/^(?:oo|ou)/, "ू", "ू"], [/^(?:ai|ay|ei)/, "ए", "े"], [/^au/, "औ", "ौ"], [/^oa/, "ओ", "ो"],
  [/^a/, "अ", ""], [/^e/, "ए", "े"], [/^i/, "इ", "ि"], [/^o/, "ओ", "ो"], [/^u/, "उ", "ु"], [/^y/, "ई", "ी"],
];
function devanagari(word: string): string {
  let w = word.toLowerCase().replace(/e$/, "");
  let out = "";
  let afterConsonant = false;
  while (w) {
    const c = CONS.find(([re]) => re.test(w));
    if (c && !(c[0].source === "^y" && afterConsonant)) {
      if (afterConsonant) out += "्";
      const m = w.match(c[0])![0];
      out += c[1];
      w = w.slice(m.length);
      afterConsonant = !c[1].endsWith("न") || m !== "tion";
      continue;
    }
    const v = VOW.find(([re]) => re.test(w));
    if (v) {
      const m = w.match(v[0])![0];
      out += afterConsonant ? v[2] : v[1];
      w = w.slice(m.length);
      afterConsonant = false;
      continue;
    }
    w = w.slice(1);
  }
  return out;
}

/** Each rule's bending of a name (its words as written, its part in parentheses left off), where it changes it. */
function bent(name: string): [string, string][] {
  const words = name.replace(/\([^)]*\)/g, " ").split(/\s+/).filter((w) => /^[A-Za-z]+$/.test(w)).map((w) => w.toLowerCase());
  const out: [string, string][] = [];
  for (const [rule, f] of Object.entries(wordRules)) out.push([rule, words.map(f).join(" ")]);
  const own = (w: string) => w.length > 1 && !NAME_STOPWORDS.has(w) && !isOptionalWord(w);
  const join = words.findIndex((w, i) => i + 1 < words.length && own(w) && own(words[i + 1]!) && w.length <= 6 && words[i + 1]!.length <= 6);
  if (join >= 0) out.push(["run together", [...words.slice(0, join), words[join]! + words[join + 1]!, ...words.slice(join + 2)].join(" ")]);
  out.push(["one vowel off", oneVowelOff(words, own)]);
  out.push(["said apart", words.map((w) => (w.length >= 9 && own(w) ? apart(w) : w)).join(" ")]);
  out.push(["Devanagari", words.map(devanagari).join(" ")]);
  return out.filter(([, said]) => said !== words.join(" ") && said.trim() !== "");
}

const ASK = { latin: (name: string) => `what are the benefits of ${name}?`, deva: (name: string) => `${name} के क्या लाभ हैं?` };

await withReachEngine("spelling", async (engine, kb) => {
  const singles = namesSingleOut(kb);
  const tally = new ReachTally(engine);
  for (const [i, m] of kb.store.meta().entries()) {
    if (i % STEP !== 0 || !singles(m.schemeId, m.duplicates, ownKeys(m.name))) continue;
    for (const [rule, said] of bent(m.name)) {
      if (ONLY && rule !== ONLY) continue;
      await tally.ask(rule, rule === "Devanagari" ? ASK.deva(said) : ASK.latin(said), [m.schemeId, ...m.duplicates]);
    }
  }
  for (const line of tally.report()) console.log(line);
});
process.exit(0);
