// Knowledge-base benchmark: search quality on the dev questions, search latency, store open time,
// full import time and resident memory. `make bench` runs it; numbers go into the issue notes.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig, projectRoot } from "../src/config.js";
import { KnowledgeStore, SchemeSearch } from "../src/knowledge/index.js";
import { loadQuestions, percentile, sharedDir } from "./questions.js";

export async function benchKnowledge(verbose = process.argv.includes("--verbose")): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(join(tmpdir(), "sahayak-bench-kb-"));
  const config = loadConfig({ overrides: { dataDir } });
  try {
    // the import runs as the sysadmin would run it: its own process, validation included
    const cli = ["--import", "tsx", join(projectRoot, "src", "cli", "main.ts")];
    const t0 = performance.now();
    const imported = spawnSync(process.execPath, [...cli, "--data-dir", dataDir, "kb", "import", join(sharedDir, "data", "schemes.jsonl")], {
      encoding: "utf8",
      env: { ...process.env, LANCEDB_LOG: "error" },
    });
    const importMs = performance.now() - t0;
    if (imported.status !== 0) throw new Error(`import failed: ${imported.stderr}`);

    const t1 = performance.now();
    const store = await KnowledgeStore.open({ dataDir, knowledge: config.knowledge });
    const search = new SchemeSearch(store, config.knowledge);
    const openMs = performance.now() - t1;

    const questions = loadQuestions();
    const named = questions.filter((q) => (q.type === "direct" || q.type === "misspelt") && q.schemeId);
    let top1 = 0;
    let top3 = 0;
    const misses: string[] = [];
    for (const q of named) {
      const hits = await search.search(q.question, { limit: 5 });
      const rank = hits.findIndex((h) => h.schemeId === q.schemeId);
      if (rank === 0) top1++;
      if (rank >= 0 && rank < 3) top3++;
      if (rank !== 0) misses.push(`${q.id} "${q.question}" gold=${q.schemeId} rank=${rank < 0 ? "none" : rank + 1} got=${hits.slice(0, 3).map((h) => h.schemeId).join(",")}`);
    }
    const ambiguous = questions.filter((q) => q.type === "ambiguous");
    let ambiguousAll = 0;
    const ambiguousDetail: string[] = [];
    for (const q of ambiguous) {
      const want = q.candidateSchemeIds ?? [];
      // every candidate within the top 5, or within the top N when a question has N > 5 candidates
      const hits = await search.search(q.question, { limit: Math.max(5, want.length) });
      const ids = hits.map((h) => h.schemeId);
      const missing = want.filter((id) => !ids.includes(id));
      if (missing.length === 0) ambiguousAll++;
      ambiguousDetail.push(`${q.id} "${q.question}" missing=${missing.join(",") || "-"} got=${ids.join(",")}`);
    }
    // latency: every question, 5 rounds, after one warm-up round
    const all = questions.map((q) => q.question);
    for (const q of all) await search.search(q);
    const times: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (const q of all) {
        const t = performance.now();
        await search.search(q);
        times.push(performance.now() - t);
      }
    }
    const result = {
      namedQuestions: named.length,
      top1Rate: top1 / named.length,
      top3Rate: top3 / named.length,
      ambiguousQuestions: ambiguous.length,
      ambiguousAllCandidatesRate: ambiguousAll / ambiguous.length,
      searchP50Ms: percentile(times, 50),
      searchP95Ms: percentile(times, 95),
      openMs,
      importMs,
      rssMB: process.memoryUsage().rss / 1048576,
    };
    if (verbose) {
      console.log("misses:\n  " + (misses.join("\n  ") || "none"));
      console.log("ambiguous:\n  " + ambiguousDetail.join("\n  "));
    }
    store.close();
    return result;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
