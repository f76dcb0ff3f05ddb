// From a name's fit to the audio to the probability that the caller said it: a logistic model over a
// few features of the lattice score and of the name itself (its length in tokens, how many schemes share
// it). The model must not fall as the fit improves (the prefilter's bound relies on it), so the
// coefficients of the fit per token, of the matched information and of the LM gap are never negative;
// the one feature that is another name's fit (a longer name holding this one, said over the same
// frames) may only lower the logit, so the prefilter, which leaves it at 0, still bounds the exact logit from above.
// The coefficients live in the config (with the fitted defaults); bench/name-calibration.ts fits them
// again on synthesised speech.

export interface NameFeatures {
  /** Lattice log-likelihood ratio of the name against the recogniser's own path (≤ 0 in practice). */
  llr: number;
  /** The name's length in recogniser tokens. */
  tokens: number;
  /**
   * How much of what singles the name out the audio supports: each word's inverse document frequency
   * among the schemes' names, weighted by how well the word fits on the name's best alignment (the
   * geometric mean of its tokens' likelihood ratios, 0–1). Common words ("scheme", "pension") add little.
   */
  matchedInfo: number;
  /**
   * Per token, how much less the decoder's internal language model expects the name than what the
   * recogniser heard over the same frames: the part of a low fit that is the model's bias against
   * unfamiliar spellings rather than the audio.
   */
  lmGap: number;
  /** How many schemes carry this same spoken name. */
  shared: number;
  /**
   * How likely a longer name of another scheme that holds this name's words whole (in order, side by
   * side) was said over the same frames: −log(1 − p), p its probability by this model without this
   * feature (name-nesting.ts); 0 when no such name was scored. A name lying inside a longer one fits
   * wherever the longer one was said, so the longer one's evidence explains this one away.
   */
  nested: number;
}

export interface NameCalibration {
  bias: number;
  llrPerToken: number;
  matchedInfo: number;
  lmGap: number;
  logTokens: number;
  logShared: number;
  nested: number;
}

/** The model's inputs, in the order of the coefficients after the bias. */
export function featureVector(f: NameFeatures): number[] {
  return [f.llr / f.tokens, f.matchedInfo, f.lmGap, Math.log(f.tokens), Math.log(f.shared), f.nested];
}

export function coefficientVector(c: NameCalibration): number[] {
  return [c.bias, c.llrPerToken, c.matchedInfo, c.lmGap, c.logTokens, c.logShared, c.nested];
}

export function calibrationOf(w: readonly number[]): NameCalibration {
  const [bias = 0, llrPerToken = 0, matchedInfo = 0, lmGap = 0, logTokens = 0, logShared = 0, nested = 0] = w;
  return { bias, llrPerToken, matchedInfo, lmGap, logTokens, logShared, nested };
}

