// The RTP sender process keeps time under load by running SCHED_FIFO when it may (root or CAP_SYS_NICE),
// its main thread only; without permission it falls back to a raised nice value or normal scheduling.
// (Its own file: the sender is one process per Sahayak process, and the first call sets its priority.)
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { it } from "node:test";
import { MediaSession } from "../../src/telephony/media/session.js";
import { senderPid } from "../../src/telephony/media/rtp-sender.js";
import { until } from "../helpers.js";

/** policy (0 normal, 1 FIFO) and rt priority of a task, from /proc/PID/task/TID/stat. */
function scheduling(pid: number, tid = pid): { policy: number; rtPriority: number; nice: number } {
  const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // fields from the 3rd: nice is the 19th field, rt_priority the 40th, policy the 41st
  return { nice: Number(fields[19 - 3]), rtPriority: Number(fields[40 - 3]), policy: Number(fields[41 - 3]) };
}

it("the sender's main thread runs SCHED_FIFO at the configured priority, its other threads normally", async () => {
  const media = await MediaSession.open({ format: "ulaw", bindAddress: "127.0.0.1", portMin: 43000, portMax: 43999, jitterDepth: 2, maxPacketBytes: 1500, senderRealtimePriority: 7, onAudio: () => undefined });
  try {
    await until(() => senderPid() !== undefined);
    const pid = senderPid()!;
    const root = process.getuid?.() === 0;
    await until(() => (root ? scheduling(pid).policy === 1 : scheduling(pid).nice !== undefined), 10_000);
    const main = scheduling(pid);
    if (root) {
      assert.deepEqual([main.policy, main.rtPriority], [1, 7]);
      const threads = readdirSync(`/proc/${pid}/task`).map(Number).filter((t) => t !== pid);
      assert.ok(threads.length > 0);
      for (const tid of threads) assert.equal(scheduling(pid, tid).policy, 0, `thread ${tid} stays normal`);
    } else assert.equal(main.policy, 0);
  } finally {
    media.close();
  }
});
