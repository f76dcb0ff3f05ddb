// Bulk work is confined to a share of the cores with a cgroup CPU quota (v1 or v2), so the real-time RTP
// sender always finds a core, and the sender leaves the group again (its V8 helper threads must never be
// throttled). The file writes are checked on fake cgroup trees; one test confines a real child process on
// this machine and checks that the sender it starts runs SCHED_FIFO outside the group.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { CPU_BUDGET_GROUP, confineToCpuBudget, leaveCpuBudget } from "../../src/ops/cpu-budget.js";
import { projectRoot } from "../../src/config.js";
import { asRoot, assertRoot, unprivileged } from "../helpers.js";

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

describe("leaving the budget", () => {
  it("v1: a process in the budget's group moves to the group the budget was made in", () => {
    const root = tree("leave-v1", { "cpu,cpuacct/cpu.cfs_quota_us": "-1", [`cpu,cpuacct/services/${CPU_BUDGET_GROUP}/cpu.cfs_quota_us`]: "150000" });
    const left = leaveCpuBudget({ cgroupRoot: root, membership: `4:cpu,cpuacct:/services/${CPU_BUDGET_GROUP}\n0::/\n`, pid: 31 });
    assert.deepEqual(left, { left: true, group: join(root, "cpu,cpuacct/services") });
    assert.equal(read(join(root, "cpu,cpuacct/services/cgroup.procs")), "31");
  });

  it("v2: the same in the unified hierarchy", () => {
    const root = tree("leave-v2", { "cgroup.controllers": "cpu memory", [`${CPU_BUDGET_GROUP}/cpu.max`]: "150000 100000" });
    assert.deepEqual(leaveCpuBudget({ cgroupRoot: root, membership: `0::/${CPU_BUDGET_GROUP}\n`, pid: 32 }), { left: true, group: root });
    assert.equal(read(join(root, "cgroup.procs")), "32");
  });

  it("a process outside the budget stays where it is, and a refused move is reported", () => {
    const root = tree("leave-outside", { "cpu/cpu.cfs_quota_us": "-1", "cpu/services/cpu.cfs_quota_us": "-1" });
    assert.deepEqual(leaveCpuBudget({ cgroupRoot: root, membership: "1:cpu:/services\n", pid: 33 }), { left: false, reason: "not inside the CPU budget" });
    assert.equal(existsSync(join(root, "cpu/services/cgroup.procs")), false);
    // the parent's cgroup.procs is a directory: the write fails as a refused one would
    mkdirSync(join(root, "cpu/cgroup.procs"));
    const refused = leaveCpuBudget({ cgroupRoot: root, membership: `1:cpu:/${CPU_BUDGET_GROUP}\n`, pid: 34 });
    assert.equal(refused.left, false);
    assert.match(refused.reason!, /^cannot leave the CPU budget: /);
  });
});

/** A process that confines itself to the budget, starts the real sender through a call's media, and reports. */
const confinedScript = `
    import { confineToCpuBudget } from "./src/ops/cpu-budget.ts";
    import { MediaSession } from "./src/telephony/media/session.ts";
    import { senderPid } from "./src/telephony/media/rtp-sender.ts";
    import { spawnSync } from "node:child_process";
    import { readFileSync } from "node:fs";
    const budget = confineToCpuBudget(0.75);
    const media = await MediaSession.open({ format: "ulaw", bindAddress: "127.0.0.1", portMin: 44000, portMax: 44999, jitterDepth: 2, maxPacketBytes: 1500, senderRealtimePriority: 5, onAudio: () => undefined });
    const cpuGroup = (pid) => readFileSync("/proc/" + pid + "/cgroup", "utf8").split("\\n").find((line) => /^\\d+:([^:]*,)?cpu(,[^:]*)?:|^0::/.test(line));
    const fifo = (pid) => { const stat = readFileSync("/proc/" + pid + "/stat", "utf8"); return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[41 - 3] === "1"; };
    const until = Date.now() + 10000;
    // only root may run the sender real-time: without, it is enough that the sender runs
    const fifoAllowed = process.getuid() === 0;
    while (Date.now() < until && !(senderPid() && (!fifoAllowed || fifo(senderPid())))) await new Promise((r) => setTimeout(r, 20));
    const sender = senderPid();
    console.log(JSON.stringify({ budget, own: cpuGroup(process.pid), sender: sender && cpuGroup(sender), senderFifo: !!sender && fifo(sender), started: cpuGroup(process.ppid) }));
    media.close();`;

function runConfined(options: { uid?: number; gid?: number } = {}) {
  const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", confinedScript], { cwd: projectRoot, encoding: "utf8", env: { ...process.env, HOME: tmpdir() }, ...options });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as { budget: { applied: boolean; reason?: string }; own: string; sender: string; senderFifo: boolean; started: string };
}

it("without permission (as nobody), on this machine: the budget is refused with a reason that says what to do, and nothing moves", () => {
  const result = runConfined(unprivileged());
  assert.equal(result.budget.applied, false);
  assert.match(result.budget.reason!, /CPU/);
  assert.equal(result.own, result.started, "the process stays in the group it was started in");
  assert.equal(result.sender, result.started, "and so does the sender");
  assert.equal(result.senderFifo, false);
});

it("as root, on this machine: a confined process runs in the group, and the RTP sender it starts runs SCHED_FIFO outside it", asRoot(), () => {
  assertRoot();
  const result = runConfined();
  assert.equal(result.budget.applied, true, result.budget.reason);
  assert.ok(result.own.endsWith(`/${CPU_BUDGET_GROUP}`), result.own);
  // back where the confined process came from (its parent, this test, still runs there)
  assert.equal(result.sender, result.started);
  assert.equal(result.senderFifo, true, "the sender could not run SCHED_FIFO");
});
