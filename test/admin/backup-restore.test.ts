// Backup while calls are going on, restore into a fresh data directory: the knowledge base's versions,
// the call records and the audit log come back exactly; a damaged backup is refused and changes nothing.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { openCallServices, type CallServices } from "../../src/call/index.js";
import { Simulation } from "../../src/call/simulation.js";
import type { Config } from "../../src/config.js";
import { KnowledgeStore } from "../../src/knowledge/index.js";
import { ModelStore } from "../../src/ops/models.js";
import { IN_PROGRESS, SahayakStore } from "../../src/store/index.js";
import { jsonl, runCli, runCliAsync, sampleRecords, tempDir, testConfig, treeDigest, until } from "../helpers.js";
import { englishModelDir } from "../speech/asr-fixture.js";

/** Everything the knowledge base says about its versions: the commit log, every scheme's history and records at each version. */
async function kbState(dataDir: string): Promise<unknown> {
  const store = await KnowledgeStore.open({ dataDir, knowledge: testConfig(dataDir).knowledge });
  try {
    const commits = await store.commits();
    const ids = [...new Set(commits.flatMap((c) => [...c.added, ...c.updated, ...c.deleted]))].sort();
    const perScheme: Record<string, unknown> = {};
    for (const id of ids) perScheme[id] = { history: await store.history(id), atEachVersion: await Promise.all(commits.map((c) => store.get(id, c.version))) };
    const current: unknown[] = [];
    for await (const record of store.all()) current.push(record);
    return { version: store.kbVersion, commits, perScheme, current };
  } finally {
    store.close();
  }
}

function dbRows(dataDir: string): { calls: Map<string, unknown>; audit: { action: string }[] } {
  const store = SahayakStore.open(dataDir, testConfig(dataDir).store);
  try {
    const ids = store.db.prepare("SELECT id FROM calls").pluck().all() as string[];
    return { calls: new Map(ids.map((id) => [id, store.calls.show(id)])), audit: store.audit.list() };
  } finally {
    store.close();
  }
}

