// The `sahayak` command line: one program, one file per command group.
import { Command, CommanderError } from "commander";
import { readFileSync } from "node:fs";
import { registerAppliance } from "./appliance.js";
import { registerAsk } from "./ask.js";
import { registerCall } from "./call.js";
import { registerCluster } from "./cluster.js";
import { registerConsole } from "./console.js";
import { registerDoctor } from "./doctor.js";
import { registerKb } from "./kb.js";
import { registerRecords } from "./records.js";
import { registerTelephony } from "./telephony.js";
import { registerUsers } from "./users.js";
import { registerModels, registerPrompts, registerSay, registerTranscribe } from "./speech.js";
import { CliError, EXIT } from "./output.js";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };

export function buildProgram(): Command {
  const program = new Command("sahayak")
    .description("Sahayak: an offline telephone helpline for government schemes")
    .version(pkg.version)
    .option("--config <file>", "config file (JSON); default ./sahayak.config.json or /etc/sahayak/config.json")
    .option("--data-dir <dir>", "data directory (default ./var in a checkout, /var/lib/sahayak installed)")
    .option("--log-level <level>", "fatal, error, warn, info, debug")
    .showHelpAfterError()
    // options after a subcommand belong to it (`kb show ID --version N` is not the program's --version)
    .enablePositionalOptions()
    .exitOverride();
  registerKb(program);
  registerAsk(program);
  registerModels(program);
  registerTranscribe(program);
  registerSay(program);
  registerPrompts(program);
  registerTelephony(program);
  registerCall(program);
  registerRecords(program);
  registerDoctor(program);
  registerCluster(program);
  registerUsers(program);
  registerConsole(program);
  registerAppliance(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    // a command may set its own exit status (doctor: 1 for warnings, 2 for failures)
    return typeof process.exitCode === "number" ? process.exitCode : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.code === "commander.help") return EXIT.ok;
      return EXIT.usage;
    }
    if (err instanceof CliError) {
      if (err.message) process.stderr.write(`sahayak: ${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(`sahayak: unexpected error: ${(err as Error).stack ?? String(err)}\n`);
    return EXIT.failure;
  }
}

// `sahayak kb list | head`: a closed pipe is not an error
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(EXIT.ok);
  throw err;
});

process.exitCode = await main(process.argv);
