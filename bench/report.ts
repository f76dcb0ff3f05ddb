// How `make bench` prints a benchmark's figures beside the targets they are held to.

export type Target = (v: number) => boolean;

/**
 * Prints every figure, then every target with the figure it applies to. A target whose figure is missing
 * (renamed, not measured) or not a finite number prints MISSING and fails the benchmark.
 */
export function report(title: string, figures: Record<string, unknown>, targets: Record<string, Target>): boolean {
  let ok = true;
  console.log(`${title}:`);
  const line = (k: string, shown: string, verdict: string) => console.log(`  ${k.padEnd(36)} ${shown.padStart(10)}${verdict}`);
  for (const [k, v] of Object.entries(figures)) {
    const check = targets[k];
    const shown = typeof v === "number" ? (Number.isInteger(v) ? String(v) : v.toFixed(3)) : String(v);
    if (!check) {
      line(k, shown, "");
      continue;
    }
    const pass = typeof v === "number" && Number.isFinite(v) && check(v);
    if (!pass) ok = false;
    line(k, shown, pass ? "  ok" : typeof v === "number" && Number.isFinite(v) ? "  MISSES TARGET" : "  MISSING");
  }
  for (const k of Object.keys(targets)) {
    if (k in figures) continue;
    ok = false;
    line(k, "—", "  MISSING");
  }
  return ok;
}

