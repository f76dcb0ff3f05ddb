// The step both followers of a knowledge base committed elsewhere end with (kb-disk-follower.ts: another
// process on this machine; kb-follower.ts: a publication for the cluster): once no call is in progress, the
// calls' readers move to the version committed on disk, and the move is counted. Calls in progress hold the
// move back, so a call finishes on the knowledge base it began with; each follower says why in its own words.
import type { KbIdentity, KnowledgeStore } from "../knowledge/index.js";
import { knowledgeBaseSyncs } from "../ops/metrics.js";

export type SwitchResult = { outcome: "switched"; before: KbIdentity } | { outcome: "failed"; before: KbIdentity; err: Error };

/** Moves the calls to the knowledge base committed on disk (all tables at once), counted. Never throws. */
export async function switchCalls(live: KnowledgeStore): Promise<SwitchResult> {
  const before = live.committed;
  try {
    await live.refresh();
  } catch (err) {
    knowledgeBaseSyncs.inc({ outcome: "failed" });
    return { outcome: "failed", before, err: err as Error };
  }
  knowledgeBaseSyncs.inc({ outcome: "switched" });
  return { outcome: "switched", before };
}

/**
 * How long calls in progress have held a move back. A process never without a call never moves: the
 * sysadmin is told why, once, when they have held it `tellAfterMs`.
 */
export class HeldBack {
  private since: number | undefined;
  private told = false;

  constructor(private readonly tellAfterMs: number) {}

  /** A look found calls in progress. True once: when the sysadmin is to be told. */
  busy(): boolean {
    this.since ??= Date.now();
    if (this.told || this.waitedMs < this.tellAfterMs) return false;
    this.told = true;
    return true;
  }

  get waitedMs(): number {
    return this.since === undefined ? 0 : Date.now() - this.since;
  }

  /** Nothing is held back any more (moved, or nothing to move to). */
  reset(): void {
    this.since = undefined;
    this.told = false;
  }
}
