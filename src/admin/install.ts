// The installer (appliance/install runs it from the unpacked bundle, after checking SHA256SUMS). One run
// installs, repeats an installation (idempotent: what is in place is left), or upgrades:
//   fresh    Debian packages, the service user, folders, a config with fresh passwords, the release,
//            models, prompts, the database, the systemd units (sahayak enabled; sahayak-console, the
//            console on its own for a box that takes no calls, left disabled), /usr/local/bin/sahayak,
//            Asterisk's files; the service is started and its readiness reported (Asterisk and the
//            knowledge base are the sysadmin's next steps)
//   upgrade  the same, plus: a data backup first; the old service stopped, the database migrated by the
//            new release, `current` switched, the service started; if /readyz is not ready in time or
//            `sahayak doctor` fails (where the old release passed), everything goes back by itself
// --dry-run prints the steps that would run and changes nothing.
import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, defaultDataDir, loadConfig, type Config } from "../config.js";
import { faultActive } from "../ops/faults.js";
import { ModelStore } from "../ops/models.js";
import { loadAgentPasswords } from "../telephony/agent-auth.js";
import { planAsteriskFiles, writeAsteriskPlan } from "./asterisk-files.js";
import { createBackup } from "./backup.js";
import { readBundleInfo } from "./bundle.js";
import { installFromBundle, missingPackages } from "./debian.js";
import { giveToDataDirOwner } from "./ownership.js";
import { Releases, type Upgrade } from "./release.js";
import { restoreBackup } from "./restore.js";
import { defaultPasswords, freshConfig, SECRET_SETTINGS } from "./secrets.js";
import { doctor, probeReady, readyzUrl, waitReady, type AsService, type DoctorResult, type Readiness, type ServiceManager } from "./service.js";

export class InstallError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Where things go on the machine (the tests point them elsewhere). */
export interface InstallPaths {
  configFile: string;
  /** /usr/local/bin/sahayak */
  command: string;
  systemdDir: string;
  /** Asterisk's config folder: Sahayak's files go in beside the shop's, never over them. */
  asteriskDir: string;
}

export const SYSTEM_PATHS: InstallPaths = {
  configFile: "/etc/sahayak/config.json",
  command: "/usr/local/bin/sahayak",
  systemdDir: "/etc/systemd/system",
  asteriskDir: "/etc/asterisk",
};

export interface InstallDeps {
  service: ServiceManager;
  asService: (configFile: string) => AsService;
  log: (line: string) => void;
  /** The OS check and user management, apart so tests can run as an ordinary user. */
  system: {
    isRoot(): boolean;
    platformProblem(): string | undefined;
    ensureUser(name: string, home: string): "created" | "present";
    ids(name: string): { uid: number; gid: number };
  };
}

export interface InstallOutcome {
  mode: "fresh" | "same" | "upgrade";
  version: string;
  previous?: string;
  ready: Readiness | null;
  doctor: DoctorResult | null;
  rolledBack?: { reason: string; readyAfter: Readiness | null };
  notes: string[];
}

/** Readiness checks a new installation fails until the sysadmin connects Asterisk and imports the schemes. */
const SITE_STEPS = new Set(["ari", "knowledge_base"]);

/** The steps of a run, printed as they go (or, in a dry run, instead of running). */
class Steps {
  constructor(
    private readonly dryRun: boolean,
    private readonly log: (line: string) => void,
  ) {}
  async run(what: string, action: () => unknown): Promise<void> {
    this.log(`${this.dryRun ? "would: " : "- "}${what}`);
    if (!this.dryRun) await action();
  }
}

export interface InstallOptions {
  bundle: string;
  dryRun?: boolean;
  paths?: InstallPaths;
}

