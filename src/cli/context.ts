// Global options shared by every command: which config, which data directory, how much logging.
import { userInfo } from "node:os";
import { resolve } from "node:path";
import type { Command } from "commander";
import { ConfigError, loadConfig, type Config } from "../config.js";
import { createLogger, type Logger } from "../ops/log.js";
import { CliError, EXIT } from "./output.js";

export interface GlobalOptions {
  config?: string;
  dataDir?: string;
  logLevel?: string;
}

export interface CliContext {
  config: Config;
  log: Logger;
  actor: string;
}

/** Who is making a change, for the audit log: --actor, else the (sudo) user. */
export function defaultActor(): string {
  return process.env.SUDO_USER || process.env.USER || userInfo().username || "unknown";
}

export function contextOf(command: Command): CliContext {
  const globals = command.optsWithGlobals() as GlobalOptions & { actor?: string };
  let config: Config;
  try {
    config = loadConfig({
      path: globals.config,
      overrides: globals.dataDir ? { dataDir: globals.dataDir } : undefined,
    });
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(err.message, EXIT.usage);
    throw err;
  }
  if (globals.dataDir) config.dataDir = resolve(globals.dataDir);
  // a sysadmin at the terminal sees warnings; what changed is in the audit log (kb versions)
  const log = createLogger(globals.logLevel ?? process.env.SAHAYAK_LOG_LEVEL ?? "warn");
  return { config, log, actor: globals.actor ?? defaultActor() };
}
