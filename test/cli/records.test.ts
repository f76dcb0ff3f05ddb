// `sahayak calls list|show`, `report unanswered`, `audit` and `purge` on a store holding a recent and an
// old call.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { SahayakStore } from "../../src/store/index.js";
import { runCli, tempDir, testConfig } from "../helpers.js";

const DAY = 86_400_000;

describe("sahayak calls / report / audit / purge (CLI)", () => {
  const dir = tempDir();
  const data = join(dir.path, "data");
  const cli = (...args: string[]) => runCli(args, { dataDir: data, env: { USER: "asha" } });
  before(() => {
    const store = SahayakStore.open(data, testConfig(data).store);
    const turns = [
      { role: "caller" as const, atMs: 2000, text: "what is the weather, my phone is 9876543210", lang: "en", action: "question", confidence: 0.8, timings: { endOfSpeechMs: 2000, recogniserFinalMs: 2011 } },
      { role: "sahayak" as const, atMs: 2600, text: "I can only help with government schemes.", lang: "en", action: "out_of_scope", timings: { voiceToVoiceMs: 590 } },
    ];
    store.calls.insert({ callId: "recent-1", startedAt: new Date(Date.now() - 60_000).toISOString(), durationMs: 12_000, lang: "en", mode: "speech", outcome: "goodbye", states: [], turns }, { callerHash: "h" });
    store.calls.insert({ callId: "old-1", startedAt: new Date(Date.now() - 40 * DAY).toISOString(), durationMs: 5000, lang: "hi", mode: "keypad", outcome: "transfer", states: [], turns: [] }, { callerHash: "h" });
    // calls the controller recorded alone: turned away busy, and one a dead process left open
    store.calls.open({ callId: "busy-1", startedAt: Date.now() - 30_000, callerHash: "h", owner: "me" });
    store.calls.refuse("busy-1", "busy", Date.now() - 30_000);
    store.calls.close("busy-1", Date.now() - 27_000);
    store.calls.open({ callId: "dead-1", startedAt: Date.now() - 20_000, callerHash: "h", owner: "a-process-that-died" });
    store.calls.closeInterrupted(() => false);
    store.calls.markSentToPerson(["dead-1"]);
    store.close();
  });
  after(() => dir.cleanup());

  it("calls list: newest first, refusals and interrupted calls included, --since filters, --json", () => {
    const all = cli("calls", "list");
    assert.equal(all.status, 0, all.stderr);
    assert.match(all.stdout, /dead-1.*interrupted.*sent to a person[\s\S]*busy-1.*busy[\s\S]*recent-1.*goodbye[\s\S]*old-1.*transfer/);
    assert.match(all.stdout, /all 4 calls\n$/);
    const recent = JSON.parse(cli("calls", "list", "--since", "7d", "--json").stdout);
    assert.deepEqual(recent.calls.map((c: { callId: string }) => c.callId), ["dead-1", "busy-1", "recent-1"]);
    assert.deepEqual([recent.total, recent.offset, recent.count], [3, 0, 3]);
    const bad = cli("calls", "list", "--since", "yesterday-ish");
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--since takes a duration such as 30m, 24h, 7d/);
  });

  it("calls show: turns with timings, the caller's number redacted; viewing is audited; an unknown id is exit 4", () => {
    const shown = cli("calls", "show", "recent-1");
    assert.equal(shown.status, 0, shown.stderr);
    assert.match(shown.stdout, /caller\s+what is the weather, my phone is \[phone\]/);
    assert.match(shown.stdout, /voiceToVoiceMs 590/);
    assert.match(shown.stdout, /unanswered: out_of_scope/);
    const json = JSON.parse(cli("calls", "show", "recent-1", "--json").stdout);
    assert.equal(json.turnList[0].timings.recogniserFinalMs, 2011);
    const missing = cli("calls", "show", "nope");
    assert.equal(missing.status, 4);
    assert.match(missing.stderr, /no call "nope" is recorded/);
    const audit = JSON.parse(cli("audit", "--json").stdout);
    assert.ok(audit.some((e: { action: string; target: string; actor: string }) => e.action === "calls.show" && e.target === "recent-1" && e.actor === "asha"));
  });

  it("report calls: how calls ended, turned-away and interrupted calls counted", () => {
    const report = cli("report", "calls", "--since", "7d");
    assert.equal(report.status, 0, report.stderr);
    assert.match(report.stdout, /1\s+busy\s+turned away: all lines busy/);
    assert.match(report.stdout, /1\s+interrupted\s+Sahayak died during the call.*\(1 reached a person\)/);
    const json = JSON.parse(cli("report", "calls", "--json").stdout) as { outcome: string; calls: number }[];
    assert.deepEqual(Object.fromEntries(json.map((o) => [o.outcome, o.calls])), { busy: 1, goodbye: 1, interrupted: 1, transfer: 1 });
  });

  it("report unanswered: grouped questions with reasons", () => {
    const report = cli("report", "unanswered");
    assert.equal(report.status, 0, report.stderr);
    assert.match(report.stdout, /1 × what is the weather, my phone is \[phone\]/);
    assert.match(report.stdout, /out_of_scope 1/);
    assert.deepEqual(JSON.parse(cli("report", "unanswered", "--since", "2026-01-01", "--json").stdout)[0].reasons, { out_of_scope: 1 });
  });

  it("purge: --dry-run counts, then removes the old call and is audited", () => {
    const dry = JSON.parse(cli("purge", "--dry-run", "--json").stdout);
    assert.equal(dry.calls, 1);
    assert.equal(JSON.parse(cli("calls", "list", "--json").stdout).count, 4);
    const done = cli("purge", "--actor", "ravi");
    assert.equal(done.status, 0, done.stderr);
    assert.match(done.stdout, /removed 1 call record/);
    assert.deepEqual(JSON.parse(cli("calls", "list", "--json").stdout).calls.map((c: { callId: string }) => c.callId), ["dead-1", "busy-1", "recent-1"]);
    const audit = cli("audit", "--since", "1h");
    assert.match(audit.stdout, /ravi\s+purge/);
  });

  it("calls list pages through more calls than one page (and than the old 1,000 cap), and says how many", () => {
    const many = tempDir();
    try {
      const store = SahayakStore.open(many.path, testConfig(many.path).store);
      const start = Date.now() - 3_600_000;
      store.db.transaction(() => {
        for (let i = 0; i < 1205; i++) store.calls.insert({ callId: `c-${String(i).padStart(4, "0")}`, startedAt: new Date(start + i * 1000).toISOString(), durationMs: 1000, lang: "en", mode: "speech", outcome: "goodbye", states: [], turns: [] }, { callerHash: "h" });
      })();
      store.close();
      const list = (...args: string[]) => runCli(["calls", "list", ...args], { dataDir: many.path });
      const first = list();
      assert.equal(first.status, 0, first.stderr);
      const lines = first.stdout.trim().split("\n");
      assert.equal(lines.length, 101);
      assert.match(lines[0]!, /^c-1204 /, "newest first");
      assert.equal(lines.at(-1), "calls 1–100 of 1,205; next: --offset 100 (or --all)");
      const last = JSON.parse(list("--offset", "1200", "--json").stdout);
      assert.deepEqual([last.total, last.offset, last.count, last.calls.at(-1).callId], [1205, 1200, 5, "c-0000"]);
      const all = JSON.parse(list("--all", "--json").stdout);
      assert.equal(new Set(all.calls.map((c: { callId: string }) => c.callId)).size, 1205, "every call, none twice");
      assert.equal(list("--all", "--limit", "5").status, 2);
    } finally {
      many.cleanup();
    }
  });
});
