// The knowledge-base CLI on the real data set (3,611 schemes): an export into a slow pipe, paging through
// every scheme, versions that do not exist, and a whole-KB rollback that needs confirming.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { projectRoot } from "../../src/config.js";
import { cliCommand, runCli, schemesFile, tempDir, treeDigest } from "../helpers.js";

describe("sahayak kb on the real knowledge base: export, list, versions, rollback", () => {
  const dir = tempDir();
  const data = join(dir.path, "data");
  const kb = (...args: string[]) => runCli(["kb", ...args], { dataDir: data });
  let total = 0;

  before(() => {
    const r = kb("import", schemesFile, "--json");
    assert.equal(r.status, 0, r.stderr);
    total = JSON.parse(r.stdout).added;
    assert.ok(total > 3000, `the real data set has thousands of schemes, got ${total}`);
  });
  after(() => dir.cleanup());

  it("kb export - writes every record into a pipe whose reader is slower than the writer", async () => {
    // `sahayak kb export - | gzip`: the reader starts late, so the pipe fills and the writer must wait
    const child = spawn(process.execPath, [...cliCommand(), "--data-dir", data, "kb", "export", "-"], {
      cwd: projectRoot,
      env: { ...process.env, LANCEDB_LOG: "error", SAHAYAK_CONFIG: "" },
    });
    child.stdout.pause();
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    // wait until the export has filled the pipe (the first chunk is readable), then read slowly
    await new Promise<void>((ready) => child.stdout.once("readable", () => ready()));
    const chunks: Buffer[] = [];
    const exited = new Promise<number | null>((done) => child.on("close", (code) => done(code)));
    child.stdout.on("data", (c: Buffer) => {
      chunks.push(c);
      child.stdout.pause();
      setImmediate(() => child.stdout.resume());
    });
    child.stdout.resume();
    assert.equal(await exited, 0, stderr);
    const lines = Buffer.concat(chunks).toString("utf8").split("\n").filter(Boolean);
    assert.equal(lines.length, total, "every record reached the reader");
    assert.equal(new Set(lines.map((l) => (JSON.parse(l) as { schemeId: string }).schemeId)).size, total);
  });

  it("kb list pages through every scheme and says how many there are", () => {
    const first = kb("list");
    assert.equal(first.status, 0, first.stderr);
    const lines = first.stdout.trim().split("\n");
    assert.equal(lines.length, 101);
    assert.equal(lines.at(-1), `schemes 1–100 of ${total.toLocaleString("en-IN")}; next: --offset 100 (or --all)`);
    const big = JSON.parse(kb("list", "--limit", "500", "--json").stdout) as { total: number; offset: number; count: number; schemes: { schemeId: string }[] };
    assert.deepEqual([big.total, big.offset, big.count, big.schemes.length], [total, 0, 500, 500], "--limit above 100 is honoured");
    const next = JSON.parse(kb("list", "--limit", "500", "--offset", "500", "--json").stdout) as typeof big;
    assert.equal(next.schemes[0]!.schemeId !== big.schemes[0]!.schemeId, true);
    assert.equal(new Set([...big.schemes, ...next.schemes].map((s) => s.schemeId)).size, 1000, "pages do not overlap");
    const all = JSON.parse(kb("list", "--all", "--json").stdout) as typeof big;
    assert.equal(all.count, total);
    assert.match(kb("list", "--all").stdout.trim().split("\n").at(-1)!, new RegExp(`^all ${total.toLocaleString("en-IN")} schemes$`));
    const central = JSON.parse(kb("list", "--level", "central", "--all", "--json").stdout) as typeof big;
    assert.ok(central.total > 100 && central.total < total && central.count === central.total);
    assert.equal(kb("list", "--limit", "x").status, 2);
  });

  it("a version that does not exist is exit 4 for show, diff and rollback", () => {
    for (const args of [["show", "pm-kisan", "--version", "99"], ["diff", "pm-kisan", "1", "99"], ["rollback", "--to", "99", "--yes"], ["rollback", "--to", "99", "pm-kisan"]]) {
      const r = kb(...args);
      assert.equal(r.status, 4, `${args.join(" ")}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, /version 99 does not exist \(the latest is 1\)/, args.join(" "));
    }
    assert.equal(kb("show", "pm-kisan", "--version", "1").status, 0);
  });

  it("kb rollback of the whole knowledge base needs --yes, and --dry-run only reports", () => {
    const before = treeDigest(data);
    const refused = kb("rollback", "--to", "0");
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, new RegExp(`delete ${total} scheme\\(s\\), leaving 0 \\(now ${total}\\)`));
    assert.match(refused.stderr, /add --yes/);
    const dry = kb("rollback", "--to", "0", "--dry-run", "--json");
    assert.equal(dry.status, 0, dry.stderr);
    assert.deepEqual(JSON.parse(dry.stdout), { ok: true, dryRun: true, to: 0, added: 0, updated: 0, deleted: total });
    assert.deepEqual(treeDigest(data), before, "neither changed anything");
  });
});
