// Words that name a kind of scheme rather than one ("widow pension": a dozen states' "Widow Pension" and the
// nationwide "Indira Gandhi National Widow Pension Scheme"): found from the name matcher's matches, so that
// the search lets usefulness, not how much of a name was said, decide among the kind's schemes. A scheme
// whose own record files it under the kind is of it too, whatever its name.
import type { NameMatch, NameMatcher } from "./matcher.js";
import { phoneticKey } from "./text.js";

export interface NamedKind {
  /** Every scheme with a name holding the kind's words, however much else it holds. */
  members: Set<string>;
  /** Schemes whose matched name holds only some of the kind's words ("Atal Pension" for "widow pension"). */
  partial: Set<string>;
  /** The best name score: the kind's schemes fit the words alike. */
  score: number;
  /** Members whose names do not hold the kind's words but whose records file them under it. */
  stated: Set<string>;
}

export interface KindReading {
  matcher: NameMatcher;
  /** A best-fitting name's rivals score within this share of it (config: knowledge.search.kindMargin). */
  margin: number;
  /** Name score from which the query names a scheme outright. */
  namedScore: number;
  /** A word's other spellings and translations (a state's "Vidhva Pension" for "widow pension"). */
  variants(word: string): string[];
  /** A state's name: in a scheme's name it says where, not which. */
  isState(word: string): boolean;
  /** Whether a scheme may be found at all (the search's filters). */
  passes(schemeId: string): boolean;
  /** Two slugs of one scheme (the data's flagged twins, a catalogue stub and its fuller record) count once. */
  twins(a: string, b: string): boolean;
  /** Schemes whose own records file them under every group of words, whatever their names (knowledge/stated.ts). */
  stated(groups: string[][]): Set<string>;
}

/**
 * The kind the query's words name: the best-fitting name's said words are said as fully by another
 * scheme's name that fits within the margin or is named outright, or, when that name is nothing but the
 * words, held by another scheme's name at all. None when the query also names a scheme
 * by words outside the kind ("SVANidhi" beside "interest subsidy": the kind's words say what is asked of it).
 */
export function namedKind(matches: readonly NameMatch[], r: KindReading): NamedKind | undefined {
  const best = matches.reduce<NameMatch | undefined>((a, m) => (!a || m.score > a.score ? m : a), undefined);
  if (!best || best.score <= 0 || !best.said?.length) return undefined;
  const groups = best.said.map((w) => new Set([w, ...r.variants(w)].map(phoneticKey)));
  const kindKeys = new Set(groups.flatMap((g) => [...g]));
  const holdsAll = (m: NameMatch) => groups.every((g) => (m.said ?? []).some((w) => g.has(phoneticKey(w))));
  const withinKind = (m: NameMatch) => (m.said ?? []).every((w) => kindKeys.has(phoneticKey(w)) || r.isState(w));
  const isNamed = (m: NameMatch) => m.score >= best.score * (1 - r.margin) || m.score >= r.namedScore;
  const words = best.said.map((w) => [w, ...r.variants(w)]);
  const members = new Set([...r.matcher.holding(words)].filter(r.passes));
  if (matches.some((m) => isNamed(m) && !members.has(m.schemeId) && !withinKind(m))) return undefined;
  const rivals = matches.filter((m) => isNamed(m) && members.has(m.schemeId) && holdsAll(m));
  // words that several schemes' names hold name their kind as much as words several names fit alike when
  // the best-fitting name is nothing but them (a state's "Pension Yojana", one short "Bima Yojana": each
  // named by its kind)
  const byKind = best.whole === true && (best.kind === "name" || best.kind === "hindi");
  const alike = byKind ? [...members] : rivals.map((m) => m.schemeId);
  if (!alike.some((id) => !r.twins(alike[0]!, id) && id !== alike[0])) return undefined;
  const partial = new Set(matches.filter((m) => !members.has(m.schemeId) && withinKind(m)).map((m) => m.schemeId));
  // a scheme whose own record files it under the kind (tagged "Pension") is of it though its name does
  // not say so, unless its name holds only part of the kind ("Coconut Palm Insurance" for "crop insurance")
  const stated = new Set([...r.stated(words)].filter((id) => !members.has(id) && !partial.has(id) && r.passes(id)));
  stated.forEach((id) => members.add(id));
  return { members, partial, score: best.score, stated };
}
