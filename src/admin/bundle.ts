// `sahayak bundle build`: one versioned, checksummed bundle that installs on Debian 12 with no network.
//   install              the installer (appliance/install), run as root from the unpacked bundle
//   app/                 the release: bin/, dist/, production node_modules (CPU builds only), node/ (the
//                        Node.js runtime it was built with), appliance/ (installer, systemd units,
//                        monitoring), asterisk-config/
//   models/              the model store to import (bundle.json + <kind>/<id>/ files)
//   prompts/             the fixed prompts rendered with the default voice
//   debs/                the Debian packages of appliance/packages.list with every dependency, an apt repository
//   bundle.json          what it is: version, commit, Node.js version, packages, models
//   SHA256SUMS           every file with its SHA-256; the installer refuses a bundle that does not verify
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { allFixedPrompts } from "../call/prompts.js";
import { loadConfig, projectRoot as defaultProjectRoot, type Config } from "../config.js";
import { ModelStore } from "../ops/models.js";
import { loadTtsEngine, promptCacheFor } from "../speech/tts/index.js";
import { downloadPackages, type BundledPackage } from "./debian.js";
import { listFiles, sha256Of, SUMS_FILE, writeSums } from "./manifest.js";

export class BundleError extends Error {}

/** The bundle's description, bundle.json. */
export interface BundleInfo {
  format: 1;
  name: "sahayak";
  version: string;
  builtAt: string;
  commit: string | null;
  platform: "debian-12-amd64";
  node: string;
  /** The packages appliance/packages.list names (installed by the installer); `packages` is their closure. */
  runtimePackages: string[];
  packages: Omit<BundledPackage, "sha256">[];
  models: { id: string; kind: string; languages: string[] }[];
  prompts: number;
}

export interface BuildOptions {
  /** A folder (the unpacked bundle) or a FILE.tar.gz. */
  out: string;
  /** Default: package.json's version, the commit and the build time. */
  version?: string;
  /** The build's config: its model store goes into the bundle. */
  config: Config;
  projectRoot?: string;
  /** Where downloaded Debian packages are kept between builds (checked against the mirror each time). */
  packageCache?: string;
  log?: (line: string) => void;
}

export interface BuildResult {
  version: string;
  /** The unpacked bundle, or the archive. */
  path: string;
  bytes: number;
  files: number;
  sha256: string | null;
}

const VERSION_PATTERN = /^[0-9A-Za-z][0-9A-Za-z.+~-]{0,63}$/;

/** Files of a package that are not needed to run it: other platforms' binaries, build leftovers. */
const PRUNED = [
  /^onnxruntime-node\/bin\/napi-v\d+\/(darwin|win32)(\/|$)/,
  /^onnxruntime-node\/bin\/napi-v\d+\/linux\/arm64(\/|$)/,
  /^better-sqlite3\/build\/Release\/(obj|obj\.target|\.deps)(\/|$)/,
  /^better-sqlite3\/build\/Release\/(test_extension\.node|sqlite3\.a)$/,
  /^better-sqlite3\/(deps|src)(\/|$)/,
];
/** node-llama-cpp's GPU builds (CUDA, Vulkan): the appliance runs the CPU build. */
const GPU_BUILD = /^@node-llama-cpp\/.*(cuda|vulkan)/;
/** Type declarations, which some packages list as dependencies (apache-arrow: @types/node): nothing runs them. */
const TYPES_ONLY = /^@types\//;
/** Prebuilt binaries for other machines, whatever their package says it installs on (some list x64 for cross builds). */
const OTHER_PLATFORM = /(^|[-/])(arm64|armv7l|armhf|arm|ppc64le?|s390x|riscv64|darwin|win32|musl)(-|$)/;

interface LockEntry {
  dev?: boolean;
  devOptional?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
}

