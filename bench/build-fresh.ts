// Whether dist/ (what bin/sahayak and the appliance run) was built from the sources as they are now.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../src/config.js";

/** The built CLI's entry point. */
export const BUILT_CLI = join(projectRoot, "dist", "cli", "main.js");

/**
 * The first file of src/ newer than the build (src/…, a TypeScript source or a data file the build copies), or
 * undefined when the build is as new as every one. No build at all: every file is newer.
 */
export function sourceNewerThanBuild(): string | undefined {
  let builtAt = 0;
  try {
    builtAt = statSync(BUILT_CLI).mtimeMs;
  } catch {
    builtAt = 0;
  }
  const src = join(projectRoot, "src");
  const newer = readdirSync(src, { recursive: true, encoding: "utf8" }).find((f) => {
    const stat = statSync(join(src, f));
    return stat.isFile() && stat.mtimeMs > builtAt;
  });
  return newer === undefined ? undefined : `src/${newer}`;
}
