// A folder's manifest: every regular file with its SHA-256, in the format `sha256sum --check` reads
// (SHA256SUMS), so the shell installer can verify a bundle before running anything from it, and the
// program can verify a release or a backup the same way.
import { createHash } from "node:crypto";
import { createReadStream, lstatSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

export const SUMS_FILE = "SHA256SUMS";

export async function sha256Of(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Every regular file under `dir` (relative, `/`-separated, sorted); anything else (a link, a device) is an error. */
export function listFiles(dir: string, skip: (rel: string) => boolean = () => false): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      const rel = relative(dir, path).split(sep).join("/");
      if (skip(rel)) continue;
      const st = lstatSync(path);
      if (st.isDirectory()) walk(path);
      else if (st.isFile()) {
        // sha256sum escapes these, and the shell installer compares names line by line
        if (/[\n\\]/.test(rel)) throw new Error(`${rel}: a file name with a newline or backslash cannot be listed in ${SUMS_FILE}`);
        out.push(rel);
      } else throw new Error(`${rel} is not a regular file or folder (a link?): a manifest lists files only`);
    }
  };
  walk(dir);
  return out.sort();
}

/** Writes `dir`/SHA256SUMS for every file under it (but itself); returns the file count. */
export async function writeSums(dir: string): Promise<number> {
  const files = listFiles(dir, (rel) => rel === SUMS_FILE);
  const lines: string[] = [];
  for (const rel of files) lines.push(`${await sha256Of(join(dir, rel))}  ${rel}`);
  writeFileSync(join(dir, SUMS_FILE), lines.map((l) => `${l}\n`).join(""));
  return files.length;
}

export function readSums(path: string): Map<string, string> {
  const sums = new Map<string, string>();
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (!line) continue;
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!m) throw new Error(`${path}: not a SHA256SUMS line: ${line.slice(0, 80)}`);
    sums.set(m[2]!, m[1]!);
  }
  return sums;
}

/**
 * Checks `dir` against its SHA256SUMS: every listed file present with its checksum, and no file that is
 * not listed. Returns the problems (none: it verifies).
 */
export async function verifySums(dir: string): Promise<string[]> {
  let sums: Map<string, string>;
  try {
    sums = readSums(join(dir, SUMS_FILE));
  } catch (err) {
    return [`${SUMS_FILE} is missing or unreadable: ${(err as Error).message}`];
  }
  const problems: string[] = [];
  let present: string[];
  try {
    present = listFiles(dir, (rel) => rel === SUMS_FILE);
  } catch (err) {
    return [(err as Error).message];
  }
  const presentSet = new Set(present);
  for (const rel of present) if (!sums.has(rel)) problems.push(`${rel} is not in ${SUMS_FILE}`);
  for (const [rel, sum] of sums) {
    if (!presentSet.has(rel)) problems.push(`${rel} is missing`);
    else if ((await sha256Of(join(dir, rel))) !== sum) problems.push(`${rel} does not match its checksum`);
  }
  return problems;
}
