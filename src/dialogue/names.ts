// How a scheme is called aloud: its name in the answer's language, the short form said before an answer
// and in choices, and whether two names or words are the same scheme's.
import { schemeNameIn } from "../knowledge/index.js";
import { canonicalTokens, phoneticKey } from "../knowledge/text.js";
import type { DialogueKnowledge } from "./knowledge.js";
import { isShortFormOf, speakableShortForm } from "./speakable.js";
import type { AnswerLang } from "./types.js";
import { wordCount } from "./units.js";

/** Names longer than this (words) are said by a shorter form before an answer. */
const LONG_NAME_WORDS = 6;

/** A scheme's full name in the answer's language. */
export function schemeName(k: DialogueKnowledge, id: string, lang: AnswerLang): string {
  const meta = k.kb.store.metaOf(id);
  return meta ? schemeNameIn(meta, lang) : id;
}

/**
 * The name said before an answer and in choices, in its short form: a short title people say ("PM
 * Kisan"), the name's own short part ("Ayushman Bharat"), or the name when it is short already. A Hindi
 * answer keeps a Hindi name, so the voice does not switch for it.
 */
export function spokenName(k: DialogueKnowledge, id: string, lang: AnswerLang): string {
  const meta = k.kb.store.metaOf(id);
  if (!meta) return id;
  if (lang === "hi" && meta.nameHi) {
    const short = /\(([^)]*[\u0900-\u097f][^)]*)\)/.exec(meta.nameHi)?.[1];
    const hindi = meta.nameHi.replace(/\s*\([^)]*\)\s*/g, " ").trim();
    return short && wordCount(hindi) > LONG_NAME_WORDS ? short : hindi;
  }
  const full = meta.name.replace(/\s*\([^)]*\)\s*$/, "").trim();
  // a short form people say as words ("PM-KISAN" → "PM Kisan"), not one only spelt out ("PMFBY")
  // only a short form of the name itself: not "(All Ranks)", "(Nos.)" nor a group of people ("(OBCs)")
  const found = /\(([^)]{2,30})\)/.exec(meta.name)?.[1];
  const onlyGroups = (text: string) => text.split(/[^A-Za-z]+/).filter(Boolean).every((w) => k.kb.store.lexicon.beneficiariesIn(w).length > 0);
  const paren = found && isShortFormOf(found, meta.name) && !onlyGroups(found) ? found : undefined;
  if (paren && speakableShortForm(paren) !== paren) return speakableShortForm(paren);
  if (wordCount(full) <= LONG_NAME_WORDS) return speakableShortForm(full);
  if (paren && /[a-z]/.test(paren) && /[A-Z]/.test(paren)) return speakableShortForm(paren);
  const head = full.split(/\s[-–:]\s|:\s/)[0]!.trim();
  if (wordCount(head) <= LONG_NAME_WORDS && wordCount(head) >= 2) return speakableShortForm(head);
  // "Amma Two Wheeler Scheme For Working Women" → "Amma Two Wheeler Scheme"
  const before = /^(.{8,}?)\s(?:for|of|to|under|in|towards)\s/i.exec(head)?.[1];
  if (before && wordCount(before) >= 2 && wordCount(before) <= LONG_NAME_WORDS) return speakableShortForm(before);
  return full;
}

/** A scheme's name in a choice: a state's scheme with its state, when the name does not say it. */
export function choiceName(k: DialogueKnowledge, id: string, lang: AnswerLang): string {
  const name = spokenName(k, id, lang);
  const meta = k.kb.store.metaOf(id);
  if (!meta || meta.level === "central" || !meta.state || name.toLowerCase().includes(meta.state.toLowerCase())) return name;
  return `${name} (${meta.state})`;
}

/** Two schemes whose names differ only by a version or phase ("Ujjwala Yojana" and "Ujjwala Yojana 2.0"). */
export function sameSchemeVersions(k: DialogueKnowledge, a: string, b: string): boolean {
  const base = (id: string) =>
    (k.kb.store.metaOf(id)?.name ?? id)
      .toLowerCase()
      .replace(/\b(?:phase|version|ver|stage)\b|\b[ivx]+\b|\d+(?:\.\d+)?/g, " ")
      .replace(/[^a-z]+/g, " ")
      .trim();
  return base(a) === base(b);
}

/** A word that sounds like a word of a scheme's own names ("kisaan" of "PM-KISAN"). */
export function soundsLikeNameOf(k: DialogueKnowledge, word: string, id: string): boolean {
  const meta = k.kb.store.metaOf(id);
  if (!meta) return false;
  const keys = new Set(canonicalTokens([meta.name, meta.nameHi, meta.shortTitle, ...meta.aliases].join(" ")).map(phoneticKey));
  return canonicalTokens(word).some((t) => keys.has(phoneticKey(t)));
}
