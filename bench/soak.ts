// Soak: 2,000 simulated calls through a real `sahayak serve` process (its own, started by bin/sahayak)
// against the PBX simulator, five at a time, hanging up at every phase of a call; serve's resident memory
// is sampled as the calls go. An appliance takes thousands of calls a day between restarts: memory that
// grows per call runs it out of memory within days (issue 16, item 10: 0.47 MB a call on a real Asterisk).
// Run alone for the curve: `node --import tsx bench/soak.ts [--calls N] [--concurrency N] [--verbose]`.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig, projectRoot } from "../src/config.js";
import { REPLY_WAIT_MS, TURN_GAP_MS } from "../src/call/simulation.js";
import { SahayakStore } from "../src/store/index.js";
import { PbxSimulator } from "../src/telephony/sim/server.js";
import type { CallerMedia } from "../src/telephony/sim/caller.js";
import { callerSpeechFromFlite } from "../src/telephony/sim/voice.js";
import { sourceNewerThanBuild } from "./build-fresh.js";
import { importSchemes, installEnglishRecogniser, loadQuestions } from "./questions.js";
import { mulberry32 } from "./caller-voice.js";

const APP = "sahayak";
const USER = "sahayak";
const PASSWORD = "soak";
const RATE = 8000;
/** A step that hears nothing from Sahayak for this long moves on (and the caller hangs up). */
const STEP_WAIT_MS = REPLY_WAIT_MS;
const POLL_MS = 20;
/** The level memory is judged from: after this many calls the process has warmed every path. */
export const SOAK_BASELINE_CALLS = 100;

/** Where in a call the caller hangs up. */
const PHASES = ["greeting", "language", "speaking", "answer", "goodbye", "keypad"] as const;
type Phase = (typeof PHASES)[number];

interface Sample {
  calls: number;
  rssMB: number;
}

export interface SoakOptions {
  calls?: number;
  concurrency?: number;
  verbose?: boolean;
}

