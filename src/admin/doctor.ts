// `sahayak doctor`: every check an operator needs before and after installing, each ok, warn or fail
// with the fix in one sentence. Checks read the real things (files as the service user, Asterisk over
// ARI and AMI, a trial load of each model, a search of the knowledge base) and change nothing.
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, readFileSync, statSync } from "node:fs";
import { createSocket } from "node:dgram";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { allFixedPrompts } from "../call/prompts.js";
import { ConfigError, configPathFor, loadConfig, type Config } from "../config.js";
import { LanguageDetector } from "../dialogue/index.js";
import { openKnowledgeBase } from "../knowledge/index.js";
import { currentUser, dataDirProblem } from "../ops/data-dir.js";
import { EspeakEngine, promptCacheFor } from "../speech/tts/index.js";
import { checkSpeechModels } from "../speech/model-health.js";
import { probePostgres } from "../store/index.js";
import { AmiClient, requiredModules } from "../telephony/ami.js";
import { ariRefusal } from "../telephony/ari/client.js";
import { checkFallbackSounds } from "../telephony/asterisk-config.js";
import { freeDiskBytes } from "./health.js";
import { defaultPasswords } from "./secrets.js";

export type CheckStatus = "ok" | "warn" | "fail";

export interface DoctorCheck {
  name: string;
  status: CheckStatus;
  /** What was found; for warn and fail, what to do, in one sentence. */
  message: string;
}

export interface DoctorReport {
  status: CheckStatus;
  checks: DoctorCheck[];
}

/** 0 all ok, 1 warnings, 2 failures. */
export const DOCTOR_EXIT: Record<CheckStatus, number> = { ok: 0, warn: 1, fail: 2 };

const ok = (name: string, message: string): DoctorCheck => ({ name, status: "ok", message });
const warn = (name: string, message: string): DoctorCheck => ({ name, status: "warn", message });
const fail = (name: string, message: string): DoctorCheck => ({ name, status: "fail", message });

function worst(checks: DoctorCheck[]): CheckStatus {
  return checks.some((c) => c.status === "fail") ? "fail" : checks.some((c) => c.status === "warn") ? "warn" : "ok";
}

export interface DoctorOptions {
  configPath?: string;
  dataDir?: string;
  env?: NodeJS.ProcessEnv;
}

/** Runs every check; a config that does not load is the one failure reported (nothing else can be checked). */
export async function runDoctor(options: DoctorOptions = {}): Promise<DoctorReport> {
  let config: Config;
  try {
    config = loadConfig({ path: options.configPath, env: options.env, overrides: options.dataDir ? { dataDir: options.dataDir } : undefined });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const checks = [fail("config", `${err.message}\nfix the config file (unknown keys are not allowed) and run doctor again`)];
    return { status: "fail", checks };
  }
  // the file loadConfig read, the default places included (/etc/sahayak/config.json on an installed appliance)
  const configPath = configPathFor({ path: options.configPath, env: options.env });
  const checks: DoctorCheck[] = [ok("config", configPath ? `${configPath} is valid` : "no config file: the defaults are used")];
  const run = async (name: string, check: () => DoctorCheck | DoctorCheck[] | Promise<DoctorCheck | DoctorCheck[]>) => {
    try {
      checks.push(...[await check()].flat());
    } catch (err) {
      checks.push(fail(name, `the check itself failed: ${(err as Error).message}`));
    }
  };
  await run("data_dir", () => directoryCheck("data_dir", "data directory", config.dataDir, config.ops.serviceUser, true));
  await run("models_dir", () => directoryCheck("models_dir", "models directory", config.modelsDir, config.ops.serviceUser, false));
  await run("models", () => modelChecks(config));
  await run("knowledge_base", () => knowledgeCheck(config));
  await run("prompts", () => promptsCheck(config));
  await run("language", () => languageCheck());
  await run("espeak", () => espeakCheck(config));
  await run("ari", () => ariCheck(config));
  await run("ami", () => amiChecks(config));
  await run("fallback_sounds", () => fallbackSoundsCheck(config));
  await run("rtp_ports", () => rtpPortsCheck(config));
  await run("realtime", () => realtimeCheck(config));
  await run("disk", () => diskCheck(config));
  await run("database", () => databaseCheck(config));
  await run("secrets", () => secretsCheck(config, configPath));
  return { status: worst(checks), checks };
}