describe("backup during calls, restore into a fresh data directory", () => {
  const dir = tempDir();
  const source = join(dir.path, "source");
  const configFile = join(dir.path, "config.json");
  const archive = join(dir.path, "backup.tar.gz");
  let config: Config;
  let services: CallServices;
  let simulation: Simulation;

  before(async () => {
    mkdirSync(source);
    writeFileSync(configFile, JSON.stringify({ dataDir: source, modelsDir: join(source, "models") }));
    config = testConfig(source, { modelsDir: join(source, "models") });
    new ModelStore(config.modelsDir).import(englishModelDir, { lang: "en" });
    const records = sampleRecords();
    writeFileSync(join(dir.path, "kb.jsonl"), jsonl(records));
    const cli = (...args: string[]) => runCli(args, { dataDir: source, env: { SAHAYAK_CONFIG: configFile } });
    assert.equal(cli("kb", "import", join(dir.path, "kb.jsonl"), "--reason", "first load").status, 0);
    assert.equal(cli("kb", "update", "apy", "--set", "tags[0]=Pension", "--reason", "second").status, 0);
    assert.equal(cli("kb", "delete", "kcc", "--reason", "third").status, 0);
    assert.equal(cli("prompts", "render").status, 0);
    services = await openCallServices(config);
    simulation = await Simulation.start(config, services);
  });
  after(async () => {
    await simulation?.close();
    await services?.close();
    dir.cleanup();
  });

  it("a backup taken while calls are recorded restores exactly what it saw", async () => {
    // real calls through the pipeline, and a writer process recording calls as fast as it can
    const calls = [0, 1].map(() => simulation.call({ lang: "en", hurry: true, steps: [{ kind: "say", text: "what is pm kisan" }, { kind: "say", text: "goodbye" }] }));
    const writer = spawn(process.execPath, ["--import", "tsx", new URL("../store/writer.ts", import.meta.url).pathname, source, "w", "0"], { stdio: ["ignore", "pipe", "inherit"] });
    const committed: string[] = [];
    writer.stdout.on("data", (d: Buffer) => committed.push(...d.toString().split("\n").filter(Boolean)));
    await until(() => committed.length >= 50, 60_000);
    const before = committed.length;
    const backup = await runCliAsync(["backup", "--out", archive, "--actor", "ci", "--json"], { dataDir: source, env: { SAHAYAK_CONFIG: configFile } });
    const afterBackup = committed.length;
    writer.kill("SIGKILL");
    await Promise.all(calls);
    assert.equal(backup.status, 0, backup.stderr);
    const manifest = JSON.parse(backup.stdout);
    assert.ok(afterBackup > before, "calls were being recorded while the backup ran");
    assert.equal(manifest.includesSecrets, false);
    assert.equal(manifest.config, true);
    assert.equal((readFileSync(archive)[0]! << 8) | readFileSync(archive)[1]!, 0x1f8b, "a gzip file");
    assert.equal(spawnSync("tar", ["-tzf", archive], { encoding: "utf8" }).stdout.includes("secrets/"), false, "no salt without --include-secrets");

    const fresh = join(dir.path, "fresh");
    const restored = runCli(["restore", archive, "--json"], { dataDir: fresh, env: { SAHAYAK_CONFIG: "" } });
    assert.equal(restored.status, 0, restored.stderr);
    // the knowledge base: every version, the history of every scheme and the commit log
    assert.deepEqual(await kbState(fresh), await kbState(source));
    // the calls: exactly those the backup saw (every one committed before it began), each whole
    const src = dbRows(source);
    const out = dbRows(fresh);
    assert.equal(out.calls.size, manifest.database.calls);
    for (const id of committed.slice(0, before)) assert.ok(out.calls.has(id), `${id}, recorded before the backup, is restored`);
    for (const [id, call] of out.calls) {
      const now = src.calls.get(id) as { outcome: string; startedAt: string } | undefined;
      // a call still going on when the backup ran is restored as it stood then (opened, in progress); the
      // source has finished it since; every other call is restored exactly
      if ((call as { outcome: string }).outcome === IN_PROGRESS) {
        assert.ok(now && now.outcome !== IN_PROGRESS, `call ${id} was in progress at the backup and has ended since`);
        assert.equal((call as { startedAt: string }).startedAt, now.startedAt);
      } else assert.deepEqual(call, now, `call ${id} is restored exactly`);
    }
    // the audit log: the source's entries up to the backup, then the restore itself
    const n = manifest.database.auditEntries;
    assert.deepEqual(out.audit.slice(0, n), src.audit.slice(0, n));
    assert.equal(src.audit[n]?.action, "backup");
    assert.equal(out.audit.at(-1)?.action, "restore");
    assert.equal(out.audit.length, n + 1);
    // prompts and the model choice came along; the weights are not in a backup
    assert.deepEqual(readdirSync(join(fresh, "prompts")).sort(), readdirSync(join(source, "prompts")).filter((f) => !f.includes(".tmp-")).sort());
    assert.match(JSON.parse(restored.stdout).warnings.join(), /en-gigaspeech-zipformer-3\.3m/);
    // a search works on the restored knowledge base (its indexes were rebuilt)
    const search = runCli(["kb", "search", "pm", "kisan", "--json"], { dataDir: fresh, env: { SAHAYAK_CONFIG: "" } });
    assert.equal(JSON.parse(search.stdout)[0].schemeId, "pm-kisan");
  });

  it("a damaged or tampered backup is refused and changes nothing; --dry-run changes nothing", async () => {
    const target = join(dir.path, "fresh");
    const env = { SAHAYAK_CONFIG: "" };
    // a reader of the target (as serve would be) keeps working through all of it
    const reader = await KnowledgeStore.open({ dataDir: target, knowledge: testConfig(target).knowledge });
    const before = treeDigest(target);
    const bytes = readFileSync(archive);
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(flipped.length / 2)]! ^= 0xff;
    writeFileSync(join(dir.path, "flipped.tar.gz"), flipped);
    // tampered but well formed: one byte of the database changed, the archive made again
    const unpacked = join(dir.path, "unpacked");
    mkdirSync(unpacked);
    assert.equal(spawnSync("tar", ["-xzf", archive, "-C", unpacked]).status, 0);
    const db = readFileSync(join(unpacked, "sahayak.db"));
    db[db.length - 100]! ^= 0x01;
    writeFileSync(join(unpacked, "sahayak.db"), db);
    assert.equal(spawnSync("tar", ["-czf", join(dir.path, "tampered.tar.gz"), "-C", unpacked, "."]).status, 0);
    for (const [name, pattern] of [["flipped.tar.gz", /not a readable backup|could not be unpacked/], ["tampered.tar.gz", /sahayak\.db does not match its checksum/]] as const) {
      const r = runCli(["restore", join(dir.path, name)], { dataDir: target, env });
      assert.equal(r.status, 3, `${name}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, pattern, name);
      assert.match(r.stderr, /nothing was changed/);
      assert.deepEqual(treeDigest(target), before, `${name} changed the data directory`);
    }
    const dry = runCli(["restore", archive, "--dry-run"], { dataDir: target, env });
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, /dry run: nothing changed/);
    assert.deepEqual(treeDigest(target), before);
    assert.equal((await reader.get("pm-kisan"))?.schemeId, "pm-kisan");
    reader.close();
    assert.equal(readdirSync(dir.path).some((f) => f.startsWith(".fresh-restore-")), false, "no staging folder is left behind");
  });

  it("--include-secrets carries the caller salt, and only then", () => {
    const withSalt = join(dir.path, "with-salt.tar.gz");
    const r = runCli(["backup", "--out", withSalt, "--include-secrets", "--json"], { dataDir: source, env: { SAHAYAK_CONFIG: configFile } });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).includesSecrets, true);
    const target = join(dir.path, "salted");
    assert.equal(runCli(["restore", withSalt], { dataDir: target, env: { SAHAYAK_CONFIG: "" } }).status, 0);
    assert.equal(readFileSync(join(target, "secrets", "caller-salt"), "utf8"), readFileSync(join(source, "secrets", "caller-salt"), "utf8"));
    assert.equal(existsSync(join(dir.path, "backup.tar.gz")), true);
    assert.equal(runCli(["backup", "--out", withSalt], { dataDir: source, env: { SAHAYAK_CONFIG: configFile } }).status, 1, "an existing file is never overwritten");
  });
});
