// A serving node following the knowledge base published for its cluster. It hears of a publication at once
// (LISTEN/NOTIFY) and also asks every kbSync.pollMs (a notification is lost while the database is away). A newer
// snapshot is fetched, checked against its SHA-256, unpacked and committed on disk beside the live knowledge base
// (new table versions, switched by HEAD.json: see knowledge/store.ts restoreSnapshot), while calls go on. The
// calls' knowledge base is then switched once no call is in progress, so a call finishes on the knowledge base it
// began with. A bad snapshot leaves the current knowledge base live, logged and counted; so does any failure.
import type { Config, StoreConfig } from "../config.js";
import { KnowledgeStore } from "../knowledge/index.js";
import type { Logger } from "../ops/log.js";
import { knowledgeBaseSyncs } from "../ops/metrics.js";
import type { KbSnapshots, PublishedKb, StoreBackend } from "../store/index.js";
import { KbPackageError, unpackSnapshot } from "./kb-package.js";
import { nextStep, type SyncStep } from "./kb-sync.js";
import { HeldBack, switchCalls } from "./kb-switch.js";

export interface KbFollowerOptions {
  /** The knowledge base the calls answer from. */
  live: KnowledgeStore;
  /** Opens the same data directory's knowledge base, to commit a fetched snapshot in. */
  openWriter(): Promise<KnowledgeStore>;
  snapshots: KbSnapshots;
  /** True while no call is in progress. */
  idle(): boolean;
  config: StoreConfig["postgres"]["kbSync"];
  /** A lost LISTEN connection is tried again this often (store.postgres.retryMs). */
  retryMs: number;
  log?: Logger;
}

/** What one round did. */
export type SyncOutcome = Exclude<SyncStep, "fetch"> | "switched" | "bad_snapshot" | "failed" | "stopped";

const describe = (p: PublishedKb) => `version ${p.kbVersion} (published by ${p.actor} on ${p.node} at ${p.publishedAt})`;

export class KbFollower {
  private timer: NodeJS.Timeout | undefined;
  private listener: { stop(): Promise<void> } | undefined;
  private relistenTimer: NodeJS.Timeout | undefined;
  /** Not listening since the last warning: said once per outage. */
  private deaf = false;
  private running: Promise<SyncOutcome> | undefined;
  private again = false;
  private stopped = false;
  private wake: () => void = () => undefined;
  /** The last publication warned about, so a node left diverged says so once, not every poll. */
  private warned: number | undefined;
  /** A publication refused here: not fetched again at every poll (a new one replaces it). */
  private refused: number | undefined;

  constructor(private readonly o: KbFollowerOptions) {}

  /** Listens, catches up with what was published while it was away, and polls from then on. */
  async start(): Promise<void> {
    await this.listen();
    this.timer = setInterval(() => void this.sync(), this.o.config.pollMs);
    this.timer.unref();
    await this.sync();
  }

  private async listen(): Promise<void> {
    try {
      this.listener = await this.o.snapshots.listen(
        () => void this.sync(),
        (err) => {
          this.listener = undefined;
          this.deafened(err);
        },
      );
      if (this.stopped) return void (await this.listener.stop());
      if (this.deaf) this.o.log?.info("knowledge-base publications are heard at once again");
      this.deaf = false;
    } catch (err) {
      this.deafened(err as Error);
    }
  }

  /** Listening again soon; meanwhile, and for what was published while deaf, the poll (and a round once back). */
  private deafened(err: Error): void {
    if (this.stopped) return;
    if (!this.deaf) this.o.log?.warn({ err: err.message, pollMs: this.o.config.pollMs }, "knowledge-base publications are not heard at once (no connection to the database for LISTEN): polling for them until it is back");
    this.deaf = true;
    clearTimeout(this.relistenTimer);
    this.relistenTimer = setTimeout(() => {
      void this.listen().then(() => this.listener && this.sync());
    }, this.o.retryMs);
    this.relistenTimer.unref();
  }

