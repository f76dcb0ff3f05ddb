// `sahayak simulate` (a full call against the built-in PBX simulator) and `sahayak serve` (production).
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { writeWav } from "../audio/index.js";
import { CallFlowHandler, FIXED_PROMPTS, openCallServices, type CallRecord, type CallServices } from "../call/index.js";
import { Simulation, type CallerStep } from "../call/simulation.js";
import { releaseIndependent, type Config } from "../config.js";
import { confineToCpuBudget } from "../ops/cpu-budget.js";
import type { Logger } from "../ops/log.js";
import type { StoreBackend } from "../store/index.js";
import { startService, type RunningService } from "../admin/serve.js";
import { runDoctor } from "../admin/doctor.js";
import { KbDiskFollower } from "../admin/kb-disk-follower.js";
import { followPublishedKb } from "../admin/kb-follower.js";
import { startConsole, type RunningConsole } from "../console/index.js";
import { contextOf, type GlobalOptions } from "./context.js";
import { CliError, EXIT, printJson, printLine } from "./output.js";

async function loadServices(config: Config, log: Logger): Promise<CallServices> {
  try {
    return await openCallServices(config, log);
  } catch (err) {
    throw new CliError(`cannot start the call engines: ${(err as Error).message}. Run make setup (models, knowledge base, prompts) and check the config.`, EXIT.unavailable);
  }
}

/** Before any engine starts, so every thread and child process starts inside the budget (the RTP sender then leaves it). */
function keepCpuHeadroom(config: Config, log: Logger): void {
  const budget = confineToCpuBudget(config.telephony.media.bulkCpuShare);
  if (budget.applied) log.info({ cpus: budget.cpus, cgroup: budget.group }, "CPU headroom kept for the RTP sender");
  else if (config.telephony.media.bulkCpuShare < 1) log.warn({ reason: budget.reason }, "no CPU headroom kept for the RTP sender: reply audio may break up when the machine is busy");
}

interface SimulateOptions {
  lang?: string;
  hangupAfter?: string;
  json?: boolean;
  outDir?: string;
  number?: string;
  hurry?: boolean;
}

