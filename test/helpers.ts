// Shared test helpers: where ../shared is, temporary data directories, real sample records, and a
// way to run the CLI (built, or from source).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { BUILT_CLI, sourceNewerThanBuild } from "../bench/build-fresh.js";
import { loadConfig, projectRoot, type Config } from "../src/config.js";
import type { SchemeRecord } from "../src/knowledge/index.js";

export const sharedDir = process.env.SAHAYAK_SHARED ?? join(projectRoot, "..", "shared");
export const schemesFile = join(sharedDir, "data", "schemes.jsonl");
export const inCI = process.env.CI === "true";

const isRoot = process.getuid?.() === 0;

/**
 * Options for a test of what only root may do (real-time scheduling, cgroups, mounts). CI runs as root and
 * there such a test never skips: it runs, and fails when not root. Elsewhere it says why it was skipped.
 */
export function asRoot(): { skip: string | false } {
  return { skip: isRoot || inCI ? false : "needs root (CI runs as root: there it runs)" };
}

/** Fails a root-only test that runs without root (in CI): it must never pass by checking nothing. */
export function assertRoot(): void {
  if (!isRoot) throw new Error("this test needs root, and CI (CI=true) must run as root");
}

/** spawn options that run a child without root's permissions: as nobody when this process is root. */
export function unprivileged(): { uid?: number; gid?: number } {
  return isRoot ? { uid: 65534, gid: 65534 } : {};
}

export function tempDir(prefix = "sahayak-test-"): { path: string; cleanup(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

export function testConfig(dataDir: string, overrides: Record<string, unknown> = {}): Config {
  return loadConfig({ path: undefined, env: {}, overrides: { dataDir, ...overrides } });
}

let allRecords: SchemeRecord[] | undefined;
export function realRecords(): SchemeRecord[] {
  allRecords ??= readFileSync(schemesFile, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as SchemeRecord);
  return allRecords;
}

/** A few real records: flagship central schemes plus state ones, with and without Hindi. */
export function sampleRecords(ids = ["pm-kisan", "ab-pmjay", "pmay-g", "pmay-u", "mgnrega", "apy", "pmjdy", "fadsp1012e", "icmr-pdf", "kcc"]): SchemeRecord[] {
  const byId = new Map(realRecords().map((r) => [r.schemeId, r]));
  return ids.map((id) => {
    const r = byId.get(id);
    if (!r) throw new Error(`sample record ${id} is missing from ${schemesFile}`);
    return structuredClone(r);
  });
}

export function jsonl(records: unknown[]): string {
  return records.map((r) => JSON.stringify(r)).join("\n") + "\n";
}

/** sha256 of every file under a directory, by relative path: "byte for byte unchanged" checks. */
export function treeDigest(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(d);
    } catch {
      return;
    }
    for (const name of entries) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash("sha256").update(readFileSync(p)).digest("hex");
    }
  };
  walk(dir);
  return out;
}

export interface CliResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

let cliArgs: string[] | undefined;

/**
 * Node's arguments that run `sahayak`: the build (dist/, what bin/sahayak and the appliance run) when it is
 * newer than every source file, else the sources through tsx. Same program either way; the build starts in
 * about half the CPU (no TypeScript loader), which over the suite's CLI runs is minutes of `make test`.
 */
export function cliCommand(): string[] {
  cliArgs ??= sourceNewerThanBuild() === undefined ? [BUILT_CLI] : ["--import", "tsx", join(projectRoot, "src", "cli", "main.ts")];
  return cliArgs;
}

/** Runs `sahayak ARGS` (cliCommand), with its own data directory. */
export function runCli(args: string[], options: { dataDir: string; input?: string | Buffer; env?: Record<string, string> }): CliResult {
  const r = spawnSync(process.execPath, [...cliCommand(), "--data-dir", options.dataDir, ...args], {
    cwd: projectRoot,
    input: options.input,
    encoding: "utf8",
    env: { ...process.env, LANCEDB_LOG: "error", SAHAYAK_CONFIG: "", ...options.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Like runCli, without blocking this process (needed when the CLI talks to a server running in the test). */
export function runCliAsync(args: string[], options: { dataDir: string; env?: Record<string, string>; started?: (child: ChildProcess) => void }): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...cliCommand(), "--data-dir", options.dataDir, ...args], {
      cwd: projectRoot,
      env: { ...process.env, LANCEDB_LOG: "error", SAHAYAK_CONFIG: "", ...options.env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (status, signal) => resolve({ status, signal, stdout, stderr }));
    options.started?.(child);
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` holds; fails after `ms`. For waiting on real loopback I/O, not on timers. */
export async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await sleep(10);
  }
}

/** A loopback TCP port free a moment ago (nothing listens on it): for servers a test starts, or finds closed. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const a = server.address();
      server.close(() => resolve(typeof a === "object" && a ? a.port : 0));
    });
  });
}
