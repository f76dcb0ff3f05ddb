import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { diffValues, KnowledgeStore, recordHashOf, type SchemeRecord } from "../../src/knowledge/index.js";
import { jsonl, runCli, sampleRecords, tempDir, testConfig, treeDigest } from "../helpers.js";

const meta = (reason: string) => ({ actor: "tester", reason, op: "import" as const });

describe("knowledge store: versions, diff, rollback", () => {
  const dir = tempDir();
  const config = testConfig(dir.path);
  const open = () => KnowledgeStore.open({ dataDir: dir.path, knowledge: config.knowledge });
  const records = sampleRecords();
  after(() => dir.cleanup());

  it("an absent store opens empty and creates nothing", async () => {
    const store = await open();
    assert.equal(store.kbVersion, 0);
    assert.equal(store.size, 0);
    assert.equal(await store.get("pm-kisan"), undefined);
    store.close();
    assert.deepEqual(treeDigest(dir.path), {});
  });

  it("round-trips real records exactly", async () => {
    const store = await open();
    const result = await store.apply({ upserts: records, deletes: [] }, meta("first import"));
    assert.equal(result.version, 1);
    assert.equal(result.added.length, records.length);
    store.close();
    const reopened = await open();
    for (const r of records) assert.deepEqual(await reopened.get(r.schemeId), r);
    assert.equal(reopened.size, records.length);
    reopened.close();
  });

  it("re-importing unchanged records makes no new version", async () => {
    const store = await open();
    const before = treeDigest(dir.path);
    const result = await store.apply({ upserts: sampleRecords(), deletes: [] }, meta("same again"));
    assert.equal(result.created, false);
    assert.equal(result.unchanged, records.length);
    assert.equal(store.kbVersion, 1);
    assert.deepEqual(treeDigest(dir.path), before, "nothing on disk changed");
    store.close();
  });

  it("update, delete, history, diff and record-at-version", async () => {
    const store = await open();
    const changed = structuredClone(records[0]!) as SchemeRecord;
    changed.benefits.en = ["Income support of ₹6,000 per year in three instalments."];
    const v2 = await store.apply({ upserts: [changed], deletes: [] }, { actor: "alice", reason: "benefit text fix", op: "update" });
    assert.deepEqual([v2.version, v2.updated], [2, ["pm-kisan"]]);
    const v3 = await store.apply({ upserts: [], deletes: ["apy"] }, { actor: "bob", reason: "scheme closed", op: "delete" });
    assert.deepEqual([v3.version, v3.deleted], [3, ["apy"]]);
    assert.equal(store.has("apy"), false);
    assert.equal(await store.get("apy"), undefined);
    assert.deepEqual(await store.get("apy", 2), records.find((r) => r.schemeId === "apy"));

    const history = await store.history("pm-kisan");
    assert.deepEqual(history.map((h) => [h.kbVersion, h.op, h.actor]), [[1, "add", "tester"], [2, "update", "alice"]]);
    const commits = await store.commits();
    assert.deepEqual(commits.map((c) => [c.version, c.actor, c.reason]), [[1, "tester", "first import"], [2, "alice", "benefit text fix"], [3, "bob", "scheme closed"]]);
    assert.ok(commits.every((c) => !Number.isNaN(Date.parse(c.time))));

    const diff = diffValues(await store.recordAt("pm-kisan", 1), await store.recordAt("pm-kisan", 2));
    assert.deepEqual(diff.map((d) => d.path), ["benefits.en"]);
    await assert.rejects(store.apply({ upserts: [], deletes: ["no-such-scheme"] }, meta("x")), /not in the knowledge base/);
    store.close();
  });

  it("rollback of one scheme and of the whole KB makes new versions", async () => {
    const store = await open();
    const one = await store.stateAt(1, "pm-kisan");
    const r4 = await store.apply({ upserts: [...one.values()], deletes: [] }, { actor: "alice", reason: "undo", op: "rollback" });
    assert.equal(r4.version, 4);
    assert.deepEqual(await store.get("pm-kisan"), records[0]);
    const all = await store.stateAt(1);
    assert.equal(all.size, records.length);
    const current = await store.hashes();
    const upserts = [...all.values()].filter((r) => current.get(r.schemeId) !== recordHashOf(r));
    const r5 = await store.apply({ upserts, deletes: [] }, { actor: "alice", reason: "back to v1", op: "rollback" });
    assert.deepEqual([r5.version, r5.added], [5, ["apy"]]);
    for (const r of records) assert.deepEqual(await store.get(r.schemeId), r);
    store.close();
  });
});

describe("a process killed midway leaves the previous version", () => {
  const dir = tempDir();
  const file = join(dir.path, "in.jsonl");
  const data = join(dir.path, "data");
  before(() => {
    writeFileSync(file, jsonl(sampleRecords(["pm-kisan", "apy", "kcc"])));
    const first = runCli(["kb", "import", file], { dataDir: data });
    assert.equal(first.status, 0, first.stderr);
  });
  after(() => dir.cleanup());

  for (const point of ["kb:after-history", "kb:after-schemes", "kb:before-head"]) {
    it(`killed at ${point}`, async () => {
      const config = testConfig(data);
      const beforeStore = await KnowledgeStore.open({ dataDir: data, knowledge: config.knowledge });
      const committed = beforeStore.kbVersion;
      beforeStore.close();
      const changed = sampleRecords(["pm-kisan", "apy", "kcc", "mgnrega"]);
      changed[0]!.description.en = "Changed by a process that dies.";
      writeFileSync(file, jsonl(changed));
      const killed = runCli(["kb", "import", file], { dataDir: data, env: { SAHAYAK_FAULT: point } });
      assert.equal(killed.signal, "SIGKILL");
      const store = await KnowledgeStore.open({ dataDir: data, knowledge: config.knowledge });
      assert.equal(store.kbVersion, committed, "readers see the last committed version");
      assert.equal(store.size, 3);
      assert.equal(store.has("mgnrega"), false);
      assert.deepEqual(await store.get("pm-kisan"), sampleRecords(["pm-kisan"])[0]);
      assert.equal((await store.commits()).length, committed);
      store.close();
      // the next writer repairs and carries on
      const again = runCli(["kb", "import", file, "--json"], { dataDir: data });
      assert.equal(again.status, 0, again.stderr);
      assert.equal(JSON.parse(again.stdout).version, committed + 1);
      const rollback = runCli(["kb", "rollback", "--to", "1", "--yes", "--json"], { dataDir: data });
      assert.equal(rollback.status, 0, rollback.stderr);
      writeFileSync(file, jsonl(sampleRecords(["pm-kisan", "apy", "kcc"])));
    });
  }
});
