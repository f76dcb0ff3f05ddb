// One knowledge base for a cluster: `kb publish` puts the node's committed knowledge base in the cluster's
// database, and each serving node decides from three copies what to do: the one published, the one committed
// on its disk, and the one it answers from. Versions only grow (a rollback is a new version), so a node takes
// a published snapshot only when it is newer than its own, and never overwrites edits not yet published.
import type { KbIdentity, KnowledgeStore } from "../knowledge/index.js";
import type { KbSnapshots, PublishedKb } from "../store/index.js";
import { packSnapshot, sha256Hex } from "./kb-package.js";

export class KbPublishError extends Error {}

/** The same knowledge base: the same version committed at the same time. */
export function sameKb(a: KbIdentity, b: KbIdentity): boolean {
  return a.kbVersion === b.kbVersion && a.time === b.time;
}

const identityOf = (p: PublishedKb): KbIdentity => ({ kbVersion: p.kbVersion, time: p.kbTime });

/**
 * What a serving node does next:
 *   fetch     the published one is newer than the copy on disk: fetch, check and commit it beside the live one
 *   switch    the copy on disk is the published one, and calls are answered from an older one: switch between calls
 *   none      calls are answered from the published one (or nothing was ever published)
 *   diverged  the copy here is not the published one and not older (edits here that were not published)
 */
export type SyncStep = "fetch" | "switch" | "none" | "diverged";

export function nextStep(published: PublishedKb | undefined, disk: KbIdentity, live: KbIdentity): SyncStep {
  if (!published) return "none";
  const target = identityOf(published);
  if (target.kbVersion > disk.kbVersion) return "fetch";
  if (sameKb(target, disk)) return sameKb(disk, live) ? "none" : "switch";
  return sameKb(target, live) ? "none" : "diverged";
}

/**
 * Publishes the knowledge base committed here. Publishing what is already published changes nothing; a copy
 * not newer than the published one is refused (another node's edits would be lost for the cluster).
 */
export async function publishKb(kb: KnowledgeStore, snapshots: KbSnapshots, actor: string): Promise<{ published: PublishedKb; already: boolean }> {
  const here = kb.committed;
  if (here.kbVersion === 0) throw new KbPublishError("the knowledge base here is empty: import one first (`sahayak kb import FILE`), then publish it");
  const latest = await snapshots.latest();
  if (latest && sameKb(identityOf(latest), here)) return { published: latest, already: true };
  if (latest && latest.kbVersion >= here.kbVersion) {
    throw new KbPublishError(
      `node ${latest.node} published version ${latest.kbVersion} at ${latest.publishedAt}, and this node's copy is version ${here.kbVersion}, which is not newer: ` +
        "make edits on the node that published last (or on one that has taken its version, see `sahayak kb status`), then publish there; nothing was published",
    );
  }
  const snapshot = await kb.snapshot();
  const data = await packSnapshot(snapshot);
  const published = await snapshots.publish({ kbVersion: snapshot.kbVersion, kbTime: snapshot.time, sha256: sha256Hex(data), schemes: snapshot.tables.schemes.numRows, actor }, data);
  return { published, already: false };
}
