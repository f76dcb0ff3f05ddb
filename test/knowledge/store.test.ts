import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { diffValues, KnowledgeStore, recordHashOf, SchemeSearch, type SchemeRecord } from "../../src/knowledge/index.js";
import { jsonl, runCli, sampleRecords, tempDir, testConfig, treeDigest, until } from "../helpers.js";

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

describe("a long-running process's changes: indexed off the request path, one at a time, read only when whole", () => {
  const dir = tempDir();
  // the background indexing is called by the test, not left to its timer
  const config = testConfig(dir.path, { knowledge: { indexing: { backgroundQuietMs: 3_600_000 } } });
  const open = (background: boolean) => KnowledgeStore.open({ dataDir: dir.path, knowledge: config.knowledge, indexInBackground: background });
  let store: KnowledgeStore;
  let search: SchemeSearch;
  const unindexed = async () => (await store.rawSchemesTable()!.indexStats("ft_tags_en_idx"))!.numUnindexedRows;
  const found = async (words: string) => (await search.search(words, { limit: 3 })).map((h) => h.schemeId);
  const withTags = (id: string, tags: string[]): SchemeRecord => ({ ...sampleRecords([id])[0]!, tags });

  before(async () => {
    const writer = await open(false);
    await writer.apply({ upserts: sampleRecords(), deletes: [] }, meta("test schemes"));
    writer.close();
    store = await open(true);
    search = new SchemeSearch(store, config.knowledge);
  });
  after(() => {
    store.close();
    dir.cleanup();
  });

  it("a change is searchable at once and its old words are gone; indexed later, a search finds what a whole rebuild finds, at the same version", async () => {
    await store.apply({ upserts: [withTags("kcc", ["quokkafarm"])], deletes: [] }, { actor: "t", reason: "tag", op: "update" });
    assert.ok((await unindexed()) > 0, "the change's row waits outside the index");
    assert.deepEqual(await found("quokkafarm"), ["kcc"]);
    await store.apply({ upserts: [withTags("kcc", ["wombatfield"])], deletes: [] }, { actor: "t", reason: "tag again", op: "update" });
    assert.deepEqual(await found("quokkafarm"), []);
    assert.deepEqual(await found("wombatfield"), ["kcc"]);
    const version = store.kbVersion;
    const before = { meta: store.meta(), hashes: await store.hashes() };
    // what this process kept in memory is what a fresh reader reads
    const fresh = await open(false);
    assert.deepEqual([fresh.kbVersion, fresh.meta(), await fresh.hashes()], [version, before.meta, before.hashes]);
    fresh.close();
    assert.ok((await store.catchUpIndexes()) > 0);
    assert.equal(await unindexed(), 0);
    assert.equal(store.kbVersion, version);
    assert.equal(await store.catchUpIndexes(), 0, "nothing left to index");
    const queries = ["loan for farmers crop", "wombatfield", "पक्का घर", "pension"];
    const caughtUp = await Promise.all(queries.map((q) => search.search(q, { limit: 5 })));
    await store.reindex();
    assert.deepEqual(await Promise.all(queries.map((q) => search.search(q, { limit: 5 }))), caughtUp);
    assert.deepEqual([store.kbVersion, store.meta()], [version, before.meta]);
  });

  it("changes made at once in one process are made one after another, none lost", async () => {
    const start = store.kbVersion;
    const results = await Promise.all(["pmay-g", "pmay-u", "apy"].map((id) => store.apply({ upserts: [withTags(id, [`tag-${id}`])], deletes: [] }, { actor: "t", reason: `tag ${id}`, op: "update" })));
    assert.deepEqual(results.map((r) => r.version).sort(), [start + 1, start + 2, start + 3]);
    for (const id of ["pmay-g", "pmay-u", "apy"]) assert.deepEqual((await store.get(id))!.tags, [`tag-${id}`]);
    assert.deepEqual((await store.commits()).map((c) => c.version).slice(-3), [start + 1, start + 2, start + 3]);
  });

  it("the name matcher is rebuilt as soon as a change is read, before any search asks for it, and then knows the new name", async () => {
    const kcc = sampleRecords(["kcc"])[0]!;
    const renamed = { ...kcc, name: { ...kcc.name, en: "Quokka Wombat Kisan Yojana" } };
    await store.apply({ upserts: [renamed], deletes: [] }, { actor: "t", reason: "rename", op: "update" });
    assert.equal(search.matcherCurrent, false, "the change moved the readers on");
    // the request that made the change answers first (its audit entry may wait on a database round trip)
    await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(search.matcherCurrent, false, "not built while the change's own request may still be answering");
    assert.ok(search.matchNames("quokka wombat kisan yojana").every((m) => m.alias !== renamed.name.en), "meanwhile the previous version's matcher answers");
    await new Promise((resolve) => setTimeout(resolve, config.knowledge.rebuild.afterChangeMs));
    // built in slices between the loop's other work, with no search made
    await until(() => search.matcherCurrent);
    assert.equal(search.matchNames("quokka wombat kisan yojana")[0]?.schemeId, "kcc");
  });

  it("a search while a change is written reads the previous version whole", async () => {
    const schemes = () => store.rawSchemesTable()!.countRows("schemeId = 'pm-kisan'");
    let done = false;
    const change = store.apply({ upserts: [withTags("pm-kisan", ["numbatgrove"])], deletes: [] }, { actor: "t", reason: "tag", op: "update" }).finally(() => (done = true));
    const seen: number[] = [];
    while (!done) seen.push(await schemes());
    await change;
    assert.ok(seen.length > 0);
    assert.deepEqual([...new Set(seen)], [1], "pm-kisan was always there, once");
    assert.deepEqual(await found("numbatgrove"), ["pm-kisan"]);
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
