// The RTP sender process keeps time under load by running SCHED_FIFO when it may (root or CAP_SYS_NICE),
// its main thread only; without permission it falls back to a raised nice value or normal scheduling.
// (Its own file: the sender is one process per Sahayak process, and the first call sets its priority.)
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { it } from "node:test";
import { projectRoot } from "../../src/config.js";
import { MediaSession } from "../../src/telephony/media/session.js";
import { senderPid } from "../../src/telephony/media/rtp-sender.js";
import { asRoot, assertRoot, unprivileged, until } from "../helpers.js";

/** policy (0 normal, 1 FIFO) and rt priority of a task, from /proc/PID/task/TID/stat. */
function scheduling(pid: number, tid = pid): { policy: number; rtPriority: number; nice: number } {
  const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // fields from the 3rd: nice is the 19th field, rt_priority the 40th, policy the 41st
  return { nice: Number(fields[19 - 3]), rtPriority: Number(fields[40 - 3]), policy: Number(fields[41 - 3]) };
}

it("as root: the sender's main thread runs SCHED_FIFO at the configured priority, its other threads normally", asRoot(), async () => {
  assertRoot();
  const media = await MediaSession.open({ format: "ulaw", bindAddress: "127.0.0.1", portMin: 43000, portMax: 43999, jitterDepth: 2, maxPacketBytes: 1500, senderRealtimePriority: 7, onAudio: () => undefined });
  try {
    await until(() => senderPid() !== undefined);
    const pid = senderPid()!;
    await until(() => scheduling(pid).policy === 1, 10_000).catch(() => undefined);
    const main = scheduling(pid);
    assert.deepEqual([main.policy, main.rtPriority], [1, 7]);
    const threads = readdirSync(`/proc/${pid}/task`).map(Number).filter((t) => t !== pid);
    assert.ok(threads.length > 0);
    for (const tid of threads) assert.equal(scheduling(pid, tid).policy, 0, `thread ${tid} stays normal`);
  } finally {
    media.close();
  }
});

it("without permission (as nobody): the sender runs normally scheduled, never lowered, and still sends every packet", () => {
  const script = `
    import { createSocket } from "node:dgram";
    import { readFileSync } from "node:fs";
    import { getPriority } from "node:os";
    import { MediaSession } from "./src/telephony/media/session.ts";
    import { senderPid } from "./src/telephony/media/rtp-sender.ts";
    const listener = createSocket("udp4");
    await new Promise((r) => listener.bind(0, "127.0.0.1", r));
    let packets = 0;
    listener.on("message", () => packets++);
    const media = await MediaSession.open({ format: "ulaw", bindAddress: "127.0.0.1", portMin: 46000, portMax: 46999, jitterDepth: 2, maxPacketBytes: 1500, senderRealtimePriority: 7, onAudio: () => undefined });
    media.setRemote("127.0.0.1", listener.address().port);
    media.play(new Int16Array(160 * 10));
    const until = Date.now() + 10000;
    while (Date.now() < until && packets < 10) await new Promise((r) => setTimeout(r, 20));
    const stat = readFileSync("/proc/" + senderPid() + "/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    console.log(JSON.stringify({ uid: process.getuid(), packets, nice: Number(fields[19 - 3]), ownNice: getPriority(), policy: Number(fields[41 - 3]) }));
    media.close();
    listener.close();`;
  const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: projectRoot, encoding: "utf8", env: { ...process.env, HOME: tmpdir() }, ...unprivileged() });
  assert.equal(run.status, 0, run.stderr);
  const result = JSON.parse(run.stdout) as { uid: number; packets: number; nice: number; ownNice: number; policy: number };
  assert.notEqual(result.uid, 0, "the check ran without root");
  assert.equal(result.policy, 0, "no real-time scheduling without permission");
  assert.ok(result.nice <= result.ownNice, `never a lower priority than the process that started it (nice ${result.nice}, its parent's ${result.ownNice})`);
  assert.equal(result.packets, 10, "every packet went");
});