/** Package folders (relative to the project) that run in production on linux-x64 glibc, from package-lock.json. */
export function productionPackages(root: string): string[] {
  const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as { packages: Record<string, LockEntry> };
  const fits = (list: string[] | undefined, value: string) => !list || list.includes(value) || list.every((v) => v.startsWith("!") && v !== `!${value}`);
  return Object.entries(lock.packages)
    .filter(([path, e]) => path.startsWith("node_modules/") && !e.dev && !e.devOptional)
    .filter(([, e]) => fits(e.os, "linux") && fits(e.cpu, "x64") && fits(e.libc, "glibc"))
    .map(([path]) => path)
    .filter((path) => {
      const name = path.replace(/^.*node_modules\//, "");
      return !GPU_BUILD.test(name) && !TYPES_ONLY.test(name) && !(/(^|[-/])(linux|darwin|win32)(-|$)/.test(name) && OTHER_PLATFORM.test(name)) && existsSync(join(root, path));
    })
    .sort();
}

function copyPackage(root: string, pkgPath: string, appDir: string): void {
  const from = join(root, pkgPath);
  const name = pkgPath.replace(/^.*node_modules\//, "");
  cpSync(from, join(appDir, pkgPath), {
    recursive: true,
    filter: (src) => {
      const rel = relative(from, src);
      // nested packages are entries of their own in the lock file, copied (or left out) on their own
      if (rel === "node_modules" || rel.startsWith("node_modules/") || rel === ".bin") return false;
      return !PRUNED.some((re) => re.test(`${name}/${rel}`));
    },
  });
}

function git(root: string, args: string[]): string | null {
  const r = spawnSync("git", ["-C", root, ...args], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}

export function defaultVersion(root: string, now = new Date()): string {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\..*$/, "").replace("T", ".");
  const commit = git(root, ["rev-parse", "--short=10", "HEAD"]);
  return `${pkg.version}+${stamp}${commit ? `.g${commit}` : ""}`;
}

/** The built program must be there and no older than its sources (a stale dist/ would ship old code). */
function checkBuilt(root: string): void {
  const main = join(root, "dist", "cli", "main.js");
  if (!existsSync(main)) throw new BundleError(`${main} is missing: run make build first`);
  const built = statSync(main).mtimeMs;
  const stale = listFiles(join(root, "src")).find((rel) => rel.endsWith(".ts") && statSync(join(root, "src", rel)).mtimeMs > built);
  if (stale) throw new BundleError(`src/${stale} is newer than dist/: run make build first`);
}

function runtimePackageNames(root: string): string[] {
  return readFileSync(join(root, "appliance", "packages.list"), "utf8")
    .split("\n")
    .map((l) => l.replace(/#.*/, "").trim())
    .filter(Boolean);
}

/** The models of the build's store, as a bundle `sahayak models import` installs. */
function copyModels(config: Config, dir: string): BundleInfo["models"] {
  const store = new ModelStore(config.modelsDir);
  const problems = store.verify();
  if (problems.length) throw new BundleError(`the model store ${store.dir} is damaged (${problems.join("; ")}): re-import the models before building a bundle`);
  const models = store.manifest().models;
  mkdirSync(dir, { recursive: true });
  for (const m of models) cpSync(join(store.dir, m.kind, m.id), join(dir, m.kind, m.id), { recursive: true });
  writeFileSync(join(dir, "bundle.json"), JSON.stringify({ models: models.map((m) => ({ ...m, dir: `${m.kind}/${m.id}` })) }, null, 2));
  return models.map((m) => ({ id: m.id, kind: m.kind, languages: m.languages }));
}

/** The fixed prompts in the default voice (what an installed appliance speaks unless its config changes the voice). */
async function renderPrompts(dir: string): Promise<number> {
  const work = mkdtempSync(join(dirname(dir), ".prompts-"));
  try {
    const empty = join(work, "defaults.json");
    writeFileSync(empty, "{}");
    const config = loadConfig({ path: empty, env: {}, overrides: { dataDir: work } });
    const engine = await loadTtsEngine(config);
    try {
      const cache = promptCacheFor(config, engine);
      let n = 0;
      for (const { text, lang } of allFixedPrompts(config.call.languages)) {
        await cache.get(text, lang);
        n++;
      }
      renameSync(join(work, "prompts"), dir);
      return n;
    } finally {
      await engine.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export async function buildBundle(options: BuildOptions): Promise<BuildResult> {
  const root = options.projectRoot ?? defaultProjectRoot;
  const log = options.log ?? (() => undefined);
  const version = options.version ?? defaultVersion(root);
  if (!VERSION_PATTERN.test(version)) throw new BundleError(`version "${version}" must be letters, digits and . + ~ - (it names a folder)`);
  const archive = options.out.endsWith(".tar.gz");
  const out = resolve(options.out);
  if (existsSync(out)) throw new BundleError(`${out} already exists: name a new ${archive ? "file" : "folder"}`);
  checkBuilt(root);
  const major = Number(process.versions.node.split(".")[0]);
  if (major !== 20) throw new BundleError(`the bundle carries the Node.js that builds it, which must be 20 (the one better-sqlite3 was compiled for); this is ${process.version}`);

  const bundleName = `sahayak-${version}`;
  const staging = archive ? mkdtempSync(join(dirname(out), `.${basename(out)}.staging-`)) : dirname(out);
  const bundle = archive ? join(staging, bundleName) : out;
  mkdirSync(bundle, { recursive: true });
  try {
    const app = join(bundle, "app");
    log("copying the program and its production dependencies");
    for (const item of ["package.json", "README.md", "bin", "dist", "asterisk-config", "appliance"]) cpSync(join(root, item), join(app, item), { recursive: true });
    const packages = productionPackages(root);
    for (const p of packages) copyPackage(root, p, app);
    mkdirSync(join(app, "node", "bin"), { recursive: true });
    copyFileSync(process.execPath, join(app, "node", "bin", "node"));
    chmodSync(join(app, "node", "bin", "node"), 0o755);
    copyFileSync(join(root, "appliance", "install"), join(bundle, "install"));
    chmodSync(join(bundle, "install"), 0o755);

    log("copying the model store");
    const models = copyModels(options.config, join(bundle, "models"));
    log("rendering the fixed prompts");
    const prompts = await renderPrompts(join(bundle, "prompts"));
    log("fetching the Debian packages");
    const runtimePackages = runtimePackageNames(root);
    const debs = await downloadPackages(runtimePackages, join(bundle, "debs"), options.packageCache);

    const info: BundleInfo = {
      format: 1,
      name: "sahayak",
      version,
      builtAt: new Date().toISOString(),
      commit: git(root, ["rev-parse", "HEAD"]),
      platform: "debian-12-amd64",
      node: process.version,
      runtimePackages,
      packages: debs.map(({ name, version: v, file }) => ({ name, version: v, file })),
      models,
      prompts,
    };
    writeFileSync(join(bundle, "bundle.json"), `${JSON.stringify(info, null, 2)}\n`);
    log("writing SHA256SUMS");
    const files = await writeSums(bundle);
    if (!archive) return { version, path: bundle, bytes: treeBytes(bundle), files, sha256: null };

    log(`packing ${basename(out)}`);
    const tmp = `${out}.tmp-${process.pid}`;
    // gzip's fastest level: most of the bundle is compressed binaries already (measured on a 577 MB bundle:
    // 254 MB in 25 s at -1, 234 MB in 99 s at the default -6)
    const tar = spawnSync("tar", ["--use-compress-program=gzip -1", "-cf", tmp, "-C", staging, bundleName], { encoding: "utf8" });
    if (tar.status !== 0) {
      rmSync(tmp, { force: true });
      throw new BundleError(`tar could not pack the bundle: ${tar.stderr.trim()}`);
    }
    renameSync(tmp, out);
    const sha256 = await sha256Of(out);
    writeFileSync(`${out}.sha256`, `${sha256}  ${basename(out)}\n`);
    return { version, path: out, bytes: statSync(out).size, files, sha256 };
  } catch (err) {
    rmSync(bundle, { recursive: true, force: true });
    throw err;
  } finally {
    if (archive) rmSync(staging, { recursive: true, force: true });
  }
}

function treeBytes(dir: string): number {
  return listFiles(dir).reduce((n, rel) => n + statSync(join(dir, rel)).size, 0);
}

/** Reads and checks an unpacked bundle's bundle.json. */
export function readBundleInfo(bundle: string): BundleInfo {
  const path = join(bundle, "bundle.json");
  let info: BundleInfo;
  try {
    info = JSON.parse(readFileSync(path, "utf8")) as BundleInfo;
  } catch (err) {
    throw new BundleError(`${path} is missing or unreadable (${(err as Error).message}): this is not a Sahayak bundle`);
  }
  if (info.name !== "sahayak" || info.format !== 1 || !VERSION_PATTERN.test(info.version)) throw new BundleError(`${path} does not describe a Sahayak bundle this installer knows`);
  if (!existsSync(join(bundle, SUMS_FILE))) throw new BundleError(`${bundle} has no ${SUMS_FILE}`);
  return info;
}