export async function install(options: InstallOptions, deps: InstallDeps): Promise<InstallOutcome> {
  const paths = options.paths ?? SYSTEM_PATHS;
  const dryRun = !!options.dryRun;
  const { log, service, system } = deps;
  const info = readBundleInfo(options.bundle);
  if (!dryRun && !system.isRoot()) throw new InstallError("the installer must run as root (sudo ./install); ./install --dry-run shows what it would do", 6);
  const platform = system.platformProblem();
  if (platform) throw new InstallError(`${platform}; this bundle is for ${info.platform}`, 6);

  // the config first: a release that cannot read it must not be installed
  const hadConfig = existsSync(paths.configFile);
  const fresh = freshConfig(defaultDataDir());
  let config: Config;
  try {
    config = hadConfig ? loadConfig({ path: paths.configFile, env: {} }) : loadConfig({ path: "", env: {}, overrides: fresh });
  } catch (err) {
    if (err instanceof ConfigError) throw new InstallError(`release ${info.version} cannot use ${paths.configFile}:\n${err.message}\nFix it, then run ./install again; nothing was changed.`, 2);
    throw err;
  }
  const releases = new Releases(config.appliance.root);
  const previous = releases.current();
  const mode: InstallOutcome["mode"] = previous === undefined ? "fresh" : previous === info.version ? "same" : "upgrade";
  const outcome: InstallOutcome = { mode, version: info.version, previous, ready: null, doctor: null, notes: [] };
  const user = config.ops.serviceUser;
  const unit = `${config.appliance.service}.service`;
  const steps = new Steps(dryRun, log);
  // a box whose sysadmin disabled the helpline after an earlier installation (the console alone, say) stays so:
  // installing again or upgrading neither enables nor starts it
  const takesNoCalls = existsSync(join(paths.systemdDir, unit)) && !service.isEnabled(unit);
  log(`${dryRun ? "dry run: " : ""}${mode === "fresh" ? `installing Sahayak ${info.version}` : mode === "same" ? `Sahayak ${info.version} is installed: checking every part of it` : `upgrading Sahayak ${previous} to ${info.version}`}`);

  const missing = missingPackages(info.runtimePackages);
  if (missing.length) await steps.run(`install the Debian packages ${missing.join(", ")} (and what they need) from the bundle`, () => installFromBundle(join(options.bundle, "debs"), info.runtimePackages, log));
  const userState = dryRun ? "present" : system.ensureUser(user, config.dataDir);
  if (userState === "created") log(`- created the system user ${user}`);
  await steps.run(`make ${config.dataDir} (${user}, 0750), ${join(paths.configFile, "..")} (root:${user}, 0750), ${releases.releasesDir}`, () => {
    const ids = system.ids(user);
    mkdirSync(config.dataDir, { recursive: true, mode: 0o750 });
    chownSync(config.dataDir, ids.uid, ids.gid);
    mkdirSync(join(paths.configFile, ".."), { recursive: true, mode: 0o750 });
    chownSync(join(paths.configFile, ".."), 0, ids.gid);
    mkdirSync(releases.releasesDir, { recursive: true, mode: 0o755 });
  });
  if (!hadConfig) {
    await steps.run(`write ${paths.configFile} with new random passwords for ${SECRET_SETTINGS.map((p) => p.join(".")).join(", ")}`, () => {
      writeFileSync(paths.configFile, `${JSON.stringify(fresh, null, 2)}\n`, { mode: 0o640 });
      chownSync(paths.configFile, 0, system.ids(user).gid);
    });
  } else {
    const weak = defaultPasswords(config);
    if (weak.length) {
      const note = `${paths.configFile} still has the shipped default password for ${weak.join(", ")}: anyone who knows Sahayak knows it. Set a new one there and the same in Asterisk's ari.conf / manager.conf / prometheus.conf (sahayak asterisk config renders them)`;
      log(`WARNING: ${note}`);
      outcome.notes.push(note);
    }
  }
  if (!dryRun) config = loadConfig({ path: paths.configFile, env: {} });

  const installedRelease = existsSync(releases.dir(info.version));
  await steps.run(`${installedRelease ? "check" : "copy"} release ${info.version} ${installedRelease ? "in" : "to"} ${releases.dir(info.version)}`, async () => {
    if ((await releases.install(options.bundle, info.version)) === "present") log(`  release ${info.version} is in place, every file as the bundle has it`);
  });
  const release = releases.dir(info.version);
  const asService = deps.asService(paths.configFile);

  // an upgrade: how the running release stands, and a backup of its data, before anything of it changes
  let before: Before = { ready: null, doctor: null };
  let upgrade: Upgrade | null = null;
  if (mode === "upgrade") {
    // how the old release stands: the new one must do no worse
    before = {
      ready: service.running ? await probeReady(readyzUrl(config), config.ops.readinessCheckTimeoutMs) : null,
      doctor: dryRun ? null : doctor(asService, releases.dir(previous!)),
    };
    if (before.ready) log(`  the running release ${previous} is ${before.ready.ready ? "ready" : `not ready (${describeNotReady(before.ready)})`}`);
    if (before.doctor) log(`  its doctor: ${before.doctor.failures.length} failed${before.doctor.failures.length ? ` (${before.doctor.failures.map((f) => f.name).join(", ")})` : ""}, ${before.doctor.warnings.length} warnings`);
    const backup = join(config.dataDir, config.appliance.backupsDir, `pre-upgrade-${previous}-to-${info.version}-${stamp()}.tar.gz`);
    await steps.run(`back up the data to ${backup}`, async () => {
      mkdirSync(join(config.dataDir, config.appliance.backupsDir), { recursive: true, mode: 0o700 });
      const r = await createBackup({ config, configPath: paths.configFile, out: backup, sahayakVersion: previous!, actor: "installer" });
      log(`  ${(r.bytes / 2 ** 20).toFixed(1)} MB: knowledge base version ${r.manifest.kb?.version ?? 0}, ${r.manifest.database?.calls ?? 0} calls`);
    });
    upgrade = { from: previous!, to: info.version, at: new Date().toISOString(), backup };
    if (service.running) await steps.run(`stop ${unit} (calls in progress may finish first)`, () => service.stop(unit));
  }

  let units: InstalledUnits = { installed: [], changed: [] };
  try {
    await steps.run(`import the bundle's models into ${config.modelsDir} (models already there are kept)`, () => {
      // as root: the bundle may sit where the service user cannot read (root's home); the store is handed over after
      let imported;
      try {
        imported = new ModelStore(config.modelsDir).import(join(options.bundle, "models"));
      } catch (err) {
        throw new InstallError(`the bundle's models could not be imported: ${(err as Error).message}`);
      }
      giveToDataDirOwner(config.dataDir);
      for (const m of imported) log(`  ${m.alreadyInstalled ? "already installed" : "installed"}: ${m.id}`);
    });
    await steps.run(`add the bundle's rendered prompts to ${join(config.dataDir, "prompts")}`, () => {
      const target = join(config.dataDir, "prompts");
      mkdirSync(target, { recursive: true });
      const ids = system.ids(user);
      chownSync(target, ids.uid, ids.gid);
      for (const name of readdirSync(join(options.bundle, "prompts"))) {
        if (existsSync(join(target, name))) continue;
        copyFileSync(join(options.bundle, "prompts", name), join(target, name));
        chownSync(join(target, name), ids.uid, ids.gid);
      }
    });
    await steps.run(`bring the database up to date with release ${info.version} (sahayak data migrate)`, () => {
      const r = asService(release, ["data", "migrate", "--json"]);
      if (r.status !== 0) throw new InstallError(`the database could not be migrated: ${r.stderr.trim()}`);
      log(`  schema version ${(JSON.parse(r.stdout) as { schemaVersion: number }).schemaVersion}`);
    });
    await steps.run(`install the release's systemd units in ${paths.systemdDir} (${takesNoCalls ? `${unit} left disabled, as the sysadmin set it` : `${unit} enabled`}) and ${paths.command}`, () => {
      units = installUnits(release, paths.systemdDir, unit);
      installFile(join(release, "appliance", "sahayak"), paths.command, 0o755);
      if (service.running) service.daemonReload();
      if (!takesNoCalls) service.enable(unit);
    });
    if (existsSync(paths.asteriskDir)) {
      const asteriskConfig = config;
      await steps.run(`write Sahayak's Asterisk files into ${paths.asteriskDir} beside the shop's (never over an existing file), with the agents' SIP passwords (generated once, kept in ${asteriskConfig.telephony.asterisk.agentSecretsFile} under ${asteriskConfig.dataDir})`, () => {
        const agents = asteriskConfig.telephony.asterisk.agentAuth.credentials ? loadAgentPasswords(asteriskConfig) : undefined;
        giveToDataDirOwner(asteriskConfig.dataDir);
        const plan = planAsteriskFiles(asteriskConfig, paths.asteriskDir, agents?.passwords);
        writeAsteriskPlan(plan, log);
        outcome.notes.push(...plan.todo);
      });
      await steps.run(`render the sounds Asterisk plays when Sahayak cannot answer into ${config.telephony.asterisk.soundsDir}/sahayak`, () => {
        // as root: the sounds directory is Asterisk's; the prompt cache it fills is handed to the service user after
        const r = runRelease(release, ["--config", paths.configFile, "asterisk", "sounds", "--json"]);
        giveToDataDirOwner(asteriskConfig.dataDir);
        if (r.status !== 0) throw new InstallError(`the fallback sounds could not be rendered: ${r.stderr.trim()}`);
        log(`  ${(JSON.parse(r.stdout) as { files: unknown[] }).files.length} sound files`);
      });
    } else outcome.notes.push(`there is no ${paths.asteriskDir} on this machine: render Asterisk's files for the PBX with \`sahayak asterisk config --out DIR\``);

    if (mode !== "same") {
      await steps.run(`point ${join(releases.root, "current")} at release ${info.version}`, () => {
        releases.switchTo(info.version);
        if (upgrade) releases.recordUpgrade(upgrade);
      });
    }
  } catch (err) {
    if (!upgrade || dryRun) throw err;
    // an upgrade that failed midway: the old release goes back in, with its data
    const reason = `${(err as Error).message}`;
    log(`the upgrade to ${info.version} failed: ${reason}; going back to ${previous}`);
    outcome.rolledBack = { reason, readyAfter: await goBack(upgrade, config, paths, releases, deps) };
    return outcome;
  }
  if (dryRun) return outcome;
  if (takesNoCalls) outcome.notes.push(`${unit} is disabled on this machine and was left so (a box that takes no calls); \`systemctl enable --now ${unit}\` makes it take calls`);
  if (!service.running) {
    if (!takesNoCalls) outcome.notes.push(`systemd is not running here: ${unit} is enabled and starts at the next boot`);
    return outcome;
  }
  if (takesNoCalls) return finishWithoutCalls(outcome, { before, upgrade, units, unit, release, asService, config, paths, releases, deps });
  // a repeated installation leaves a running service alone unless its unit changed
  const active = service.isActive(unit);
  const action = !active ? "start" : mode !== "same" || units.changed.includes(unit) ? "restart" : null;
  log(`- ${action ?? "check"} ${unit} and wait for it to be ready (up to ${Math.round(config.appliance.readyTimeoutMs / 1000)} s)`);
  let started: string | null = null;
  try {
    if (action === "start") service.start(unit);
    if (action === "restart") service.restart(unit);
  } catch (err) {
    started = (err as Error).message;
  }
  // short of an upgrade, the appliance is as ready as it gets once only the sysadmin's next steps fail: Asterisk, the knowledge base
  const settled = (r: Readiness) => mode !== "upgrade" && Object.entries(r.checks).every(([name, c]) => c.ok || SITE_STEPS.has(name));
  outcome.ready = started ? { ready: false, status: null, checks: {}, problem: started } : await waitReady(readyzUrl(config), config.appliance.readyTimeoutMs, config.appliance.readyPollMs, settled);
  if (faultActive("upgrade:not-ready") && mode === "upgrade") outcome.ready = { ...outcome.ready, ready: false, problem: "not ready (SAHAYAK_FAULT=upgrade:not-ready, for tests)" };
  if (!started) restartOthers(units, unit, mode !== "same", deps);
  outcome.doctor = doctor(asService, release);
  log(`  /readyz: ${outcome.ready.ready ? "ready" : `not ready (${describeNotReady(outcome.ready)})`}; doctor: ${outcome.doctor.failures.length} failed, ${outcome.doctor.warnings.length} warnings`);

  if (mode === "upgrade" && upgrade) {
    const reason = upgradeFailure(before, outcome.ready, outcome.doctor);
    if (reason) {
      log(`the upgrade to ${info.version} failed: ${reason}; going back to ${previous}`);
      outcome.rolledBack = { reason, readyAfter: await goBack(upgrade, config, paths, releases, deps) };
      return outcome;
    }
    const pruned = releases.prune(config.appliance.keepReleases);
    if (pruned.length) log(`- removed old releases: ${pruned.join(", ")}`);
    pruneBackups(join(config.dataDir, config.appliance.backupsDir), config.appliance.keepUpgradeBackups, releases.lastUpgrade()?.backup);
  }
  return outcome;
}

