// A serving process follows the knowledge base committed on disk by another process on the same machine:
// `sahayak kb update` or `kb import` run by the sysadmin, `sahayak restore`, a console in its own unit. Those
// commit new table versions and HEAD.json (knowledge/store.ts); this process's readers stay on the version
// they opened until moved. It looks every knowledge.followDisk.pollMs and moves the calls' knowledge base
// once no call is in progress, so a call finishes on the knowledge base it began with (as the cluster's
// follower of published snapshots does, kb-follower.ts).
import type { KbIdentity, KnowledgeStore } from "../knowledge/index.js";
import type { Logger } from "../ops/log.js";
import { knowledgeBaseSyncs } from "../ops/metrics.js";
import { HeldBack, switchCalls } from "./kb-switch.js";

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
  /** How long calls in progress have held a change on disk back. */
  private readonly held: HeldBack;
  private toldFailing = false;

  constructor(private readonly o: DiskFollowerOptions) {
    this.held = new HeldBack(o.pollMs);
  }

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
        this.held.reset();
        return "none";
      }
      if (!this.o.idle()) {
        if (this.held.busy()) log?.warn({ version: onDisk.kbVersion, live: before.kbVersion }, `knowledge-base version ${onDisk.kbVersion}, committed by another process, waits for a moment with no call in progress; calls are answered from version ${before.kbVersion} meanwhile`);
        return "waiting";
      }
    } catch (err) {
      knowledgeBaseSyncs.inc({ outcome: "failed" });
      return this.failed(err as Error, before);
    }
    const moved = await switchCalls(live);
    if (moved.outcome === "failed") return this.failed(moved.err, before);
    this.held.reset();
    this.toldFailing = false;
    log?.warn({ from: before.kbVersion, version: live.kbVersion }, "calls are answered from the knowledge base another process committed on disk now");
    return "switched";
  }

  /** The calls stay where they were; said once until a move succeeds (counted by the caller). */
  private failed(err: Error, before: KbIdentity): "failed" {
    if (!this.toldFailing) this.o.log?.error({ err: err.message }, `cannot move to the knowledge base committed on disk: calls go on with version ${before.kbVersion}; \`sahayak kb versions\` shows what is there`);
    this.toldFailing = true;
    return "failed";
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