export async function benchSoak(options: SoakOptions = {}): Promise<Record<string, number>> {
  const total = options.calls ?? 2000;
  const concurrency = options.concurrency ?? 5;
  const work = mkdtempSync(join(tmpdir(), "sahayak-bench-soak-"));
  const pbx = new PbxSimulator({ user: USER, password: PASSWORD });
  let serve: ServeProcess | undefined;
  let keepLog = false;
  try {
    const dataDir = join(work, "data");
    const modelsDir = join(work, "models");
    installEnglishRecogniser(modelsDir);
    importSchemes(dataDir);
    await pbx.start();
    const configFile = join(work, "config.json");
    // the ops server and the console on ports of their own: another serve on the machine may hold the
    // defaults, and a console that cannot start would leave serve smaller than the product
    const ports = { ops: { http: { port: 0 } }, console: { port: 0 } };
    writeFileSync(configFile, JSON.stringify({ telephony: { ari: { url: pbx.url, user: USER, password: PASSWORD, app: APP } }, ...ports }));
    // callers' voices are made before the calls: flite shares this process's event loop otherwise
    const questions = loadQuestions()
      .filter((q) => q.lang === "en" && q.type === "direct" && q.question.split(" ").length <= 9)
      .slice(0, 12)
      .map((q) => q.question);
    const voices = await Promise.all(questions.map((q) => callerSpeechFromFlite(q, RATE)));
    const goodbye = await callerSpeechFromFlite("goodbye", RATE);

    serve = await ServeProcess.start(configFile, dataDir, modelsDir, join(work, "serve.log"));
    await waitFor(() => pbx.registered(APP), 120_000, "serve registered with the simulator's ARI");

    const started = performance.now();
    const samples: Sample[] = [{ calls: 0, rssMB: serve.rssMB() }];
    let next = 0;
    let done = 0;
    let maxMB = samples[0]!.rssMB;
    // the highest RSS seen once the level is taken (after SOAK_BASELINE_CALLS), by the second as well as
    // every 10 calls: a rise between two samples counts against the target too
    let maxAfterBaselineMB = 0;
    const note = (rssMB: number) => {
      maxMB = Math.max(maxMB, rssMB);
      if (done >= SOAK_BASELINE_CALLS) maxAfterBaselineMB = Math.max(maxAfterBaselineMB, rssMB);
    };
    const sampler = setInterval(() => note(serve!.rssMB()), 1000);
    let stuck = 0;
    const random = mulberry32(16);
    const runner = async (): Promise<void> => {
      while (next < total) {
        const i = next++;
        const phase = PHASES[i % PHASES.length]!;
        const ok = await soakCall(pbx, phase, { question: voices[i % voices.length]!, goodbye }, random);
        if (!ok) stuck++;
        done++;
        if (done % 10 === 0) {
          const rssMB = serve!.rssMB();
          note(rssMB);
          samples.push({ calls: done, rssMB });
          // an hour-long benchmark says how far it has come
          // with where it lies (anonymous: heaps and arenas; file-backed: libraries, models, the knowledge base's files)
          if (done % 100 === 0) console.error(`soak: ${done} calls, serve RSS ${rssMB.toFixed(1)} MB: ${serve!.smapsSummary()} (${((performance.now() - started) / 60_000).toFixed(1)} min)`);
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, runner));
    clearInterval(sampler);
    const runMinutes = (performance.now() - started) / 60_000;
    // every call left the simulator; then serve stops and what it stored is counted
    await waitFor(() => pbx.counts().channels === 0 && pbx.counts().bridges === 0, 30_000, "every channel and bridge released").catch(() => undefined);
    const leftChannels = pbx.counts().channels + pbx.counts().bridges;
    // what was left, so that a leak can be chased: each channel's kind, state, app and bridge, each bridge's members
    for (const c of pbx.channels.values()) console.error(`soak: channel left: ${c.kind} ${c.name} ${c.state}, app ${c.app ?? "none"}, bridge ${c.bridge ?? "none"}, created ${c.creationtime}`);
    for (const b of pbx.bridges.values()) console.error(`soak: bridge left: ${b.id} (${b.channels.length} channels: ${b.channels.join(", ") || "none"}), created ${b.creationtime}`);
    const endMB = serve.rssMB();
    if (options.verbose) console.error(serve.smapsSummary());
    const status = await serve.stop();
    serve = undefined;
    const recorded = countCalls(dataDir);
    keepLog = stuck > 0 || leftChannels > 0 || status !== 0;

    const baseline = samples.find((s) => s.calls >= SOAK_BASELINE_CALLS)?.rssMB ?? NaN;
    const after = samples.filter((s) => s.calls >= SOAK_BASELINE_CALLS);
    const curve = samples.filter((s) => s.calls % 100 === 0 || s === samples.at(-1)).map((s) => `${s.calls}:${Math.round(s.rssMB)}`);
    console.error(`serve RSS (calls:MB): ${curve.join(" ")}`);
    return {
      calls: done,
      callsRecorded: recorded.recorded,
      // the "goodbye" calls (a sixth of all) end only when Sahayak recognises the caller's spoken goodbye
      goodbyeUnderstoodRate: recorded.goodbyes / Math.max(1, Math.floor(done / PHASES.length)),
      callsStuck: stuck,
      channelsLeft: leftChannels,
      serveExitCode: status ?? -1,
      rssStartMB: samples[0]!.rssMB,
      rssAfter100MB: baseline,
      rssEndMB: endMB,
      rssMaxMB: maxMB,
      rssMaxAbove100MB: Math.max(maxAfterBaselineMB, ...after.map((s) => s.rssMB), endMB) - baseline,
      rssSlopePer100CallsMB: slope(after) * 100,
      concurrency,
      runMinutes,
    };
  } catch (err) {
    keepLog = true;
    throw err;
  } finally {
    await serve?.stop();
    await pbx.stop();
    // a soak with stuck calls or channels left keeps serve's log: the only account of why
    if (keepLog) console.error(`soak: serve's log and data kept in ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

/**
 * One caller, hanging up at `phase`: during the welcome; after choosing English by key; halfway through
 * the question; a moment into the answer; after interrupting the answer with "goodbye" (Sahayak ends the
 * call); or in keypad mode after reaching a scheme. False when the call never got its media.
 */
async function soakCall(pbx: PbxSimulator, phase: Phase, speech: { question: Int16Array; goodbye: Int16Array }, random: () => number): Promise<boolean> {
  // a new number each call: the same one would soon meet the per-caller rate limit
  const id = pbx.placeCall({ app: APP, number: `9${String(Math.floor(random() * 1e9)).padStart(9, "0")}` });
  try {
    const media = await until(() => (pbx.callerMedia(id)?.connectedTo ? pbx.callerMedia(id) : undefined), STEP_WAIT_MS);
    if (!media) {
      console.error(`soak: call ${id} (${phase}) had no media from Sahayak ${STEP_WAIT_MS} ms after it was placed (${new Date().toISOString()})`);
      return false;
    }
    const gone = () => !pbx.callerMedia(id);
    const speaks = () => waitUntil(() => gone() || media.heardAt.length > 0, STEP_WAIT_MS);
    if (phase === "greeting") {
      await speaks();
      await sleep(200 + random() * 3000);
      return true;
    }
    // a caller who knows the menu presses 2 (English) as soon as Sahayak speaks
    await speaks();
    await pbx.sendDtmf(id, "2");
    if (phase === "language") {
      await sleep(300 + random() * 2000);
      return true;
    }
    await quietAfter(media, performance.now(), gone);
    if (phase === "keypad") {
      for (const digit of "*11") {
        const at = performance.now();
        await pbx.sendDtmf(id, digit);
        await waitUntil(() => gone() || (media.heardAt.at(-1) ?? 0) > at + 300, STEP_WAIT_MS);
      }
      await sleep(500 + random() * 2000);
      return true;
    }
    media.say(speech.question);
    if (phase === "speaking") {
      await sleep(random() * media.pendingMs);
      return true;
    }
    await waitUntil(() => gone() || media.pendingMs === 0, STEP_WAIT_MS);
    const asked = performance.now();
    // the reply starts
    await waitUntil(() => gone() || (media.heardAt.at(-1) ?? 0) > asked, STEP_WAIT_MS);
    if (phase === "answer") {
      await sleep(300 + random() * 3000);
      return true;
    }
    await sleep(1500);
    media.say(speech.goodbye);
    // Sahayak says goodbye and hangs up
    await waitUntil(gone, STEP_WAIT_MS);
    return true;
  } finally {
    // every caller hangs up in the end, a caller the fallback holds (set-up failed: no media of ours) too
    pbx.callerHangup(id);
  }
}

/** Waits until Sahayak has said something after `since` and then stopped (or the call is over). */
async function quietAfter(media: CallerMedia, since: number, gone: () => boolean): Promise<void> {
  await waitUntil(() => {
    const last = media.heardAt.at(-1) ?? 0;
    return gone() || (last > since && performance.now() - last >= TURN_GAP_MS);
  }, STEP_WAIT_MS);
}

/**
 * `sahayak serve` in a process of its own, started as the product starts it (bin/sahayak, which the
 * systemd unit runs too, with the environment it sets: the allocator's among it), logging to a file.
 */
class ServeProcess {
  private exited: Promise<number | null>;

  private constructor(private readonly child: ChildProcess) {
    this.exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  }

  static async start(configFile: string, dataDir: string, modelsDir: string, logFile: string): Promise<ServeProcess> {
    const log = openSync(logFile, "w");
    assertBuiltFromSources();
    const child = spawn(join(projectRoot, "bin", "sahayak"), ["--data-dir", dataDir, "--config", configFile, "serve"], {
      cwd: projectRoot,
      stdio: ["ignore", log, log],
      env: { ...process.env, SAHAYAK_CONFIG: "", SAHAYAK_MODELS_DIR: modelsDir },
    });
    return new ServeProcess(child);
  }

  /** Resident set size, MB (0 once it has gone). */
  rssMB(): number {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.child.pid}/status`, "utf8"));
      return m ? Number(m[1]) / 1024 : 0;
    } catch {
      return 0;
    }
  }

  /** Resident memory by kind of mapping: heap-like anonymous memory vs. files (libraries, models). */
  smapsSummary(): string {
    try {
      const text = readFileSync(`/proc/${this.child.pid}/smaps`, "utf8");
      let anon = 0;
      let file = 0;
      let arenas = 0;
      let name = "";
      for (const line of text.split("\n")) {
        const head = /^[0-9a-f]+-([0-9a-f]+)\s\S+\s\S+\s\S+\s\S+\s*(.*)$/.exec(line);
        if (head) {
          name = head[2]!;
          continue;
        }
        const rss = /^Rss:\s+(\d+) kB/.exec(line);
        if (!rss) continue;
        if (name.startsWith("/")) file += Number(rss[1]);
        else anon += Number(rss[1]);
      }
      for (const line of text.split("\n")) if (/^[0-9a-f]+-[0-9a-f]+ rw-p 00000000 00:00 0\s*$/.test(line)) arenas++;
      return `anonymous ${Math.round(anon / 1024)} MB, file-backed ${Math.round(file / 1024)} MB, ${arenas} anonymous rw mappings`;
    } catch {
      return "no smaps";
    }
  }

  async stop(): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 30_000);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** bin/sahayak runs the built program: a build older than the sources would soak yesterday's code. */
