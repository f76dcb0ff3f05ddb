// Keeps bulk work (recognition, synthesis, dialogue, the simulator) from taking every core, so the real-time
// RTP sender always finds one free and, on a virtual machine, the hypervisor never has to stop the whole
// guest. Measured on the 2-vCPU build machine: with 20 calls saturating both cores, a SCHED_FIFO C probe
// thread (no GC, no JIT) woke 5-10 ms late again and again, always at the same phase of a 100 ms period
// (the host's CPU bandwidth period), and reply packets with it; with bulk work capped at 1.5 cores the probe
// saw only the rare stall an idle guest sees too. The cap is a cgroup CPU quota on this process (cgroup v1 or
// v2), which needs root or a delegated cgroup. The sender, forked later into the same group, leaves it again
// (leaveCpuBudget): its main thread is real-time and no quota applies to it, but V8's helper threads are not,
// and the main thread waits for them in every garbage collection. Traced (ftrace) under 20 calls: the main
// thread asleep on a futex for 16.7 ms while the helper it waited for was runnable and both CPUs idle, the
// group's quota spent; 11 reply packets went 4-19 ms late.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";

export const CPU_BUDGET_GROUP = "sahayak";
const PERIOD_US = 100_000;

export interface CpuBudget {
  applied: boolean;
  /** Cores the process may use (the quota), when applied. */
  cpus?: number;
  /** The cgroup directory the process now runs in. */
  group?: string;
  /** Why no budget applies: switched off, or what the system refused. */
  reason?: string;
}

export interface CpuBudgetOptions {
  /** Where the cgroup hierarchies are mounted. */
  cgroupRoot?: string;
  /** The text of /proc/self/cgroup. */
  membership?: string;
  cores?: number;
  pid?: number;
}

/** The process's path in the hierarchy carrying `controller` (v1), or in the unified hierarchy (v2: ""). */
function pathIn(membership: string, controller: string): string | undefined {
  for (const line of membership.split("\n")) {
    const [, controllers, path] = line.match(/^\d+:([^:]*):(.*)$/) ?? [];
    if (controllers === undefined || path === undefined) continue;
    if (controller === "" ? controllers === "" : controllers.split(",").includes(controller)) return path;
  }
  return undefined;
}

/** Where the cgroup hierarchy carrying the cpu controller is, and the process's place in it. */
interface CpuHierarchy {
  version: 1 | 2;
  /** The hierarchy's mount point. */
  hierarchy: string;
  /** The process's group, relative to the mount point. */
  path: string;
}

function cpuHierarchy(root: string, membership: string): CpuHierarchy | undefined {
  const v1Path = pathIn(membership, "cpu");
  const v1Hierarchy = [join(root, "cpu"), join(root, "cpu,cpuacct")].find((h) => existsSync(join(h, "cpu.cfs_quota_us")));
  if (v1Path !== undefined && v1Hierarchy) return { version: 1, hierarchy: v1Hierarchy, path: v1Path };
  const v2Path = pathIn(membership, "");
  if (v2Path === undefined || !readFileSync(join(root, "cgroup.controllers"), "utf8").split(/\s+/).includes("cpu")) return undefined;
  return { version: 2, hierarchy: root, path: v2Path };
}

/** Under the group we may already run in (a second call), or a new one beside the processes' own. */
function groupFor(hierarchy: string, path: string): string {
  const own = join(hierarchy, path);
  return path.split("/").pop() === CPU_BUDGET_GROUP ? own : join(own, CPU_BUDGET_GROUP);
}

