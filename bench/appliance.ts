// The appliance as a sysadmin meets it: the bundle's size (and its build time), a fresh install from the
// archive on a clean Debian 12 machine with no network (test/appliance/debian-root.ts: debootstrap + nspawn),
// and backup and restore of the real knowledge base with 10,000 call records. Needs root (mount, nspawn).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createBackup } from "../src/admin/backup.js";
import { buildBundle } from "../src/admin/bundle.js";
import { restoreBackup } from "../src/admin/restore.js";
import { loadConfig, projectRoot } from "../src/config.js";
import { SahayakStore, type CallToStore } from "../src/store/index.js";
import { bootMachine, cachedRoot } from "../test/appliance/debian-root.js";
import { sharedDir } from "./questions.js";

const CALLS = 10_000;
const TURNS = 12;

/** A data directory with the real knowledge base (imported as the sysadmin imports it) and CALLS finished calls. */
function fillDataDir(dataDir: string): void {
  const imported = spawnSync(process.execPath, ["--import", "tsx", join(projectRoot, "src", "cli", "main.ts"), "--data-dir", dataDir, "kb", "import", join(sharedDir, "data", "schemes.jsonl"), "--json"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (imported.status !== 0) throw new Error(`kb import failed: ${imported.stderr}`);
  const config = loadConfig({ path: "", env: {}, overrides: { dataDir } });
  const store = SahayakStore.open(dataDir, config.store);
  try {
    const turns: CallToStore["turns"] = Array.from({ length: TURNS }, (_, i) =>
      i % 2
        ? { role: "sahayak", atMs: i * 4000, text: "PM Kisan gives 6,000 rupees a year in three instalments to landholding farmer families.", lang: "en", action: "answer", schemeIds: ["pm-kisan"], timings: { voiceToVoiceMs: 600 } }
        : { role: "caller", atMs: i * 4000, text: "what documents do I need for pm kisan", lang: "en", action: "question", confidence: 0.8, timings: { endOfSpeechMs: i * 4000 } },
    );
    const start = Date.now() - CALLS * 60_000;
    const insertAll = store.db.transaction(() => {
      for (let i = 0; i < CALLS; i++) {
        const hash = store.callers.hash(`98${String(i % 2000).padStart(8, "0")}`)!;
        store.calls.insert({ callId: `bench-${i}`, startedAt: new Date(start + i * 60_000).toISOString(), durationMs: 90_000, lang: "en", mode: "speech", outcome: "goodbye", states: [], turns }, { callerHash: hash });
      }
    });
    insertAll();
  } finally {
    store.close();
  }
}

export async function benchAppliance(): Promise<Record<string, number>> {
  if (process.getuid?.() !== 0) throw new Error("the appliance benchmark needs root (it boots a Debian machine with systemd-nspawn)");
  const work = mkdtempSync(join(tmpdir(), "sahayak-bench-appliance-"));
  try {
    // backup and restore: the real knowledge base, 10,000 calls
    const dataDir = join(work, "data");
    fillDataDir(dataDir);
    const config = loadConfig({ path: "", env: {}, overrides: { dataDir } });
    let t = performance.now();
    const backup = await createBackup({ config, out: join(work, "backup.tar.gz"), sahayakVersion: "bench", actor: "bench" });
    const backupMs = performance.now() - t;
    const fresh = loadConfig({ path: "", env: {}, overrides: { dataDir: join(work, "restored") } });
    t = performance.now();
    const restored = await restoreBackup({ file: backup.path, config: fresh, actor: "bench" });
    const restoreMs = performance.now() - t;
    if ((restored.backup.database?.calls ?? 0) !== CALLS) throw new Error(`the backup holds ${restored.backup.database?.calls} calls, not ${CALLS}`);

    // the bundle, as the archive a data centre receives
    const archive = join(work, "sahayak-bench.tar.gz");
    t = performance.now();
    const bundle = await buildBundle({ out: archive, version: "0.0.0-bench", config: loadConfig({ path: "", env: {} }) });
    const bundleBuildMs = performance.now() - t;

    // a fresh install from it on a clean machine without network, as the sysadmin runs it
    const root = cachedRoot();
    const machine = await bootMachine(root.dir);
    let installMs: number;
    try {
      machine.copyIn(archive, "/root/sahayak-bench.tar.gz");
      t = performance.now();
      const r = machine.sh("cd /root && tar -xzf sahayak-bench.tar.gz && cd sahayak-0.0.0-bench && ./install", { timeoutMs: 20 * 60_000 });
      installMs = performance.now() - t;
      if (r.status !== 0) throw new Error(`the install failed (exit ${r.status}): ${r.stdout.slice(-2000)}${r.stderr.slice(-2000)}`);
    } finally {
      await machine.stop();
    }
    return {
      bundleMB: bundle.bytes / 1e6,
      bundleFiles: bundle.files,
      bundleBuildMs,
      installFromArchiveMs: installMs,
      backupMs,
      backupMB: statSync(backup.path).size / 1e6,
      restoreMs,
      calls: CALLS,
      kbSchemes: restored.backup.kb?.schemes ?? 0,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