// ---- files ----

/** uid and gid of a user from /etc/passwd (no native getpwnam in Node). */
export function lookupUser(name: string): { uid: number; gid: number } | undefined {
  try {
    for (const line of readFileSync("/etc/passwd", "utf8").split("\n")) {
      const [user, , uid, gid] = line.split(":");
      if (user === name) return { uid: Number(uid), gid: Number(gid) };
    }
  } catch {
    /* no passwd file */
  }
  return undefined;
}

/** Can `user` read (and write) `path`? Root checks as that user by running `test` under its uid and gid. */
function accessAs(user: string, path: string, write: boolean): { ok: boolean; as: string } | { unknownUser: true } {
  const me = process.getuid?.() ?? -1;
  const flags = ["-r", "-x", ...(write ? ["-w"] : [])];
  if (me === 0) {
    const account = lookupUser(user);
    if (!account) return { unknownUser: true };
    // supplementary groups are not set here: access through a secondary group reads as missing
    const r = spawnSync("sh", ["-c", flags.map((f) => `test ${f} "$1"`).join(" && "), "sh", path], { uid: account.uid, gid: account.gid });
    return { ok: r.status === 0, as: `${user} (uid ${account.uid})` };
  }
  try {
    accessSync(path, constants.R_OK | constants.X_OK | (write ? constants.W_OK : 0));
    return { ok: true, as: currentUser() };
  } catch {
    return { ok: false, as: currentUser() };
  }
}

function directoryCheck(name: string, what: string, path: string, serviceUser: string, write: boolean): DoctorCheck {
  if (name === "models_dir" && !existsSync(path)) return warn(name, `there is no models directory ${path}: no recogniser is installed and every call uses the keypad; install one with \`sahayak models import\` (make setup installs English)`);
  const problem = dataDirProblem(path, "read");
  if (problem) return fail(name, problem.replace("the data directory", `the ${what}`));
  const access = accessAs(serviceUser, path, write);
  if ("unknownUser" in access) return warn(name, `${path} exists, but the service user "${serviceUser}" does not: create it (useradd --system ${serviceUser}) or set ops.serviceUser to the user serve runs as`);
  const need = write ? "read and write" : "read";
  if (!access.ok) return fail(name, `user ${access.as} cannot ${need} the ${what} ${path}: chown -R ${serviceUser} ${path}`);
  return ok(name, `${path}: user ${access.as} can ${need} it`);
}

// ---- engines and data ----

async function modelChecks(config: Config): Promise<DoctorCheck[]> {
  const health = await checkSpeechModels(config, config.ops.checkTimeoutMs);
  const checks = health.map((m) => (m.usable ? ok("models", `${m.id} (${m.kind}${m.languages.length ? `, ${m.languages.join(",")}` : ""}): ${m.kind === "vad" ? "it loads" : "checksums match and it loads"}`) : fail("models", `${m.problem}; until then its calls use the keypad`)));
  if (!health.some((m) => m.kind === "asr")) checks.push(warn("models", "no speech recogniser is installed: every call runs in keypad mode; install one with `sahayak models import` (make setup installs English)"));
  return checks;
}

