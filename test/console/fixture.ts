// A running console for tests: a knowledge base of real sample schemes, a store whose clock a test can move
// (to expire sessions and lock-outs), accounts of each role, and, when asked, the call services and the PBX
// simulator so that real calls run through the same process the console watches.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runDoctor } from "../../src/admin/doctor.js";
import { databaseCheck, diskCheck, knowledgeCheck, modelsCheck } from "../../src/admin/health.js";
import { openCallServices, type CallServices } from "../../src/call/index.js";
import { Simulation } from "../../src/call/simulation.js";
import type { Config } from "../../src/config.js";
import { Accounts, startConsole, type ConsoleDeps, type RunningConsole } from "../../src/console/index.js";
import { openDialogue } from "../../src/dialogue/index.js";
import { KnowledgeStore, indexingInBackground, openKnowledgeBase } from "../../src/knowledge/index.js";
import { createLogger } from "../../src/ops/log.js";
import { ModelStore } from "../../src/ops/models.js";
import { Readiness } from "../../src/ops/readiness.js";
import { loadTtsEngine, type TtsEngine } from "../../src/speech/tts/index.js";
import { openStoreBackend, type StoreBackend } from "../../src/store/index.js";
import { englishModelDir } from "../speech/asr-fixture.js";
import { jsonl, sampleRecords, tempDir, testConfig } from "../helpers.js";

export const PASSWORDS = { admin: "admin-pass-4711", editor: "editor-pass-4711", viewer: "viewer-pass-4711" } as const;
export const USERS = { admin: "asha", editor: "ravi", viewer: "vimla" } as const;

export interface ConsoleFixture {
  url: string;
  config: Config;
  dataDir: string;
  /** The console's store (SQLite, or PostgreSQL when the config says so); its clock is Date.now() + clock.offsetMs. */
  store: StoreBackend;
  clock: { offsetMs: number };
  routes: RunningConsole["routes"];
  services?: CallServices;
  simulation?: Simulation;
  cleanup(): Promise<void>;
}

/** `calls`: a PBX simulator and real call services behind the console; `watchTts`: wraps the synthesiser the console uses. */
export async function startConsoleFixture(options: { calls?: boolean; config?: Record<string, unknown>; watchTts?: (engine: TtsEngine) => TtsEngine } = {}): Promise<ConsoleFixture> {
  const watchTts = options.watchTts ?? ((engine: TtsEngine) => engine);
  const dir = tempDir("sahayak-console-");
  const dataDir = join(dir.path, "data");
  const modelsDir = join(dir.path, "models");
  mkdirSync(modelsDir, { recursive: true });
  const config = testConfig(dataDir, { modelsDir, ...options.config, console: { port: 0, liveRefreshMs: 500, ...(options.config?.console as object) } });
  if (options.calls) new ModelStore(modelsDir).import(englishModelDir, { lang: "en" });
  const writer = await KnowledgeStore.open({ dataDir, knowledge: config.knowledge });
  await writer.apply({ upserts: sampleRecords(), deletes: [] }, { actor: "setup", reason: "test schemes", op: "import" });
  writer.close();

  const clock = { offsetMs: 0 };
  const store = await openStoreBackend(dataDir, config.store, { now: () => Date.now() + clock.offsetMs });
  const accounts = new Accounts(store, config.console);
  for (const role of ["admin", "editor", "viewer"] as const) await accounts.add("setup", USERS[role], role, PASSWORDS[role]);
  const log = createLogger("silent");
  const closers: (() => Promise<void> | void)[] = [() => store.close()];
  try {
    let deps: ConsoleDeps;
    let services: CallServices | undefined;
    let simulation: Simulation | undefined;
    const readiness = new Readiness(config.ops.readinessCheckTimeoutMs);
    const doctor = () => runDoctor({ dataDir, env: { SAHAYAK_MODELS_DIR: modelsDir } });
    if (options.calls) {
      services = await openCallServices(config, log);
      closers.push(() => services!.close());
      simulation = await Simulation.start(config, services, log);
      closers.push(() => simulation!.close());
      readiness.register("models", modelsCheck(services));
      readiness.register("knowledge_base", knowledgeCheck(services));
      readiness.register("database", databaseCheck(services));
      readiness.register("disk", diskCheck(config));
      const handler = simulation.handler;
      deps = { config, store, kb: services.knowledgeBase!, dialogue: services.dialogue, tts: watchTts(services.tts), readiness, liveCalls: () => handler.snapshot(), doctor, log };
    } else {
      const kb = await openKnowledgeBase(config, indexingInBackground(log));
      closers.push(() => kb.close());
      const dialogue = await openDialogue(kb, config, log);
      closers.push(() => dialogue.close());
      const tts = await loadTtsEngine(config);
      closers.push(() => tts.close());
      readiness.register("knowledge_base", knowledgeCheck({ get knowledge() { return { version: kb.store.kbVersion, schemes: kb.store.size }; } }));
      readiness.register("database", databaseCheck({ sessions: { store } }));
      readiness.register("disk", diskCheck(config));
      deps = { config, store, kb, dialogue: dialogue.engine, tts: watchTts(tts), readiness, doctor, log };
    }
    const running = await startConsole(deps);
    closers.push(() => running.close());
    return {
      url: running.url,
      config,
      dataDir,
      store,
      clock,
      routes: running.routes,
      services,
      simulation,
      async cleanup() {
        for (const close of closers.reverse()) await Promise.resolve(close()).catch(() => undefined);
        dir.cleanup();
      },
    };
  } catch (err) {
    for (const close of closers.reverse()) await Promise.resolve(close()).catch(() => undefined);
    dir.cleanup();
    throw err;
  }
}

/** A JSON Lines file of records, in a directory of the fixture's. */
export function writeRecordsFile(dir: string, name: string, records: unknown[]): string {
  const path = join(dir, name);
  writeFileSync(path, jsonl(records));
  return path;
}

/** A session's cookie and CSRF token for API requests made outside a browser. */
export async function apiLogin(url: string, role: keyof typeof USERS, as: { user: string; password: string } = { user: USERS[role], password: PASSWORDS[role] }): Promise<{ cookie: string; csrf: string }> {
  const page = await fetch(`${url}/login`);
  const loginCookie = (page.headers.getSetCookie().find((c) => c.startsWith("sahayak_login=")) ?? "").split(";")[0]!;
  const token = loginCookie.split("=")[1]!;
  const response = await fetch(`${url}/api/v1/login`, { method: "POST", headers: { "content-type": "application/json", cookie: loginCookie, "x-csrf-token": token }, body: JSON.stringify(as) });
  if (!response.ok) throw new Error(`login as ${as.user} failed: ${response.status} ${await response.text()}`);
  const session = (response.headers.getSetCookie().find((c) => c.startsWith("sahayak_session=")) ?? "").split(";")[0]!;
  const body = (await response.json()) as { csrf: string };
  return { cookie: session, csrf: body.csrf };
}
