// How the installer and `sahayak rollback` drive the running appliance: systemd for the service, /readyz
// for whether it serves, `sahayak doctor` for whether it is set up right, commands run as the service user.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "../config.js";

export class ServiceError extends Error {}

export interface ServiceManager {
  /** Whether a service manager runs on this machine (not in a chroot or an image being prepared). */
  readonly running: boolean;
  daemonReload(): void;
  enable(unit: string): void;
  start(unit: string): void;
  stop(unit: string): void;
  restart(unit: string): void;
  isActive(unit: string): boolean;
  isEnabled(unit: string): boolean;
}

export class Systemd implements ServiceManager {
  get running(): boolean {
    return existsSync("/run/systemd/system");
  }
  private systemctl(...args: string[]): void {
    const r = spawnSync("systemctl", args, { encoding: "utf8" });
    if (r.status !== 0) throw new ServiceError(`systemctl ${args.join(" ")} failed: ${(r.stderr || r.stdout).trim()}`);
  }
  daemonReload(): void {
    this.systemctl("daemon-reload");
  }
  enable(unit: string): void {
    this.systemctl("enable", "--quiet", unit);
  }
  start(unit: string): void {
    this.systemctl("start", unit);
  }
  stop(unit: string): void {
    this.systemctl("stop", unit);
  }
  restart(unit: string): void {
    this.systemctl("restart", unit);
  }
  isActive(unit: string): boolean {
    return spawnSync("systemctl", ["is-active", "--quiet", unit]).status === 0;
  }
  isEnabled(unit: string): boolean {
    return spawnSync("systemctl", ["is-enabled", "--quiet", unit]).status === 0;
  }
}

/** What /readyz said: ready (HTTP 200), and which checks passed. */
export interface Readiness {
  ready: boolean;
  /** HTTP status, or null when nothing answered. */
  status: number | null;
  checks: Record<string, { ok: boolean; detail: string }>;
  problem?: string;
}

/** The ops server's /readyz of a config (the serving process answers it on loopback). */
export function readyzUrl(config: Config): string {
  const http = config.ops.http;
  const host = http.host === "0.0.0.0" || http.host === "::" ? "127.0.0.1" : http.host;
  return `http://${host.includes(":") ? `[${host}]` : host}:${http.port}/readyz`;
}

export async function probeReady(url: string, timeoutMs: number): Promise<Readiness> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await res.json().catch(() => ({}))) as { checks?: Readiness["checks"] };
    return { ready: res.status === 200, status: res.status, checks: body.checks ?? {} };
  } catch (err) {
    return { ready: false, status: null, checks: {}, problem: `nothing answered at ${url} (${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message})` };
  }
}

/**
 * Asks /readyz until it is ready, or `enough` accepts an answer that is not (a new installation has no
 * Asterisk and no knowledge base yet), or `timeoutMs` has passed; the last answer.
 */
export async function waitReady(url: string, timeoutMs: number, pollMs: number, enough: (r: Readiness) => boolean = () => false, sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))): Promise<Readiness & { waitedMs: number }> {
  const started = Date.now();
  for (;;) {
    const r = await probeReady(url, Math.min(pollMs * 5, timeoutMs));
    const waitedMs = Date.now() - started;
    if (r.ready || (r.status !== null && enough(r)) || waitedMs >= timeoutMs) return { ...r, waitedMs };
    await sleep(pollMs);
  }
}

/** Commands run as the service user, from a given release. */
export interface AsService {
  (release: string, args: string[]): { status: number | null; stdout: string; stderr: string };
}

export function runAsServiceUser(user: string, configPath: string): AsService {
  return (release, args) => {
    const bin = join(release, "bin", "sahayak");
    const asRoot = process.getuid?.() === 0;
    const r = spawnSync(asRoot ? "runuser" : bin, asRoot ? ["-u", user, "--", bin, "--config", configPath, ...args] : ["--config", configPath, ...args], {
      encoding: "utf8",
      cwd: "/",
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.error) throw new ServiceError(`${bin} could not run: ${r.error.message}`);
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
}

export interface DoctorResult {
  /** 0 all ok, 1 warnings, 2 failures (null: it did not finish). */
  exit: number | null;
  failures: { name: string; message: string }[];
  warnings: { name: string; message: string }[];
}

/** `sahayak doctor --json` of a release, as the service user. */
export function doctor(asService: AsService, release: string): DoctorResult {
  const r = asService(release, ["doctor", "--json"]);
  try {
    const report = JSON.parse(r.stdout) as { checks: { name: string; status: string; message: string }[] };
    const pick = (status: string) => report.checks.filter((c) => c.status === status).map((c) => ({ name: c.name, message: c.message.split("\n")[0]! }));
    return { exit: r.status, failures: pick("fail"), warnings: pick("warn") };
  } catch {
    return { exit: r.status ?? 2, failures: [{ name: "doctor", message: `it did not report (exit ${r.status}): ${(r.stderr || r.stdout).trim().slice(0, 500)}` }], warnings: [] };
  }
}
