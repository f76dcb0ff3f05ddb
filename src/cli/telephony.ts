// `sahayak pbx status`, `sahayak asterisk config` and `sahayak asterisk sounds`.
import { mkdirSync } from "node:fs";
import { relative, resolve } from "node:path";
import type { Command } from "commander";
import { float32ToInt16, resample } from "../audio/index.js";
import { planAsteriskFiles, writeAsteriskPlan } from "../admin/asterisk-files.js";
import type { Config } from "../config.js";
import { loadTtsEngine, promptCacheFor, TtsError, type TtsEngine } from "../speech/tts/index.js";
import { AgentSecretsError, loadAgentPasswords } from "../telephony/agent-auth.js";
import { AmiClient, AmiError, pbxStatus } from "../telephony/ami.js";
import { checkAsteriskConfig, checkFallbackSounds, renderAsteriskConfig } from "../telephony/asterisk-config.js";
import { renderFallbackSounds, SOUND_FORMATS, SOUND_RATE } from "../telephony/sounds.js";
import { contextOf } from "./context.js";
import { CliError, EXIT, printJson, printLine } from "./output.js";

export function registerTelephony(program: Command): void {
  program
    .command("pbx")
    .description("the Asterisk this appliance serves")
    .command("status")
    .option("--json", "machine-readable output")
    .description("Asterisk version, active channels, the gateway trunk's state, required modules (via AMI)")
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd, { dataDir: "none" });
      let ami: AmiClient;
      try {
        ami = await AmiClient.connect(ctx.config.telephony.ami);
      } catch (err) {
        if (err instanceof AmiError) throw new CliError(err.message, EXIT.unavailable);
        throw err;
      }
      try {
        const status = await pbxStatus(ami, ctx.config.telephony.ami.trunk, ctx.config.telephony.media.transport);
        if (opts.json) printJson(status);
        else {
          printLine(`Asterisk ${status.version}; ${status.activeChannels} active channel(s)`);
          printLine(`trunk ${status.trunk.name}: ${status.trunk.state}${status.trunk.contacts.map((c) => `; ${c.uri} ${c.status}`).join("")}`);
          const missing = Object.entries(status.modules).filter(([, ok]) => !ok).map(([m]) => m);
          printLine(missing.length ? `modules missing: ${missing.join(", ")}` : "all required modules are loaded");
        }
      } finally {
        ami.close();
      }
    });

  const asterisk = program.command("asterisk").description("Asterisk configuration for this appliance");
  asterisk
    .command("config")
    .requiredOption("--out <dir>", "folder to write http.conf, ari.conf, pjsip.conf, extensions.conf, ... into")
    .option("--sounds-dir <dir>", "Asterisk's sounds directory to render the fallback sounds into (default telephony.asterisk.soundsDir)")
    .option("--json", "machine-readable output")
    .description("render Asterisk's configuration and the sounds its fallback plays from Sahayak's config, and check them")
    .action(async (opts: { out: string; soundsDir?: string; json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd, { dataDir: "create" });
      const config = withSoundsDir(ctx.config, opts.soundsDir);
      let agents: ReturnType<typeof loadAgentPasswords> | undefined;
      try {
        if (config.telephony.asterisk.agentAuth.credentials) agents = loadAgentPasswords(config);
      } catch (err) {
        if (err instanceof AgentSecretsError) throw new CliError(err.message, EXIT.invalidInput);
        throw err;
      }
      const sounds = await renderSounds(config);
      const files = renderAsteriskConfig(config, agents?.passwords);
      const problems = [...checkAsteriskConfig(files, config), ...checkFallbackSounds(config)];
      if (problems.length) throw new CliError(`the rendered configuration has problems:\n  ${problems.join("\n  ")}`, EXIT.invalidInput);
      mkdirSync(opts.out, { recursive: true });
      // into a folder that holds a shop's own files (/etc/asterisk), beside them as the installer does, never over them
      const plan = planAsteriskFiles(config, opts.out, agents?.passwords);
      writeAsteriskPlan(plan, () => undefined);
      const written = plan.writes.map((w) => relative(opts.out, w.path));
      if (opts.json) printJson({ ok: true, dir: opts.out, files: written, todo: plan.todo, sounds, agentSecrets: agents?.file ?? null, agentsCreated: agents?.created ?? [] });
      else {
        printLine(written.length ? `wrote ${written.join(", ")} to ${opts.out}` : `wrote nothing new to ${opts.out}: Sahayak's files there are as this config renders them`);
        printLine(`rendered ${sounds.length} sound files into ${config.telephony.asterisk.soundsDir}`);
        if (agents) printLine(`agents' SIP passwords are in ${agents.file}${agents.created.length ? ` (new for ${agents.created.join(", ")}: set them in their phones)` : ""}`);
        if (plan.todo.length) printLine(`still to do:\n${plan.todo.map((t) => `  - ${t}`).join("\n")}`);
      }
    });

  asterisk
    .command("sounds")
    .option("--out <dir>", "Asterisk's sounds directory (default telephony.asterisk.soundsDir)")
    .option("--json", "machine-readable output")
    .description("render the sounds Asterisk plays without Sahayak (fallback apology, please hold, no one free, hold music) in every format and language, and check them")
    .action(async (opts: { out?: string; json?: boolean }, cmd: Command) => {
      const config = withSoundsDir(contextOf(cmd, { dataDir: "create" }).config, opts.out);
      const sounds = await renderSounds(config);
      const problems = checkFallbackSounds(config);
      if (problems.length) throw new CliError(`the rendered sounds have problems:\n  ${problems.join("\n  ")}`, EXIT.failure);
      if (opts.json) printJson({ ok: true, dir: config.telephony.asterisk.soundsDir, files: sounds });
      else printLine(`rendered ${sounds.length} sound files into ${config.telephony.asterisk.soundsDir} (${SOUND_FORMATS.join(", ")}; ${config.call.languages.join(", ")})`);
    });
}

function withSoundsDir(config: Config, dir: string | undefined): Config {
  if (!dir) return config;
  return { ...config, telephony: { ...config.telephony, asterisk: { ...config.telephony.asterisk, soundsDir: resolve(dir) } } };
}

/** The fallback sounds through the prompt cache (so a second render is instant and identical), as 8 kHz audio. */
async function renderSounds(config: Config): Promise<string[]> {
  let engine: TtsEngine;
  try {
    engine = await loadTtsEngine(config);
  } catch (err) {
    if (err instanceof TtsError) throw new CliError(`cannot render the fallback sounds: ${err.message}`, EXIT.unavailable);
    throw err;
  }
  const cache = promptCacheFor(config, engine);
  const rate = config.speech.tts.outputRate;
  try {
    return await renderFallbackSounds(config, async (text, lang) => {
      const audio = await cache.get(text, lang);
      return rate === SOUND_RATE ? audio : float32ToInt16(resample(audio, rate, SOUND_RATE));
    });
  } catch (err) {
    if (err instanceof TtsError) throw new CliError(`cannot render the fallback sounds: ${err.message}`, EXIT.unavailable);
    if ((err as NodeJS.ErrnoException).code === "EACCES") throw new CliError(`cannot write the fallback sounds: ${(err as Error).message}. Run as a user who may write Asterisk's sounds directory, or name another with --sounds-dir / --out`, EXIT.unavailable);
    throw err;
  } finally {
    await engine.close();
  }
}
