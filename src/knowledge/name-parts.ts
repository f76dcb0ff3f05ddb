// How a scheme's written names are read for the name matcher: their parts (a name, its short form in
// parentheses, its pieces around a dash), their initials, the words callers leave out, and which words
// are read as words or spelt letter by letter.
import { phoneticKey, spelledAcronym } from "./text.js";

export type AliasKind = "name" | "short" | "acronym" | "alias" | "hindi";

/**
 * Words of scheme names that only say "a government scheme", in both languages: who runs it and what
 * kind of programme it is. Callers drop them ("Mudra loan" for Pradhan Mantri Mudra Yojana).
 */
const OPTIONAL_NAME_WORDS = [
  "pm", "cm", "pradhan", "mantri", "mukhyamantri", "prime", "minister", "chief", "yojana", "yojna", "scheme", "schemes", "programme",
  "program", "karyakram", "abhiyan", "abhiyaan", "mission", "national", "rashtriya", "government", "sarkar", "sarkari", "state",
  "central", "kendriya", "rajya", "yojanaa", "bharat", "bharath", "india", "indian", "bharatiya",
];
const OPTIONAL_NAME_KEYS = new Set(OPTIONAL_NAME_WORDS.map(phoneticKey));
/** A phase or version of a name ("Phase II", "चरण 2"): callers name the scheme without it. */
const VERSION_WORD = /^(?:phase|stage|version|charan|chran|i{1,3}|iv|vi?)$/;

/** A word a name may be said without: a designator, or a lone initial ("B. R." of "Dr. B. R. Ambedkar"). */
export function isOptionalWord(word: string): boolean {
  return word.length === 1 || word === "dr" || OPTIONAL_NAME_KEYS.has(phoneticKey(word)) || VERSION_WORD.test(word);
}

/** Words that never distinguish one scheme from another. */
export const NAME_STOPWORDS = new Set(["of", "the", "for", "and", "to", "in", "by", "on", "with", "a", "an", "under", "ka", "ki", "ke", "cum"]);

/** Words up to this long in short titles and acronyms are matched letter for letter. */
export const RAW_MAX = 5;

/** "pmay", "lpai", "nrlm" are spelt letter by letter; "kisan", "kusum" are read as words. */
export function looksLikeAcronym(token: string): boolean {
  if (token === "pm" || token === "cm" || token.length > RAW_MAX || /\d/.test(token)) return false;
  if (!/[aeiou]/.test(token)) return true;
  return /^[^aeiou]{2}/.test(token) && !/^([bcdfgkpt][rlhy]|s[hkmnpt])/.test(token);
}

/** A word that can be read out as written ("Kisan", "Kusum", "Mudra"); else it is said letter by letter ("NSKFDC"). */
export function sayableAsWord(word: string): boolean {
  const w = word.toLowerCase();
  if (w.length < 3 || /[^aeiou]{3}/.test(w) || /^[aeiou]{2}/.test(w)) return false;
  if (/^[^aeiou]{2}/.test(w) && !/^(?:[bcdfgkpt][hrlvwy]|s[hvwtkpmn]|j[hn])/.test(w)) return false;
  return (w.match(/[aeiou]/g)?.length ?? 0) / w.length >= 0.3;
}

/**
 * Splits "Ayushman Bharat - Pradhan Mantri Jan Arogya Yojana (AB-PMJAY)" into its parts; a short part
 * in parentheses is an acronym.
 */
export function nameParts(name: string, kind: AliasKind): [string, AliasKind][] {
  const parts = new Map<string, AliasKind>([[name, kind]]);
  const withoutParens = name.replace(/\([^)]*\)/g, " ").trim();
  if (withoutParens) parts.set(withoutParens, kind);
  for (const m of name.matchAll(/\(([^)]+)\)/g)) {
    const inner = m[1]!.trim();
    // "(PM-KISAN)", "(पीएम-किसान)" are short names; "(Pension)", "(Rural)" are words of the name
    if (inner.split(/\s+/).length > 2) parts.set(inner, kind);
    else if (/[A-Z]{2}/.test(inner) || inner.split(/[-\s]+/).some((w) => spelledAcronym(w))) parts.set(inner, "short");
  }
  for (const piece of withoutParens.split(/\s[-–:]\s|:\s/)) if (piece.trim().split(/\s+/).length >= 2) parts.set(piece.trim(), kind);
  return [...parts.entries()];
}

export function initials(name: string, withoutDesignators = false): string {
  return name
    .replace(/\([^)]*\)/g, " ")
    .split(/[^A-Za-z]+/)
    .filter((w) => w && !NAME_STOPWORDS.has(w.toLowerCase()) && !(withoutDesignators && DESIGNATOR_WORDS.has(w.toLowerCase())))
    .map((w) => w[0]!.toLowerCase())
    .join("");
}

/** Words that only say what kind of programme a name is: its initials are often said without them ("NMMS"). */
const DESIGNATOR_WORDS = new Set(["scheme", "yojana", "yojna", "programme", "program", "abhiyan", "mission", "karyakram"]);