function assertBuiltFromSources(): void {
  const newer = sourceNewerThanBuild();
  if (newer) throw new Error(`soak: ${newer} is newer than the build that bin/sahayak runs: run \`npm run build\` (or \`make soak\`, which builds first)`);
}

/** Calls serve recorded, and how many of them ended with the caller's spoken "goodbye" understood. */
function countCalls(dataDir: string): { recorded: number; goodbyes: number } {
  const config = loadConfig({ path: undefined, env: {}, overrides: { dataDir } });
  const store = SahayakStore.open(dataDir, config.store);
  try {
    const calls = store.calls.list(0, 1_000_000);
    return { recorded: calls.length, goodbyes: calls.filter((c) => c.outcome === "goodbye").length };
  } finally {
    store.close();
  }
}

/** Least-squares slope of MB over calls. */
function slope(samples: Sample[]): number {
  const n = samples.length;
  if (n < 2) return NaN;
  const mx = samples.reduce((a, s) => a + s.calls, 0) / n;
  const my = samples.reduce((a, s) => a + s.rssMB, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const s of samples) {
    sxy += (s.calls - mx) * (s.rssMB - my);
    sxx += (s.calls - mx) ** 2;
  }
  return sxy / sxx;
}


const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function waitUntil(check: () => boolean, ms: number): Promise<boolean> {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) return false;
    await sleep(POLL_MS);
  }
  return true;
}

async function until<T>(get: () => T | undefined, ms: number): Promise<T | undefined> {
  let value: T | undefined;
  await waitUntil(() => (value = get()) !== undefined, ms);
  return value;
}

async function waitFor(check: () => boolean, ms: number, what: string): Promise<void> {
  if (!(await waitUntil(check, ms))) throw new Error(`soak: ${what} did not happen within ${ms} ms`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i < 0 ? undefined : Number(process.argv[i + 1]);
  };
  console.log(await benchSoak({ calls: arg("--calls"), concurrency: arg("--concurrency"), verbose: process.argv.includes("--verbose") }));
}
