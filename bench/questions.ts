// The dev questions of ../shared/data/questions-dev.jsonl, typed.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface DevQuestion {
  id: string;
  lang: string;
  type: "direct" | "misspelt" | "followup" | "ambiguous" | "out_of_scope" | "other_language";
  question: string;
  priorTurn?: { question: string; schemeId: string | null };
  schemeId: string | null;
  candidateSchemeIds?: string[];
  field?: string;
  answerLang?: string;
  answerFacts?: string[];
}

export const sharedDir = process.env.SAHAYAK_SHARED ?? join(import.meta.dirname, "..", "..", "shared");

export function loadQuestions(): DevQuestion[] {
  return readFileSync(join(sharedDir, "data", "questions-dev.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as DevQuestion);
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
