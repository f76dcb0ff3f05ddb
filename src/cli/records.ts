// `sahayak calls list|show`, `sahayak report calls|unanswered`, `sahayak audit` and `sahayak purge`: what the
// store keeps about calls, for the sysadmin and the knowledge-base team.
import type { Command } from "commander";
import { OUTCOMES } from "../call/index.js";
import type { CallDetail, CallSummary, StoreBackend, UnansweredGroup } from "../store/index.js";
import { contextOf } from "./context.js";
import { CliError, EXIT, pageOf, pageSummary, pagingOptions, printJson, printLine, wrap } from "./output.js";
import { parseSince, withBackend } from "./store.js";

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function registerRecords(program: Command): void {
  const calls = program.command("calls").description("call records: start, end, language, outcome and turns (callers' words redacted)");

  pagingOptions(calls.command("list").description("calls, newest first, a page at a time"))
    .option("--since <when>", "only calls since then: 30m, 24h, 7d, or a date (default: all kept)")
    .option("--json", "machine-readable output: {total, offset, count, calls}")
    .action(async (opts: { since?: string; json?: boolean; limit?: string; offset?: string; all?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const since = parseSince(opts.since);
      const page = pageOf(opts);
      const { total, rows } = await withBackend(ctx, async (store) => ({ total: await store.calls.count(since), rows: await store.calls.list(since, page.limit ?? -1, page.offset) }));
      if (opts.json) return printJson({ total, offset: page.offset, count: rows.length, calls: rows });
      if (!total) return printLine("no calls recorded in that period");
      rows.forEach((c) => printLine(callLine(c)));
      printLine(pageSummary("calls", page, rows.length, total));
    });

  calls
    .command("show")
    .argument("<id>", "call id (from calls list)")
    .option("--json", "machine-readable output")
    .description("one call's turns with their timings")
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const call = await withBackend(ctx, async (store) => {
        const found = await store.calls.show(id);
        // reading transcripts is an administrative action too
        if (found) await store.audit.append(ctx.actor, "calls.show", id);
        return found;
      });
      if (!call) throw new CliError(`no call "${id}" is recorded (it may have been purged); see \`sahayak calls list\``, EXIT.notFound);
      if (opts.json) return printJson(call);
      printCall(call);
    });

  const report = program.command("report").description("reports for the knowledge-base team and the sysadmin");
  sinceListing(report.command("calls").description("how calls ended: answered, handed to a person, turned away (and why), failed in set-up, interrupted"), {
    sinceHelp: "only calls since then: 30m, 24h, 7d, or a date (default: all kept)",
    empty: "no calls recorded in that period",
    fetch: async (store, since) => (await store.calls.outcomes(since)).map((o) => ({ ...o, meaning: OUTCOMES[o.outcome] ?? "" })),
    print: (o) => printLine(`${String(o.calls).padStart(6)}  ${o.outcome.padEnd(14)} ${o.meaning}${o.transferred && o.outcome !== "transfer" ? ` (${o.transferred} reached a person)` : ""}`),
  });
  sinceListing(report.command("unanswered").description("questions that ended out of scope, with no information, not understood, in a clarification loop or in a transfer, grouped"), {
    sinceHelp: "only calls since then: 30m, 24h, 7d, or a date (default: all kept)",
    empty: "no unanswered questions in that period",
    fetch: (store, since) => store.calls.unanswered(since),
    print: printGroup,
  });

  sinceListing(program.command("audit").description("the audit log: knowledge-base changes, config changes, purges, exports, transcript views"), {
    sinceHelp: "only entries since then: 30m, 24h, 7d, or a date (default: all)",
    empty: "no audit entries in that period",
    fetch: (store, since) => store.audit.list(since),
    print: (e) => printLine(`${e.at}  ${e.node ? `${e.node.padEnd(10)} ` : ""}${e.actor.padEnd(14)} ${e.action.padEnd(14)} ${e.target ?? ""}${e.details ? `  ${JSON.stringify(e.details)}` : ""}`),
  });

  program
    .command("purge")
    .option("--dry-run", "count what would be removed, remove nothing")
    .option("--json", "machine-readable output")
    .option("--actor <name>", "who (kept in the audit log)")
    .description("remove call records older than store.recordRetentionDays, expired conversations and old rate-limit counts")
    .action(async (opts: { dryRun?: boolean; json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const result = await withBackend(ctx, (store) => store.purge(ctx.actor, { dryRun: opts.dryRun }));
      if (opts.json) return printJson({ ok: true, dryRun: !!opts.dryRun, ...result });
      const verb = opts.dryRun ? "would remove" : "removed";
      printLine(`${verb} ${result.calls} call record(s) from before ${result.before}, ${result.sessions} expired conversation(s), ${result.rateLimitEntries} old rate-limit count(s)${opts.dryRun ? " (dry run: nothing changed)" : ""}`);
    });
}

/** A command listing rows from the store since --since: JSON with --json, else one printed entry per row. */
function sinceListing<T>(command: Command, how: { sinceHelp: string; empty: string; fetch: (store: StoreBackend, since: number) => Promise<T[]>; print: (row: T) => void }): void {
  command
    .option("--since <when>", how.sinceHelp)
    .option("--json", "machine-readable output")
    .action(async (opts: { since?: string; json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const since = parseSince(opts.since);
      const rows = await withBackend(ctx, (store) => how.fetch(store, since));
      if (opts.json) return printJson(rows);
      if (!rows.length) return printLine(how.empty);
      rows.forEach((row) => how.print(row));
    });
}

function callLine(c: CallSummary): string {
  const notes = [c.continued, c.transferred && c.outcome !== "transfer" && "sent to a person", c.error && `error: ${c.error}`].filter(Boolean).join("; ");
  // a cluster's calls are each marked with the node that took them
  return `${c.callId.padEnd(24)} ${c.node ? `${c.node.padEnd(10)} ` : ""}${c.startedAt}  ${seconds(c.durationMs).padStart(8)}  ${(c.lang ?? "-").padEnd(2)} ${c.mode.padEnd(6)} ${c.outcome.padEnd(13)} ${String(c.turns).padStart(3)} turns${notes ? `  (${notes})` : ""}`;
}

function printCall(c: CallDetail): void {
  printLine(callLine(c));
  for (const t of c.turnList) {
    const said = t.dtmf ? `[key ${t.dtmf}]` : t.text || "(nothing)";
    const timings = Object.entries(t.timings)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
    const notes = [t.action, t.confidence !== undefined && `confidence ${t.confidence.toFixed(2)}`, t.schemeIds?.join(","), t.interrupted && "interrupted", t.unanswered && `unanswered: ${t.unanswered}`, timings].filter(Boolean);
    printLine(`${seconds(t.atMs).padStart(8)}  ${t.role === "caller" ? "caller " : "sahayak"}  ${said}`);
    if (notes.length) printLine(wrap(notes.join("; "), 20));
  }
}

function printGroup(g: UnansweredGroup): void {
  const reasons = Object.entries(g.reasons)
    .map(([r, n]) => `${r} ${n}`)
    .join(", ");
  printLine(`${String(g.count).padStart(4)} × ${g.question}`);
  printLine(wrap(`${reasons}; last ${g.lastAt}; calls ${g.callIds.join(", ")}`, 7));
}
