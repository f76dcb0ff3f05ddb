// `sahayak console`: the staff's web console on its own, on a box that takes no calls (no PBX); `serve`
// starts the same console beside the calls.
import type { Command } from "commander";
import { ConsoleStartError, startStandaloneConsole } from "../console/index.js";
import { contextOf, type GlobalOptions } from "./context.js";
import { CliError, EXIT } from "./output.js";

export function registerConsole(program: Command): void {
  program
    .command("console")
    .description("the web console alone (console.host, console.port; TLS with console.tls): calls on record, unanswered questions, the knowledge base, try a question, health, audit log")
    .action(async (_opts: unknown, cmd: Command) => {
      const ctx = contextOf(cmd, { logKind: "serve" });
      // as serve does on such a node: a console over an empty local database would show no calls and no accounts
      if (ctx.config.store.backend !== "sqlite") throw new CliError(`the console reads only the embedded SQLite store, and this node keeps its call records in PostgreSQL (store.backend ${ctx.config.store.backend}): it cannot show them; \`sahayak calls list\`, \`sahayak report\` and \`sahayak audit\` read PostgreSQL`, EXIT.unavailable);
      let running;
      try {
        running = await startStandaloneConsole(ctx.config, ctx.log, { configPath: (cmd.optsWithGlobals() as GlobalOptions).config });
      } catch (err) {
        if (err instanceof ConsoleStartError) throw new CliError(err.message, EXIT.unavailable);
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