export function nameLogit(f: NameFeatures, c: NameCalibration): number {
  const x = featureVector(f);
  const w = coefficientVector(c);
  let z = w[0]!;
  for (let i = 0; i < x.length; i++) z += w[i + 1]! * x[i]!;
  return z;
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** Positions in the coefficient vector that must not be negative (fit per token, matched information, LM gap). */
const NON_NEGATIVE = [1, 2, 3];
/** Positions that must not be positive (a longer name's fit around this one). */
const NON_POSITIVE = [6];

/**
 * Fits the coefficients by L2-regularised logistic regression (Newton's method; the features are few).
 * A coefficient that comes out on the forbidden side of zero is held at zero and the rest refitted.
 */
export function fitCalibration(all: readonly { features: NameFeatures; said: boolean }[], l2 = 1e-3, iterations = 50): NameCalibration {
  // a name that found no alignment at all has no finite score: it says nothing about the coefficients
  const rows = all.filter((r) => featureVector(r.features).every(Number.isFinite));
  const X = rows.map((r) => [1, ...featureVector(r.features)]);
  const y = rows.map((r) => (r.said ? 1 : 0));
  const d = coefficientVector(calibrationOf([])).length;
  const held = new Set<number>();
  for (;;) {
    const free = [...Array(d).keys()].filter((i) => !held.has(i));
    const w = new Array<number>(d).fill(0);
    const fitted = newton(X.map((x) => free.map((i) => x[i]!)), y, l2, iterations);
    free.forEach((i, k) => (w[i] = fitted[k]!));
    const wrong = [...NON_NEGATIVE.filter((i) => w[i]! < 0), ...NON_POSITIVE.filter((i) => w[i]! > 0)];
    if (wrong.length === 0) return calibrationOf(w);
    wrong.forEach((i) => held.add(i));
  }
}

/** L2-regularised logistic regression by Newton's method; the first column is the (unregularised) bias. */
export function newton(X: number[][], y: number[], l2: number, iterations: number): number[] {
  const d = X[0]?.length ?? 0;
  let w = new Array<number>(d).fill(0);
  for (let iter = 0; iter < iterations; iter++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    X.forEach((x, n) => {
      const p = sigmoid(x.reduce((s, v, i) => s + v * w[i]!, 0));
      const g = p - y[n]!;
      const h = p * (1 - p);
      for (let i = 0; i < d; i++) {
        grad[i]! += g * x[i]!;
        for (let j = 0; j < d; j++) hess[i]![j]! += h * x[i]! * x[j]!;
      }
    });
    // the bias (first column) is not regularised
    for (let i = 1; i < d; i++) {
      grad[i]! += l2 * w[i]!;
      hess[i]![i]! += l2;
    }
    const step = solve(hess, grad);
    w = w.map((v, i) => v - step[i]!);
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  return w;
}

/** Gaussian elimination with partial pivoting: A x = b. */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[pivot]![c]!)) pivot = r;
    [M[c], M[pivot]] = [M[pivot]!, M[c]!];
    const p = M[c]![c]! || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r]![c]! / p;
      for (let k = c; k <= n; k++) M[r]![k]! -= f * M[c]![k]!;
    }
  }
  return M.map((row, i) => row[n]! / (row[i]! || 1e-12));
}

/**
 * The second stage: from a scheme's best name logit, and its margin over the best other scheme's, to
 * the probability that the caller meant this scheme. A name that fits well when another fits as well is
 * a guess between them; one that stands alone is more likely the one said.
 */
export interface SchemeCalibration {
  bias: number;
  logit: number;
  margin: number;
}

/** The margin a scheme gets when no other scheme's name was scored at all. */
export const LONE_MARGIN = 10;

export interface SchemeScore {
  schemeId: string;
  /** Its best name's logit. */
  logit: number;
}

/** Each scheme's probability of being the one meant, best first. */
export function schemeProbabilities(scores: readonly SchemeScore[], c: SchemeCalibration): { schemeId: string; score: number }[] {
  const sorted = [...scores].sort((a, b) => b.logit - a.logit);
  return sorted
    .map((s, i) => {
      const other = sorted[i === 0 ? 1 : 0];
      const margin = other ? s.logit - other.logit : LONE_MARGIN;
      return { schemeId: s.schemeId, score: sigmoid(c.bias + c.logit * s.logit + c.margin * margin) };
    })
    .sort((a, b) => b.score - a.score);
}

/** Fits the second stage on utterances' scheme scores, each marked with the scheme asked about (or none). */
export function fitSchemeCalibration(utterances: readonly { scores: readonly SchemeScore[]; gold: string | null }[], l2 = 1e-3, iterations = 50): SchemeCalibration {
  const X: number[][] = [];
  const y: number[] = [];
  for (const u of utterances) {
    const sorted = [...u.scores].filter((s) => Number.isFinite(s.logit)).sort((a, b) => b.logit - a.logit);
    sorted.forEach((s, i) => {
      const other = sorted[i === 0 ? 1 : 0];
      X.push([1, s.logit, other ? s.logit - other.logit : LONE_MARGIN]);
      y.push(s.schemeId === u.gold ? 1 : 0);
    });
  }
  const [bias = 0, logit = 1, margin = 0] = newton(X, y, l2, iterations);
  return { bias, logit, margin };
}