/**
 * The end of an installation on a box whose helpline is disabled: nothing to start or wait for; the units that
 * run here (the console) move to the release, and an upgrade is judged by the doctor alone.
 */
async function finishWithoutCalls(
  outcome: InstallOutcome,
  p: { before: Before; upgrade: Upgrade | null; units: InstalledUnits; unit: string; release: string; asService: AsService; config: Config; paths: InstallPaths; releases: Releases; deps: InstallDeps },
): Promise<InstallOutcome> {
  const { deps, config, releases } = p;
  restartOthers(p.units, p.unit, outcome.mode !== "same", deps);
  outcome.doctor = doctor(p.asService, p.release);
  deps.log(`  ${p.unit} takes no calls here; doctor: ${outcome.doctor.failures.length} failed, ${outcome.doctor.warnings.length} warnings`);
  if (outcome.mode !== "upgrade" || !p.upgrade) return outcome;
  const reason = upgradeFailure(p.before, null, outcome.doctor);
  if (reason) {
    deps.log(`the upgrade to ${outcome.version} failed: ${reason}; going back to ${outcome.previous}`);
    outcome.rolledBack = { reason, readyAfter: await goBack(p.upgrade, config, p.paths, releases, deps) };
    return outcome;
  }
  const pruned = releases.prune(config.appliance.keepReleases);
  if (pruned.length) deps.log(`- removed old releases: ${pruned.join(", ")}`);
  pruneBackups(join(config.dataDir, config.appliance.backupsDir), config.appliance.keepUpgradeBackups, releases.lastUpgrade()?.backup);
  return outcome;
}