async function knowledgeCheck(config: Config): Promise<DoctorCheck> {
  const kb = await openKnowledgeBase(config);
  try {
    const version = kb.store.kbVersion;
    if (version === 0 || kb.store.size === 0) return fail("knowledge_base", `no knowledge base in ${config.dataDir}: import the schemes with \`sahayak kb import FILE\` (make setup does)`);
    const first = kb.store.meta()[0]!;
    const hits = await kb.search.search(first.name || first.schemeId, { limit: 3 });
    if (!hits.length) return fail("knowledge_base", `version ${version} (${kb.store.size} schemes) is open, but a search for "${first.schemeId}" found nothing: rebuild the indexes with \`sahayak kb reindex\``);
    return ok("knowledge_base", `version ${version}, ${kb.store.size} schemes; a search works`);
  } finally {
    await kb.close();
  }
}

async function languageCheck(): Promise<DoctorCheck> {
  const detector = await LanguageDetector.create();
  return detector.problem ? warn("language", detector.problem) : ok("language", "fastText language identification (lid.176) loads");
}

async function promptsCheck(config: Config): Promise<DoctorCheck> {
  const engine = new EspeakEngine(config.speech.tts);
  try {
    const cache = promptCacheFor(config, engine);
    const prompts = allFixedPrompts(config.call.languages);
    const missing = prompts.filter((p) => !cache.cached(p.text, p.lang)).length;
    if (missing) return warn("prompts", `${missing} of ${prompts.length} fixed prompts are not cached (a failing synthesiser would leave callers in silence): run \`sahayak prompts render\``);
    return ok("prompts", `all ${prompts.length} fixed prompts are cached`);
  } finally {
    await engine.close();
  }
}

function espeakCheck(config: Config): DoctorCheck {
  const binary = config.speech.tts.espeakBinary;
  const r = spawnSync(binary, ["--version"], { encoding: "utf8" });
  if (r.error || r.status !== 0) return fail("espeak", `${binary} does not run (${r.error?.message ?? `exit ${r.status}`}): apt-get install espeak-ng, or fix speech.tts.espeakBinary`);
  return ok("espeak", r.stdout.trim().split("\n")[0] ?? binary);
}

// ---- Asterisk ----

async function ariCheck(config: Config): Promise<DoctorCheck> {
  const ari = config.telephony.ari;
  const auth = `Basic ${Buffer.from(`${ari.user}:${ari.password}`).toString("base64")}`;
  const get = (path: string) => fetch(`${ari.url.replace(/\/$/, "")}/ari${path}`, { headers: { authorization: auth }, signal: AbortSignal.timeout(ari.requestTimeoutMs) });
  let info: Response;
  try {
    info = await get("/asterisk/info");
  } catch (err) {
    const cause = (err as { cause?: { code?: string; errors?: { code?: string }[] } }).cause;
    const why = cause?.code ?? cause?.errors?.[0]?.code ?? ((err as Error).name === "TimeoutError" ? `no answer within ${ari.requestTimeoutMs} ms` : (err as Error).message);
    return fail("ari", `cannot reach Asterisk's ARI at ${ari.url} (${why}): start Asterisk, and check that http.conf's bindaddr/bindport match telephony.ari.url`);
  }
  if (!info.ok) return fail("ari", ariRefusal(ari, info.status));
  const version = ((await info.json()) as { system?: { version?: string } }).system?.version ?? "unknown";
  const apps = (await get("/applications").then((r) => r.json()).catch(() => [])) as { name: string }[];
  if (!apps.some((a) => a.name === ari.app)) return warn("ari", `ARI at ${ari.url} works (Asterisk ${version}, user ${ari.user}), but the Stasis app "${ari.app}" is not registered: start \`sahayak serve\` (systemctl start sahayak)`);
  return ok("ari", `ARI at ${ari.url}: Asterisk ${version}, app "${ari.app}" registered`);
}

