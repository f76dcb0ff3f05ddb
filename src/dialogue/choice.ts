// Which schemes to offer when a caller names a kind of help but no scheme: those whose names or tags hold
// every concept the caller named, each holding the help asked for (not only whom it is for), central and
// flagship first (or the caller's state first where it is known), those whose own categories are named for
// what was asked before those that only list it, each scheme once (the data's duplicate slugs fold into one).
import type { ConceptFit, ConceptUnit, SchemeMeta } from "../knowledge/index.js";
import { nativeTokens, stemEnglish } from "../knowledge/text.js";

export interface CategoryOptions {
  /** The caller's state, when known: its schemes first, other states' never. */
  state?: string;
  /** Only the central government's schemes. */
  central?: boolean;
  /** Search relevance of schemes to the caller's words, as a tie-breaker. */
  relevance?: Map<string, number>;
  /** Which units are a kind of help ("loan", "marriage") rather than whom it is for (a group). */
  kinds?: boolean[];
  /** The units themselves, to be met in the schemes' own categories ("business" in "Business & Entrepreneurship"). */
  units?: ConceptUnit[];
}

export interface RankedScheme {
  schemeId: string;
  score: number;
  /** Held every concept the caller named. */
  complete: boolean;
  /** Held as many of them as any scheme did. */
  best: boolean;
  /** How many of the kinds of help asked (options.kinds) it holds. */
  kindsHeld: number;
}

/** Weight of the search relevance beside the usefulness prior, when ordering fitting schemes. */
const RELEVANCE_WEIGHT = 0.3;
/** Weight of how rare the things a partly fitting scheme holds are. */
const SPECIFICITY_WEIGHT = 0.5;
/** A concept in the name counts this much more than one only in the tags. */
const NAME_BONUS = 0.15;
/** A concept the scheme's own categories are named for counts this much more (it is what the scheme is about). */
const CATEGORY_BONUS = 0.3;
/** Weight of how much of each unit a scheme's name and tags say (ConceptFit.depth), beyond holding it at all. */
const DEPTH_WEIGHT = 0.25;
/** Stems this long meet a category's word by prefix ("entrepreneur" ~ "entrepreneurship"). */
const CATEGORY_PREFIX = 5;

/** How many units a scheme's categories are named for: a scheme filed under "Business & Entrepreneurship" is about business, one that only lists "Entrepreneur" among its tags may not be. */
export function unitsFiledUnder(meta: SchemeMeta, units: ConceptUnit[]): number {
  const words = new Set(nativeTokens(meta.categories.join(" ").replace(/-/g, " ")).map(stemEnglish));
  const holds = (stem: string) => words.has(stem) || (stem.length >= CATEGORY_PREFIX && [...words].some((w) => w.startsWith(stem)));
  return units.filter((u) => (u.group ? [stemEnglish(u.group), ...u.stems] : u.stems).some(holds)).length;
}

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
  // of schemes holding less than everything, those holding the rarer things first ("street vendor" before
  // "loan"; where none holds everything, the one holding the rarer word before one holding a commoner)
  const holders = Array.from({ length: unitCount }, (_, u) => fits.filter((f) => f.held[u]).length);
  const specificity = (f: ConceptFit) => f.held.reduce((sum, h, u) => sum + (h ? Math.log(1 + fits.length / (1 + holders[u]!)) : 0), 0);
  // help asked for must be held by every scheme offered, whom it is for comes after ("marriage" for a
  // daughter: marriage schemes, never schemes for girls about something else)
  // (held by the scheme's name or own tags, where any scheme's are: one only filed in a category of it,
  // "Marriage" for women deserted by their husbands, is not that help)
  const kindsHeld = new Map(fits.map((f) => [f.schemeId, f.held.filter((h, u) => h && options.kinds?.[u]).length]));
  const firmKinds = new Map(fits.map((f) => [f.schemeId, (f.firm ?? f.held).filter((h, u) => h && options.kinds?.[u]).length]));
  const held = Math.max(0, ...firmKinds.values()) > 0 ? firmKinds : kindsHeld;
  const pool = Math.max(0, ...held.values()) > 0 ? fits.filter((f) => held.get(f.schemeId)! > 0) : fits;
  const best = Math.max(0, ...pool.map((f) => f.matched));
  // none holds everything: of those holding as much, the ones holding more of the help asked for first
  const kinds = new Map(pool.map((f) => [f.schemeId, best < unitCount ? kindsHeld.get(f.schemeId)! : 0]));
  const ranked: RankedScheme[] = [];
  // the caller's state known: of schemes holding as much, its own come first (the "state first")
  const own = new Map<string, number>();
  for (const f of pool) {
    if (best === 0 || f.matched < best - 1 || (f.matched < best && best < 2)) continue;
    const meta = metaOf(f.schemeId)!;
    const ownState = options.state && meta.level !== "central" && meta.states.includes(options.state) ? 1 : 0;
    own.set(f.schemeId, ownState);
    const filed = options.units ? CATEGORY_BONUS * unitsFiledUnder(meta, options.units) : 0;
    // of schemes holding everything asked, one that says the caller's own word, or more of a topic's
    // words, is more about it (where none holds everything, what each holds decides, not how much of it)
    const depth = f.matched === unitCount ? (f.depth ?? []).reduce((sum, d) => sum + Math.log2(1 + d), 0) : 0;
    const score = meta.prior + ownState + filed + DEPTH_WEIGHT * depth + NAME_BONUS * f.inName + RELEVANCE_WEIGHT * (options.relevance?.get(f.schemeId) ?? 0) + (f.matched < unitCount ? SPECIFICITY_WEIGHT * specificity(f) : 0);
    ranked.push({ schemeId: f.schemeId, score, complete: f.matched === unitCount, best: f.matched === best, kindsHeld: kindsHeld.get(f.schemeId)! });
  }
  return ranked.sort((a, b) => Number(b.best) - Number(a.best) || kinds.get(b.schemeId)! - kinds.get(a.schemeId)! || own.get(b.schemeId)! - own.get(a.schemeId)! || b.score - a.score || (a.schemeId < b.schemeId ? -1 : 1));
}
