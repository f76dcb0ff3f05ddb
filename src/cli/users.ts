// `sahayak users add|passwd|disable|enable|role|list`: the console's accounts, through the same functions
// its users page calls. A password is typed twice at a terminal (not shown), or read from standard input
// with --password-stdin; it is never an argument (a process list would show it).
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import type { Command } from "commander";
import { Accounts, AccountError } from "../console/index.js";
import { ROLES } from "../store/index.js";
import { contextOf, type CliContext } from "./context.js";
import { CliError, EXIT, printJson, printLine } from "./output.js";
import { withBackend } from "./store.js";

/** One line typed at the terminal without echo. */
function askHidden(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _enc, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write("\n");
      resolve(answer);
    });
    muted = true;
  });
}

async function readPassword(fromStdin: boolean | undefined): Promise<string> {
  if (fromStdin) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    const password = Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
    if (!password) throw new CliError("no password on standard input", EXIT.usage);
    return password;
  }
  if (!process.stdin.isTTY) throw new CliError("give the password on standard input with --password-stdin (it is never an argument)", EXIT.usage);
  const first = await askHidden("password: ");
  const again = await askHidden("again: ");
  if (first !== again) throw new CliError("the two passwords differ; nothing was changed", EXIT.usage);
  return first;
}

/** The accounts in the configured store: the node's SQLite file, or the cluster's PostgreSQL (one set for every node). */
async function withAccounts<T>(ctx: CliContext, fn: (accounts: Accounts) => Promise<T>): Promise<T> {
  try {
    return await withBackend(ctx, (store) => fn(new Accounts(store, ctx.config.console)));
  } catch (err) {
    if (err instanceof AccountError) throw new CliError(err.message, err.kind === "not_found" ? EXIT.notFound : err.kind === "conflict" ? EXIT.conflict : EXIT.invalidInput);
    throw err;
  }
}

export function registerUsers(program: Command): void {
  const users = program.command("users").description(`the web console's accounts (roles: ${ROLES.join(", ")})`);
  const printUser = (u: { name: string; role: string; disabled: boolean }, json?: boolean) => (json ? printJson({ ok: true, ...u }) : printLine(`${u.name}: ${u.role}${u.disabled ? ", disabled" : ""}`));

  users
    .command("add")
    .argument("<name>", "user name: 2–32 lowercase letters, digits, . _ -")
    .requiredOption("--role <role>", `${ROLES.join(", ")}: viewer sees dashboards, calls and reports; editor also changes the knowledge base; admin also manages accounts`)
    .option("--password-stdin", "read the password from standard input")
    .option("--actor <name>", "who (kept in the audit log)")
    .option("--json", "machine-readable output")
    .description("add an account (there is no default account or password)")
    .action(async (name: string, opts: { role: string; passwordStdin?: boolean; json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd, { dataDir: "create" });
      const password = await readPassword(opts.passwordStdin);
      printUser(await withAccounts(ctx, (a) => a.add(ctx.actor, name, opts.role, password)), opts.json);
    });

  users
    .command("passwd")
    .argument("<name>", "user name")
    .option("--password-stdin", "read the password from standard input")
    .option("--actor <name>", "who")
    .option("--json", "machine-readable output")
    .description("set a new password (also unlocks the account and ends its sessions)")
    .action(async (name: string, opts: { passwordStdin?: boolean; json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const password = await readPassword(opts.passwordStdin);
      printUser(await withAccounts(ctx, (a) => a.setPassword(ctx.actor, name, password)), opts.json);
    });

  for (const [verb, disabled, help] of [
    ["disable", true, "disable an account: its sessions end at once, it can no longer log in"],
    ["enable", false, "enable a disabled account again (and clear a lock-out)"],
  ] as const) {
    users
      .command(verb)
      .argument("<name>", "user name")
      .option("--actor <name>", "who")
      .option("--json", "machine-readable output")
      .description(help)
      .action(async (name: string, opts: { json?: boolean }, cmd: Command) => {
        const ctx = contextOf(cmd);
        printUser(await withAccounts(ctx, (a) => a.setDisabled(ctx.actor, name, disabled)), opts.json);
      });
  }

  users
    .command("role")
    .argument("<name>", "user name")
    .argument("<role>", ROLES.join(", "))
    .option("--actor <name>", "who")
    .option("--json", "machine-readable output")
    .description("change an account's role (its sessions end)")
    .action(async (name: string, role: string, opts: { json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      printUser(await withAccounts(ctx, (a) => a.setRole(ctx.actor, name, role)), opts.json);
    });

  users
    .command("list")
    .option("--json", "machine-readable output")
    .description("every account: role, disabled, last login, locked until")
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const list = await withAccounts(ctx, (a) => a.list());
      if (opts.json) return printJson(list);
      if (!list.length) return printLine("no accounts: add one with `sahayak users add NAME --role admin`");
      for (const u of list) printLine(`${u.name.padEnd(20)} ${u.role.padEnd(7)} ${u.disabled ? "disabled" : "enabled "}  last login ${u.lastLoginAt ?? "never"}${u.lockedUntil ? `  locked until ${u.lockedUntil}` : ""}`);
    });
}
