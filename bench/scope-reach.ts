// How far the in-scope decision reaches beyond the evaluation lines: out-of-scope probes from a corpus of
// everyday sentences (bench/fixtures/everyday-scope.jsonl, written for this purpose, see its README line
// below) and in-scope probes from the knowledge base's own sentences (the first benefit and the first
// eligibility sentence of every full record, in English and, where the record has it, Hindi). Prints the
// share refused of each, and with --verbose each everyday sentence's way through the engine (its "turn
// decided" log) and each wrongly refused record sentence.
//   SAHAYAK_SHARED=… node --import tsx bench/scope-reach.ts [--verbose]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../src/config.js";
import { newContext } from "../src/dialogue/index.js";
import { withEngine } from "./fit/engine-run.js";
import { sharedDir } from "./questions.js";

interface Probe {
  lang: string;
  text: string;
  out: boolean;
}

const verbose = process.argv.includes("--verbose");
/** Below this the in-scope model refuses (the engine's own setting). */
const refuseBelow = loadConfig({ overrides: {} }).dialogue.refuseBelowInScope;
const here = new URL(".", import.meta.url).pathname;

function everyday(): Probe[] {
  return readFileSync(join(here, "fixtures", "everyday-scope.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => ({ ...(JSON.parse(l) as { lang: string; text: string }), out: true }));
}

/** The first benefit and eligibility sentence of each full record (English, and Hindi where it has one). */
function recordSentences(): Probe[] {
  const probes: Probe[] = [];
  for (const line of readFileSync(join(sharedDir, "data", "schemes.jsonl"), "utf8").split("\n")) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as { detailLevel?: string; benefits?: Record<string, string[]>; eligibility?: { criteria?: Record<string, string[]> } };
    if (r.detailLevel !== "full") continue;
    for (const lang of ["en", "hi"]) {
      for (const list of [r.benefits?.[lang], r.eligibility?.criteria?.[lang]]) {
        const first = list?.find((s) => s.length >= 20 && s.length <= 200);
        if (first) probes.push({ lang, text: first, out: false });
      }
    }
  }
  return probes;
}

const probes = [...everyday(), ...recordSentences()];
const seen: Array<{ by: string }> = [];
/** The keep that held a question the in-scope model would refuse (its "scope decision" log). */
let kept: string | undefined;
const results = await withEngine(
  "scope-reach",
  async (engine) => {
    const out: Array<Probe & { action: string; by: string }> = [];
    for (const p of probes) {
      seen.length = 0;
      kept = undefined;
      const reply = await engine.respond({ text: p.text }, newContext(`reach-${out.length}`));
      out.push({ ...p, action: reply.action, by: `${seen.at(-1)?.by ?? "?"}${kept ? `/${kept}` : ""}` });
    }
    return out;
  },
  {
    onRecord: (r) => {
      const record = r as { decided?: { by: string }; scope?: unknown; inScope?: number; keep?: string; keptAnyway?: boolean; asked?: unknown };
      if (record.decided) seen.push(record.decided);
      if (record.scope && record.inScope !== undefined && record.inScope < refuseBelow) kept = record.keep ?? (record.keptAnyway ? "kept" : undefined);
    },
  },
);

const share = (ps: typeof results) => `${ps.filter((p) => p.action === "out_of_scope").length}/${ps.length}`;
for (const lang of ["en", "hi-Latn", "hi"]) {
  console.log(`everyday ${lang}: refused ${share(results.filter((p) => p.out && p.lang === lang))}`);
}
console.log(`everyday all: refused ${share(results.filter((p) => p.out))}`);
for (const lang of ["en", "hi"]) console.log(`record sentences ${lang}: wrongly refused ${share(results.filter((p) => !p.out && p.lang === lang))}`);
if (verbose) {
  for (const p of results.filter((p) => p.out)) console.log(`${p.action === "out_of_scope" ? "  ok" : "KEPT"} ${p.by.padEnd(22)} ${p.text}`);
  for (const p of results.filter((p) => !p.out && p.action === "out_of_scope")) console.log(`WRONG ${p.by.padEnd(22)} ${p.text.slice(0, 120)}`);
}