/** How the old release stood before an upgrade. */
export interface Before {
  ready: Readiness | null;
  doctor: DoctorResult | null;
}

/**
 * Why an upgrade is not good, or null: the new release must do no worse than the old one did. Not ready
 * where the old one was ready, a readiness check that passed before and fails now, nothing answering at
 * all, or a doctor check that fails now and did not before. `after` is null where the helpline is disabled
 * (nothing serves /readyz): the doctor alone judges.
 */
export function upgradeFailure(before: Before, after: Readiness | null, report: DoctorResult): string | null {
  if (after && !after.ready) {
    if (after.status === null || before.ready?.ready) return `/readyz is not ready (${describeNotReady(after)})`;
    const broken = Object.entries(before.ready?.checks ?? {})
      .filter(([name, c]) => c.ok && !after.checks[name]?.ok)
      .map(([name]) => name);
    if (broken.length) return `/readyz: ${broken.join(", ")} passed before the upgrade and fail now (${describeNotReady(after)})`;
  }
  const failedBefore = new Set(before.doctor?.failures.map((f) => f.name) ?? []);
  const newFailures = report.failures.filter((f) => !failedBefore.has(f.name));
  if (newFailures.length) return `sahayak doctor fails: ${newFailures.map((f) => `${f.name}: ${f.message}`).join("; ")}`;
  return null;
}

