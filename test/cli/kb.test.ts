import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { jsonl, runCli, sampleRecords, tempDir, treeDigest } from "../helpers.js";

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
    const list = JSON.parse(kb("list", "--level", "central", "--json").stdout) as { schemeId: string; level: string }[];
    assert.ok(list.length > 0 && list.every((r) => r.level === "central"));
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
});
