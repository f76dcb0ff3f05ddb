// The installer's entry, run by appliance/install with the bundle's own Node.js once SHA256SUMS verified:
//   install-main.js --bundle DIR [--dry-run]
// Exit: 0 installed (or upgraded, or nothing to do), 1 the upgrade failed and was rolled back (or failed
// midway), 2 a config the release cannot use, 3 a damaged bundle, 6 not root / not Debian 12 amd64.
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadConfig } from "../config.js";
import { BundleError } from "./bundle.js";
import { install, InstallError, SYSTEM_PATHS } from "./install.js";
import { systemDeps } from "./system.js";

const log = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ options: { bundle: { type: "string" }, "dry-run": { type: "boolean" }, help: { type: "boolean", short: "h" } }, strict: true });
  } catch (err) {
    process.stderr.write(`sahayak install: ${(err as Error).message}\nusage: ./install [--dry-run]\n`);
    return 2;
  }
  if (args.values.help || !args.values.bundle) {
    log("usage: ./install [--dry-run]   (as root, from the unpacked bundle)");
    return args.values.help ? 0 : 2;
  }
  // the service user named in an existing config, else the default
  let serviceUser: string;
  try {
    serviceUser = loadConfig({ path: existsSync(SYSTEM_PATHS.configFile) ? SYSTEM_PATHS.configFile : "", env: {} }).ops.serviceUser;
  } catch {
    serviceUser = loadConfig({ path: "", env: {} }).ops.serviceUser;
  }
  try {
    const outcome = await install({ bundle: args.values.bundle, dryRun: args.values["dry-run"] }, systemDeps(serviceUser, log));
    if (outcome.doctor) {
      for (const f of outcome.doctor.failures) log(`  doctor FAIL ${f.name}: ${f.message}`);
      for (const w of outcome.doctor.warnings) log(`  doctor warn ${w.name}: ${w.message}`);
    }
    if (outcome.notes.length) log(`\nstill to do:\n${outcome.notes.map((n) => `  - ${n}`).join("\n")}`);
    if (outcome.rolledBack) {
      log(`\nSahayak ${outcome.version} was NOT installed: ${outcome.rolledBack.reason}.\nRelease ${outcome.previous} runs again with its data as it was before the upgrade${outcome.rolledBack.readyAfter && !outcome.rolledBack.readyAfter.ready ? " (it is not ready either: see `sahayak doctor`)" : ""}.`);
      return 1;
    }
    log(args.values["dry-run"] ? "\ndry run: nothing was changed" : `\nSahayak ${outcome.version} is installed${outcome.ready ? (outcome.ready.ready ? " and ready" : " (not ready yet: see above and `sahayak doctor`)") : ""}.`);
    return 0;
  } catch (err) {
    if (err instanceof InstallError) {
      process.stderr.write(`sahayak install: ${err.message}\n`);
      return err.exitCode;
    }
    if (err instanceof BundleError) {
      process.stderr.write(`sahayak install: ${err.message}\n`);
      return 3;
    }
    process.stderr.write(`sahayak install: failed: ${(err as Error).stack ?? String(err)}\n`);
    return 1;
  }
}

process.exitCode = await main();
