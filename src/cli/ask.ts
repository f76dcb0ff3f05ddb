// `sahayak ask` and `sahayak chat`: the dialogue as text, one turn or interactively.
import { createInterface } from "node:readline";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { FileSessionStore, newContext, openDialogue, SessionIdError, type DialogueContext, type Reply } from "../dialogue/index.js";
import { openKnowledgeBase } from "../knowledge/index.js";
import { contextOf, type CliContext } from "./context.js";
import { CliError, EXIT, printLine } from "./output.js";

function replyJson(reply: Reply, session?: string): Record<string, unknown> {
  return {
    ...(session ? { session } : {}),
    text: reply.text,
    lang: reply.lang,
    action: reply.action,
    intent: reply.intent,
    schemeIds: reply.schemeIds,
    field: reply.field ?? null,
    hasMore: reply.hasMore ?? false,
    source: reply.source,
    segments: reply.segments,
  };
}

async function withDialogue<T>(ctx: CliContext, fn: (d: Awaited<ReturnType<typeof openDialogue>>) => Promise<T>): Promise<T> {
  const kb = await openKnowledgeBase(ctx.config);
  if (kb.store.size === 0) {
    await kb.close();
    throw new CliError("the knowledge base is empty: run `sahayak kb import FILE` (make setup imports ../shared/data/schemes.jsonl)", EXIT.unavailable);
  }
  const dialogue = await openDialogue(kb, ctx.config, ctx.log);
  try {
    return await fn(dialogue);
  } finally {
    await dialogue.close();
    await kb.close();
  }
}

function checkLang(lang: string | undefined): void {
  if (lang !== undefined && !/^[a-z]{2,3}$/.test(lang)) throw new CliError(`--lang must be a language code like en or hi, got "${lang}"`, EXIT.usage);
}

export function registerAsk(program: Command): void {
  program
    .command("ask")
    .argument("[question...]", "the caller's question")
    .option("--lang <code>", "language the caller chose (en, hi, ...)")
    .option("--session <id>", "continue this conversation (kept in the data directory)")
    .option("--batch <file>", 'JSON lines {"session","question","lang"?}: one reply per line')
    .option("--json", "machine-readable reply")
    .description("answer one question the way the helpline would")
    .action(async (words: string[], opts: { lang?: string; session?: string; batch?: string; json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      checkLang(opts.lang);
      const sessions = new FileSessionStore(join(ctx.config.dataDir, "sessions"));
      if (opts.batch) {
        const lines = readFileSync(opts.batch === "-" ? 0 : opts.batch, "utf8").split("\n").filter((l) => l.trim());
        await withDialogue(ctx, async ({ engine }) => {
          const contexts = new Map<string, DialogueContext>();
          for (const [i, line] of lines.entries()) {
            let item: { session?: unknown; question?: unknown; lang?: unknown };
            try {
              item = JSON.parse(line) as typeof item;
            } catch (err) {
              process.stdout.write(`${JSON.stringify({ error: `line ${i + 1}: malformed JSON: ${(err as Error).message}` })}\n`);
              continue;
            }
            const session = typeof item.session === "string" ? item.session : `batch-${i + 1}`;
            if (typeof item.question !== "string") {
              process.stdout.write(`${JSON.stringify({ session, error: `line ${i + 1}: "question" must be a string` })}\n`);
              continue;
            }
            let dctx = contexts.get(session);
            if (!dctx) {
              dctx = newContext(session);
              contexts.set(session, dctx);
            }
            const reply = await engine.respond({ text: item.question, lang: typeof item.lang === "string" ? item.lang : undefined }, dctx);
            process.stdout.write(`${JSON.stringify(replyJson(reply, session))}\n`);
          }
        });
        return;
      }
      const question = words.join(" ");
      await withDialogue(ctx, async ({ engine }) => {
        let dctx: DialogueContext;
        try {
          dctx = opts.session ? sessions.load(opts.session) : newContext("cli");
        } catch (err) {
          if (err instanceof SessionIdError) throw new CliError(err.message, EXIT.usage);
          throw err;
        }
        const reply = await engine.respond({ text: question, lang: opts.lang }, dctx);
        if (opts.session) sessions.save(dctx);
        if (opts.json) process.stdout.write(`${JSON.stringify(replyJson(reply))}\n`);
        else printLine(reply.text);
      });
    });

  program
    .command("chat")
    .option("--lang <code>", "language the caller chose")
    .option("--session <id>", "keep the conversation under this id")
    .description("talk to the helpline in the terminal (/quit to leave)")
    .action(async (opts: { lang?: string; session?: string }, cmd: Command) => {
      const ctx = contextOf(cmd);
      checkLang(opts.lang);
      const sessions = new FileSessionStore(join(ctx.config.dataDir, "sessions"));
      await withDialogue(ctx, async ({ engine }) => {
        const dctx = opts.session ? sessions.load(opts.session) : newContext(`chat-${process.pid}`);
        const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: "you> " });
        printLine("Sahayak: ask about any government scheme (in English or Hindi). /quit to leave.");
        rl.prompt();
        for await (const line of rl) {
          const text = line.trim();
          if (text === "/quit" || text === "/exit") break;
          if (text) {
            const reply = await engine.respond({ text, lang: opts.lang }, dctx);
            printLine(`sahayak> ${reply.text}`);
            if (opts.session) sessions.save(dctx);
            if (reply.action === "end" || reply.action === "transfer") break;
          }
          rl.prompt();
        }
        rl.close();
      });
    });
}