function describeNotReady(r: Readiness): string {
  if (r.problem) return r.problem;
  const failing = Object.entries(r.checks).filter(([, c]) => !c.ok);
  return failing.length ? failing.map(([name, c]) => `${name}: ${c.detail}`).join("; ") : `HTTP ${r.status}`;
}

/**
 * Back to the release an upgrade came from, with the data as it was before it: the service stopped, the
 * data of the failed release kept in a backup of its own, the pre-upgrade backup restored, `current`
 * switched back, the service started. Returns how the old release stands.
 */
export async function goBack(upgrade: Upgrade, config: Config, paths: InstallPaths, releases: Releases, deps: InstallDeps): Promise<Readiness | null> {
  const configFile = paths.configFile;
  const { service, log } = deps;
  const unit = `${config.appliance.service}.service`;
  const problems = await releases.verify(upgrade.from);
  if (problems.length) throw new InstallError(`release ${upgrade.from} is damaged (${problems.slice(0, 3).join("; ")}): cannot go back to it`);
  if (!existsSync(upgrade.backup)) throw new InstallError(`the backup taken before the upgrade, ${upgrade.backup}, is gone: cannot restore the data of ${upgrade.from}`);
  if (service.running) {
    log(`- stop ${unit}`);
    service.stop(unit);
  }
  const aside = join(config.dataDir, config.appliance.backupsDir, `before-rollback-${upgrade.to}-to-${upgrade.from}-${stamp()}.tar.gz`);
  log(`- keep the data of ${upgrade.to} in ${aside} (calls recorded since the upgrade are there)`);
  await createBackup({ config, configPath: configFile, out: aside, sahayakVersion: upgrade.to, actor: "rollback" });
  log(`- restore the data backed up before the upgrade (${upgrade.backup})`);
  const restored = await restoreBackup({ file: upgrade.backup, config, configPath: configFile, actor: "rollback" });
  for (const w of restored.warnings) log(`  warning: ${w}`);
  log(`- point ${join(releases.root, "current")} at release ${upgrade.from}`);
  releases.switchTo(upgrade.from);
  releases.markRolledBack(upgrade);
  const from = releases.dir(upgrade.from);
  const units = installUnits(from, paths.systemdDir, unit);
  installFile(join(from, "appliance", "sahayak"), paths.command, 0o755);
  if (!service.running) return null;
  service.daemonReload();
  if (!service.isEnabled(unit)) {
    // the helpline is disabled on this box: only what runs here goes back
    restartOthers(units, unit, true, deps);
    return null;
  }
  log(`- start ${unit}`);
  service.start(unit);
  restartOthers(units, unit, true, deps);
  const ready = await waitReady(readyzUrl(loadConfig({ path: configFile, env: {} })), config.appliance.readyTimeoutMs, config.appliance.readyPollMs);
  log(`  release ${upgrade.from}: ${ready.ready ? "ready" : `not ready (${describeNotReady(ready)})`}`);
  return ready;
}

