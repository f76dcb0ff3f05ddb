// `kb publish` through a real PostgreSQL: a snapshot published from one node's data directory reaches a second
// node's, heard through LISTEN/NOTIFY (the poll is set too long to matter), and that node's calls switch to it
// only once its call in progress has ended. A snapshot damaged in the database, or one that is not a knowledge
// base, leaves the node's knowledge base as it was, logged and counted; a good one after it is taken. A node
// whose LISTEN connection the database dropped listens again and hears the next publication.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { KbFollower } from "../../src/admin/kb-follower.js";
import { sha256Hex } from "../../src/admin/kb-package.js";
import { KbPublishError, publishKb } from "../../src/admin/kb-sync.js";
import { KnowledgeStore, type SchemeRecord } from "../../src/knowledge/index.js";
import { createLogger } from "../../src/ops/log.js";
import { knowledgeBaseSyncs } from "../../src/ops/metrics.js";
import { PostgresStore } from "../../src/store/index.js";
import { sampleRecords, tempDir, testConfig, until } from "../helpers.js";
import { PgServer, pgUnavailable } from "../store/pg-server.js";

const skip = pgUnavailable();
/** Small chunks, so a snapshot spans several rows. */
const KB_SYNC = { pollMs: 600_000, chunkBytes: 8 * 1024, keep: 2, idleCheckMs: 10 };
/** The fetch, check and commit of a small knowledge base on a loaded machine take well under this. */
const REACH_WITHIN_MS = 30_000;

async function syncs(outcome: string): Promise<number> {
  return (await knowledgeBaseSyncs.get()).values.find((v) => v.labels.outcome === outcome)?.value ?? 0;
}

