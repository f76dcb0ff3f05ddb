// Phases and versions of one scheme ("Swachh Bharat Mission (Grameen) Phase II", "Ujjwala Yojana 2.0") are
// not rivals to ask about: the caller who says a version means that one; one who says none of phases all
// numbered means the latest, the one running now.
import type { SearchHit } from "../knowledge/index.js";
import type { DialogueKnowledge } from "./knowledge.js";
import { sameSchemeVersions } from "./names.js";

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, v: 5, vi: 6 };
const DEVANAGARI_DIGITS = "०१२३४५६७८९";

/** Words that mark a phase or version, in English and Hindi. */
const MARKER = "(?:phase|stage|version|ver|charan|चरण)";

const toNumber = (raw: string): number | undefined => {
  const digits = raw.replace(/[०-९]/g, (d) => String(DEVANAGARI_DIGITS.indexOf(d)));
  return /^\d+$/.test(digits) ? Number(digits) : ROMAN[raw.toLowerCase()];
};

/** The version a text names: "Phase II", "चरण-2", "2.0", or a name's trailing numeral ("… Yojana 2"). */
export function versionIn(text: string, trailing = false): number | undefined {
  const marked = new RegExp(`${MARKER}[\\s-]*([0-9०-९]+|[ivx]+)(?![\\p{L}\\d])`, "iu").exec(text);
  if (marked) return toNumber(marked[1]!);
  const dotted = /(?<![\d.])(\d+)\.0(?![\d.])/.exec(text);
  if (dotted) return Number(dotted[1]);
  const end = trailing ? /\s([0-9]+|[ivx]+)\s*$/i.exec(text.replace(/\s*\([^)]*\)\s*$/, "")) : null;
  return end ? toNumber(end[1]!) : undefined;
}

/**
 * Of the named scheme and the versions of it the caller named about as well (`hits` at or above the name
 * threshold), the one meant, with the other versions dropped from the rivals; else the named one as it was.
 */
export function meantVersion(k: DialogueKnowledge, text: string, schemeId: string, rivals: string[], hits: SearchHit[]): { schemeId: string; rivals: string[] } {
  const versions = [schemeId, ...hits.filter((h) => h.nameScore >= k.config.nameThreshold && h.schemeId !== schemeId && sameSchemeVersions(k, h.schemeId, schemeId)).map((h) => h.schemeId)];
  const unique = [...new Set(versions)];
  if (unique.length < 2) return { schemeId, rivals };
  const versionOf = (id: string) => versionIn(k.kb.store.metaOf(id)?.name ?? "", true);
  const said = versionIn(text);
  const saidOne = said === undefined ? undefined : unique.filter((id) => versionOf(id) === said);
  const latest = [...unique].sort((a, b) => (versionOf(b) ?? 0) - (versionOf(a) ?? 0))[0]!;
  // the scheme itself beside a later version of it ("Ujjwala Yojana", "… 2.0"): a bare name is asked about
  const allMarked = unique.every((id) => versionOf(id) !== undefined);
  const meant = saidOne?.length === 1 ? saidOne[0] : said === undefined && allMarked ? latest : undefined;
  if (meant) return { schemeId: meant, rivals: rivals.filter((id) => !unique.includes(id)) };
  // …and leads with the scheme itself, the one whose name is what was said: a fact asked of it (versions are
  // no rivals then) is its own, not a later version's that search happened to rank first
  const unmarked = unique.filter((id) => versionOf(id) === undefined);
  if (said === undefined && unmarked.length === 1 && unmarked[0] !== schemeId) return { schemeId: unmarked[0]!, rivals: [schemeId, ...rivals.filter((id) => id !== unmarked[0])] };
  return { schemeId, rivals };
}
