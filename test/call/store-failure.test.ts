// The store failing during calls: the database locked by another process past its busy timeout, the disk
// full, the data directory turned read-only. Each time the caller is still answered, and at once (whole calls
// through the real pipeline on the PBX simulator, in keypad mode: no recogniser is installed), the failure is
// logged with its call, and once the fault is gone the next call is stored. The data directory is a small
// ext4 file system of the test's own on a loop device (the disk that fills up; the file system the kernel turns
// read-only after an error, as errors=remount-ro does, after which it is repaired and Sahayak started again),
// so this needs root (CI runs as root).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { closeSync, cpSync, mkdirSync, mkdtempSync, openSync, rmSync, truncateSync, unlinkSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { after, before, describe, it } from "node:test";
import Database from "better-sqlite3";
import { openCallServices, type CallServices } from "../../src/call/index.js";
import { Simulation, type SimulatedCall } from "../../src/call/simulation.js";
import { createLogger } from "../../src/ops/log.js";
import { SahayakStore } from "../../src/store/index.js";
import { realKnowledgeBase } from "../kb-fixture.js";
import { asRoot, assertRoot, until } from "../helpers.js";

/** A caller who knows the menus: English (2), the first topic, its first scheme, and "what it is", a key at a time. */
const KEYS = "2111";
const KEY_GAP_MS = 700;
/** The caller hangs up this long after ringing, during the answer (the whole answer would take half a minute). */
const CALL_MS = 12_000;
/** A caller hears Sahayak within this long of ringing (a healthy store: 0.1-1 s, prompts cached; generous for a loaded machine). */
const FIRST_AUDIO_MS = 3000;
const DISK_BYTES = 64 * 1024 * 1024;

interface LogLine {
  level: number;
  msg: string;
  err?: string;
  problem?: string;
  callId?: string;
}

