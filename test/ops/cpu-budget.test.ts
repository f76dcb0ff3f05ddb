// Bulk work is confined to a share of the cores with a cgroup CPU quota (v1 or v2), so the real-time RTP
// sender always finds a core. The file writes are checked on fake cgroup trees; one test confines a real
// child process on this machine and checks that the sender could still run SCHED_FIFO inside the group.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { CPU_BUDGET_GROUP, confineToCpuBudget } from "../../src/ops/cpu-budget.js";
import { projectRoot } from "../../src/config.js";

const work = mkdtempSync(join(tmpdir(), "sahayak-cpu-budget-"));
after(() => rmSync(work, { recursive: true, force: true }));

function tree(name: string, files: Record<string, string>): string {
  const root = join(work, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const read = (path: string) => readFileSync(path, "utf8");

describe("cgroup v1", () => {
  it("makes a group beside the process's own with the quota, gives it real-time time, and moves the process", () => {
    const root = tree("v1", {
      "cpu/cpu.cfs_quota_us": "-1",
      "cpu/cpu.rt_runtime_us": "950000",
      "cpu/services/cpu.cfs_quota_us": "-1",
      "cpu/services/cpu.rt_runtime_us": "400000",
      // the kernel gives a new group no real-time time
      [`cpu/services/${CPU_BUDGET_GROUP}/cpu.rt_runtime_us`]: "0",
    });
    const budget = confineToCpuBudget(0.75, { cgroupRoot: root, membership: "9:name=systemd:/\n2:cpuacct:/\n1:cpu:/services\n0::/\n", cores: 2, pid: 4242 });
    const group = join(root, "cpu/services", CPU_BUDGET_GROUP);
    assert.deepEqual(budget, { applied: true, cpus: 1.5, group });
    assert.equal(read(join(group, "cpu.cfs_period_us")), "100000");
    assert.equal(read(join(group, "cpu.cfs_quota_us")), "150000");
    assert.equal(read(join(group, "cpu.rt_runtime_us")), "200000");
    assert.equal(read(join(group, "cgroup.procs")), "4242");
  });

  it("a process already in the group has its quota updated, not a group inside the group", () => {
    const root = tree("v1-again", { "cpu,cpuacct/cpu.cfs_quota_us": "-1", [`cpu,cpuacct/${CPU_BUDGET_GROUP}/cpu.cfs_quota_us`]: "150000" });
    const budget = confineToCpuBudget(0.5, { cgroupRoot: root, membership: `3:cpu,cpuacct:/${CPU_BUDGET_GROUP}\n`, cores: 4, pid: 7 });
    assert.equal(budget.group, join(root, "cpu,cpuacct", CPU_BUDGET_GROUP));
    assert.equal(read(join(budget.group!, "cpu.cfs_quota_us")), "200000");
    assert.equal(existsSync(join(budget.group!, CPU_BUDGET_GROUP)), false);
  });
});

describe("cgroup v2", () => {
  it("enables the cpu controller for the parent's children and sets cpu.max", () => {
    const root = tree("v2", { "cgroup.controllers": "cpuset cpu io memory pids", "cgroup.subtree_control": "" });
    const budget = confineToCpuBudget(0.8, { cgroupRoot: root, membership: "0::/\n", cores: 2, pid: 99 });
    const group = join(root, CPU_BUDGET_GROUP);
    assert.deepEqual(budget, { applied: true, cpus: 1.6, group });
    assert.equal(read(join(root, "cgroup.subtree_control")), "+cpu");
    assert.equal(read(join(group, "cpu.max")), "160000 100000");
    assert.equal(read(join(group, "cgroup.procs")), "99");
  });

  it("says so when the system has no CPU controller", () => {
    const root = tree("v2-no-cpu", { "cgroup.controllers": "memory pids" });
    const budget = confineToCpuBudget(0.75, { cgroupRoot: root, membership: "0::/\n", cores: 2, pid: 1 });
    assert.deepEqual(budget, { applied: false, reason: "this system has no cgroup CPU controller" });
  });
});

it("changes nothing when no limit is configured, and reports a refused write instead of throwing", () => {
  assert.deepEqual(confineToCpuBudget(1, { cgroupRoot: join(work, "none") }), { applied: false, reason: "no limit configured" });
  // the quota file is a directory: the write fails as a refused one would
  const root = tree("v1-broken", { "cpu/cpu.cfs_quota_us": "-1", [`cpu/${CPU_BUDGET_GROUP}/cpu.cfs_quota_us/x`]: "" });
  const budget = confineToCpuBudget(0.75, { cgroupRoot: root, membership: "1:cpu:/\n", cores: 2, pid: 1 });
  assert.equal(budget.applied, false);
  assert.match(budget.reason!, /^cannot set a CPU quota: /);
  assert.equal(existsSync(join(root, "cpu", CPU_BUDGET_GROUP, "cgroup.procs")), false);
});

it("on this machine: a confined process runs in the group and may still run SCHED_FIFO, as the RTP sender does", () => {
  const script = `
    import { confineToCpuBudget } from "./src/ops/cpu-budget.ts";
    import { spawnSync } from "node:child_process";
    import { readFileSync } from "node:fs";
    const budget = confineToCpuBudget(0.75);
    const fifo = spawnSync("chrt", ["-f", "-p", "5", String(process.pid)]).status === 0;
    console.log(JSON.stringify({ budget, fifo, membership: readFileSync("/proc/self/cgroup", "utf8") }));`;
  const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: projectRoot, encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  const { budget, fifo, membership } = JSON.parse(run.stdout) as { budget: { applied: boolean; reason?: string; group?: string }; fifo: boolean; membership: string };
  if (process.getuid?.() !== 0) {
    // without root nothing may change, and the reason says what to do
    assert.equal(budget.applied, false);
    assert.match(budget.reason!, /CPU/);
    return;
  }
  assert.equal(budget.applied, true, budget.reason);
  assert.ok(membership.split("\n").some((line) => line.endsWith(`/${CPU_BUDGET_GROUP}`)), membership);
  assert.equal(fifo, true, "a real-time sender could not run inside the budget's group");
});
