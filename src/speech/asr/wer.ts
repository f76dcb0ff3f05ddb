// Word error rate, for tests and benchmarks: (substitutions + deletions + insertions) / reference words.
export function normaliseTranscript(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’']/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .split(/\s+/)
    .filter(Boolean);
}

export function wordErrorRate(reference: string, hypothesis: string): { errors: number; words: number; wer: number } {
  const ref = normaliseTranscript(reference);
  const hyp = normaliseTranscript(hypothesis);
  let prev = Array.from({ length: hyp.length + 1 }, (_, j) => j);
  for (let i = 1; i <= ref.length; i++) {
    const cur = [i];
    for (let j = 1; j <= hyp.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ref[i - 1] === hyp[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  const errors = prev[hyp.length]!;
  return { errors, words: ref.length, wer: ref.length ? errors / ref.length : hyp.length ? 1 : 0 };
}