async function amiChecks(config: Config): Promise<DoctorCheck[]> {
  const ami = config.telephony.ami;
  let client: AmiClient;
  try {
    client = await AmiClient.connect(ami, Math.min(config.ops.checkTimeoutMs, 5000));
  } catch (err) {
    return [fail("ami", `${(err as Error).message}`)];
  }
  try {
    const checks = [ok("ami", `AMI at ${ami.host}:${ami.port}: logged in as ${ami.user}`)];
    const transport = config.telephony.media.transport;
    const loaded = async (module: string) => client.action({ action: "ModuleCheck", module }).then(() => true, () => false);
    const missing: string[] = [];
    for (const module of requiredModules(transport)) if (!(await loaded(module))) missing.push(module);
    checks.push(missing.length ? fail("modules", `Asterisk has not loaded ${missing.join(", ")} (needed for the ${transport} transport): load them in modules.conf (\`sahayak asterisk config\` renders it) and restart Asterisk`) : ok("modules", `every module the ${transport} transport needs is loaded`));
    if (config.telephony.asterisk.metrics.enabled && !(await loaded("res_prometheus.so"))) checks.push(warn("modules", "res_prometheus is not loaded: Asterisk's own metrics are missing from Prometheus; load it (modules.conf, prometheus.conf from `sahayak asterisk config`)"));
    if (transport === "websocket") checks.push(await controlFormatCheck(client, config.telephony.media.websocketControlFormat));
    return checks;
  } finally {
    client.close();
  }
}

/**
 * chan_websocket's control messages are plain text unless chan_websocket.conf says json. Sahayak asks each
 * channel for its own format and reads either, so a difference is a drift from `sahayak asterisk config`.
 */
async function controlFormatCheck(client: AmiClient, expected: string): Promise<DoctorCheck> {
  let text: Record<string, string>;
  try {
    text = await client.action({ action: "GetConfig", filename: "chan_websocket.conf" });
  } catch {
    text = {};
  }
  const setting = Object.entries(text).find(([k, v]) => k.startsWith("line-") && /^control_message_format\s*=/.test(v))?.[1];
  const format = setting ? setting.split("=")[1]!.trim() : "plain-text";
  if (format !== expected) return warn("websocket_format", `Asterisk's chan_websocket.conf gives control messages as ${format}${setting ? "" : " (its default: no chan_websocket.conf)"}, and telephony.media.websocketControlFormat is ${expected}: calls work (Sahayak asks each channel for ${expected} and reads either), but install chan_websocket.conf from \`sahayak asterisk config\` so they agree`);
  return ok("websocket_format", `chan_websocket control messages are ${format}, as telephony.media.websocketControlFormat says`);
}

// ---- the machine ----

/** The first, the last and a middle port of the range: enough to find another service squatting on it. */
/** What Asterisk plays when Sahayak cannot take a call, and to callers waiting for a person: every sound, format and language. */
function fallbackSoundsCheck(config: Config): DoctorCheck {
  const dir = config.telephony.asterisk.soundsDir;
  const problems = checkFallbackSounds(config);
  if (!problems.length) return ok("fallback_sounds", `the fallback's and the queue's sounds are in ${dir} in every format and language`);
  const shown = problems.slice(0, 3).join("; ") + (problems.length > 3 ? `; and ${problems.length - 3} more` : "");
  return fail("fallback_sounds", `${shown}: run \`sahayak asterisk sounds\` as a user who may write ${dir}, or callers hear silence when Sahayak is down`);
}

async function rtpPortsCheck(config: Config): Promise<DoctorCheck> {
  const m = config.telephony.media;
  if (m.transport !== "rtp") return ok("rtp_ports", "chan_websocket transport: no RTP ports needed");
  const even = (p: number) => p - (p % 2);
  const ports = [...new Set([even(m.portMin), even(Math.floor((m.portMin + m.portMax) / 2)), even(m.portMax)])];
  const refused: string[] = [];
  for (const port of ports) {
    const error = await new Promise<string | undefined>((resolve) => {
      const socket = createSocket("udp4");
      socket.once("error", (err: NodeJS.ErrnoException) => {
        socket.close();
        resolve(err.code ?? err.message);
      });
      socket.bind(port, m.bindAddress, () => socket.close(() => resolve(undefined)));
    });
    if (error) refused.push(`${port} (${error})`);
  }
  if (refused.length === ports.length) return fail("rtp_ports", `cannot bind RTP ports on ${m.bindAddress}: ${refused.join(", ")}; set telephony.media.bindAddress to an address of this machine and portMin-portMax to a free range`);
  if (refused.length) return warn("rtp_ports", `some RTP ports of ${m.portMin}-${m.portMax} are taken (${refused.join(", ")}): another service uses the range; move one of them`);
  return ok("rtp_ports", `RTP ports ${m.portMin}-${m.portMax} bindable on ${m.bindAddress}`);
}

