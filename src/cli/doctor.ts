// `sahayak doctor [--json]`: checks the installation; exit 0 all ok, 1 warnings, 2 failures.
import type { Command } from "commander";
import { DOCTOR_EXIT, formatReport, runDoctor } from "../admin/doctor.js";
import type { GlobalOptions } from "./context.js";
import { printJson, printLine } from "./output.js";

export function registerDoctor(program: Command): void {
  program
    .command("doctor")
    .description("check the installation: config, directories, models, knowledge base, prompts, Asterisk (ARI, AMI, modules), ports, permissions, disk, database, secrets")
    .option("--json", "machine-readable output: {status, checks: [{name, status, message}]}")
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const globals = cmd.optsWithGlobals() as GlobalOptions;
      const report = await runDoctor({ configPath: globals.config, dataDir: globals.dataDir });
      if (opts.json) printJson(report);
      else printLine(formatReport(report));
      process.exitCode = DOCTOR_EXIT[report.status];
    });
}
