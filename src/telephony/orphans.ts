// Letting go of Asterisk's channels and bridges, and finding the ones nobody lets go of: Asterisk never hangs up an
// ExternalMedia channel or destroys a Stasis bridge by itself, so a release it refused (busy, restarting) is made
// again by a periodic sweep, and the channels and bridges of ours no call owns (a previous run's, or left by a
// failed release) are released, their callers sent to the fallback. The controller owns the calls; this owns the
// releases.
import type { TelephonyConfig } from "../config.js";
import type { Logger } from "../ops/log.js";
import { AriError, type AriConnection } from "./ari/client.js";
import type { CallLedger, ControllerCounters } from "./call-types.js";

export const EM_PREFIX = "sahayak-em-";
export const BRIDGE_PREFIX = "sahayak-b-";
/**
 * A caller in Stasis that this run has no StasisStart for is a previous run's orphan, unless its StasisStart is
 * still on the way: Asterisk lists a new call in Stasis before (or while) the event reaches us, so a call that
 * arrives as the controller starts would otherwise be taken for an orphan and sent away. This long is waited
 * for such events before a caller is judged an orphan.
 */
const ORPHAN_SETTLE_MS = 500;

/** What the sweep needs to know of a call in progress. */
export interface OwnedCall {
  emId: string;
  bridgeId: string;
  /** Set once the call is ending. */
  ended?: unknown;
  /** Settles once the call has released everything. */
  cleanedUpDone: Promise<void>;
}

export interface ReleaserOptions {
  ari: AriConnection;
  config: Pick<TelephonyConfig, "fallback" | "orphanSweepMs">;
  log?: Logger;
  counters: ControllerCounters;
  /** The calls in progress, by caller channel id. */
  calls: ReadonlyMap<string, OwnedCall>;
  /** Callers whose StasisStart this run has had, until their call is over: never orphans. */
  arrived: ReadonlySet<string>;
  /** Whether a sweep may run now (ARI connected, calls accepted): while ARI is away the reconnect reconciles. */
  maySweep: () => boolean;
  /** Callers sent to a person are marked so in their records. */
  record: (what: string, write: (ledger: CallLedger) => void) => void;
}

export interface CleanedOrphans {
  callers: string[];
  mediaChannels: number;
  bridges: number;
}

export class Releaser {
  /** Releases Asterisk refused or never answered (not "no such channel"): tried again by the sweep. */
  private readonly leftBehind = { channels: new Set<string>(), bridges: new Set<string>() };
  private sweepTimer: NodeJS.Timeout | undefined;
  private sweeping = false;

  constructor(private readonly o: ReleaserOptions) {}

  startSweeping(): void {
    const every = this.o.config.orphanSweepMs;
    if (!every) return;
    this.sweepTimer = setInterval(() => void this.sweep(), every);
    this.sweepTimer.unref();
  }

  stopSweeping(): void {
    clearInterval(this.sweepTimer);
  }

  /**
   * What failed releases left (tried again), then anything of ours no call owns: a channel left up holds
   * Asterisk's channel and RTP ports for good. Skipped while a sweep runs or `maySweep` says no.
   */
  async sweep(): Promise<void> {
    if (this.sweeping || !this.o.maySweep()) return;
    this.sweeping = true;
    try {
      let released = 0;
      for (const id of [...this.leftBehind.channels]) if (await this.release("channel", id)) released++;
      for (const id of [...this.leftBehind.bridges]) if (await this.release("bridge", id)) released++;
      if (released) {
        this.o.counters.releasesRetried += released;
        this.o.log?.warn({ released }, "released channels or bridges whose first release Asterisk had refused or not answered");
      }
      await this.cleanOrphans();
    } catch (err) {
      this.o.log?.warn({ err: (err as Error).message }, "the sweep for channels and bridges left behind failed: it is tried again at the next");
    } finally {
      this.sweeping = false;
    }
  }

  /**
   * Hangs up a channel or destroys a bridge. One already gone (404) is released; any other failure (Asterisk
   * busy, restarting, not answering) leaves it to the sweep. True when it is released.
   */
  async release(kind: "channel" | "bridge", id: string): Promise<boolean> {
    const pending = kind === "channel" ? this.leftBehind.channels : this.leftBehind.bridges;
    try {
      await (kind === "channel" ? this.o.ari.hangup(id) : this.o.ari.destroyBridge(id));
    } catch (err) {
      if (!(err instanceof AriError && err.status === 404)) {
        pending.add(id);
        return false;
      }
    }
    pending.delete(id);
    return true;
  }

  /**
   * Channels and bridges of ours that no call owns (a previous run's): released, and their callers, left in dead
   * air, sent to the fallback (an apology, then a person). Logged with counts and call ids (channel ids, not
   * personal data), and the callers' records marked as sent on.
   */
  async cleanOrphans(): Promise<CleanedOrphans> {
    const { ari, calls, arrived } = this.o;
    const [channels, bridges] = await Promise.all([ari.listChannels(), ari.listBridges()]);
    const ownedEm = new Set([...calls.values()].map((c) => c.emId));
    const ownedBridges = new Set([...calls.values()].map((c) => c.bridgeId));
    const cleaned: CleanedOrphans = { callers: [], mediaChannels: 0, bridges: 0 };
    // (a caller whose hangup failed is hung up by the sweep, not sent to a person)
    const unknownCaller = (id: string) => !calls.has(id) && !arrived.has(id) && !this.leftBehind.channels.has(id);
    const inStasis = channels.filter((ch) => !ch.id.startsWith(EM_PREFIX) && ch.dialplan?.app_name === "Stasis" && ch.dialplan.app_data?.split(",")[0] === ari.app);
    // a call of ours that is ending may leave its caller behind (its hangup failed): judged once it is released
    await Promise.all(inStasis.map((ch) => calls.get(ch.id)).filter((c): c is OwnedCall => !!c?.ended).map((c) => c.cleanedUpDone));
    const callers = inStasis.filter((ch) => unknownCaller(ch.id));
    if (callers.length) await new Promise((r) => setTimeout(r, ORPHAN_SETTLE_MS));
    for (const ch of callers.filter((c) => unknownCaller(c.id))) {
      const sent = await ari.continueInDialplan(ch.id, this.o.config.fallback).then(
        () => true,
        () => false,
      );
      if (sent) cleaned.callers.push(ch.id);
    }
    for (const ch of channels) {
      if (ch.id.startsWith(EM_PREFIX) && !ownedEm.has(ch.id) && !calls.has(ch.id.slice(EM_PREFIX.length))) {
        await this.release("channel", ch.id);
        cleaned.mediaChannels++;
      }
    }
    for (const b of bridges) {
      if (b.id.startsWith(BRIDGE_PREFIX) && !ownedBridges.has(b.id) && !calls.has(b.id.slice(BRIDGE_PREFIX.length))) {
        await this.release("bridge", b.id);
        cleaned.bridges++;
      }
    }
    this.o.counters.orphansCleaned += cleaned.callers.length + cleaned.mediaChannels + cleaned.bridges;
    if (cleaned.callers.length || cleaned.mediaChannels || cleaned.bridges) {
      this.o.log?.warn({ orphans: { callers: cleaned.callers.length, mediaChannels: cleaned.mediaChannels, bridges: cleaned.bridges }, callIds: cleaned.callers }, "cleaned up calls a previous run left behind; their callers were sent to a person");
      if (cleaned.callers.length) this.o.record("orphans", (l) => l.sentToPerson(cleaned.callers));
    }
    return cleaned;
  }
}
