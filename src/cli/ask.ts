// `sahayak ask` and `sahayak chat`: the dialogue as text, one turn or interactively.
import { createInterface } from "node:readline";
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { newContext, openDialogue, type DialogueContext, type Reply } from "../dialogue/index.js";
import { openKnowledgeBase } from "../knowledge/index.js";
import { contextOf, type CliContext } from "./context.js";
import { CliError, EXIT, printLine } from "./output.js";
import { openStore } from "./store.js";

const SESSION_ID = /^[A-Za-z0-9_.-]{1,64}$/;

/** `--session ID`: the conversation kept in the store (expiring like a caller's), or none. */
function sessionFor(ctx: CliContext, id: string | undefined, fallbackId: string): { context: DialogueContext; save(): void; close(): void } {
  if (id === undefined) return { context: newContext(fallbackId), save() {}, close() {} };
  if (!SESSION_ID.test(id)) throw new CliError(`session id "${id}" is not allowed: use 1–64 letters, digits, dot, dash or underscore`, EXIT.usage);
  const store = openStore(ctx);
  const key = `ask:${id}`;
  const context = store.sessions.load<DialogueContext>(key)?.context ?? newContext(id);
  return { context, save: () => store.sessions.save(key, context, { lang: context.lang }), close: () => store.close() };
}

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
      const session = sessionFor(ctx, opts.session, "cli");
      try {
        await withDialogue(ctx, async ({ engine }) => {
          const reply = await engine.respond({ text: question, lang: opts.lang }, session.context);
          session.save();
          if (opts.json) process.stdout.write(`${JSON.stringify(replyJson(reply))}\n`);
          else printLine(reply.text);
        });
      } finally {
        session.close();
      }
    });

  program
    .command("chat")
    .option("--lang <code>", "language the caller chose")
    .option("--session <id>", "keep the conversation under this id")
    .description("talk to the helpline in the terminal (/quit to leave)")
    .action(async (opts: { lang?: string; session?: string }, cmd: Command) => {
      const ctx = contextOf(cmd);
      checkLang(opts.lang);
      const session = sessionFor(ctx, opts.session, `chat-${process.pid}`);
      await withDialogue(ctx, async ({ engine }) => {
        const dctx = session.context;
        const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: "you> " });
        printLine("Sahayak: ask about any government scheme (in English or Hindi). /quit to leave.");
        rl.prompt();
        for await (const line of rl) {
          const text = line.trim();
          if (text === "/quit" || text === "/exit") break;
          if (text) {
            const reply = await engine.respond({ text, lang: opts.lang }, dctx);
            printLine(`sahayak> ${reply.text}`);
            session.save();
            if (reply.action === "end" || reply.action === "transfer") break;
          }
          rl.prompt();
        }
        rl.close();
      }).finally(() => session.close());
    });
}
