// Global options shared by every command: which config, which data directory, how much logging.
import { userInfo } from "node:os";
import { resolve } from "node:path";
import type { Command } from "commander";
import { ConfigError, DEFAULT_LOG_LEVEL, LOG_LEVELS, loadConfig, type Config, type LogLevel } from "../config.js";
import { dataDirProblem, type DataDirUse } from "../ops/data-dir.js";
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

/**
 * The log level: --log-level, else SAHAYAK_LOG_LEVEL or the config's log.level (loadConfig folds the
 * variable in), else DEFAULT_LOG_LEVEL for the kind of command.
 */
export function logLevelOf(option: string | undefined, config: Config, kind: keyof typeof DEFAULT_LOG_LEVEL): LogLevel {
  if (option !== undefined && !(LOG_LEVELS as readonly string[]).includes(option)) {
    throw new CliError(`--log-level must be one of ${LOG_LEVELS.join(", ")}, not "${option}"`, EXIT.usage);
  }
  return (option as LogLevel | undefined) ?? config.log.level ?? DEFAULT_LOG_LEVEL[kind];
}

export function contextOf(command: Command, options: { logKind?: keyof typeof DEFAULT_LOG_LEVEL; dataDir?: DataDirUse } = {}): CliContext {
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
  const log = createLogger(logLevelOf(globals.logLevel, config, options.logKind ?? "command"));
  const problem = dataDirProblem(config.dataDir, options.dataDir ?? "read");
  if (problem) throw new CliError(problem, EXIT.unavailable);
  return { config, log, actor: globals.actor ?? defaultActor() };
}