describe("the store failing during calls", asRoot(), () => {
  const work = mkdtempSync(join(tmpdir(), "sahayak-store-fault-"));
  const image = join(work, "disk.img");
  const mount = join(work, "data");
  let mounted = false;
  let fixture: Awaited<ReturnType<typeof realKnowledgeBase>> | undefined;
  let services: CallServices | undefined;
  let simulation: Simulation | undefined;
  const logged: LogLine[] = [];
  const noModels = mkdtempSync(join(tmpdir(), "sahayak-no-models-"));

  const sh = (...args: string[]) => {
    const r = spawnSync(args[0]!, args.slice(1), { encoding: "utf8" });
    assert.equal(r.status, 0, `${args.join(" ")}: ${r.stderr}`);
  };
  const mountDisk = () => {
    mkdirSync(mount, { recursive: true });
    sh("mount", "-o", "loop,errors=remount-ro", image, mount);
    mounted = true;
    // the disk must be there and writable before Sahayak starts on it
    const options = spawnSync("findmnt", ["-no", "FSTYPE,OPTIONS", mount], { encoding: "utf8" }).stdout.trim();
    assert.match(options, /^ext4\s+rw,/, `the test's disk is mounted read-write: ${options}`);
    writeFileSync(join(mount, ".mounted"), "");
  };
  const unmountDisk = () => {
    if (mounted) sh("umount", mount);
    mounted = false;
  };

  /** Starts what `serve` runs for calls, on the data directory of the small disk. */
  async function startServing(): Promise<void> {
    const config = { ...fixture!.config, dataDir: mount };
    const log = createLogger("info", { write: (line: string) => void logged.push(JSON.parse(line) as LogLine) });
    services = await openCallServices(config, log);
    simulation = await Simulation.start(config, services, log);
  }
  async function stopServing(): Promise<void> {
    await simulation?.close();
    await services?.close();
    simulation = undefined;
    services = undefined;
  }

  before(async () => {
    assertRoot();
    writeFileSync(image, "");
    truncateSync(image, DISK_BYTES);
    // no blocks reserved for root: the disk is full for Sahayak (running as root here) too
    sh("mkfs.ext4", "-q", "-F", "-m", "0", image);
    mountDisk();
    fixture = await realKnowledgeBase({ modelsDir: noModels });
    cpSync(join(fixture.config.dataDir, "kb"), join(mount, "kb"), { recursive: true });
    await startServing();
  });
  after(async () => {
    await stopServing();
    await fixture?.cleanup();
    if (mounted) spawnSync("umount", ["-l", mount]);
    rmSync(work, { recursive: true, force: true });
    rmSync(noModels, { recursive: true, force: true });
  });

  /** One call: the caller presses the keys as soon as Sahayak speaks, and hangs up during the answer. */
  const place = async (): Promise<SimulatedCall & { placedAt: number }> => {
    const pbx = simulation!.pbx;
    const before = new Set(pbx.channels.keys());
    const placedAt = performance.now();
    const call = simulation!.call({ steps: [], hangupAfterMs: CALL_MS });
    const newCaller = () => [...pbx.channels.values()].find((c) => c.kind === "caller" && !before.has(c.id))?.id;
    await until(() => newCaller() !== undefined, 5000);
    const id = newCaller()!;
    await until(() => (pbx.callerMedia(id)?.heardAt.length ?? 0) > 0 || !pbx.channels.has(id), CALL_MS).catch(() => undefined);
    if (pbx.channels.has(id)) await pbx.sendDtmf(id, KEYS, 100, KEY_GAP_MS).catch(() => undefined);
    return { ...(await call), placedAt };
  };

  /** The caller heard Sahayak at once, and an answer to the keys they pressed. */
  function assertAnswered(call: SimulatedCall & { placedAt: number }, timed = true): void {
    const turns = JSON.stringify(call.record.turns.map((t) => [t.role, t.action, t.schemeIds]));
    assert.ok(call.heardAt.length > 0, "the caller heard Sahayak");
    const firstAudioMs = call.heardAt[0]! - call.placedAt;
    if (timed) assert.ok(firstAudioMs < FIRST_AUDIO_MS, `the caller heard Sahayak ${Math.round(firstAudioMs)} ms after ringing (at most ${FIRST_AUDIO_MS})`);
    assert.ok(call.record.turns.some((t) => t.role === "sahayak" && t.action === "answer" && t.schemeIds?.length), `the caller got an answer: ${turns}`);
  }

  /** The next call, with the fault gone, is stored as it ended. */
  async function assertNextCallStored(timed = true): Promise<void> {
    const next = await place();
    assertAnswered(next, timed);
    const store = SahayakStore.open(mount, fixture!.config.store);
    try {
      const stored = store.calls.list(0, 1000).find((c) => c.callId === next.record.callId);
      assert.equal(stored?.outcome, next.record.outcome, "the next call is stored");
    } finally {
      store.close();
    }
  }

  const errorsOf = (callId: string) => logged.filter((l) => l.level >= 50 && l.callId === callId);

  it("a healthy store: the call is answered and stored (and the prompt cache filled, as on a running appliance)", async () => {
    // the first call renders the prompts: not yet the time a caller waits on a running appliance
    await assertNextCallStored(false);
  });

  it("the database locked by another process past its busy timeout", async () => {
    const other = new Database(join(mount, "sahayak.db"));
    let call: SimulatedCall & { placedAt: number };
    try {
      other.exec("BEGIN IMMEDIATE");
      call = await place();
    } finally {
      if (other.inTransaction) other.exec("ROLLBACK");
      other.close();
    }
    assertAnswered(call);
    assert.ok(errorsOf(call.record.callId).some((l) => /write lock/.test(l.problem ?? "")), `the failure is logged with its call: ${JSON.stringify(errorsOf(call.record.callId))}`);
    await assertNextCallStored();
  });

  it("the disk full", async () => {
    const filler = join(mount, "filler");
    const fd = openSync(filler, "w");
    try {
      // every block there is, in big pieces then small ones
      for (const piece of [Buffer.alloc(1 << 20), Buffer.alloc(4096)]) {
        try {
          for (;;) writeSync(fd, piece);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== "ENOSPC") throw err;
        }
      }
    } finally {
      closeSync(fd);
    }
    let call: SimulatedCall & { placedAt: number };
    try {
      call = await place();
    } finally {
      unlinkSync(filler);
    }
    assertAnswered(call);
    assert.ok(errorsOf(call.record.callId).some((l) => /is full: free space/.test(l.problem ?? "")), `the failure is logged with its call: ${JSON.stringify(errorsOf(call.record.callId))}`);
    await assertNextCallStored();
  });

  it("the file system turned read-only under the calls (after an error, as errors=remount-ro does); repaired, and Sahayak started again", async () => {
    const device = basename(spawnSync("findmnt", ["-no", "SOURCE", mount], { encoding: "utf8" }).stdout.trim());
    writeFileSync(`/sys/fs/ext4/${device}/trigger_fs_error`, "1");
    const call = await place();
    assertAnswered(call);
    assert.ok(errorsOf(call.record.callId).some((l) => /is read-only .*repair it/.test(l.problem ?? "")), `the failure is logged with its call: ${JSON.stringify(errorsOf(call.record.callId))}`);
    // what an administrator does: stop Sahayak, repair the file system, mount it again, start Sahayak
    await stopServing();
    unmountDisk();
    const fsck = spawnSync("e2fsck", ["-f", "-y", image], { encoding: "utf8" });
    assert.ok(fsck.status === 0 || fsck.status === 1, `e2fsck: ${fsck.stderr}`);
    mountDisk();
    await startServing();
    await assertNextCallStored();
  });
});