describe("kb publish through PostgreSQL", { skip }, () => {
  let server: PgServer;
  const dirs: { path: string; cleanup(): void }[] = [];
  const closers: (() => Promise<void> | void)[] = [];

  before(async () => {
    server = await PgServer.start();
  });
  after(async () => {
    for (const close of closers.reverse()) await close();
    dirs.forEach((d) => d.cleanup());
    server?.destroy();
  });

  /** A node's data directory with its own import of the same records, and its store on the cluster's database. */
  async function node(name: string, url: string) {
    const dir = tempDir(`sahayak-kb-${name}-`);
    dirs.push(dir);
    const config = testConfig(dir.path, { store: { backend: "postgres", postgres: { url, node: name, kbSync: KB_SYNC } } });
    const kb = await KnowledgeStore.open({ dataDir: dir.path, knowledge: config.knowledge });
    await kb.apply({ upserts: sampleRecords(["pm-kisan", "apy", "kcc"]), deletes: [] }, { actor: "test", reason: `import on ${name}`, op: "import" });
    const store = await PostgresStore.open(dir.path, config.store);
    closers.push(() => kb.close(), () => store.close());
    return { dir: dir.path, config, kb, store, openWriter: () => KnowledgeStore.open({ dataDir: dir.path, knowledge: config.knowledge }) };
  }

  const benefit = async (kb: KnowledgeStore) => (await kb.get("pm-kisan"))!.benefits.en![0];
  async function edit(kb: KnowledgeStore, fact: string): Promise<void> {
    const record = structuredClone((await kb.get("pm-kisan"))!) as SchemeRecord;
    record.benefits.en![0] = fact;
    await kb.apply({ upserts: [record], deletes: [] }, { actor: "asha", reason: "new amount", op: "update" });
  }

  it("a snapshot published on A reaches B's data directory at once, and B's calls switch to it only after the call in progress", async () => {
    const url = await server.newDatabase();
    const [a, b] = [await node("node-a", url), await node("node-b", url)];
    const logged: { msg: string }[] = [];
    const log = createLogger("info", { write: (line: string) => void logged.push(JSON.parse(line)) });
    let callInProgress = true;
    const follower = new KbFollower({ live: b.kb, openWriter: b.openWriter, snapshots: b.store.kbSnapshots, idle: () => !callInProgress, config: KB_SYNC, retryMs: 100, log });
    closers.push(() => follower.stop());
    await follower.start();
    const before = { identity: b.kb.committed, fact: await benefit(b.kb), switched: await syncs("switched") };

    await edit(a.kb, "Rs 9,999 a year in three parts");
    assert.equal(a.kb.kbVersion, 2);
    const { published, already } = await publishKb(a.kb, a.store.kbSnapshots, "asha");
    assert.deepEqual([already, published.kbVersion, published.node, published.kbTime], [false, 2, "node-a", a.kb.committed.time]);
    const db = new pg.Client({ connectionString: url });
    // the last test restarts the server under this idle connection
    db.on("error", () => undefined);
    await db.connect();
    closers.push(() => db.end());
    const chunks = (await db.query<{ n: number }>("SELECT COUNT(*)::int AS n FROM kb_snapshot_chunks WHERE snapshot_id = $1", [published.id])).rows[0]!.n;
    assert.ok(chunks > 1, `${published.bytes} bytes in ${chunks} chunk(s)`);

    // heard through NOTIFY (the next poll is minutes away): committed in B's data directory, not yet answered from
    await until(() => b.kb.committedOnDisk().kbVersion === 2, REACH_WITHIN_MS);
    const reader = await b.openWriter();
    assert.equal(await benefit(reader), "Rs 9,999 a year in three parts", "B's data directory holds A's edit");
    assert.deepEqual(reader.committed, a.kb.committed, "the same knowledge base as A's, commit time and all");
    reader.close();
    await until(() => logged.some((l) => /committed here/.test(l.msg)), REACH_WITHIN_MS);
    assert.deepEqual(b.kb.committed, before.identity, "the call in progress goes on with the knowledge base it began with");
    assert.equal(await benefit(b.kb), before.fact);

    callInProgress = false;
    await until(() => b.kb.kbVersion === 2, REACH_WITHIN_MS);
    assert.equal(await benefit(b.kb), "Rs 9,999 a year in three parts", "the next call answers from A's edit");
    assert.equal(b.kb.size, 3);
    assert.equal(await syncs("switched"), before.switched + 1);
    assert.deepEqual(await publishKb(a.kb, a.store.kbSnapshots, "asha"), { published, already: true }, "publishing it again changes nothing");
    await follower.stop();
  });

  it("a snapshot damaged in the database, or one that is no knowledge base, leaves B's as it was; the next good one is taken", async () => {
    const url = await server.newDatabase();
    const [a, b] = [await node("node-c", url), await node("node-d", url)];
    const logged: { msg: string }[] = [];
    const log = createLogger("info", { write: (line: string) => void logged.push(JSON.parse(line)) });
    const follower = () => new KbFollower({ live: b.kb, openWriter: b.openWriter, snapshots: b.store.kbSnapshots, idle: () => true, config: KB_SYNC, retryMs: 100, log });
    const db = new pg.Client({ connectionString: url });
    // the last test restarts the server under this idle connection
    db.on("error", () => undefined);
    await db.connect();
    closers.push(() => db.end());
    await edit(a.kb, "second");
    const bad = await syncs("bad_snapshot");

    const { published } = await publishKb(a.kb, a.store.kbSnapshots, "asha");
    await db.query("UPDATE kb_snapshot_chunks SET data = overlay(data placing '\\x00ff00'::bytea from 100) WHERE snapshot_id = $1 AND seq = 1", [published.id]);
    const before = { disk: b.kb.committedOnDisk(), live: b.kb.committed, fact: await benefit(b.kb) };
    const refusing = follower();
    assert.equal(await refusing.sync(), "bad_snapshot");
    assert.equal(await refusing.sync(), "bad_snapshot", "still refused at the next poll");
    assert.equal(await syncs("bad_snapshot"), bad + 1, "and not fetched, logged and counted again");
    assert.deepEqual([b.kb.committedOnDisk(), b.kb.committed, await benefit(b.kb)], [before.disk, before.live, before.fact], "B's knowledge base is untouched");
    assert.match(logged.map((l) => l.msg).join("\n"), /published knowledge base version 2 .* was refused: its checksum .* not the published .*damaged or incomplete; calls go on with version 1/);

    // bytes that match their checksum but are no knowledge base
    const junk = Buffer.from("a snapshot from nowhere");
    await a.store.kbSnapshots.publish({ kbVersion: 3, kbTime: new Date().toISOString(), sha256: sha256Hex(junk), schemes: 1, actor: "mallory" }, junk);
    assert.equal(await follower().sync(), "bad_snapshot");
    assert.deepEqual([b.kb.committedOnDisk(), b.kb.committed], [before.disk, before.live]);
    assert.match(logged.at(-1)!.msg, /version 3 .* was refused: it cannot be decompressed/);
    assert.equal(await syncs("bad_snapshot"), bad + 2);

    // A's copy (version 2) is not newer than the published 3: refused, saying where edits belong
    await assert.rejects(publishKb(a.kb, a.store.kbSnapshots, "asha"), (err: Error) => err instanceof KbPublishError && /node-c published version 3 .* not newer/.test(err.message));
    await edit(a.kb, "third");
    await edit(a.kb, "Rs 6,000 a year");
    await publishKb(a.kb, a.store.kbSnapshots, "asha");
    assert.equal(await follower().sync(), "switched");
    assert.deepEqual([b.kb.kbVersion, await benefit(b.kb)], [4, "Rs 6,000 a year"]);
    const kept = (await db.query<{ n: number }>("SELECT COUNT(*)::int AS n FROM kb_snapshots")).rows[0]!.n;
    assert.equal(kept, KB_SYNC.keep, "only the newest snapshots are kept");
  });

  it("a node whose LISTEN connection the database dropped (a restart) listens again, and hears the next publication without waiting for the poll", async () => {
    const url = await server.newDatabase();
    const [a, b] = [await node("node-e", url), await node("node-f", url)];
    const logged: { msg: string }[] = [];
    const log = createLogger("info", { write: (line: string) => void logged.push(JSON.parse(line)) });
    const follower = new KbFollower({ live: b.kb, openWriter: b.openWriter, snapshots: b.store.kbSnapshots, idle: () => true, config: KB_SYNC, retryMs: 100, log });
    closers.push(() => follower.stop());
    await follower.start();
    server.stopServer();
    try {
      await until(() => logged.some((l) => /not heard at once/.test(l.msg)), REACH_WITHIN_MS);
    } finally {
      server.startServer();
    }
    await until(() => logged.some((l) => /heard at once again/.test(l.msg)), REACH_WITHIN_MS);
    await edit(a.kb, "after the restart");
    await publishKb(a.kb, a.store.kbSnapshots, "asha");
    await until(() => b.kb.kbVersion === 2, REACH_WITHIN_MS);
    assert.equal(await benefit(b.kb), "after the restart");
    assert.equal(logged.filter((l) => /not heard at once/.test(l.msg)).length, 1, "said once for the outage");
    await follower.stop();
  });
});
