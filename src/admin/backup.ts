// `sahayak backup --out FILE`: a consistent copy of everything the appliance keeps, taken while it runs.
//   sahayak.db            the SQLite database, by its online backup API (one step: one consistent snapshot)
//   kb/<table>.arrow      the knowledge base at its committed version, every table whole (versions,
//   kb/head.json          history and the commit log), as Arrow IPC files
//   config.json           the config file in use
//   models/manifest.json  which models are installed and chosen (the weights come from the bundle)
//   prompts/              the prompt cache
//   secrets/caller-salt   only with --include-secrets: the salt and the database together re-identify callers
//   backup.json           what it holds, with every file's SHA-256 (restore checks them all before it acts)
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import type { Config } from "../config.js";
import { KnowledgeStore, TABLE_NAMES, tableToBytes } from "../knowledge/index.js";
import { SahayakStore } from "../store/index.js";
import { listFiles, sha256Of } from "./manifest.js";
import { giveToDataDirOwner } from "./ownership.js";

export const BACKUP_MANIFEST = "backup.json";

export interface BackupManifest {
  format: 1;
  createdAt: string;
  host: string;
  sahayakVersion: string;
  kb: { version: number; time: string; schemes: number } | null;
  database: { schemaVersion: number; calls: number; auditEntries: number } | null;
  config: boolean;
  includesSecrets: boolean;
  files: Record<string, { sha256: string; bytes: number }>;
}

export interface BackupOptions {
  config: Config;
  /** The config file in use, copied into the backup. */
  configPath?: string;
  out: string;
  includeSecrets?: boolean;
  sahayakVersion: string;
  /** Who takes it, for the audit log. */
  actor: string;
}

export interface BackupResult {
  path: string;
  bytes: number;
  manifest: BackupManifest;
}

export class BackupError extends Error {}

/** Copies the database through SQLite's online backup API in one step, so writers during the copy cannot make it restart forever. */
async function copyDatabase(source: string, target: string): Promise<BackupManifest["database"]> {
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(target, { progress: () => Number.MAX_SAFE_INTEGER });
  } finally {
    db.close();
  }
  const copy = new Database(target, { readonly: true });
  try {
    const count = (table: string) => (copy.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { schemaVersion: copy.pragma("user_version", { simple: true }) as number, calls: count("calls"), auditEntries: count("audit") };
  } finally {
    copy.close();
  }
}

async function copyKnowledgeBase(config: Config, dir: string): Promise<BackupManifest["kb"]> {
  const store = await KnowledgeStore.open({ dataDir: config.dataDir, knowledge: config.knowledge });
  try {
    if (store.kbVersion === 0) return null;
    const snapshot = await store.snapshot();
    mkdirSync(dir, { recursive: true });
    for (const name of TABLE_NAMES) writeFileSync(join(dir, `${name}.arrow`), tableToBytes(snapshot.tables[name]));
    writeFileSync(join(dir, "head.json"), JSON.stringify({ kbVersion: snapshot.kbVersion, time: snapshot.time }));
    return { version: snapshot.kbVersion, time: snapshot.time, schemes: snapshot.tables.schemes.numRows };
  } finally {
    store.close();
  }
}

export async function createBackup(options: BackupOptions): Promise<BackupResult> {
  const { config } = options;
  const out = resolve(options.out);
  if (existsSync(out)) throw new BackupError(`${out} already exists: name a new file`);
  if (!existsSync(config.dataDir)) throw new BackupError(`the data directory ${config.dataDir} does not exist: there is nothing to back up`);
  mkdirSync(dirname(out), { recursive: true });
  const staging = mkdtempSync(join(dirname(out), ".sahayak-backup-"));
  try {
    const dbPath = resolve(config.dataDir, config.store.file);
    const database = existsSync(dbPath) ? await copyDatabase(dbPath, join(staging, "sahayak.db")) : null;
    const kb = await copyKnowledgeBase(config, join(staging, "kb"));
    const hasConfig = !!options.configPath && existsSync(options.configPath);
    if (hasConfig) copyFileSync(options.configPath!, join(staging, "config.json"));
    const manifestPath = join(config.modelsDir, "manifest.json");
    if (existsSync(manifestPath)) {
      mkdirSync(join(staging, "models"));
      copyFileSync(manifestPath, join(staging, "models", "manifest.json"));
    }
    const prompts = join(config.dataDir, "prompts");
    if (existsSync(prompts) && readdirSync(prompts).length) cpSync(prompts, join(staging, "prompts"), { recursive: true, filter: (src) => !/\.tmp-\d+$/.test(src) });
    const salt = resolve(config.dataDir, config.store.saltFile);
    const includesSecrets = !!options.includeSecrets && existsSync(salt);
    if (includesSecrets) {
      mkdirSync(join(staging, "secrets"), { mode: 0o700 });
      copyFileSync(salt, join(staging, "secrets", "caller-salt"));
    }
    const files: BackupManifest["files"] = {};
    for (const rel of listFiles(staging)) files[rel] = { sha256: await sha256Of(join(staging, rel)), bytes: statSync(join(staging, rel)).size };
    const manifest: BackupManifest = {
      format: 1,
      createdAt: new Date().toISOString(),
      host: hostname(),
      sahayakVersion: options.sahayakVersion,
      kb,
      database,
      config: hasConfig,
      includesSecrets,
      files,
    };
    writeFileSync(join(staging, BACKUP_MANIFEST), JSON.stringify(manifest, null, 2));
    // callers' records inside: readable by whoever made the backup, nobody else
    const tmp = `${out}.tmp-${process.pid}`;
    writeFileSync(tmp, "", { mode: 0o600 });
    const tar = spawnSync("tar", ["-czf", tmp, "-C", staging, "."], { encoding: "utf8" });
    if (tar.status !== 0) {
      rmSync(tmp, { force: true });
      throw new BackupError(`tar could not write ${out}: ${tar.stderr.trim()}`);
    }
    chmodSync(tmp, 0o600);
    renameSync(tmp, out);
    if (database) {
      const store = SahayakStore.open(config.dataDir, config.store);
      try {
        store.audit.append(options.actor, "backup", out, { kbVersion: kb?.version ?? 0, calls: database.calls, includesSecrets });
      } finally {
        store.close();
      }
      giveToDataDirOwner(config.dataDir);
    }
    return { path: out, bytes: statSync(out).size, manifest };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
