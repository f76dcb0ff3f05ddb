// The Debian packages Sahayak needs at run time, carried in the bundle as a small apt repository: at build
// time the whole dependency closure is resolved for Debian 12 (as if nothing were installed) and fetched
// from this machine's apt mirror; at install time apt installs from that repository alone, so what is
// already installed stays, what is missing comes from the bundle, and nothing is downloaded.
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { basename, join } from "node:path";
import { sha256Of } from "./manifest.js";

export class DebianError extends Error {}

export interface BundledPackage {
  name: string;
  version: string;
  file: string;
  sha256: string;
}

function run(command: string, args: string[], options: SpawnSyncOptions = {}): string {
  const r = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...options });
  if (r.error) throw new DebianError(`${command} could not run: ${r.error.message}`);
  if (r.status !== 0) throw new DebianError(`${command} ${args.join(" ")} failed (exit ${r.status}): ${String(r.stderr).trim().slice(-2000)}`);
  return String(r.stdout);
}

/** The packages the runtime list needs, with every dependency, resolved as on an empty Debian system. */
export function resolveClosure(names: string[]): { name: string; version: string }[] {
  const state = mkdtempSync(join(tmpdir(), "sahayak-apt-"));
  try {
    writeFileSync(join(state, "status"), "");
    const out = run("apt-get", ["install", "--simulate", "--no-install-recommends", "-o", `Dir::State::status=${join(state, "status")}`, "-o", "Debug::NoLocking=1", ...names]);
    const closure = [...out.matchAll(/^Inst (\S+) \((\S+) /gm)].map((m) => ({ name: m[1]!, version: m[2]! }));
    for (const name of names) if (!closure.some((p) => p.name === name)) throw new DebianError(`apt did not resolve ${name}; is it in this machine's apt sources?`);
    return closure;
  } finally {
    rmSync(state, { recursive: true, force: true });
  }
}

/** Where fetched packages are kept between builds, by file name, reused only while their SHA256 matches the mirror's. */
export function defaultPackageCache(): string {
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "sahayak", "debs");
}

/** Fetches the closure into `dir` and writes its Packages index (each file checked against the mirror's SHA256). */
export async function downloadPackages(names: string[], dir: string, cache = defaultPackageCache()): Promise<BundledPackage[]> {
  const closure = resolveClosure(names);
  mkdirSync(dir, { recursive: true });
  mkdirSync(cache, { recursive: true });
  // one apt-cache call for all: each call reads the whole package cache
  const records = run("apt-cache", ["show", "--no-all-versions", ...closure.map((p) => `${p.name}=${p.version}`)]).trim().split(/\n\n+/);
  const recordOf = (p: { name: string; version: string }) => records.find((r) => r.includes(`Package: ${p.name}\n`) && r.includes(`\nVersion: ${p.version}\n`));
  const wanted = closure.map((p) => {
    const record = recordOf(p);
    if (!record) throw new DebianError(`apt-cache has no record of ${p.name} ${p.version}`);
    const file = basename(/^Filename: (.+)$/m.exec(record)?.[1] ?? "");
    const sha256 = /^SHA256: ([0-9a-f]{64})$/m.exec(record)?.[1];
    if (!file || !sha256) throw new DebianError(`apt has no file name or SHA256 for ${p.name} ${p.version}`);
    return { ...p, record, file, sha256 };
  });
  const cached = async (w: (typeof wanted)[number]) => existsSync(join(cache, w.file)) && (await sha256Of(join(cache, w.file))) === w.sha256;
  const missing = [];
  for (const w of wanted) if (!(await cached(w))) missing.push(w);
  if (missing.length) {
    const work = mkdtempSync(join(cache, ".download-"));
    try {
      run("apt-get", ["download", ...missing.map((p) => `${p.name}=${p.version}`)], { cwd: work });
      for (const p of missing) {
        // apt-get download spells an epoch as %3a; the index names the file as the pool does
        const fetched = readdirSync(work).find((f) => f.endsWith(".deb") && decodeURIComponent(f).startsWith(`${p.name}_${p.version}_`));
        if (!fetched) throw new DebianError(`apt-get download left no file for ${p.name} ${p.version}`);
        renameSync(join(work, fetched), join(cache, p.file));
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  const bundled: BundledPackage[] = [];
  for (const w of wanted) {
    copyFileSync(join(cache, w.file), join(dir, w.file));
    if ((await sha256Of(join(dir, w.file))) !== w.sha256) throw new DebianError(`${w.file} does not match the mirror's SHA256: the download is damaged`);
    bundled.push({ name: w.name, version: w.version, file: w.file, sha256: w.sha256 });
  }
  writeFileSync(join(dir, "Packages"), `${wanted.map((w) => w.record.replace(/^Filename: .+$/m, `Filename: ./${w.file}`)).join("\n\n")}\n`);
  return bundled;
}

/** Installed version of a package, if it is installed. */
export function installedVersion(name: string): string | undefined {
  const r = spawnSync("dpkg-query", ["-W", "-f", "${Status}\t${Version}", name], { encoding: "utf8" });
  if (r.status !== 0) return undefined;
  const [status, version] = r.stdout.split("\t");
  return status === "install ok installed" ? version : undefined;
}

/** Which of `names` are not installed yet. */
export function missingPackages(names: string[]): string[] {
  return names.filter((n) => installedVersion(n) === undefined);
}

/**
 * Installs `names` with apt from the bundle's repository and nothing else: the system's own sources and
 * lists are not read, so no network is touched and the answer does not depend on them.
 */
export function installFromBundle(debsDir: string, names: string[], log: (line: string) => void): void {
  const state = mkdtempSync(join(tmpdir(), "sahayak-apt-"));
  try {
    mkdirSync(join(state, "lists", "partial"), { recursive: true });
    mkdirSync(join(state, "parts"));
    writeFileSync(join(state, "sources.list"), `deb [trusted=yes] file:${debsDir} ./\n`);
    const options = [
      "-o", `Dir::Etc::SourceList=${join(state, "sources.list")}`,
      "-o", `Dir::Etc::SourceParts=${join(state, "parts")}`,
      "-o", `Dir::State::Lists=${join(state, "lists")}`,
      "-o", "APT::Get::List-Cleanup=0",
    ];
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    run("apt-get", ["-qq", ...options, "update"], { env });
    const out = run("apt-get", ["-y", "-q", "--no-install-recommends", ...options, "install", ...names], { env });
    const installed = [...out.matchAll(/^Setting up (\S+?)(?::\w+)? \(/gm)].map((m) => m[1]);
    log(`  installed ${installed.length} package(s): ${installed.join(", ")}`);
  } finally {
    rmSync(state, { recursive: true, force: true });
  }
}

/** The packages the bundle carries (its Packages index). */
export function bundledPackages(debsDir: string): { name: string; version: string }[] {
  return readFileSync(join(debsDir, "Packages"), "utf8")
    .split("\n\n")
    .map((s) => ({ name: /^Package: (.+)$/m.exec(s)?.[1] ?? "", version: /^Version: (.+)$/m.exec(s)?.[1] ?? "" }))
    .filter((p) => p.name);
}