/** Bit 23 of the effective capabilities: CAP_SYS_NICE (SCHED_FIFO for the RTP sender). */
function hasSysNice(): boolean {
  if (process.getuid?.() === 0) return true;
  try {
    const hex = /CapEff:\s*([0-9a-f]+)/.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    return hex !== undefined && (BigInt(`0x${hex}`) & (1n << 23n)) !== 0n;
  } catch {
    return false;
  }
}

/** What systemd gives the service unit that runs serve. */
export interface UnitGrants {
  unit: string;
  sysNice: boolean;
  /** LimitRTPRIO (infinity as Infinity). */
  rtprio: number;
  delegate: boolean;
}

/** `systemctl show` of the unit, or undefined when systemd has no such unit loaded. */
export function parseUnitGrants(unit: string, shown: string): UnitGrants | undefined {
  const props = new Map(shown.split("\n").map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)] as const));
  if (props.get("LoadState") !== "loaded") return undefined;
  const rtprio = props.get("LimitRTPRIO") ?? "0";
  return {
    unit,
    sysNice: (props.get("AmbientCapabilities") ?? "").split(/\s+/).includes("cap_sys_nice"),
    rtprio: rtprio === "infinity" ? Infinity : Number(rtprio) || 0,
    delegate: props.get("Delegate") === "yes",
  };
}

/** Where systemd runs (an installed appliance), what it grants the service: doctor itself runs outside it. */
function unitGrants(unit: string): UnitGrants | undefined {
  const r = spawnSync("systemctl", ["show", "-p", "LoadState", "-p", "AmbientCapabilities", "-p", "LimitRTPRIO", "-p", "Delegate", unit], { encoding: "utf8", timeout: 5000 });
  return r.status === 0 ? parseUnitGrants(unit, r.stdout) : undefined;
}

/** The cgroup this process runs in, and whether it may make the CPU budget's group under it. */
function ownCgroup(): { where?: string; writable: boolean } {
  const membership = readFileSync("/proc/self/cgroup", "utf8");
  const v1 = /^\d+:[^:]*\bcpu\b[^:]*:(.*)$/m.exec(membership)?.[1];
  const v2 = /^0::(.*)$/m.exec(membership)?.[1];
  const where = v1 !== undefined && existsSync("/sys/fs/cgroup/cpu") ? join("/sys/fs/cgroup/cpu", v1) : v2 !== undefined ? join("/sys/fs/cgroup", v2) : undefined;
  try {
    if (where) accessSync(where, constants.W_OK);
    return { where, writable: where !== undefined };
  } catch {
    return { where, writable: false };
  }
}

/** What doctor found about real-time and CPU headroom: its own process, and the service unit where systemd runs one. */
export interface RealtimeFacts {
  sysNice: boolean;
  cgroup: { where?: string; writable: boolean };
  unit?: UnitGrants;
}

/**
 * Whether serve may run the RTP sender real-time and keep CPU headroom for it. Run by hand, doctor has
 * neither permission (it runs as the service user, outside the unit); what counts then is what the unit grants.
 */
