// `sahayak pbx status` and `sahayak asterisk config`.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { AmiClient, AmiError, pbxStatus } from "../telephony/ami.js";
import { checkAsteriskConfig, renderAsteriskConfig } from "../telephony/asterisk-config.js";
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

  program
    .command("asterisk")
    .description("Asterisk configuration for this appliance")
    .command("config")
    .requiredOption("--out <dir>", "folder to write http.conf, ari.conf, pjsip.conf, extensions.conf, ... into")
    .option("--json", "machine-readable output")
    .description("render Asterisk's configuration from Sahayak's, and check it")
    .action((opts: { out: string; json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd, { dataDir: "none" });
      const files = renderAsteriskConfig(ctx.config);
      const problems = checkAsteriskConfig(files, ctx.config);
      if (problems.length) throw new CliError(`the rendered configuration has problems:\n  ${problems.join("\n  ")}`, EXIT.invalidInput);
      mkdirSync(opts.out, { recursive: true });
      for (const [name, text] of Object.entries(files)) writeFileSync(join(opts.out, name), text);
      if (opts.json) printJson({ ok: true, dir: opts.out, files: Object.keys(files) });
      else printLine(`wrote ${Object.keys(files).join(", ")} to ${opts.out}`);
    });
}