  /** One round (a round asked for while one runs is run once after it). Never throws. */
  sync(): Promise<SyncOutcome> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.round().finally(() => {
      this.running = undefined;
      if (this.again && !this.stopped) {
        this.again = false;
        void this.sync();
      }
    });
    return this.running;
  }

  private async round(): Promise<SyncOutcome> {
    if (this.stopped) return "stopped";
    const { live, log } = this.o;
    let published: PublishedKb | undefined;
    try {
      published = await this.o.snapshots.latest();
      const step = nextStep(published, live.committedOnDisk(), live.committed);
      if (step === "none") return step;
      if (step === "diverged") {
        if (this.warned !== published!.id) log?.warn({ live: live.committed, published: published!.id }, `this node's knowledge base (version ${live.kbVersion}) is not the one published, ${describe(published!)}, and not older: its own edits were not published; publish them with \`sahayak kb publish\``);
        this.warned = published!.id;
        return step;
      }
      if (step === "fetch" && published!.id === this.refused) return "bad_snapshot";
      if (step === "fetch") await this.fetchAndCommit(published!);
    } catch (err) {
      const bad = err instanceof KbPackageError;
      if (bad) this.refused = published?.id;
      knowledgeBaseSyncs.inc({ outcome: bad ? "bad_snapshot" : "failed" });
      const what = published ? describe(published) : "the latest publication";
      if (bad) log?.error({ err: err.message, snapshot: published?.id }, `the published knowledge base ${what} was refused: ${err.message}; calls go on with version ${live.kbVersion}`);
      else log?.warn({ err: (err as Error).message }, `cannot take the published knowledge base ${what} now: calls go on with version ${live.kbVersion}; tried again within ${this.o.config.pollMs} ms`);
      return bad ? "bad_snapshot" : "failed";
    }
    return this.switchBetweenCalls(published!);
  }

  private async fetchAndCommit(published: PublishedKb): Promise<void> {
    const data = await this.o.snapshots.fetch(published.id);
    const snapshot = await unpackSnapshot(data, published.sha256);
    if (snapshot.kbVersion !== published.kbVersion || snapshot.time !== published.kbTime) throw new KbPackageError(`it holds version ${snapshot.kbVersion} of ${snapshot.time}, not the published ${published.kbVersion} of ${published.kbTime}`);
    const writer = await this.o.openWriter();
    try {
      await writer.restoreSnapshot(snapshot);
    } finally {
      writer.close();
    }
    this.o.log?.info({ version: published.kbVersion, snapshot: published.id }, "the published knowledge base is committed here; calls switch to it once none is in progress");
  }

  /** Waits for a moment with no call in progress, then moves the calls' knowledge base to the one on disk. */
  private async switchBetweenCalls(published: PublishedKb): Promise<SyncOutcome> {
    const held = new HeldBack(this.o.config.pollMs);
    while (!this.o.idle()) {
      if (this.stopped) return "stopped";
      if (held.busy()) this.o.log?.warn({ version: published.kbVersion, waitedMs: held.waitedMs }, `the published knowledge base ${describe(published)} waits for a moment with no call in progress on this node; calls are answered from version ${this.o.live.kbVersion} meanwhile`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.o.config.idleCheckMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    if (this.stopped) return "stopped";
    const moved = await switchCalls(this.o.live);
    if (moved.outcome === "failed") {
      this.o.log?.error({ err: moved.err.message }, `cannot switch to the published knowledge base ${describe(published)}: calls go on with version ${moved.before.kbVersion}`);
      return "failed";
    }
    this.o.log?.warn({ from: moved.before.kbVersion, version: this.o.live.kbVersion, snapshot: published.id, node: published.node }, "calls are answered from the published knowledge base now");
    return "switched";
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.relistenTimer);
    this.wake();
    await this.listener?.stop();
    this.listener = undefined;
    await this.running;
  }
}

/**
 * A serving node of a cluster follows the published knowledge base (a node on SQLite has no cluster: none).
 * Started after the node's lease, so it answers from the published one soon after it starts.
 */
export async function followPublishedKb(config: Config, live: KnowledgeStore | undefined, store: StoreBackend | undefined, idle: () => boolean, log?: Logger): Promise<KbFollower | undefined> {
  if (!live || !store?.kbSnapshots) return undefined;
  const follower = new KbFollower({
    live,
    openWriter: () => KnowledgeStore.open({ dataDir: config.dataDir, knowledge: config.knowledge }),
    snapshots: store.kbSnapshots,
    idle,
    config: config.store.postgres.kbSync,
    retryMs: config.store.postgres.retryMs,
    log,
  });
  await follower.start();
  return follower;
}
