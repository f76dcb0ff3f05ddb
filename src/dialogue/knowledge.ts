// What the dialogue's parts read: the knowledge base, the dialogue settings, everyday language and what
// the schemes are filed under (counted again when the knowledge base moves to another version).
import type { DialogueConfig } from "../config.js";
import type { BackgroundLanguage, KnowledgeBase, SchemeConcepts } from "../knowledge/index.js";
import { readWords, type Reading } from "./reading.js";

export interface DialogueKnowledge {
  readonly kb: KnowledgeBase;
  readonly config: DialogueConfig;
  readonly background: BackgroundLanguage;
  readonly concepts: SchemeConcepts;
}

/** The last words read, and what they were read against: a turn reads its question again when it answers it. */
let lastRead: { text: string; basis: readonly unknown[]; reading: Reading } | undefined;

/** The caller's words read against the knowledge base (the same words again, against the same, as they were read). */
export function readText(k: DialogueKnowledge, text: string): Reading {
  // (the knowledge base's version and whether its name matcher and places are of it yet: what stateIn reads)
  const basis = [k.kb, k.concepts, k.background, k.kb.store.readerGeneration, k.kb.search.matcherCurrent];
  if (lastRead && lastRead.text === text && lastRead.basis.every((b, i) => b === basis[i])) return lastRead.reading;
  const reading = readWords(text, {
    concepts: k.concepts,
    background: k.background,
    stateIn: (t) => k.kb.search.stateIn(t),
    beneficiariesIn: (t) => k.kb.store.lexicon.beneficiariesIn(t),
    meanings: (w) => k.kb.store.lexicon.englishFor(w),
    isPlace: (t) => k.kb.search.isPlaceOfAnySize(t),
  });
  lastRead = { text, basis, reading };
  return reading;
}

/** Scheme ids with the data's duplicate slugs folded into the first (richest-ranked) one. */
export function distinctSchemes(k: DialogueKnowledge, hits: { schemeId: string }[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const h of hits) {
    if (seen.has(h.schemeId)) continue;
    out.push(h.schemeId);
    seen.add(h.schemeId);
    for (const d of k.kb.store.metaOf(h.schemeId)?.duplicates ?? []) seen.add(d);
  }
  return out;
}

/** Caller text made safe to process: no control characters, bounded length. */
export function sanitize(text: string, maxChars: number): string {
  let t = text.normalize("NFC").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, " ").replace(/\s+/g, " ").trim();
  if (t.length > maxChars) t = t.slice(0, maxChars).replace(/\s+\S*$/, "");
  return t;
}
