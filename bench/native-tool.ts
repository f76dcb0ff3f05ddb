// The benchmarks' small C tools (stall-probe.c, wire-tap.c): built with the system's C compiler into a
// temporary folder, since a compiled binary is not kept in the repository.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export interface NativeTool {
  binary: string;
  /** Removes the binary and its folder. */
  remove(): void;
}

/** What to add to a CLOCK_MONOTONIC time in ms (the tools print that clock) for performance.now() time. */
export function monotonicToPerformanceNow(): number {
  return performance.now() - Number(process.hrtime.bigint()) / 1e6;
}

/** Builds bench/<name>.c; null (with the reason on stderr) when it cannot be built. */
export function buildNativeTool(name: string, purpose: string): NativeTool | null {
  const dir = mkdtempSync(join(tmpdir(), `sahayak-${name}-`));
  const binary = join(dir, name);
  const built = spawnSync("cc", ["-O2", "-pthread", "-o", binary, fileURLToPath(new URL(`./${name}.c`, import.meta.url))], { encoding: "utf8" });
  const remove = () => rmSync(dir, { recursive: true, force: true });
  if (built.status !== 0) {
    remove();
    console.error(`${purpose} not measured: cannot build bench/${name}.c (${built.error?.message ?? built.stderr.trim()})`);
    return null;
  }
  return { binary, remove };
}
