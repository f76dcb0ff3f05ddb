// `sahayak restore FILE [--dry-run]`: verifies a backup whole before it touches anything (the archive,
// every file's SHA-256, the database's integrity and schema, the knowledge base's tables, the config),
// then puts it back while serve may run: the knowledge base as one atomic commit of new table versions,
// the database through SQLite's backup API (one transaction). A failure leaves the running data as it was.
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import type { Table as ArrowTable } from "apache-arrow";
import { ConfigError, loadConfig, type Config } from "../config.js";
import { KnowledgeStore, snapshotProblems, TABLE_NAMES, tableFromBytes, type KbSnapshot } from "../knowledge/index.js";
import { manifestSchema, ModelStore } from "../ops/models.js";
import { SahayakStore, SCHEMA_VERSION } from "../store/index.js";
import { BACKUP_MANIFEST, type BackupManifest } from "./backup.js";
import { listFiles, sha256Of } from "./manifest.js";
import { giveToDataDirOwner } from "./ownership.js";

export class RestoreError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
  }
}

export interface RestoreOptions {
  file: string;
  config: Config;
  /** Where the config in use lives: the backup's config.json is put there. */
  configPath?: string;
  dryRun?: boolean;
  actor: string;
}

export interface RestoreReport {
  dryRun: boolean;
  backup: Pick<BackupManifest, "createdAt" | "host" | "sahayakVersion" | "kb" | "database" | "config" | "includesSecrets">;
  restored: string[];
  warnings: string[];
}

/** A backup unpacked into a staging folder and checked whole. */
interface VerifiedBackup {
  dir: string;
  manifest: BackupManifest;
  snapshot: KbSnapshot | null;
}

function tar(args: string[]): { ok: boolean; out: string; err: string } {
  const r = spawnSync("tar", args, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  return { ok: r.status === 0, out: r.stdout ?? "", err: (r.stderr ?? "").trim() };
}

/** Unpacks and checks everything; throws RestoreError with every problem found. */
async function verify(file: string, staging: string): Promise<VerifiedBackup> {
  const listing = tar(["-tvzf", file]);
  if (!listing.ok) throw new RestoreError(`${file} is not a readable backup: ${listing.err || "tar could not list it"}`);
  const problems: string[] = [];
  for (const line of listing.out.split("\n").filter(Boolean)) {
    const name = line.split(/\s+/).slice(5).join(" ");
    if (!/^[-d]/.test(line)) problems.push(`${name}: not a plain file or folder`);
    if (name.startsWith("/") || name.split("/").includes("..")) problems.push(`${name}: a path outside the backup`);
  }
  if (problems.length) throw new RestoreError(`${file} holds entries a Sahayak backup never has`, problems);
  const unpacked = tar(["-xzf", file, "-C", staging, "--no-same-owner"]);
  if (!unpacked.ok) throw new RestoreError(`${file} could not be unpacked: ${unpacked.err}`);

  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(readFileSync(join(staging, BACKUP_MANIFEST), "utf8")) as BackupManifest;
  } catch (err) {
    throw new RestoreError(`${file} has no readable ${BACKUP_MANIFEST} (${(err as Error).message}): it is not a Sahayak backup`);
  }
  if (manifest.format !== 1) throw new RestoreError(`${file} is a backup of format ${String(manifest.format)}, which this Sahayak does not know`);
  const present = listFiles(staging, (rel) => rel === BACKUP_MANIFEST);
  for (const rel of present) if (!manifest.files[rel]) problems.push(`${rel} is not listed in ${BACKUP_MANIFEST}`);
  for (const [rel, want] of Object.entries(manifest.files)) {
    if (!present.includes(rel)) problems.push(`${rel} is missing`);
    else if ((await sha256Of(join(staging, rel))) !== want.sha256) problems.push(`${rel} does not match its checksum`);
  }
  if (problems.length) throw new RestoreError(`${file} is damaged`, problems);

  if (manifest.database) {
    const db = new Database(join(staging, "sahayak.db"), { readonly: true, fileMustExist: true });
    try {
      const integrity = db.pragma("integrity_check", { simple: true });
      if (integrity !== "ok") problems.push(`the database fails SQLite's integrity check: ${String(integrity)}`);
      const version = db.pragma("user_version", { simple: true }) as number;
      if (version > SCHEMA_VERSION) problems.push(`the database has schema version ${version}, made by a newer Sahayak (this one knows up to ${SCHEMA_VERSION}): restore it with that release`);
    } catch (err) {
      problems.push(`the database cannot be read: ${(err as Error).message}`);
    } finally {
      db.close();
    }
  }
  let snapshot: KbSnapshot | null = null;
  if (manifest.kb) {
    try {
      const head = JSON.parse(readFileSync(join(staging, "kb", "head.json"), "utf8")) as { kbVersion: number; time: string };
      const tables = {} as Record<(typeof TABLE_NAMES)[number], ArrowTable>;
      for (const name of TABLE_NAMES) tables[name] = tableFromBytes(readFileSync(join(staging, "kb", `${name}.arrow`)));
      problems.push(...snapshotProblems(head.kbVersion, tables).map((p) => `the knowledge base: ${p}`));
      if (head.kbVersion !== manifest.kb.version) problems.push(`the knowledge base's head says version ${head.kbVersion}, the backup says ${manifest.kb.version}`);
      if (tables.schemes.numRows !== manifest.kb.schemes) problems.push(`the knowledge base holds ${tables.schemes.numRows} schemes, the backup says ${manifest.kb.schemes}`);
      snapshot = { kbVersion: head.kbVersion, time: head.time, tables };
    } catch (err) {
      problems.push(`the knowledge base cannot be read: ${(err as Error).message}`);
    }
  }
  if (manifest.config) {
    try {
      loadConfig({ path: join(staging, "config.json"), env: {} });
    } catch (err) {
      problems.push(`the backup's config.json is not valid for this Sahayak: ${err instanceof ConfigError ? err.message : (err as Error).message}`);
    }
  }
  const models = join(staging, "models", "manifest.json");
  if (existsSync(models) && !manifestSchema.safeParse(JSON.parse(readFileSync(models, "utf8"))).success) problems.push("the backup's models/manifest.json is not a model manifest");
  if (problems.length) throw new RestoreError(`${file} cannot be restored`, problems);
  return { dir: staging, manifest, snapshot };
}

