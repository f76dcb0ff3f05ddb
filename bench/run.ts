// `make bench`: runs every benchmark and prints its figures with the targets they are held to.
import { benchKnowledge } from "./kb-search.js";

const targets: Record<string, (v: number) => boolean> = {
  top1Rate: (v) => v >= 0.95,
  top3Rate: (v) => v >= 0.99,
  ambiguousAllCandidatesRate: (v) => v >= 1,
  searchP95Ms: (v) => v <= 15,
  openMs: (v) => v <= 1000,
  importMs: (v) => v <= 60000,
  rssMB: (v) => v <= 400,
};

const kb = await benchKnowledge();
console.log("knowledge base:");
for (const [k, v] of Object.entries(kb)) {
  const check = targets[k];
  const shown = typeof v === "number" ? (Number.isInteger(v) ? String(v) : v.toFixed(3)) : String(v);
  console.log(`  ${k.padEnd(28)} ${shown.padStart(10)}${check ? (check(v as number) ? "  ok" : "  MISSES TARGET") : ""}`);
}
