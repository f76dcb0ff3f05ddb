// A serving process follows the knowledge base committed on disk by another process on the same machine:
// `sahayak kb update` or `kb import` run by the sysadmin, `sahayak restore`, a console in its own unit. Those
// commit new table versions and HEAD.json (knowledge/store.ts); this process's readers stay on the version
// they opened until moved. It looks every knowledge.followDisk.pollMs and moves the calls' knowledge base
// once no call is in progress, so a call finishes on the knowledge base it began with (as the cluster's
// follower of published snapshots does, kb-follower.ts).
import type { KbIdentity, KnowledgeStore } from "../knowledge/index.js";
import type { Logger } from "../ops/log.js";
import { knowledgeBaseSyncs } from "../ops/metrics.js";

export interface DiskFollowerOptions {
  live: KnowledgeStore;
  /** True while no call is in progress. */
  idle(): boolean;
  pollMs: number;
  log?: Logger;
}

export type DiskFollowOutcome = "none" | "waiting" | "switched" | "failed";

const same = (a: KbIdentity, b: KbIdentity) => a.kbVersion === b.kbVersion && a.time === b.time;

export class KbDiskFollower {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<DiskFollowOutcome> | undefined;
  /** When the calls began to wait for a change on disk, and whether the sysadmin was told. */
  private waitingSince: number | undefined;
  private toldWaiting = false;
  private toldFailing = false;

  constructor(private readonly o: DiskFollowerOptions) {}

  start(): void {
    this.timer = setInterval(() => void this.check(), this.o.pollMs);
    this.timer.unref();
  }

  /** One look (a look asked for while one runs shares it). Never throws. */
  check(): Promise<DiskFollowOutcome> {
    this.running ??= this.look().finally(() => (this.running = undefined));
    return this.running;
  }

  private async look(): Promise<DiskFollowOutcome> {
    const { live, log } = this.o;
    const before = live.committed;
    try {
      const onDisk = live.committedOnDisk();
      if (same(onDisk, before)) {
        this.waitingSince = undefined;
        this.toldWaiting = false;
        return "none";
      }
      if (!this.o.idle()) {
        this.waitingSince ??= Date.now();
        // a process never without a call never moves: the sysadmin is told why it stays behind
        if (!this.toldWaiting && Date.now() - this.waitingSince >= this.o.pollMs) {
          this.toldWaiting = true;
          log?.warn({ version: onDisk.kbVersion, live: before.kbVersion }, `knowledge-base version ${onDisk.kbVersion}, committed by another process, waits for a moment with no call in progress; calls are answered from version ${before.kbVersion} meanwhile`);
        }
        return "waiting";
      }
      await live.refresh();
    } catch (err) {
      knowledgeBaseSyncs.inc({ outcome: "failed" });
      if (!this.toldFailing) log?.error({ err: (err as Error).message }, `cannot move to the knowledge base committed on disk: calls go on with version ${before.kbVersion}; \`sahayak kb versions\` shows what is there`);
      this.toldFailing = true;
      return "failed";
    }
    this.waitingSince = undefined;
    this.toldWaiting = false;
    this.toldFailing = false;
    knowledgeBaseSyncs.inc({ outcome: "switched" });
    log?.warn({ from: before.kbVersion, version: live.kbVersion }, "calls are answered from the knowledge base another process committed on disk now");
    return "switched";
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
