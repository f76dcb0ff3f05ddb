// A clean Debian 12 machine for the appliance's end-to-end test: a debootstrap root (minbase with systemd
// to boot), booted with systemd-nspawn in a network namespace of its own (loopback only: no network),
// each run on a fresh overlay so the cached root itself is never changed.
// The cached root lives in the checkout's var/test-roots (SAHAYAK_ROOT_CACHE elsewhere), keyed by everything
// that makes it: suite, variant, the packages included, the mirror and debootstrap's version.
import { spawn, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../../src/config.js";
import { sleep } from "../helpers.js";

const SUITE = "bookworm";
const VARIANT = "minbase";
/** What a Debian 12 server without extras has beyond minbase: systemd, to boot and run services. */
const INCLUDE = ["systemd", "systemd-sysv", "dbus"];
const CACHE_ROOT = process.env.SAHAYAK_ROOT_CACHE ?? join(projectRoot, "var", "test-roots");

function must(r: SpawnSyncReturns<string>, what: string): string {
  if (r.error) throw new Error(`${what}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status}): ${(r.stderr || r.stdout || "").slice(-3000)}`);
  return r.stdout;
}

/** The mirror this machine's apt uses for the suite (debootstrap fetches the same packages). */
function mirror(): string {
  const sources = ["/etc/apt/sources.list.d/debian.sources", "/etc/apt/sources.list"].filter(existsSync).map((f) => readFileSync(f, "utf8")).join("\n");
  return /^URIs:\s*(\S+\/debian)\s*$/m.exec(sources)?.[1] ?? /^deb\s+(?:\[[^\]]*\]\s+)?(\S+\/debian)\s+bookworm\b/m.exec(sources)?.[1] ?? "http://deb.debian.org/debian";
}

export function rootCacheKey(): { key: string; parts: Record<string, unknown> } {
  const version = must(spawnSync("dpkg-query", ["-W", "-f", "${Version}", "debootstrap"], { encoding: "utf8" }), "debootstrap is not installed (make apt)");
  const parts = { suite: SUITE, variant: VARIANT, include: INCLUDE, mirror: mirror(), debootstrap: version };
  return { key: createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 16), parts };
}

/** The cached root for the current key, made first if missing (the old keys' roots are removed). */
export function cachedRoot(log: (line: string) => void = () => undefined): { dir: string; builtMs: number | null } {
  const { key } = rootCacheKey();
  const dir = join(CACHE_ROOT, `debian-12-${key}`);
  if (existsSync(join(dir, "etc", "debian_version"))) return { dir, builtMs: null };
  mkdirSync(CACHE_ROOT, { recursive: true });
  for (const old of readdirSync(CACHE_ROOT).filter((d) => d.startsWith("debian-12-") && !d.startsWith(`debian-12-${key}`))) rmSync(join(CACHE_ROOT, old), { recursive: true, force: true });
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  log(`debootstrap ${SUITE} (${VARIANT} + ${INCLUDE.join(", ")}) into ${dir}: a few minutes, once`);
  const started = Date.now();
  must(spawnSync("debootstrap", [`--variant=${VARIANT}`, `--include=${INCLUDE.join(",")}`, SUITE, building, mirror()], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }), "debootstrap");
  // a clean machine keeps no downloaded packages
  rmSync(join(building, "var", "cache", "apt", "archives"), { recursive: true, force: true });
  mkdirSync(join(building, "var", "cache", "apt", "archives", "partial"), { recursive: true });
  renameSync(building, dir);
  return { dir, builtMs: Date.now() - started };
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface DebianMachine {
  /** The machine's root as seen from outside (to copy files in). */
  root: string;
  /** A shell command inside, as root, in the machine's namespaces (network included). */
  sh(command: string, options?: { timeoutMs?: number; input?: string }): RunResult;
  copyIn(from: string, to: string): void;
  stop(): Promise<void>;
}

