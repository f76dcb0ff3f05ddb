// The small logistic model the bench's fitting tools (scope-fit, choice-fit, rank-fit) fit their decisions
// with: few features, few hundred samples, so plain gradient descent is enough and every fit is reproducible.

export interface LabelledRow {
  x: readonly number[];
  y: boolean;
}

export interface LogisticOptions {
  /** L2 penalty on the weights (never on the bias). */
  l2: number;
  iterations: number;
  step: number;
}

/** P(y) under weights `w` (w[0] the bias, w[i + 1] the weight of x[i]). */
export function logisticProbability(w: readonly number[], x: readonly number[]): number {
  return 1 / (1 + Math.exp(-x.reduce((s, v, i) => s + v * w[i + 1]!, w[0]!)));
}

/**
 * Logistic regression with both classes weighted to count alike (a decision's two sides are rarely the same
 * size in the tuning parts). All zeros when a class is missing: nothing to tell apart.
 */
export function fitBalancedLogistic(rows: readonly LabelledRow[], options: LogisticOptions): number[] {
  const n = rows[0]?.x.length ?? 0;
  const w = new Array<number>(n + 1).fill(0);
  const positives = rows.filter((r) => r.y).length;
  if (positives === 0 || positives === rows.length) return w;
  const classWeight = (y: boolean) => rows.length / (2 * (y ? positives : rows.length - positives));
  for (let it = 0; it < options.iterations; it++) {
    const grad = new Array<number>(n + 1).fill(0);
    for (const r of rows) {
      const err = (logisticProbability(w, r.x) - (r.y ? 1 : 0)) * classWeight(r.y);
      grad[0]! += err;
      r.x.forEach((v, i) => (grad[i + 1]! += err * v));
    }
    for (let i = 0; i <= n; i++) w[i]! -= options.step * (grad[i]! / rows.length + (i > 0 ? options.l2 * w[i]! : 0));
  }
  return w;
}
