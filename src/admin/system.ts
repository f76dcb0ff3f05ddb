// The machine the appliance installs on: Debian 12 on amd64, a system user for the service, systemd.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import type { InstallDeps } from "./install.js";
import { runAsServiceUser, Systemd } from "./service.js";

/** Why this machine is not the bundle's platform (Debian 12, x86-64), if it is not. */
export function platformProblem(osRelease = "/etc/os-release", arch = process.arch): string | undefined {
  let text = "";
  try {
    text = readFileSync(osRelease, "utf8");
  } catch {
    return `cannot read ${osRelease}: this does not look like Debian`;
  }
  const field = (name: string) => new RegExp(`^${name}="?([^"\\n]*)"?$`, "m").exec(text)?.[1];
  if (field("ID") !== "debian" || field("VERSION_ID") !== "12") return `this machine is ${field("PRETTY_NAME") ?? "not Debian"}, not Debian 12`;
  if (arch !== "x64") return `this machine is ${arch}, not x86-64 (amd64)`;
  return undefined;
}

function getent(name: string): string[] | undefined {
  const r = spawnSync("getent", ["passwd", name], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim().split(":") : undefined;
}

export function ensureUser(name: string, home: string): "created" | "present" {
  if (getent(name)) return "present";
  const r = spawnSync("useradd", ["--system", "--user-group", "--home-dir", home, "--no-create-home", "--shell", "/usr/sbin/nologin", "--comment", "Sahayak helpline", name], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`useradd ${name} failed: ${r.stderr.trim()}`);
  return "created";
}

export function userIds(name: string): { uid: number; gid: number } {
  const entry = getent(name);
  if (!entry) throw new Error(`there is no user ${name}`);
  return { uid: Number(entry[2]), gid: Number(entry[3]) };
}

/** The real machine: systemd, runuser, useradd. */
export function systemDeps(serviceUser: string, log: (line: string) => void): InstallDeps {
  return {
    service: new Systemd(),
    asService: (configFile) => runAsServiceUser(serviceUser, configFile),
    log,
    system: { isRoot: () => process.getuid?.() === 0, platformProblem: () => platformProblem(), ensureUser, ids: userIds },
  };
}
