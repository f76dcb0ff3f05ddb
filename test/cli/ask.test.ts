import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { SahayakStore } from "../../src/store/index.js";
import { jsonl, runCli, sampleRecords, tempDir, testConfig } from "../helpers.js";

describe("sahayak ask (CLI)", () => {
  const dir = tempDir();
  const data = join(dir.path, "data");
  before(() => {
    const file = join(dir.path, "kb.jsonl");
    writeFileSync(file, jsonl(sampleRecords()));
    assert.equal(runCli(["kb", "import", file], { dataDir: data }).status, 0);
  });
  after(() => dir.cleanup());

  it("answers with JSON fields and keeps a session between invocations", () => {
    const first = runCli(["ask", "--json", "--session", "s1", "Tell me about Ayushman Bharat"], { dataDir: data });
    assert.equal(first.status, 0, first.stderr);
    const a = JSON.parse(first.stdout);
    for (const key of ["text", "lang", "action", "intent", "schemeIds"]) assert.ok(key in a, key);
    assert.deepEqual([a.action, a.schemeIds[0]], ["answer", "ab-pmjay"]);
    const second = JSON.parse(runCli(["ask", "--json", "--session", "s1", "what documents for it?"], { dataDir: data }).stdout);
    assert.deepEqual([second.intent, second.schemeIds[0]], ["documents", "ab-pmjay"]);
    const other = JSON.parse(runCli(["ask", "--json", "--session", "s2", "what documents for it?"], { dataDir: data }).stdout);
    assert.notEqual(other.action, "answer", "another session has no 'it'");
    assert.equal(runCli(["ask", "--session", "../etc/passwd", "hi"], { dataDir: data }).status, 2);
    const store = SahayakStore.open(data, testConfig(data).store);
    try {
      assert.equal(store.sessions.load<{ currentScheme?: { id: string } }>("ask:s1")?.context.currentScheme?.id, "ab-pmjay", "the session lives in the store");
      assert.equal(store.audit.list().find((e) => e.action === "kb.import")?.target, "knowledge base v1", "the import before was audited");
    } finally {
      store.close();
    }
  });

  it("--batch answers JSON lines from one process, sessions kept apart", () => {
    const input = [
      { session: "a", question: "housing scheme" },
      { session: "b", question: "What is PM Kisan?" },
      { session: "a", question: "the rural one" },
      "not json",
      { session: "b", question: 42 },
    ].map((x) => (typeof x === "string" ? x : JSON.stringify(x))).join("\n");
    const r = runCli(["ask", "--json", "--batch", "-"], { dataDir: data, input });
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    assert.equal(lines.length, 5);
    assert.equal(lines[0].action, "clarify");
    assert.deepEqual([lines[2].session, lines[2].schemeIds[0]], ["a", "pmay-g"]);
    assert.match(lines[3].error, /line 4/);
    assert.match(lines[4].error, /question/);
  });

  it("an empty knowledge base is explained", () => {
    const r = runCli(["ask", "What is PM Kisan?"], { dataDir: join(dir.path, "empty") });
    assert.equal(r.status, 6);
    assert.match(r.stderr, /kb import/);
  });
});
