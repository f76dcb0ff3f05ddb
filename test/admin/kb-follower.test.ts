// The follower's switch without a database: a knowledge base published and committed on disk is not switched to
// while a call is in progress, a node that never has a moment without a call says why it stays behind (once),
// and stopping it ends the wait.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { KbFollower } from "../../src/admin/kb-follower.js";
import { KnowledgeStore } from "../../src/knowledge/index.js";
import { createLogger } from "../../src/ops/log.js";
import type { KbSnapshots, PublishedKb } from "../../src/store/index.js";
import { sampleRecords, tempDir, testConfig, until } from "../helpers.js";

describe("switching to a published knowledge base between calls", () => {
  let dir: { path: string; cleanup(): void };
  before(() => (dir = tempDir()));
  after(() => dir.cleanup());

  it("waits while a call is in progress, says so once it has waited a poll interval, and stops when told", async () => {
    const knowledge = testConfig(dir.path).knowledge;
    const live = await KnowledgeStore.open({ dataDir: dir.path, knowledge });
    await live.apply({ upserts: sampleRecords(["pm-kisan"]), deletes: [] }, { actor: "test", reason: "import", op: "import" });
    // another process (the CLI) commits version 2, which is the one published
    const writer = await KnowledgeStore.open({ dataDir: dir.path, knowledge });
    await writer.apply({ upserts: sampleRecords(["apy"]), deletes: [] }, { actor: "asha", reason: "add", op: "add" });
    const published: PublishedKb = { id: 1, kbVersion: 2, kbTime: writer.committed.time, sha256: "", bytes: 0, schemes: 2, node: "node-a", actor: "asha", publishedAt: new Date().toISOString() };
    writer.close();
    const snapshots: KbSnapshots = {
      publish: () => assert.fail("not published here"),
      latest: async () => published,
      fetch: () => assert.fail("the copy on disk is the published one: nothing to fetch"),
      listen: async () => ({ stop: async () => undefined }),
    };
    const logged: { msg: string }[] = [];
    const log = createLogger("info", { write: (line: string) => void logged.push(JSON.parse(line)) });
    let calls = 1;
    const follower = new KbFollower({ live, openWriter: () => assert.fail("nothing to commit"), snapshots, idle: () => calls === 0, config: { pollMs: 200, chunkBytes: 1024, keep: 1, idleCheckMs: 5 }, retryMs: 100, log });
    const generation = live.readerGeneration;
    const round = follower.sync();
    await until(() => logged.some((l) => /waits for a moment with no call in progress/.test(l.msg)), 5000);
    assert.equal(live.kbVersion, 1, "no switch while a call is in progress");
    assert.equal(live.size, 1);
    calls = 0;
    assert.equal(await round, "switched");
    assert.deepEqual([live.kbVersion, live.size, live.has("apy")], [2, 2, true]);
    assert.ok(live.readerGeneration > generation, "the readers moved: the name matcher is rebuilt for the new knowledge base");
    assert.equal(logged.filter((l) => /waits for a moment/.test(l.msg)).length, 1, "said once");

    // a node that stops while it waits: the wait ends, nothing is switched
    const other = await KnowledgeStore.open({ dataDir: dir.path, knowledge });
    await other.apply({ upserts: sampleRecords(["kcc"]), deletes: [] }, { actor: "asha", reason: "add", op: "add" });
    Object.assign(published, { id: 2, kbVersion: 3, kbTime: other.committed.time });
    other.close();
    calls = 1;
    const waiting = follower.sync();
    await follower.stop();
    assert.equal(await waiting, "stopped");
    assert.equal(live.kbVersion, 2);
    live.close();
  });
});
