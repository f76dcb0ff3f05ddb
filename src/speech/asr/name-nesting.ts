// Names lying whole inside longer names of other schemes ("PENSION YOJANA" inside "ATAL PENSION
// YOJANA"). When the caller says the longer name, the shorter one fits the same frames as well (per
// token often better, where the recogniser garbled the longer one's extra words), so on its own fit it
// takes the longer name's evidence. What tells them apart is the longer name's extra words: if they fit
// the audio around the shorter one, the longer name was said, and its own name model's probability
// weighs them with the words they share: the shorter name's feature `nested` is that probability.

/** A name as the index sees it: its scheme and its words (ids; a spelt acronym is one word). */
export interface NestableName {
  schemeId: string;
  words: readonly number[];
}

/** A name's place in one utterance and how likely the name model takes it to be said. */
export interface Alignment {
  /** The name model's logit without this feature (-Infinity when the name found no alignment). */
  logit: number;
  tokens: number;
  /** Frames of its first and last token. */
  start: number;
  end: number;
}

/**
 * For each name, the longer names of other schemes that hold its words side by side in the same order.
 * Names of the same scheme are left out: their evidence goes to the same scheme either way.
 */
export function containingNames(names: readonly NestableName[]): number[][] {
  const byRun = new Map<string, number[]>();
  names.forEach((n, i) => {
    const seen = new Set<string>();
    for (let from = 0; from < n.words.length; from++)
      for (let to = from + 1; to <= n.words.length; to++) {
        if (to - from === n.words.length) continue;
        const key = n.words.slice(from, to).join(",");
        if (seen.has(key)) continue;
        seen.add(key);
        const list = byRun.get(key);
        if (list) list.push(i);
        else byRun.set(key, [i]);
      }
  });
  return names.map((n) => (byRun.get(n.words.join(",")) ?? []).filter((j) => names[j]!.schemeId !== n.schemeId));
}

/**
 * How far a longer name explains a name away: −log(1 − p), p the name model's probability that the
 * best of the longer names whose alignment overlaps the name's was said (0 when none does). The longer
 * name's logit already weighs how its extra words fit; a shorter name said by itself is then as likely
 * as its own fit says times the chance that the longer one was not said, which a coefficient of −1
 * on this feature would express (the calibration fits it).
 */
export function nestedEvidence(name: Alignment, longer: readonly Alignment[]): number {
  let best = -Infinity;
  for (const l of longer) if (l.tokens > name.tokens && l.start <= name.end && l.end >= name.start) best = Math.max(best, l.logit);
  return best === -Infinity ? 0 : softplus(best);
}

/** log(1 + e^z) without overflow: −log(1 − sigmoid(z)). */
export function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}