const ENV = ["env", "-i", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root", "LANG=C.UTF-8", "TERM=dumb"];

/**
 * Runs systemd-nspawn under a shell that stops the machine, unmounts its overlay and removes its files once
 * its stdin closes: when stop() closes it, and when the test process ends any other way (a file timeout
 * kills it), so no machine outlives its test. The shell ignores the signals a test runner sends its group.
 */
const SUPERVISOR = `
systemd-nspawn "$@" </dev/null &
nspawn=$!
trap '' TERM INT HUP
echo "nspawn $nspawn"
cat >/dev/null
kill -TERM $nspawn 2>/dev/null
( sleep 30; kill -KILL $nspawn 2>/dev/null ) &
killer=$!
wait $nspawn
kill $killer 2>/dev/null
umount -l "$MACHINE_ROOT"
rm -rf "$MACHINE_WORK"
`;

/** Boots a fresh copy of the cached root; systemd runs inside, the network is loopback only. */
export async function bootMachine(lower: string, log: (line: string) => void = () => undefined): Promise<DebianMachine> {
  const work = mkdtempSync(join(tmpdir(), "sahayak-machine-"));
  const [upper, workdir, merged] = ["upper", "work", "root"].map((d) => join(work, d)) as [string, string, string];
  for (const d of [upper, workdir, merged]) mkdirSync(d);
  const cleanup = () => {
    spawnSync("umount", ["-l", merged]);
    rmSync(work, { recursive: true, force: true });
  };
  try {
    must(spawnSync("mount", ["-t", "overlay", "overlay", "-o", `lowerdir=${lower},upperdir=${upper},workdir=${workdir}`, merged], { encoding: "utf8" }), "mount the overlay");
  } catch (err) {
    cleanup();
    throw err;
  }
  const nspawnArgs = ["--quiet", "--boot", "--private-network", "--register=no", "--keep-unit", "--console=passive", "--machine", `sahayak-test-${process.pid}`, "-D", merged];
  const supervisor = spawn("sh", ["-c", SUPERVISOR, "sh", ...nspawnArgs], { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, MACHINE_ROOT: merged, MACHINE_WORK: work } });
  let output = "";
  supervisor.stdout.on("data", (d: Buffer) => (output += d.toString()));
  supervisor.stderr.on("data", (d: Buffer) => (output += d.toString()));
  let exited = false;
  const ended = new Promise<void>((resolve) => supervisor.on("exit", () => ((exited = true), resolve())));
  const stopMachine = async () => {
    supervisor.stdin.end();
    await Promise.race([ended, sleep(60_000)]);
    if (!exited) {
      supervisor.kill("SIGKILL");
      cleanup();
    }
  };

  let leader = 0;
  try {
    // nspawn's child becomes the machine's init (systemd) once it has set the machine up
    for (let i = 0; i < 600 && !leader; i++) {
      if (exited) throw new Error(`systemd-nspawn exited: ${output.slice(-2000)}`);
      const nspawnPid = Number(/^nspawn (\d+)$/m.exec(output)?.[1]) || 0;
      const pgrep = nspawnPid ? spawnSync("pgrep", ["-P", String(nspawnPid)], { encoding: "utf8" }) : { stdout: "" };
      const pid = Number(pgrep.stdout.trim().split("\n")[0]) || 0;
      let comm = "";
      try {
        comm = pid ? readFileSync(`/proc/${pid}/comm`, "utf8").trim() : "";
      } catch {
        /* between fork and exec */
      }
      if (comm === "systemd") leader = pid;
      else await sleep(100);
    }
    if (!leader) throw new Error(`the machine's init did not start: ${output.slice(-2000)}`);
  } catch (err) {
    await stopMachine();
    throw err;
  }
  const enter = ["nsenter", "--target", String(leader), "--mount", "--uts", "--ipc", "--net", "--pid", "--", ...ENV];
  const machine: DebianMachine = {
    root: merged,
    sh(command, options = {}) {
      const r = spawnSync(enter[0]!, [...enter.slice(1), "/bin/sh", "-c", command], { encoding: "utf8", timeout: options.timeoutMs ?? 600_000, input: options.input, maxBuffer: 256 * 1024 * 1024 });
      return { status: r.status, stdout: r.stdout ?? "", stderr: `${r.stderr ?? ""}${r.error ? `\n${r.error.message}` : ""}` };
    },
    copyIn(from, to) {
      cpSync(from, join(merged, to), { recursive: true });
    },
    stop: stopMachine,
  };
  let booted = machine.sh("systemctl is-system-running --wait", { timeoutMs: 180_000 });
  // "offline", or no bus at all, until systemd's own manager socket is up
  for (let i = 0; i < 300 && !/running|degraded/.test(booted.stdout); i++) {
    await sleep(200);
    booted = machine.sh("systemctl is-system-running --wait", { timeoutMs: 180_000 });
  }
  if (!/running|degraded/.test(booted.stdout)) {
    const journal = machine.sh("journalctl -b --no-pager | tail -50").stdout;
    await machine.stop();
    throw new Error(`the machine did not boot (${booted.stdout.trim()} ${booted.stderr.trim()}):\n${journal}`);
  }
  log(`booted a Debian 12 machine (${merged}), systemd ${booted.stdout.trim()}`);
  return machine;
}