const stamp = () => new Date().toISOString().replace(/[-:]/g, "").replace(/\..*$/, "");

/** Keeps what a restore replaces beside it, as NAME.before-restore-<time>. */
function keepAside(path: string): string {
  const aside = `${path}.before-restore-${stamp()}`;
  copyFileSync(path, aside);
  return aside;
}

export async function restoreBackup(options: RestoreOptions): Promise<RestoreReport> {
  const { config } = options;
  const file = resolve(options.file);
  if (!existsSync(file)) throw new RestoreError(`${file} does not exist`);
  const parent = dirname(config.dataDir);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, `.${basename(config.dataDir)}-restore-`));
  try {
    const backup = await verify(file, staging);
    const { manifest } = backup;
    const report: RestoreReport = {
      dryRun: !!options.dryRun,
      backup: { createdAt: manifest.createdAt, host: manifest.host, sahayakVersion: manifest.sahayakVersion, kb: manifest.kb, database: manifest.database, config: manifest.config, includesSecrets: manifest.includesSecrets },
      restored: [],
      warnings: [],
    };
    const salt = resolve(config.dataDir, config.store.saltFile);
    if (!manifest.includesSecrets && manifest.database && existsSync(salt)) {
      report.warnings.push("the backup has no caller salt (--include-secrets): calls are restored, but callers are recognised as returning only if this machine's salt is the one they were recorded with");
    }
    const modelProblems = modelsNotHere(staging, config);
    if (modelProblems.length) report.warnings.push(`models the backup's store had are not installed here: ${modelProblems.join(", ")}; import them with \`sahayak models import\` (the bundle carries them)`);
    if (options.dryRun) return report;

    mkdirSync(config.dataDir, { recursive: true });
    // the knowledge base first: one atomic commit that can be undone by putting its old head back
    const headPath = join(config.dataDir, "kb", "HEAD.json");
    const headBefore = existsSync(headPath) ? readFileSync(headPath, "utf8") : null;
    if (backup.snapshot) {
      const store = await KnowledgeStore.open({ dataDir: config.dataDir, knowledge: config.knowledge });
      try {
        await store.restoreSnapshot(backup.snapshot);
      } finally {
        store.close();
      }
      report.restored.push(`knowledge base version ${backup.snapshot.kbVersion}`);
    } else if (headBefore !== null) {
      // the backup was taken before any import: the knowledge base is empty again, its files kept aside
      renameSync(join(config.dataDir, "kb"), join(config.dataDir, `kb.before-restore-${stamp()}`));
      report.restored.push("an empty knowledge base");
    }
    try {
      if (manifest.database) {
        const source = new Database(join(staging, "sahayak.db"), { readonly: true });
        try {
          await source.backup(resolve(config.dataDir, config.store.file), { progress: () => Number.MAX_SAFE_INTEGER });
        } finally {
          source.close();
        }
        report.restored.push(`database: ${manifest.database.calls} calls, ${manifest.database.auditEntries} audit entries`);
      }
    } catch (err) {
      if (headBefore !== null) writeFileSync(headPath, headBefore);
      throw new RestoreError(`the database could not be restored (${(err as Error).message}); the knowledge base was put back as it was, nothing else changed`);
    }
    const prompts = join(staging, "prompts");
    if (existsSync(prompts)) {
      cpSync(prompts, join(config.dataDir, "prompts"), { recursive: true });
      report.restored.push(`${readdirSync(prompts).length} cached prompts`);
    }
    const chosen = restoreModelChoices(staging, config);
    if (chosen) report.restored.push(chosen);
    if (manifest.includesSecrets) {
      if (existsSync(salt) && readFileSync(salt, "utf8") !== readFileSync(join(staging, "secrets", "caller-salt"), "utf8")) report.warnings.push(`the caller salt was replaced; the old one is ${keepAside(salt)}`);
      mkdirSync(dirname(salt), { recursive: true, mode: 0o700 });
      copyFileSync(join(staging, "secrets", "caller-salt"), salt);
      chmodSync(salt, 0o600);
      report.restored.push("caller salt");
    }
    if (manifest.config && options.configPath) {
      const incoming = readFileSync(join(staging, "config.json"), "utf8");
      if (!existsSync(options.configPath) || readFileSync(options.configPath, "utf8") !== incoming) {
        if (existsSync(options.configPath)) report.warnings.push(`${options.configPath} was replaced by the backup's; the old one is ${keepAside(options.configPath)}`);
        else mkdirSync(dirname(options.configPath), { recursive: true });
        writeFileSync(options.configPath, incoming, { mode: 0o640 });
        report.restored.push(`config ${options.configPath}`);
      }
    }
    const dbPath = resolve(config.dataDir, config.store.file);
    if (existsSync(dbPath)) {
      const store = SahayakStore.open(config.dataDir, config.store);
      try {
        store.audit.append(options.actor, "restore", file, { createdAt: manifest.createdAt, kbVersion: manifest.kb?.version ?? 0, calls: manifest.database?.calls ?? 0 });
      } finally {
        store.close();
      }
    }
    giveToDataDirOwner(config.dataDir);
    return report;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Model ids the backup's store listed that this machine's store lacks. */
function modelsNotHere(staging: string, config: Config): string[] {
  const path = join(staging, "models", "manifest.json");
  if (!existsSync(path)) return [];
  const theirs = manifestSchema.parse(JSON.parse(readFileSync(path, "utf8")));
  const ours = new Set(new ModelStore(config.modelsDir).manifest().models.map((m) => m.id));
  return theirs.models.map((m) => m.id).filter((id) => !ours.has(id));
}

/** The backup's choice of model per language, where this store has the chosen model. */
function restoreModelChoices(staging: string, config: Config): string | null {
  const path = join(staging, "models", "manifest.json");
  if (!existsSync(path)) return null;
  const theirs = manifestSchema.parse(JSON.parse(readFileSync(path, "utf8")));
  const store = new ModelStore(config.modelsDir);
  const installed = new Set(store.manifest().models.map((m) => m.id));
  const applied: string[] = [];
  for (const [, byLang] of Object.entries(theirs.chosen)) {
    for (const [lang, id] of Object.entries(byLang)) {
      if (installed.has(id)) {
        store.use(id, lang);
        applied.push(`${id} for ${lang}`);
      }
    }
  }
  return applied.length ? `model choices: ${applied.join(", ")}` : null;
}
