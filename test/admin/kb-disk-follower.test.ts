// A serving process follows what another process on the machine committed to the knowledge base on disk
// (`sahayak kb update`, `restore`): not while a call is in progress (said once it has waited a poll), then
// at once; nothing to do when nothing changed; a damaged commit point leaves the calls where they were.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { KbDiskFollower } from "../../src/admin/kb-disk-follower.js";
import { KnowledgeStore } from "../../src/knowledge/index.js";
import { createLogger } from "../../src/ops/log.js";
import { sampleRecords, tempDir, testConfig } from "../helpers.js";

describe("following the knowledge base another process committed on disk", () => {
  let dir: { path: string; cleanup(): void };
  before(() => (dir = tempDir()));
  after(() => dir.cleanup());

  it("moves the calls to it once none is in progress, says once why it waits, and keeps the calls' one when the disk's is damaged", async () => {
    const knowledge = testConfig(dir.path).knowledge;
    const live = await KnowledgeStore.open({ dataDir: dir.path, knowledge });
    await live.apply({ upserts: sampleRecords(["pm-kisan"]), deletes: [] }, { actor: "test", reason: "import", op: "import" });
    const logged: { msg: string }[] = [];
    const log = createLogger("info", { write: (line: string) => void logged.push(JSON.parse(line)) });
    let calls = 1;
    const follower = new KbDiskFollower({ live, idle: () => calls === 0, pollMs: 1, log });
    assert.equal(await follower.check(), "none", "nothing committed elsewhere");

    // the sysadmin's `kb update` in another process
    const writer = await KnowledgeStore.open({ dataDir: dir.path, knowledge });
    await writer.apply({ upserts: sampleRecords(["apy"]), deletes: [] }, { actor: "asha", reason: "add", op: "add" });
    writer.close();
    assert.equal(await follower.check(), "waiting");
    await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(await follower.check(), "waiting");
    assert.equal(await follower.check(), "waiting");
    assert.deepEqual([live.kbVersion, live.has("apy")], [1, false], "no move while a call is in progress");
    assert.equal(logged.filter((l) => /waits for a moment with no call in progress/.test(l.msg)).length, 1, "said once");

    calls = 0;
    const generation = live.readerGeneration;
    assert.equal(await follower.check(), "switched");
    assert.deepEqual([live.kbVersion, live.size, live.has("apy")], [2, 2, true]);
    assert.ok(live.readerGeneration > generation, "the readers moved: the name matcher is rebuilt for the new knowledge base");
    assert.equal(await follower.check(), "none");

    // a damaged commit point: the calls keep the knowledge base they have, and the sysadmin is told once
    writeFileSync(join(dir.path, "kb", "HEAD.json"), "{ not json");
    assert.equal(await follower.check(), "failed");
    assert.equal(await follower.check(), "failed");
    assert.deepEqual([live.kbVersion, live.has("apy")], [2, true]);
    assert.equal(logged.filter((l) => /cannot move to the knowledge base committed on disk/.test(l.msg)).length, 1, "said once");
    await follower.stop();
    live.close();
  });
});
