// `sahayak bundle build`, `backup`, `restore`, `rollback` and `data migrate`: the appliance's own life
// (making the offline bundle, keeping copies of its data, going back a release).
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { BackupError, createBackup } from "../admin/backup.js";
import { BundleError, buildBundle } from "../admin/bundle.js";
import { DebianError } from "../admin/debian.js";
import { goBack, InstallError, SYSTEM_PATHS } from "../admin/install.js";
import { Releases } from "../admin/release.js";
import { RestoreError, restoreBackup } from "../admin/restore.js";
import { systemDeps } from "../admin/system.js";
import { configPathFor, projectRoot } from "../config.js";
import { SahayakStore, SCHEMA_VERSION } from "../store/index.js";
import { contextOf, type GlobalOptions } from "./context.js";
import { CliError, EXIT, printJson, printLine } from "./output.js";

export const sahayakVersion = (): string => (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

/** The config file this command runs with (backed up, and restored to). */
function configPathOf(cmd: Command): string | undefined {
  return configPathFor({ path: (cmd.optsWithGlobals() as GlobalOptions).config });
}

export function registerAppliance(program: Command): void {
  program
    .command("bundle")
    .description("the offline installation bundle")
    .command("build")
    .requiredOption("--out <dir|file.tar.gz>", "a new folder (the unpacked bundle) or a .tar.gz archive")
    .option("--version <version>", "the release's version (default: package.json's, the build time and the commit)")
    .option("--json", "machine-readable output")
    .description("build the bundle: program, production dependencies, Node.js, model store, prompts, Debian packages, SHA256SUMS")
    .action(async (opts: { out: string; version?: string; json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd, { dataDir: "none" });
      try {
        const result = await buildBundle({ out: opts.out, version: opts.version, config: ctx.config, projectRoot, log: opts.json ? undefined : (line) => process.stderr.write(`${line}\n`) });
        if (opts.json) printJson({ ok: true, ...result });
        else printLine(`bundle ${result.version}: ${result.path} (${(result.bytes / 2 ** 20).toFixed(0)} MB, ${result.files} files${result.sha256 ? `, sha256 ${result.sha256}` : ""})`);
      } catch (err) {
        if (err instanceof BundleError) throw new CliError(err.message, EXIT.unavailable);
        if (err instanceof DebianError) throw new CliError(`${err.message}; the bundle was not made`, EXIT.unavailable);
        throw err;
      }
    });

  program
    .command("backup")
    .requiredOption("--out <file>", "the backup to write (.tar.gz; it must not exist)")
    .option("--include-secrets", "also the caller salt (with it, the database can re-identify callers: keep such a backup locked away)")
    .option("--actor <name>", "who (kept in the audit log)")
    .option("--json", "machine-readable output")
    .description("copy the database, the knowledge base, config, model manifest and prompt cache into one file (serve may run)")
    .action(async (opts: { out: string; includeSecrets?: boolean; json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      try {
        const started = performance.now();
        const r = await createBackup({ config: ctx.config, configPath: configPathOf(cmd), out: opts.out, includeSecrets: opts.includeSecrets, sahayakVersion: sahayakVersion(), actor: ctx.actor });
        const ms = Math.round(performance.now() - started);
        if (opts.json) return printJson({ ok: true, path: r.path, bytes: r.bytes, ms, ...r.manifest, files: Object.keys(r.manifest.files).length });
        const m = r.manifest;
        printLine(`wrote ${r.path} (${(r.bytes / 2 ** 20).toFixed(1)} MB in ${(ms / 1000).toFixed(1)} s): knowledge base version ${m.kb?.version ?? 0}, ${m.database?.calls ?? 0} calls, ${m.database?.auditEntries ?? 0} audit entries${m.config ? ", config" : ""}${m.includesSecrets ? ", the caller salt (keep this file locked away)" : ""}`);
      } catch (err) {
        if (err instanceof BackupError) throw new CliError(err.message, EXIT.failure);
        throw err;
      }
    });

  program
    .command("restore")
    .argument("<file>", "a backup made by `sahayak backup`")
    .option("--dry-run", "verify the backup and say what it would restore, change nothing")
    .option("--actor <name>", "who (kept in the audit log)")
    .option("--json", "machine-readable output")
    .description("verify a backup whole, then put it back (serve may run; restart it to use the restored knowledge base)")
    .action(async (file: string, opts: { dryRun?: boolean; json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd, { dataDir: "create" });
      try {
        const r = await restoreBackup({ file, config: ctx.config, configPath: configPathOf(cmd), dryRun: opts.dryRun, actor: ctx.actor });
        if (opts.json) return printJson({ ok: true, ...r });
        const b = r.backup;
        printLine(`${opts.dryRun ? "verified" : "restored"} the backup of ${b.createdAt} from ${b.host} (Sahayak ${b.sahayakVersion}): knowledge base version ${b.kb?.version ?? 0}, ${b.database?.calls ?? 0} calls, ${b.database?.auditEntries ?? 0} audit entries`);
        for (const w of r.warnings) printLine(`warning: ${w}`);
        if (opts.dryRun) printLine("dry run: nothing changed");
        else printLine(`restored: ${r.restored.join("; ")}\nrestart serve (systemctl restart sahayak) so calls use the restored knowledge base`);
      } catch (err) {
        if (err instanceof RestoreError) throw new CliError(`${err.message}${err.problems.length ? `:\n  ${err.problems.join("\n  ")}` : ""}\nnothing was changed`, EXIT.invalidInput);
        throw err;
      }
    });

  program
    .command("rollback")
    .option("--dry-run", "say what it would do, change nothing")
    .option("--json", "machine-readable output")
    .description("go back to the release before the last upgrade, with the data backed up before that upgrade (as root)")
    .action(async (opts: { dryRun?: boolean; json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const releases = new Releases(ctx.config.appliance.root);
      const current = releases.current();
      if (!current) throw new CliError(`no release is installed in ${ctx.config.appliance.root}: nothing to roll back`, EXIT.notFound);
      const upgrade = releases.lastUpgrade();
      if (!upgrade) throw new CliError(`release ${current} was not installed by an upgrade (or that upgrade was rolled back already): there is no earlier release to go back to`, EXIT.notFound);
      const plan = `go back from ${upgrade.to} to ${upgrade.from}: stop the service, keep today's data in a backup, restore the data backed up before the upgrade of ${upgrade.at} (${upgrade.backup}), switch ${ctx.config.appliance.root}/current, start the service`;
      if (opts.dryRun) {
        const problems = await releases.verify(upgrade.from);
        if (opts.json) return printJson({ ok: problems.length === 0, dryRun: true, ...upgrade, problems });
        printLine(`would ${plan}`);
        for (const p of problems) printLine(`problem: ${p}`);
        return printLine("dry run: nothing changed");
      }
      if (process.getuid?.() !== 0) throw new CliError("rollback must run as root (it stops and starts the service and switches releases)", EXIT.unavailable);
      const log = opts.json ? () => undefined : (line: string) => printLine(line);
      try {
        const ready = await goBack(upgrade, ctx.config, { ...SYSTEM_PATHS, configFile: configPathOf(cmd) ?? SYSTEM_PATHS.configFile }, releases, systemDeps(ctx.config.ops.serviceUser, log));
        if (opts.json) return printJson({ ok: true, ...upgrade, ready: ready?.ready ?? null });
        printLine(`release ${upgrade.from} runs again with the data of ${upgrade.at}${ready && !ready.ready ? "; it is not ready: see `sahayak doctor`" : ""}`);
      } catch (err) {
        if (err instanceof InstallError || err instanceof RestoreError) throw new CliError(`${err.message}; see the steps above for where it stopped`, EXIT.failure);
        throw err;
      }
    });

  program
    .command("data")
    .description("the data directory")
    .command("migrate")
    .option("--json", "machine-readable output")
    .description("bring the database schema up to date (the installer runs it; serve does it on start too)")
    .action((opts: { json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd, { dataDir: "create" });
      const store = SahayakStore.open(ctx.config.dataDir, ctx.config.store);
      try {
        const version = store.db.pragma("user_version", { simple: true }) as number;
        if (opts.json) printJson({ ok: true, schemaVersion: version, latest: SCHEMA_VERSION });
        else printLine(`database ${store.path}: schema version ${version}`);
      } finally {
        store.close();
      }
    });
}