export function realtimeChecks(config: Config, facts: RealtimeFacts): DoctorCheck[] {
  const m = config.telephony.media;
  const unit = facts.unit;
  const checks: DoctorCheck[] = [];
  const priority = m.senderRealtimePriority;
  if (priority <= 0) checks.push(ok("realtime", "real-time sending is switched off (senderRealtimePriority 0)"));
  else if (facts.sysNice) checks.push(ok("realtime", `the RTP sender may run real-time (SCHED_FIFO ${priority})`));
  else if (unit?.sysNice && unit.rtprio >= priority) checks.push(ok("realtime", `${unit.unit}.service lets serve run the RTP sender real-time (CAP_SYS_NICE, LimitRTPRIO ${unit.rtprio}); doctor itself runs outside it`));
  else if (unit) checks.push(warn("realtime", `${unit.unit}.service does not let serve run the RTP sender real-time (SCHED_FIFO ${priority}): reply audio may break up on a busy machine; give it AmbientCapabilities=CAP_SYS_NICE and LimitRTPRIO=${priority} (systemctl edit ${unit.unit})`));
  else checks.push(warn("realtime", `no permission to run the RTP sender real-time (SCHED_FIFO ${priority}): reply audio may break up on a busy machine; give the service AmbientCapabilities=CAP_SYS_NICE and LimitRTPRIO=${priority}`));
  if (m.bulkCpuShare < 1) {
    const quota = `CPUQuota=${Math.round(m.bulkCpuShare * 100 * availableParallelism())}%`;
    const { where, writable } = facts.cgroup;
    if (writable) checks.push(ok("cpu_headroom", `serve can keep CPU headroom for the RTP sender (a cgroup under ${where})`));
    else if (unit?.delegate) checks.push(ok("cpu_headroom", `${unit.unit}.service delegates its cgroup (Delegate=yes): serve keeps CPU headroom for the RTP sender there; doctor itself runs outside it`));
    else if (unit) checks.push(warn("cpu_headroom", `${unit.unit}.service does not delegate its cgroup, so serve cannot keep CPU headroom for the RTP sender: give it Delegate=yes, or ${quota} for the whole service (systemctl edit ${unit.unit})`));
    else checks.push(warn("cpu_headroom", `serve cannot make the cgroup that keeps CPU headroom for the RTP sender${where ? ` under ${where}` : ""}: give the service Delegate=yes, or ${quota} for the whole service`));
  }
  return checks;
}

function realtimeCheck(config: Config): DoctorCheck[] {
  const sysNice = hasSysNice();
  const cgroup = config.telephony.media.bulkCpuShare < 1 ? ownCgroup() : { writable: true };
  const needsUnit = (config.telephony.media.senderRealtimePriority > 0 && !sysNice) || (config.telephony.media.bulkCpuShare < 1 && !cgroup.writable);
  return realtimeChecks(config, { sysNice, cgroup, unit: needsUnit ? unitGrants(config.appliance.service) : undefined });
}

function diskCheck(config: Config): DoctorCheck {
  const freeMb = Math.floor(freeDiskBytes(config.dataDir) / 2 ** 20);
  if (freeMb < config.ops.minFreeDiskMb) return fail("disk", `only ${freeMb} MB free for ${config.dataDir} (ops.minFreeDiskMb ${config.ops.minFreeDiskMb}): free space, e.g. \`sahayak purge\` and old logs`);
  if (freeMb < config.ops.warnFreeDiskMb) return warn("disk", `${freeMb} MB free for ${config.dataDir}, below ops.warnFreeDiskMb ${config.ops.warnFreeDiskMb}: plan to free space`);
  return ok("disk", `${freeMb} MB free for ${config.dataDir}`);
}

