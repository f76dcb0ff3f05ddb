// Which schemes to offer when a caller names a kind of help but no scheme: those whose names or tags hold
// every concept the caller named, central and flagship first (or the caller's state first where it is
// known), each scheme once (the data's duplicate slugs fold into one).
import type { ConceptFit, SchemeMeta } from "../knowledge/index.js";

export interface CategoryOptions {
  /** The caller's state, when known: its schemes first, other states' never. */
  state?: string;
  /** Only the central government's schemes. */
  central?: boolean;
  /** Search relevance of schemes to the caller's words, as a tie-breaker. */
  relevance?: Map<string, number>;
  /** Which units are a kind of help ("loan", "marriage") rather than whom it is for (a group). */
  kinds?: boolean[];
}

export interface RankedScheme {
  schemeId: string;
  score: number;
  /** Held every concept the caller named. */
  complete: boolean;
  /** Held as many of them as any scheme did. */
  best: boolean;
}

/** Weight of the search relevance beside the usefulness prior, when ordering fitting schemes. */
const RELEVANCE_WEIGHT = 0.3;
/** Weight of how rare the things a partly fitting scheme holds are. */
const SPECIFICITY_WEIGHT = 0.5;
/** A concept in the name counts this much more than one only in the tags. */
const NAME_BONUS = 0.15;

/**
 * Schemes that hold the most of what was asked for, best first; those holding one less follow, for a
 * choice that one fitting scheme alone cannot make ("a loan for a street vendor": PM SVANidhi, then loans).
 */
export function rankFitting(allFits: ConceptFit[], unitCount: number, metaOf: (id: string) => SchemeMeta | undefined, options: CategoryOptions = {}): RankedScheme[] {
  // only the schemes the caller may use count (central ones and their own state's)
  const fits = allFits.filter((f) => {
    const meta = metaOf(f.schemeId);
    if (!meta || (options.central && meta.level !== "central")) return false;
    return !options.state || meta.level === "central" || meta.states.includes(options.state);
  });
  const best = Math.max(0, ...fits.map((f) => f.matched));
  // of schemes holding one thing less, those holding the rarer things first ("street vendor" before "loan")
  const holders = Array.from({ length: unitCount }, (_, u) => fits.filter((f) => f.held[u]).length);
  const specificity = (f: ConceptFit) => f.held.reduce((sum, h, u) => sum + (h ? Math.log(1 + fits.length / (1 + holders[u]!)) : 0), 0);
  // none holds everything: of those holding as much, what help is asked for comes before whom it is for
  // ("marriage" for a daughter before schemes for girls)
  const kindsHeld = (f: ConceptFit) => (best < unitCount ? f.held.filter((h, u) => h && options.kinds?.[u]).length : 0);
  const kinds = new Map(fits.map((f) => [f.schemeId, kindsHeld(f)]));
  const ranked: RankedScheme[] = [];
  for (const f of fits) {
    if (best === 0 || f.matched < best - 1 || (f.matched < best && best < 2)) continue;
    const meta = metaOf(f.schemeId)!;
    const ownState = options.state && meta.level !== "central" && meta.states.includes(options.state) ? 1 : 0;
    const score = meta.prior + ownState + NAME_BONUS * f.inName + RELEVANCE_WEIGHT * (options.relevance?.get(f.schemeId) ?? 0) + (f.matched < best ? SPECIFICITY_WEIGHT * specificity(f) : 0);
    ranked.push({ schemeId: f.schemeId, score, complete: f.matched === unitCount, best: f.matched === best });
  }
  return ranked.sort((a, b) => Number(b.best) - Number(a.best) || kinds.get(b.schemeId)! - kinds.get(a.schemeId)! || b.score - a.score || (a.schemeId < b.schemeId ? -1 : 1));
}