export function registerCall(program: Command): void {
  // --say, --wav and --dtmf keep the order they were given in: that is the caller's script
  const steps: CallerStep[] = [];
  const step = (make: (v: string) => CallerStep) => (value: string) => {
    steps.push(make(value));
    return steps;
  };
  program
    .command("simulate")
    .description("a full call against the built-in PBX simulator through the real pipeline (ARI, RTP, VAD, recognition, dialogue, synthesis)")
    .option("--lang <code>", "choose this language in the menu with the keypad (en or hi); none waits for the default")
    .option("--say <text>", "the caller says this (repeatable; flite voice for English, espeak-ng for Hindi)", step((text) => ({ kind: "say", text })))
    .option("--wav <file>", "the caller plays this recording (repeatable)", step((path) => ({ kind: "wav", path: resolve(path) })))
    .option("--dtmf <digits>", "the caller presses these keys, one turn each (repeatable)", step((digits) => ({ kind: "dtmf", digits })))
    .option("--hangup-after <seconds>", "the caller hangs up this long after the call starts")
    .option("--number <number>", "the caller's number (default: a new number each run, so every simulated call is a first call)")
    .option("--hurry", "press keys as soon as Sahayak starts speaking, without waiting for menus to end")
    .option("--out-dir <dir>", "where to write caller.wav and sahayak.wav (default <data dir>/simulate/<call id>)")
    .option("--json", "one JSON object: callId, states, turns, audio")
    .action(async (opts: SimulateOptions, cmd: Command) => {
      const ctx = contextOf(cmd);
      if (opts.lang && opts.lang !== "en" && opts.lang !== "hi") throw new CliError(`--lang must be en or hi, not "${opts.lang}"`, EXIT.usage);
      const hangupAfter = opts.hangupAfter === undefined ? undefined : Number(opts.hangupAfter);
      if (hangupAfter !== undefined && !(hangupAfter > 0)) throw new CliError(`--hangup-after must be a number of seconds above 0, not "${opts.hangupAfter}"`, EXIT.usage);
      for (const s of steps) if (s.kind === "dtmf" && !/^[0-9*#]+$/.test(s.digits)) throw new CliError(`--dtmf takes the keys 0-9, * and #, not "${s.digits}"`, EXIT.usage);
      keepCpuHeadroom(ctx.config, ctx.log);
      const services = await loadServices(ctx.config, ctx.log);
      let simulation: Simulation | undefined;
      try {
        simulation = await Simulation.start(ctx.config, services, ctx.log);
        const result = await simulation.call({ lang: opts.lang as "en" | "hi" | undefined, steps, hangupAfterMs: hangupAfter === undefined ? undefined : hangupAfter * 1000, number: opts.number, hurry: opts.hurry });
        const dir = resolve(opts.outDir ?? join(ctx.config.dataDir, "simulate", result.record.callId));
        mkdirSync(dir, { recursive: true });
        const audio = { caller: join(dir, "caller.wav"), sahayak: join(dir, "sahayak.wav") };
        writeFileSync(audio.caller, writeWav(result.callerAudio, 8000));
        writeFileSync(audio.sahayak, writeWav(result.sahayakAudio, 8000));
        if (opts.json) printJson(simulationJson(result.record, audio));
        else printTranscript(result.record, audio);
      } finally {
        await simulation?.close();
        await services.close();
      }
    });

  program
    .command("serve")
    .description("answer calls: ARI to the configured Asterisk (the production process)")
    .action(async (_opts: unknown, cmd: Command) => {
      const ctx = contextOf(cmd, { logKind: "serve" });
      const log = ctx.log;
      keepCpuHeadroom(ctx.config, log);
      const services = await loadServices(ctx.config, log);
      // each call's end is logged by the handler, beside its metrics (src/call/observe.ts)
      const handler = new CallFlowHandler(services);
      // calls a previous process left open when it died (kill -9, power cut) are closed before new ones come
      const interrupted = (await services.sessions?.closeInterrupted()) ?? [];
      if (interrupted.length) log.warn({ interrupted: interrupted.length, callIds: interrupted }, "calls left open by a process that died are recorded as interrupted");
      // in a cluster, peers close this process's calls if it dies; it closes theirs
      const releaseLease = (await services.sessions?.holdLease(() => services.knowledge?.version)) ?? (async () => undefined);
      let service: RunningService;
      try {
        service = await startService({ config: ctx.config, services, handler, log, busyAudio: async () => ({ samples: await services.prompts.get(FIXED_PROMPTS.busy[ctx.config.call.defaultLanguage], ctx.config.call.defaultLanguage), sampleRate: ctx.config.speech.tts.outputRate }) });
      } catch (err) {
        await releaseLease();
        await services.close();
        throw new CliError((err as Error).message, EXIT.unavailable);
      }
      const stopHousekeeping = services.sessions ? startHousekeeping(services.sessions.store, ctx.config, ctx.actor, log) : () => undefined;
      // in a cluster, the knowledge base `kb publish` put in the database, switched to between calls
      const kbFollower = await followPublishedKb(ctx.config, services.knowledgeBase?.store, services.sessions?.store, () => handler.active === 0, log);
      // on one machine, what `kb update` or `restore` committed from another process, likewise
      const diskFollower = services.knowledgeBase && !kbFollower ? new KbDiskFollower({ live: services.knowledgeBase.store, idle: () => handler.active === 0, pollMs: ctx.config.knowledge.followDisk.pollMs, log }) : undefined;
      diskFollower?.start();
      let staffConsole: RunningConsole | undefined;
      const store = services.sessions?.store;
      if (ctx.config.console.enabled && store && services.knowledgeBase) {
        // the console shares the calls' knowledge base, dialogue and synthesiser: an edit is heard on the next call
        try {
          staffConsole = await startConsole({
            config: ctx.config,
            store,
            kb: services.knowledgeBase,
            dialogue: services.dialogue,
            tts: services.tts,
            readiness: service.readiness,
            liveCalls: () => handler.snapshot(),
            doctor: () => runDoctor({ configPath: (cmd.optsWithGlobals() as GlobalOptions).config, dataDir: ctx.config.dataDir }),
            log,
          });
        } catch (err) {
          // the calls go on without it
          log.error({ err: (err as Error).message }, "the console did not start; calls are served without it");
        }
      }
      await new Promise<void>((done) => {
        const stop = (signal: string) => {
          log.warn({ signal }, "stopping: calls in progress may finish, then are ended politely");
          stopHousekeeping();
          void (staffConsole?.close() ?? Promise.resolve())
            .then(() => kbFollower?.stop())
            .then(() => diskFollower?.stop())
            .then(() => service.shutdown())
            .then(() => releaseLease())
            .then(() => services.close())
            .finally(done);
        };
        process.once("SIGTERM", () => stop("SIGTERM"));
        process.once("SIGINT", () => stop("SIGINT"));
      });
    });
}

/** At start, a config that changed since the last start is audited (an upgrade alone changes nothing); then the retention purge runs on its schedule. */
function startHousekeeping(store: StoreBackend, config: Config, actor: string, log: Logger): () => void {
  store.audit.recordConfig(releaseIndependent(config), actor).then(
    (changed) => changed.length && log.warn({ changed }, "configuration changed since the last start (audited)"),
    (err: Error) => log.error({ err: err.message }, "the configuration change could not be audited"),
  );
  const purge = () => {
    store.purge("sahayak serve (schedule)").then(
      (result) => log.info(result, "retention purge"),
      (err: Error) => log.error({ err: err.message }, "retention purge failed; it is retried on the next schedule"),
    );
  };
  purge();
  const timer = setInterval(purge, config.store.purgeEveryMinutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}

function simulationJson(r: CallRecord, audio: { caller: string; sahayak: string }): Record<string, unknown> {
  return {
    callId: r.callId,
    outcome: r.outcome,
    lang: r.lang,
    mode: r.mode,
    states: [{ state: "CALL_INITIATED", atMs: 0, reason: "call arrived" }, ...r.states.map((s) => ({ state: s.to, atMs: s.atMs, reason: s.reason }))],
    turns: r.turns.map((t) => ({ role: t.role, atMs: t.atMs, text: t.text, lang: t.lang, action: t.action, schemeIds: t.schemeIds ?? [], confidence: t.confidence, dtmf: t.dtmf, interrupted: t.interrupted, timings: t.timings })),
    packets: r.packets,
    audio,
  };
}

function printTranscript(r: CallRecord, audio: { caller: string; sahayak: string }): void {
  const at = (ms: number) => `${(ms / 1000).toFixed(2).padStart(6)} s`;
  printLine(`call ${r.callId}: ${r.outcome}, ${r.lang ?? "?"} ${r.mode}, ${(r.durationMs / 1000).toFixed(1)} s`);
  for (const t of r.turns) {
    const who = t.role === "caller" ? "caller " : "sahayak";
    const said = t.dtmf ? `[key ${t.dtmf}]` : t.text || "(nothing)";
    const notes = [
      t.action,
      t.confidence !== undefined ? `confidence ${t.confidence.toFixed(2)}` : "",
      t.schemeIds?.length ? t.schemeIds.join(",") : "",
      t.timings.voiceToVoiceMs !== undefined ? `voice-to-voice ${t.timings.voiceToVoiceMs} ms` : "",
      t.interrupted ? "interrupted" : "",
    ].filter(Boolean);
    printLine(`${at(t.atMs)}  ${who}  ${said}${notes.length ? `  (${notes.join("; ")})` : ""}`);
  }
  printLine(`states: ${["CALL_INITIATED", ...r.states.map((s) => s.to)].filter((s, i, a) => s !== a[i - 1]).join(" → ")}`);
  printLine(`reply packets: ${r.packets.sent}, latest ${r.packets.lateMaxMs} ms after its deadline`);
  printLine(`audio: ${audio.caller}, ${audio.sahayak}`);
}
