// A recogniser's raw score (geometric mean of token probabilities) is not a probability that the words
// are usable: the embedded 3.3M-parameter English model gives 0.3–0.5 to questions it heard well enough to
// answer, and below 0.25 to garble. A per-model piecewise-linear map puts scores on one scale, so the
// call's threshold (call.minConfidence) means the same whichever model is installed.
export type CalibrationPoints = readonly (readonly [raw: number, calibrated: number])[];

export function calibrateConfidence(raw: number, points: CalibrationPoints): number {
  if (points.length === 0) return raw;
  const first = points[0]!;
  if (raw <= first[0]) return first[1];
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1]!;
    const [x1, y1] = points[i]!;
    if (raw <= x1) return Math.round((y0 + ((raw - x0) / (x1 - x0 || 1)) * (y1 - y0)) * 1000) / 1000;
  }
  return points.at(-1)![1];
}
