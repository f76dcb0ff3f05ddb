// Keeps bulk work (recognition, synthesis, dialogue, the simulator) from taking every core, so the real-time
// RTP sender always finds one free and, on a virtual machine, the hypervisor never has to stop the whole
// guest. Measured on the 2-vCPU build machine: with 20 calls saturating both cores, a SCHED_FIFO C probe
// thread (no GC, no JIT) woke 5-10 ms late again and again, always at the same phase of a 100 ms period
// (the host's CPU bandwidth period), and reply packets with it; with bulk work capped at 1.5 cores the probe
// saw only the rare stall an idle guest sees too. The cap is a cgroup CPU quota on this process (cgroup v1 or
// v2), which needs root or a delegated cgroup; real-time tasks are not subject to CFS quotas, so the sender,
// forked later into the same group, keeps its priority.
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
    const membership = options.membership ?? readFileSync("/proc/self/cgroup", "utf8");
    const v1Path = pathIn(membership, "cpu");
    const v1Hierarchy = [join(root, "cpu"), join(root, "cpu,cpuacct")].find((h) => existsSync(join(h, "cpu.cfs_quota_us")));
    let group: string;
    if (v1Path !== undefined && v1Hierarchy) group = confineV1(v1Hierarchy, v1Path, quotaUs, pid);
    else {
      const v2Path = pathIn(membership, "");
      if (v2Path === undefined || !readFileSync(join(root, "cgroup.controllers"), "utf8").split(/\s+/).includes("cpu")) {
        return { applied: false, reason: "this system has no cgroup CPU controller" };
      }
      group = confineV2(root, v2Path, quotaUs, pid);
    }
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