/** A cluster node's PostgreSQL: reachable, its schema, and call records still waiting on local disk. */
async function postgresCheck(config: Config): Promise<DoctorCheck> {
  const found = await probePostgres(config.store);
  const outbox = join(config.dataDir, config.store.postgres.outboxFile);
  let waiting = "";
  if (existsSync(outbox)) {
    const db = new Database(outbox, { readonly: true, fileMustExist: true });
    try {
      const n = (db.prepare("SELECT COUNT(*) AS n FROM outbox").get() as { n: number }).n;
      if (n) waiting = `; ${n} call records wait on local disk to be written`;
    } finally {
      db.close();
    }
  }
  if (!found.reachable) return fail("database", `the PostgreSQL database at ${found.url} cannot be reached (${found.error}): check store.postgres.url and that the server runs and lets this node in${waiting}`);
  if (found.schemaVersion === 0) return warn("database", `the PostgreSQL database at ${found.url} has no Sahayak tables yet: \`sahayak serve\` makes them at its first start${waiting}`);
  if (found.schemaVersion! > found.known) return fail("database", `the PostgreSQL database at ${found.url} has schema version ${found.schemaVersion}, made by a newer Sahayak (this one knows up to ${found.known}): upgrade this node`);
  return ok("database", `PostgreSQL at ${found.url} reachable, schema version ${found.schemaVersion}${waiting}`);
}

function databaseCheck(config: Config): DoctorCheck | Promise<DoctorCheck> {
  if (config.store.backend === "postgres") return postgresCheck(config);
  const path = join(config.dataDir, config.store.file);
  if (!existsSync(path)) return warn("database", `${path} does not exist yet: \`sahayak serve\` makes it at its first start`);
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, timeout: config.store.busyTimeoutMs });
    const result = (db.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (result.length !== 1 || result[0] !== "ok") return fail("database", `${path} is damaged (${result.slice(0, 3).join("; ")}): stop serve and restore the database from a backup`);
    return ok("database", `${path}: integrity ok`);
  } catch (err) {
    return fail("database", `cannot open ${path} (${(err as Error).message}): check its owner and mode (the service user reads and writes it)`);
  } finally {
    db?.close();
  }
}

/** The caller salt is 0600, and a config file holding passwords is not readable by everyone. */
function secretsCheck(config: Config, configPath: string | undefined): DoctorCheck[] {
  const checks: DoctorCheck[] = [];
  const salt = join(config.dataDir, config.store.saltFile);
  if (existsSync(salt)) {
    const mode = statSync(salt).mode & 0o777;
    checks.push(mode & 0o077 ? fail("secrets", `the caller salt ${salt} has mode ${mode.toString(8)}: anyone who reads it can link hashed callers to numbers; chmod 600 ${salt}`) : ok("secrets", `${salt} is private (mode ${mode.toString(8)})`));
  }
  if (configPath && existsSync(configPath)) {
    const mode = statSync(configPath).mode & 0o777;
    checks.push(mode & 0o004 ? warn("secrets", `${configPath} holds the ARI, AMI and metrics passwords and every user can read it (mode ${mode.toString(8)}): chmod 640 and chgrp ${config.ops.serviceUser}`) : ok("secrets", `${configPath} is not world-readable`));
  }
  const shipped = defaultPasswords(config);
  if (shipped.length) checks.push(warn("secrets", `${shipped.join(", ")} ${shipped.length === 1 ? "is" : "are"} still the shipped default password, which anyone who knows Sahayak knows: set new ones in the config and the same in Asterisk's ari.conf, manager.conf and prometheus.conf (appliance/install generates them)`));
  if (!checks.length) checks.push(ok("secrets", "no secret files yet"));
  return checks;
}

export function formatReport(report: DoctorReport): string {
  const label: Record<CheckStatus, string> = { ok: "ok  ", warn: "WARN", fail: "FAIL" };
  const lines = report.checks.map((c) => `${label[c.status]}  ${c.name.padEnd(16)} ${c.message.replace(/\n/g, `\n${" ".repeat(23)}`)}`);
  const counts = (s: CheckStatus) => report.checks.filter((c) => c.status === s).length;
  lines.push(`${counts("fail")} failed, ${counts("warn")} warnings, ${counts("ok")} ok`);
  return lines.join("\n");
}