function confineV1(hierarchy: string, path: string, quotaUs: number, pid: number): string {
  const group = groupFor(hierarchy, path);
  mkdirSync(group, { recursive: true });
  writeFileSync(join(group, "cpu.cfs_period_us"), String(PERIOD_US));
  writeFileSync(join(group, "cpu.cfs_quota_us"), String(quotaUs));
  // with real-time group scheduling a new group gets no real-time time at all: the sender could not run SCHED_FIFO
  const rtRuntime = join(group, "cpu.rt_runtime_us");
  if (existsSync(rtRuntime) && Number(readFileSync(rtRuntime, "utf8")) === 0) {
    const parentRuntime = Number(readFileSync(join(group, "..", "cpu.rt_runtime_us"), "utf8"));
    writeFileSync(rtRuntime, String(Math.floor(parentRuntime / 2)));
  }
  writeFileSync(join(group, "cgroup.procs"), String(pid));
  return group;
}

function confineV2(root: string, path: string, quotaUs: number, pid: number): string {
  const group = groupFor(root, path);
  mkdirSync(group, { recursive: true });
  const parentControl = join(group, "..", "cgroup.subtree_control");
  if (!readFileSync(parentControl, "utf8").split(/\s+/).includes("cpu")) writeFileSync(parentControl, "+cpu");
  writeFileSync(join(group, "cpu.max"), `${quotaUs} ${PERIOD_US}`);
  writeFileSync(join(group, "cgroup.procs"), String(pid));
  return group;
}

/**
 * Moves this process (every thread, and the children it starts afterwards) into a cgroup allowed `share` of
 * the machine's cores. Never throws: without permission or cgroup support it says why and changes nothing.
 */
export function confineToCpuBudget(share: number, options: CpuBudgetOptions = {}): CpuBudget {
  if (!(share > 0 && share < 1)) return { applied: false, reason: "no limit configured" };
  const root = options.cgroupRoot ?? "/sys/fs/cgroup";
  const cores = options.cores ?? availableParallelism();
  const pid = options.pid ?? process.pid;
  const quotaUs = Math.max(1000, Math.round(cores * share * PERIOD_US));
  try {
    const found = cpuHierarchy(root, options.membership ?? readFileSync("/proc/self/cgroup", "utf8"));
    if (!found) return { applied: false, reason: "this system has no cgroup CPU controller" };
    const group = (found.version === 1 ? confineV1 : confineV2)(found.hierarchy, found.path, quotaUs, pid);
    return { applied: true, cpus: quotaUs / PERIOD_US, group };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why =
      e.code === "EACCES" || e.code === "EPERM" || e.code === "EROFS"
        ? "not permitted (run as root, or give the service a CPU quota: systemd CPUQuota=)"
        : e.code === "EBUSY"
          ? "the cgroup this process runs in holds other processes (give the service a CPU quota instead: systemd CPUQuota=)"
          : e.message;
    return { applied: false, reason: `cannot set a CPU quota: ${why}` };
  }
}

export interface LeftCpuBudget {
  left: boolean;
  /** The group the process now runs in, when it left. */
  group?: string;
  /** Why it stays where it is. */
  reason?: string;
}

/**
 * Moves this process (or `options.pid`; every thread), started inside the CPU budget, back to the group the
 * budget was made in, where no quota throttles it: for the real-time RTP sender. Never throws; it needs the
 * same permission the budget did, so a process that could be confined can leave.
 */
export function leaveCpuBudget(options: CpuBudgetOptions = {}): LeftCpuBudget {
  const root = options.cgroupRoot ?? "/sys/fs/cgroup";
  const pid = options.pid ?? process.pid;
  try {
    const found = cpuHierarchy(root, options.membership ?? readFileSync(`/proc/${pid}/cgroup`, "utf8"));
    if (!found) return { left: false, reason: "this system has no cgroup CPU controller" };
    const segments = found.path.split("/");
    if (segments.pop() !== CPU_BUDGET_GROUP) return { left: false, reason: "not inside the CPU budget" };
    const group = join(found.hierarchy, segments.join("/"));
    writeFileSync(join(group, "cgroup.procs"), String(pid));
    return { left: true, group };
  } catch (err) {
    return { left: false, reason: `cannot leave the CPU budget: ${(err as Error).message}` };
  }
}
