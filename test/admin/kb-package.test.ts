// The published snapshot's bytes: what a node fetched is opened only when it is exactly what was published,
// and whatever else it is (altered, cut short, not a snapshot) is refused saying so. And what a node does with
// the published, on-disk and live copies (nextStep), including never overwriting edits it has not published.
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { after, before, describe, it } from "node:test";
import { KbPackageError, packSnapshot, sha256Hex, unpackSnapshot } from "../../src/admin/kb-package.js";
import { nextStep, sameKb } from "../../src/admin/kb-sync.js";
import { KnowledgeStore, TABLE_NAMES, type KbSnapshot } from "../../src/knowledge/index.js";
import type { PublishedKb } from "../../src/store/index.js";
import { sampleRecords, tempDir, testConfig } from "../helpers.js";

describe("knowledge-base snapshot package", () => {
  let dir: { path: string; cleanup(): void };
  let snapshot: KbSnapshot;
  let packed: Buffer;
  before(async () => {
    dir = tempDir();
    const kb = await KnowledgeStore.open({ dataDir: dir.path, knowledge: testConfig(dir.path).knowledge });
    await kb.apply({ upserts: sampleRecords(["pm-kisan", "apy"]), deletes: [] }, { actor: "test", reason: "test", op: "import" });
    snapshot = await kb.snapshot();
    kb.close();
    packed = await packSnapshot(snapshot);
  });
  after(() => dir.cleanup());

  it("unpacks to the same tables, version and commit time", async () => {
    const back = await unpackSnapshot(packed, sha256Hex(packed));
    assert.deepEqual([back.kbVersion, back.time], [snapshot.kbVersion, snapshot.time]);
    for (const name of TABLE_NAMES) {
      assert.equal(back.tables[name].numRows, snapshot.tables[name].numRows, name);
      assert.deepEqual(back.tables[name].toArray().map((r) => JSON.stringify(r)), snapshot.tables[name].toArray().map((r) => JSON.stringify(r)), name);
    }
  });

  it("refuses bytes that are not the published ones: one byte changed, cut short, a wrong checksum", async () => {
    const sha = sha256Hex(packed);
    const altered = Buffer.from(packed);
    altered[altered.length >> 1]! ^= 0xff;
    await assert.rejects(unpackSnapshot(altered, sha), (err: Error) => err instanceof KbPackageError && /checksum .* not the published/.test(err.message));
    await assert.rejects(unpackSnapshot(packed.subarray(0, packed.length - 10), sha), /damaged or incomplete/);
    await assert.rejects(unpackSnapshot(Buffer.alloc(0), sha), KbPackageError);
  });

  it("refuses bytes whose checksum matches but which are not a whole snapshot", async () => {
    const cases: [Buffer, RegExp][] = [
      [Buffer.from("not gzip at all"), /cannot be decompressed/],
      [gzipSync(Buffer.from("SOMETHING-ELSE\n....")), /not a Sahayak knowledge-base snapshot/],
      // the header promises more than follows
      [gzipSync(Buffer.concat([Buffer.from("SAHAYAK-KB\n"), lengthOf('{"format":1,"kbVersion":1,"time":"t","tables":{"schemes":10,"history":0,"commits":0}}'), Buffer.from('{"format":1,"kbVersion":1,"time":"t","tables":{"schemes":10,"history":0,"commits":0}}')])), /holds \d+ bytes where its header names \d+/],
      [gzipSync(Buffer.concat([Buffer.from("SAHAYAK-KB\n"), lengthOf("{oops"), Buffer.from("{oops")])), /header is unreadable/],
      [gzipSync(Buffer.concat([Buffer.from("SAHAYAK-KB\n"), lengthOf('{"format":1,"kbVersion":1,"time":"t","tables":{"schemes":3,"history":0,"commits":0}}'), Buffer.from('{"format":1,"kbVersion":1,"time":"t","tables":{"schemes":3,"history":0,"commits":0}}'), Buffer.from("abc")])), /not a whole knowledge base: its schemes table lacks the column/],
    ];
    cases.push([await packSnapshot({ ...snapshot, kbVersion: snapshot.kbVersion + 4 }), /its commit log ends at version 1, its head says 5/]);
    for (const [bytes, why] of cases) await assert.rejects(unpackSnapshot(bytes, sha256Hex(bytes)), (err: Error) => err instanceof KbPackageError && why.test(err.message));
  });
});

function lengthOf(text: string): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(Buffer.byteLength(text));
  return b;
}

describe("what a serving node does with the published knowledge base", () => {
  const published = (kbVersion: number, kbTime: string): PublishedKb => ({ id: 1, kbVersion, kbTime, sha256: "x", bytes: 1, schemes: 1, node: "a", actor: "asha", publishedAt: "" });
  const kb = (kbVersion: number, time: string) => ({ kbVersion, time });

  it("fetches a newer one, switches to one on disk, leaves the published one or none alone", () => {
    assert.equal(nextStep(undefined, kb(3, "t3"), kb(3, "t3")), "none", "nothing published: its own copy");
    assert.equal(nextStep(published(4, "t4"), kb(3, "t3"), kb(3, "t3")), "fetch");
    assert.equal(nextStep(published(4, "t4"), kb(0, ""), kb(0, "")), "fetch", "a node with no knowledge base takes the published one");
    assert.equal(nextStep(published(4, "t4"), kb(4, "t4"), kb(3, "t3")), "switch", "fetched (or edited and published here), not yet answered from");
    assert.equal(nextStep(published(4, "t4"), kb(4, "t4"), kb(4, "t4")), "none");
  });

  it("never overwrites a copy that is not older: edits made here and not published are the node's to publish", () => {
    assert.equal(nextStep(published(4, "t4"), kb(5, "t5"), kb(5, "t5")), "diverged");
    assert.equal(nextStep(published(4, "t4"), kb(4, "other"), kb(4, "other")), "diverged", "the same number is not the same knowledge base");
    assert.equal(nextStep(published(4, "t4"), kb(5, "t5"), kb(4, "t4")), "none", "calls go on from the published one until the node's edit is published");
  });

  it("tells two copies apart by version and commit time", () => {
    assert.ok(sameKb(kb(2, "t"), kb(2, "t")));
    assert.ok(!sameKb(kb(2, "t"), kb(2, "u")));
    assert.ok(!sameKb(kb(2, "t"), kb(3, "t")));
  });
});