/** A command of a release, as the user running the installer (root). */
function runRelease(release: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(join(release, "bin", "sahayak"), args, { encoding: "utf8", cwd: "/", maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new InstallError(`${release}/bin/sahayak could not run: ${r.error.message}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface InstalledUnits {
  /** Unit names as installed. */
  installed: string[];
  /** Those whose file was new or differed. */
  changed: string[];
}

/**
 * Every systemd unit a release ships (appliance/systemd) into `systemdDir`; sahayak.service goes in under
 * the configured service name. Only the installer enables any (the main one).
 */
export function installUnits(release: string, systemdDir: string, mainUnit: string): InstalledUnits {
  const dir = join(release, "appliance", "systemd");
  const out: InstalledUnits = { installed: [], changed: [] };
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".service")).sort()) {
    const name = file === "sahayak.service" ? mainUnit : file;
    if (installFile(join(dir, file), join(systemdDir, name), 0o644)) out.changed.push(name);
    out.installed.push(name);
  }
  return out;
}

/** The release's other units that run here (the console on its own) move to it too: restarted when the release or their unit changed. */
function restartOthers(units: InstalledUnits, mainUnit: string, releaseChanged: boolean, deps: InstallDeps): void {
  for (const other of units.installed.filter((u) => u !== mainUnit && deps.service.isActive(u))) {
    if (!releaseChanged && !units.changed.includes(other)) continue;
    deps.log(`- restart ${other}`);
    try {
      deps.service.restart(other);
    } catch (err) {
      deps.log(`  ${other} did not restart: ${(err as Error).message}`);
    }
  }
}

/** Copies a file into place when it differs (units and the command are the installer's own files); whether it did. */
function installFile(from: string, to: string, mode: number): boolean {
  if (existsSync(to) && readFileSync(to).equals(readFileSync(from))) return false;
  mkdirSync(join(to, ".."), { recursive: true });
  copyFileSync(from, `${to}.sahayak-new`);
  chmodSync(`${to}.sahayak-new`, mode);
  renameSync(`${to}.sahayak-new`, to);
  return true;
}

/** Keeps the newest `keep` pre-upgrade backups (and always the one a rollback would need). */
function pruneBackups(dir: string, keep: number, needed: string | undefined): void {
  if (!existsSync(dir)) return;
  const upgrades = readdirSync(dir)
    .filter((f) => f.startsWith("pre-upgrade-"))
    .map((f) => join(dir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  for (const old of upgrades.slice(keep)) if (old !== needed) rmSync(old, { force: true });
}

const stamp = () => new Date().toISOString().replace(/[-:]/g, "").replace(/\..*$/, "");
