import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import * as lancedb from "@lancedb/lancedb";
import { KnowledgeStore } from "../../src/knowledge/index.js";
import { jsonl, runCli, sampleRecords, tempDir, testConfig, treeDigest } from "../helpers.js";

describe("sahayak kb (CLI)", () => {
  const dir = tempDir();
  const data = join(dir.path, "data");
  const file = (name: string, content: string | Uint8Array): string => {
    const p = join(dir.path, name);
    writeFileSync(p, content);
    return p;
  };
  const kb = (...args: string[]) => runCli(["kb", ...args], { dataDir: data });
  const records = sampleRecords();

  before(() => {
    const r = kb("import", file("good.jsonl", jsonl(records)), "--reason", "initial load", "--actor", "ci");
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /version 1: 10 added/);
  });
  after(() => dir.cleanup());

  it("every bad input is refused with exit 3 and leaves the store byte for byte unchanged", () => {
    const base = records[0]!;
    const wrongType = { ...structuredClone(base), tags: 5 };
    const missing = structuredClone(base) as Record<string, unknown>;
    delete missing.eligibility;
    const badLang = structuredClone(base) as Record<string, unknown>;
    (badLang.description as Record<string, string>).qq = "?";
    const bads: [string, string | Uint8Array, RegExp][] = [
      ["malformed.jsonl", `${JSON.stringify(records[1])}\n{"schemeId": "a",,}\n`, /:3: malformed JSON/],
      ["wrongtype.jsonl", jsonl([records[1], wrongType]), /:3 \(scheme pm-kisan, field tags\)/],
      ["missing.jsonl", jsonl([missing]), /field eligibility\): missing required field/],
      ["lang.jsonl", jsonl([badLang]), /description\.qq\): unknown language code "qq"/],
      ["dupe.jsonl", jsonl([records[1], records[2], records[1]]), /duplicate schemeId "ab-pmjay" \(first on line 2\)/],
      ["latin1.jsonl", new Uint8Array([...Buffer.from(jsonl([records[1]])), 0x7b, 0xff, 0x7d, 0x0a]), /:2: invalid UTF-8 byte 0xff/],
      ["huge-text.jsonl", jsonl([{ ...structuredClone(base), description: { en: "y".repeat(200_000) } }]), /field description\.en\): text longer than/],
      ["empty.jsonl", "", /empty/],
      ["array.json", `[${JSON.stringify(records[1])}, {"oops": }]`, /malformed JSON array/],
    ];
    const before = treeDigest(data);
    for (const [name, content, pattern] of bads) {
      const changedRecord = structuredClone(records[3]!);
      changedRecord.description.en = "should never be stored";
      // a good change alongside the bad one must not be applied either
      const path = file(name, typeof content === "string" && content && name.endsWith(".jsonl") ? jsonl([changedRecord]) + content : content);
      const r = kb("import", path);
      assert.equal(r.status, 3, `${name}: ${r.stderr}`);
      assert.match(r.stderr, pattern, name);
      assert.match(r.stderr, /nothing was changed/);
      const json = kb("import", path, "--json");
      assert.equal(json.status, 3);
      assert.equal(JSON.parse(json.stdout).ok, false);
      assert.deepEqual(treeDigest(data), before, `${name} changed the store`);
    }
    const missingFile = kb("import", join(dir.path, "nope.jsonl"));
    assert.equal(missingFile.status, 4);
  });

  it("dry run reports and changes nothing", () => {
    const changed = structuredClone(records[0]!);
    changed.description.en = "A dry-run change.";
    const before = treeDigest(data);
    const r = kb("import", file("dry.jsonl", jsonl([changed, records[1]])), "--dry-run", "--json");
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { ok: true, dryRun: true, records: 2, added: 0, updated: 1, unchanged: 1 });
    assert.deepEqual(treeDigest(data), before);
  });

  it("update --set, show --version, versions, diff and rollback", () => {
    const u = kb("update", "apy", "--set", 'benefits.en[0]="Pension of ₹1,000 to ₹5,000 a month."', "--set", "tags[0]=Old age security", "--reason", "fix", "--actor", "alice");
    assert.equal(u.status, 0, u.stderr);
    assert.match(u.stdout, /version 2: 0 added, 1 updated/);
    const now = JSON.parse(kb("show", "apy", "--json").stdout);
    assert.equal(now.benefits.en[0], "Pension of ₹1,000 to ₹5,000 a month.");
    const old = JSON.parse(kb("show", "apy", "--version", "1", "--json").stdout);
    assert.deepEqual(old, records.find((r) => r.schemeId === "apy"));
    const bad = kb("update", "apy", "--set", "level=district");
    assert.equal(bad.status, 3);
    assert.match(bad.stderr, /level/);
    const versions = JSON.parse(kb("versions", "--json").stdout);
    assert.deepEqual(versions.map((v: { version: number; actor: string; reason: string }) => [v.version, v.actor, v.reason]), [[1, "ci", "initial load"], [2, "alice", "fix"]]);
    const diff = JSON.parse(kb("diff", "apy", "1", "2", "--json").stdout);
    assert.deepEqual(diff.changes.map((c: { path: string }) => c.path), ["benefits.en", "tags"]);
    const rb = kb("rollback", "--to", "1", "apy", "--json");
    assert.equal(rb.status, 0, rb.stderr);
    assert.equal(JSON.parse(rb.stdout).version, 3);
    assert.deepEqual(JSON.parse(kb("show", "apy", "--json").stdout), records.find((r) => r.schemeId === "apy"));
    assert.equal(kb("show", "no-such").status, 4);
  });

  it("add refuses existing ids; delete needs a reason", () => {
    const r = kb("add", file("one.json", JSON.stringify(records[0], null, 2)));
    assert.equal(r.status, 5);
    assert.match(r.stderr, /already in the knowledge base: pm-kisan/);
    const fresh = { ...structuredClone(records[0]!), schemeId: "pm-kisan-test" };
    const add = runCli(["kb", "add", "-"], { dataDir: data, input: JSON.stringify(fresh) });
    assert.equal(add.status, 0, add.stderr);
    assert.equal(kb("delete", "pm-kisan-test").status, 2, "--reason is required");
    const del = kb("delete", "pm-kisan-test", "--reason", "test record");
    assert.equal(del.status, 0, del.stderr);
    assert.equal(kb("delete", "pm-kisan-test", "--reason", "again").status, 4);
  });

  it("search --json prints schemeId, score and name", () => {
    const r = kb("search", "pm", "kissan", "--json", "--limit", "3");
    assert.equal(r.status, 0, r.stderr);
    const hits = JSON.parse(r.stdout) as Record<string, unknown>[];
    assert.equal(hits[0]!.schemeId, "pm-kisan");
    for (const h of hits) assert.deepEqual(Object.keys(h).sort(), ["name", "schemeId", "score"]);
    assert.equal(kb("search", "x", "--state", "Atlantis").status, 2);
  });

  it("list, stats, export round trip", () => {
    const list = (JSON.parse(kb("list", "--level", "central", "--json").stdout) as { schemes: { schemeId: string; level: string }[] }).schemes;
    assert.ok(list.length > 0 && list.every((r) => r.level === "central"));
    const page = JSON.parse(kb("list", "--limit", "3", "--offset", "3", "--json").stdout);
    assert.deepEqual([page.total, page.offset, page.count], [10, 3, 3]);
    assert.match(kb("list", "--limit", "3").stdout, /schemes 1–3 of 10; next: --offset 3 \(or --all\)\n$/);
    const stats = JSON.parse(kb("stats", "--json").stdout);
    assert.equal(stats.schemes, 10);
    const out = join(dir.path, "export.jsonl");
    assert.equal(kb("export", out).status, 0);
    const exported = readFileSync(out, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    assert.equal(exported.length, 10);
    const other = join(dir.path, "other");
    const re = runCli(["kb", "import", out, "--json"], { dataDir: other });
    assert.equal(JSON.parse(re.stdout).added, 10);
    const again = runCli(["kb", "import", out, "--json"], { dataDir: other });
    assert.equal(JSON.parse(again.stdout).created, false, "re-importing an export changes nothing");
  });

  it("rollback --to 0 --yes empties the knowledge base as a new version, and it comes back", () => {
    const versions = (JSON.parse(kb("versions", "--json").stdout) as unknown[]).length;
    const emptied = kb("rollback", "--to", "0", "--yes", "--json");
    assert.equal(emptied.status, 0, emptied.stderr);
    assert.equal(JSON.parse(emptied.stdout).version, versions + 1);
    assert.equal(JSON.parse(kb("stats", "--json").stdout).schemes, 0);
    assert.equal(JSON.parse(kb("rollback", "--to", String(versions), "--yes", "--json").stdout).added, 10);
    assert.equal(JSON.parse(kb("stats", "--json").stdout).schemes, 10);
  });

  it("compact removes old table versions, keeps the version log whole and what a running reader reads", async () => {
    for (let i = 0; i < 6; i++) assert.equal(kb("update", "apy", "--set", `tags[0]=compaction ${i}`, "--reason", `edit ${i}`).status, 0);
    const reader = await KnowledgeStore.open({ dataDir: data, knowledge: testConfig(data).knowledge });
    const readerVersion = reader.kbVersion;
    assert.equal(kb("update", "apy", "--set", "tags[0]=after the reader opened", "--reason", "one more").status, 0);
    const versionsBefore = JSON.parse(kb("versions", "--json").stdout) as unknown[];
    const tableVersions = async () => {
      const db = await lancedb.connect(join(data, "kb", "lance"));
      const counts = await Promise.all((await db.tableNames()).map(async (t) => (await (await db.openTable(t)).listVersions()).length));
      db.close();
      return counts.reduce((a, b) => a + b, 0);
    };
    const before = await tableVersions();
    const r = kb("compact", "--keep-days", "0", "--json");
    assert.equal(r.status, 0, r.stderr);
    const result = JSON.parse(r.stdout) as { bytesBefore: number; bytesAfter: number; versionsRemoved: number; keptInUse: number };
    assert.ok(result.versionsRemoved > 0 && (await tableVersions()) < before, `${before} table versions, ${result.versionsRemoved} removed`);
    assert.ok(result.bytesAfter < result.bytesBefore, `${result.bytesBefore} → ${result.bytesAfter} bytes`);
    // the reader (as serve is) still reads the version it opened, every record of it
    assert.equal(reader.kbVersion, readerVersion);
    assert.equal((await reader.get("apy"))?.tags[0], "compaction 5");
    let n = 0;
    for await (const _ of reader.all()) n++;
    assert.equal(n, 10);
    reader.close();
    assert.deepEqual(JSON.parse(kb("versions", "--json").stdout), versionsBefore, "the version log is whole");
    assert.equal(JSON.parse(kb("show", "apy", "--version", "1", "--json").stdout).tags[0], records.find((x) => x.schemeId === "apy")!.tags[0]);
    // with the reader gone, its versions go too
    const again = JSON.parse(kb("compact", "--keep-days", "0", "--json").stdout) as typeof result;
    assert.ok(again.versionsRemoved > 0, "the reader's versions are removed once it has closed");
    assert.equal(kb("update", "apy", "--set", "tags[0]=after compaction").status, 0, "the knowledge base is writable afterwards");
    assert.equal(JSON.parse(kb("search", "atal", "pension", "--json").stdout)[0].schemeId, "apy");
    // with the default retention (7 days) nothing this young is removed
    assert.equal(JSON.parse(kb("compact", "--json").stdout).versionsRemoved, 0);
  });
});
