// `sahayak console`: the staff's web console on its own, on a box that takes no calls (no PBX); `serve`
// starts the same console beside the calls. Either reads the configured store: with PostgreSQL, every node's calls.
import type { Command } from "commander";
import { ConsoleStartError, startStandaloneConsole } from "../console/index.js";
import { StoreError } from "../store/index.js";
import { contextOf, type GlobalOptions } from "./context.js";
import { CliError, EXIT } from "./output.js";

export function registerConsole(program: Command): void {
  program
    .command("console")
    .description("the web console alone (console.host, console.port; TLS with console.tls): calls on record, unanswered questions, the knowledge base, try a question, health, audit log")
    .action(async (_opts: unknown, cmd: Command) => {
      const ctx = contextOf(cmd, { logKind: "serve" });
      let running;
      try {
        running = await startStandaloneConsole(ctx.config, ctx.log, { configPath: (cmd.optsWithGlobals() as GlobalOptions).config });
      } catch (err) {
        if (err instanceof ConsoleStartError) throw new CliError(err.message, EXIT.unavailable);
        // a cluster's database that cannot be reached may come back (it starts after this box, the network
        // returns): a plain failure, which the unit retries, not the "act first" code that stops it
        if (err instanceof StoreError) throw new CliError(err.message, EXIT.failure);
        throw new CliError(`cannot start the console: ${(err as Error).message}. Run make setup (knowledge base) and check the config.`, EXIT.unavailable);
      }
      process.stderr.write(`sahayak console: ${running.url}\n`);
      await new Promise<void>((done) => {
        const stop = () => void running.close().finally(done);
        process.once("SIGTERM", stop);
        process.once("SIGINT", stop);
      });
    });
}
