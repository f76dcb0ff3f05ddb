// Which process has a call open, in a form that survives the process: host, pid, boot and the process's start
// time, so a pid reused after a crash or a reboot is not taken for the process that died. A database is only
// ever written on the host it lives on (SQLite), so an owner on another host (a restored copy) is gone too.
import { readFileSync } from "node:fs";
import { hostname } from "node:os";

/** The kernel's boot id and a process's start time (clock ticks after boot), where /proc has them. */
function procStart(pid: number): string | undefined {
  try {
    // the command name (field 2) may hold spaces and parentheses: fields are counted after its closing one
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

function bootId(): string {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    return "";
  }
}

/** This process, as written into the calls it has open. */
export function processOwner(pid = process.pid): string {
  return [hostname(), pid, bootId(), procStart(pid) ?? ""].join(":");
}

/** Is the process that wrote `owner` still running (on this host, since this boot, the same process)? */
export function ownerAlive(owner: string): boolean {
  const [host, pidText, boot, start] = owner.split(":");
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  if (boot && boot !== bootId()) return false;
  if (start) return procStart(pid) === start;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
