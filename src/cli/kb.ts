// `sahayak kb ...`: the sysadmin's tools for the knowledge base.
import { once } from "node:events";
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import type { Command } from "commander";
import {
  addSchemes,
  deleteScheme,
  FilterError,
  formatProblem,
  importRecords,
  KbError,
  KbValidationError,
  openKnowledgeBase,
  previewImport,
  recordHashOf,
  rollback,
  schemeDiff,
  updateScheme,
  validateFile,
  type ActionContext,
  type KnowledgeBase,
  type SchemeEdit,
  type SchemeRecord,
  type SearchFilters,
  type ValidationReport,
} from "../knowledge/index.js";
import { LockedError } from "../knowledge/lock.js";
import { contextOf, type CliContext } from "./context.js";
import { CliError, EXIT, pageOf, pageSummary, pagingOptions, printJson, printLine, progressBar, wrap } from "./output.js";
import { printRecord } from "./kb-show.js";
import { registerKbStatus } from "./kb-status.js";
import { audit } from "./store.js";

async function withKb<T>(ctx: CliContext, fn: (kb: KnowledgeBase) => Promise<T>, json = false): Promise<T> {
  const kb = await openKnowledgeBase(ctx.config);
  const version = kb.store.kbVersion;
  try {
    const result = await fn(kb);
    // a changed knowledge base is read at the next start from its kept matcher, not built again there
    if (kb.store.kbVersion !== version) kb.search.keepSnapshot();
    return result;
  } catch (err) {
    if (err instanceof KbValidationError) reportInvalid({ ok: false, format: "unknown", records: [], problems: err.problems, problemsOmitted: 0 }, err.message.split(":")[0]!, json);
    if (err instanceof KbError) throw new CliError(err.message, err.kind === "not_found" ? EXIT.notFound : err.kind === "conflict" ? EXIT.conflict : err.kind === "invalid" ? EXIT.invalidInput : EXIT.failure);
    if (err instanceof LockedError) throw new CliError(err.message, EXIT.conflict);
    if (err instanceof FilterError) throw new CliError(err.message, EXIT.usage);
    throw err;
  } finally {
    await kb.close();
  }
}

/** The shared knowledge-base actions, as this CLI user, audited in the store. */
function actions(ctx: CliContext, store: KnowledgeBase["store"]): ActionContext {
  return { store, actor: ctx.actor, limits: ctx.config.knowledge, audit: (action, target, details) => audit(ctx, action, target, details) };
}

/** Writes to standard output at the pace of whatever reads it (a pipe into gzip), then returns. */
async function writeToStdout(chunks: string[]): Promise<void> {
  for (const chunk of chunks) {
    if (!process.stdout.write(chunk)) await once(process.stdout, "drain");
  }
  await new Promise<void>((done, fail) => process.stdout.write("", (err) => (err ? fail(err) : done())));
}

/** Writes a file whole or not at all: a temporary file, flushed, renamed over the target. */
function writeFileDurably(file: string, chunks: string[]): void {
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    const fd = openSync(tmp, "w");
    try {
      for (const chunk of chunks) writeSync(fd, chunk);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new CliError(`cannot write ${file}: ${(err as Error).message}; nothing was written`, EXIT.failure);
  }
}

/** Reads a file (or stdin for "-") without loading absurdly large files into memory. */
function readInput(file: string, maxBytes: number): Uint8Array {
  if (file === "-") return readFileSync(0);
  let size: number;
  try {
    size = statSync(file).size;
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message}`, EXIT.notFound);
  }
  if (size > maxBytes) {
    throw new CliError(`${file} is ${size} bytes, larger than the limit of ${maxBytes} bytes (knowledge.maxFileBytes); nothing was changed`, EXIT.invalidInput);
  }
  return readFileSync(file);
}

function reportInvalid(report: ValidationReport, file: string, json: boolean): never {
  const count = report.problems.length + report.problemsOmitted;
  if (json) {
    printJson({ ok: false, file, problems: report.problems, problemsOmitted: report.problemsOmitted });
  } else {
    process.stderr.write(`${file}: ${count} problem${count === 1 ? "" : "s"} found; nothing was changed.\n`);
    for (const p of report.problems.slice(0, 50)) process.stderr.write(`  ${formatProblem(p, file)}\n`);
    if (count > 50) process.stderr.write(`  ... and ${count - 50} more (use --json for the full list)\n`);
  }
  throw new CliError("", EXIT.invalidInput);
}

function validated(ctx: CliContext, file: string, json: boolean): SchemeRecord[] {
  const bytes = readInput(file, ctx.config.knowledge.maxFileBytes);
  const report = validateFile(bytes, ctx.config.knowledge);
  if (!report.ok) reportInvalid(report, file === "-" ? "stdin" : file, json);
  return report.records.map((r) => r.record);
}

function parseIntArg(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new CliError(`${name} must be a whole number, got "${value}"`, EXIT.usage);
  return n;
}

/** `--set path=value`: the value is JSON, or else text. */
function parseAssignment(assignment: string): { path: string; value: unknown } {
  const eq = assignment.indexOf("=");
  if (eq <= 0) throw new CliError(`--set needs path=value, got "${assignment}"`, EXIT.usage);
  const raw = assignment.slice(eq + 1);
  try {
    return { path: assignment.slice(0, eq), value: JSON.parse(raw) };
  } catch {
    return { path: assignment.slice(0, eq), value: raw };
  }
}

function commitSummary(r: { version: number; created: boolean; added: string[]; updated: string[]; deleted: string[]; unchanged: number }): string {
  if (!r.created) return `no change: the knowledge base stays at version ${r.version} (${r.unchanged} record(s) already identical)`;
  return `knowledge base version ${r.version}: ${r.added.length} added, ${r.updated.length} updated, ${r.deleted.length} deleted, ${r.unchanged} unchanged`;
}

function filtersFrom(opts: Record<string, string | undefined>): SearchFilters {
  const level = opts.level;
  if (level && level !== "central" && level !== "state") throw new CliError(`--level must be central or state, got "${level}"`, EXIT.usage);
  return { category: opts.category, state: opts.state, level: level as SearchFilters["level"], beneficiary: opts.beneficiary };
}

export function registerKb(program: Command): void {
  const kb = program.command("kb").description("manage the knowledge base of schemes");

  kb.command("import")
    .argument("<file>", "JSON Lines or JSON array of scheme records")
    .option("--dry-run", "validate and report what would change, change nothing")
    .option("--json", "machine-readable output")
    .option("--reason <text>", "why (kept in the audit log)")
    .option("--actor <name>", "who (kept in the audit log)")
    .description("validate a whole file, then add or update its records as one new version")
    .action(async (file: string, opts: { dryRun?: boolean; json?: boolean; reason?: string }, cmd: Command) => {
      const ctx = contextOf(cmd, { dataDir: "create" });
      const records = validated(ctx, file, !!opts.json);
      await withKb(ctx, async ({ store }) => {
        if (opts.dryRun) {
          const preview = await previewImport(store, records);
          if (opts.json) printJson({ ok: true, dryRun: true, records: preview.records, added: preview.added.length, updated: preview.updated.length, unchanged: preview.unchanged });
          else printLine(`${file}: ${preview.records} valid records; would add ${preview.added.length}, update ${preview.updated.length}, leave ${preview.unchanged} unchanged (dry run: nothing changed)`);
          return;
        }
        const bar = progressBar(!opts.json);
        const result = await importRecords(actions(ctx, store), records, opts.reason ?? `import of ${file}`, bar.update).finally(() => bar.stop());
        ctx.log.info({ event: "kb.import", file, version: result.version, added: result.added.length, updated: result.updated.length }, "knowledge base import");
        if (opts.json) printJson({ ok: true, version: result.version, created: result.created, added: result.added.length, updated: result.updated.length, unchanged: result.unchanged });
        else printLine(commitSummary(result));
      });
    });

  kb.command("add")
    .argument("<file>", "a record (JSON), JSON Lines or a JSON array; - for standard input")
    .option("--json", "machine-readable output")
    .option("--reason <text>", "why")
    .option("--actor <name>", "who")
    .description("add new schemes (refuses ids that already exist: use kb update)")
    .action(async (file: string, opts: { json?: boolean; reason?: string }, cmd: Command) => {
      const ctx = contextOf(cmd, { dataDir: "create" });
      const records = validated(ctx, file, !!opts.json);
      await withKb(ctx, async ({ store }) => {
        const result = await addSchemes(actions(ctx, store), records, opts.reason ?? "added by sysadmin");
        if (opts.json) printJson({ ok: true, version: result.version, added: result.added });
        else printLine(commitSummary(result));
      });
    });

  kb.command("update")
    .argument("<id>", "scheme id")
    .argument("[file]", "the complete new record (instead of --set)")
    .option("--set <path=value...>", "set one field, e.g. --set benefits.en[0]=\"...\" (value is JSON, or text)")
    .option("--json", "machine-readable output")
    .option("--reason <text>", "why")
    .option("--actor <name>", "who")
    .description("change one scheme: fields with --set, or the whole record from a file")
    .action(async (id: string, file: string | undefined, opts: { set?: string[]; json?: boolean; reason?: string }, cmd: Command) => {
      const ctx = contextOf(cmd);
      if (!file && !opts.set?.length) throw new CliError("give --set path=value (one or more) or a FILE with the new record", EXIT.usage);
      if (file && opts.set?.length) throw new CliError("give either --set or a FILE, not both", EXIT.usage);
      await withKb(
        ctx,
        async ({ store }) => {
          let edit: SchemeEdit;
          if (file) {
            const records = validated(ctx, file, !!opts.json);
            if (records.length !== 1 || records[0]!.schemeId !== id) throw new CliError(`${file} must hold exactly one record with schemeId "${id}"`, EXIT.invalidInput);
            edit = { record: records[0]! };
          } else edit = { set: opts.set!.map(parseAssignment) };
          const result = await updateScheme(actions(ctx, store), id, edit, { reason: opts.reason });
          if (opts.json) printJson({ ok: true, version: result.version, created: result.created });
          else printLine(commitSummary(result));
        },
        !!opts.json,
      );
    });

  kb.command("delete")
    .argument("<id>", "scheme id")
    .requiredOption("--reason <text>", "why the scheme is removed (kept in the audit log)")
    .option("--actor <name>", "who")
    .option("--json", "machine-readable output")
    .description("remove a scheme (its history stays; kb rollback can bring it back)")
    .action(async (id: string, opts: { reason: string; json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      await withKb(ctx, async ({ store }) => {
        const result = await deleteScheme(actions(ctx, store), id, opts.reason);
        if (opts.json) printJson({ ok: true, version: result.version, deleted: result.deleted });
        else printLine(commitSummary(result));
      });
    });

  kb.command("show")
    .argument("<id>", "scheme id")
    .option("--lang <code>", "language to show (en, hi)", "en")
    .option("--version <n>", "as it was at this knowledge-base version")
    .option("--json", "the record as JSON")
    .description("show one scheme")
    .action(async (id: string, opts: { lang: string; version?: string; json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      await withKb(ctx, async ({ store }) => {
        const version = opts.version === undefined ? undefined : parseIntArg(opts.version, "--version");
        const record = await store.get(id, version);
        if (!record) throw new CliError(`scheme "${id}" ${version === undefined ? "is not in the knowledge base" : `did not exist at version ${version}`}; try \`sahayak kb search\``, EXIT.notFound);
        if (opts.json) printJson(record);
        else printRecord(record, opts.lang);
      });
    });

  pagingOptions(
    kb
      .command("list")
      .option("--category <c>", "category slug or label")
      .option("--state <s>", "state or union territory (nationwide schemes are included)")
      .option("--level <l>", "central or state")
      .option("--beneficiary <b>", "farmer, woman, student, senior, disabled, widow, ..."),
  )
    .option("--json", "machine-readable output: {total, offset, count, schemes}")
    .description("list schemes, most useful first, a page at a time")
    .action(async (opts: Record<string, string | undefined> & { json?: boolean; all?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const page = pageOf(opts);
      await withKb(ctx, async ({ search, store }) => {
        const all = search.list(filtersFrom(opts));
        const rows = all.slice(page.offset, page.limit === null ? undefined : page.offset + page.limit).map((h) => {
          const m = store.metaOf(h.schemeId)!;
          return { schemeId: h.schemeId, name: h.name, level: m.level, state: m.state || null, detailLevel: m.detailLevel };
        });
        if (opts.json) printJson({ total: all.length, offset: page.offset, count: rows.length, schemes: rows });
        else {
          for (const r of rows) printLine(`${r.schemeId.padEnd(28)} ${r.level.padEnd(7)} ${(r.state ?? "").padEnd(16)} ${r.name}`);
          printLine(pageSummary("schemes", page, rows.length, all.length));
        }
      });
    });

  kb.command("versions")
    .argument("[id]", "only the versions of this scheme")
    .option("--json", "machine-readable output")
    .description("knowledge-base versions (the audit log), or one scheme's versions")
    .action(async (id: string | undefined, opts: { json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      await withKb(ctx, async ({ store }) => {
        if (id) {
          const history = await store.history(id);
          if (!history.length) throw new CliError(`no versions of "${id}" exist`, EXIT.notFound);
          if (opts.json) printJson(history);
          else for (const h of history) printLine(`v${String(h.kbVersion).padEnd(5)} ${h.time}  ${h.op.padEnd(7)} ${h.actor.padEnd(12)} ${h.reason}`);
          return;
        }
        const commits = await store.commits();
        if (opts.json) printJson(commits);
        else {
          if (!commits.length) printLine("the knowledge base is empty: run `sahayak kb import FILE`");
          for (const c of commits) {
            printLine(`v${String(c.version).padEnd(5)} ${c.time}  ${c.op.padEnd(8)} ${c.actor.padEnd(12)} +${c.added.length} ~${c.updated.length} -${c.deleted.length}  ${c.reason}`);
          }
        }
      });
    });

  kb.command("diff")
    .argument("<id>", "scheme id")
    .argument("<a>", "older knowledge-base version")
    .argument("<b>", "newer knowledge-base version")
    .option("--json", "machine-readable output")
    .description("what changed in one scheme between two versions")
    .action(async (id: string, a: string, b: string, opts: { json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      await withKb(ctx, async ({ store }) => {
        const va = parseIntArg(a, "version A");
        const vb = parseIntArg(b, "version B");
        const { changes } = await schemeDiff(store, id, va, vb);
        if (opts.json) printJson({ schemeId: id, from: va, to: vb, changes });
        else {
          if (!changes.length) printLine(`${id}: no difference between versions ${va} and ${vb}`);
          for (const c of changes) {
            const show = (v: unknown): string => (v === undefined ? "(absent)" : JSON.stringify(v).slice(0, 300));
            printLine(`${c.path || "(record)"}\n  - ${show(c.before)}\n  + ${show(c.after)}`);
          }
        }
      });
    });

  kb.command("rollback")
    .requiredOption("--to <n>", "knowledge-base version to go back to")
    .argument("[id]", "only this scheme")
    .option("--dry-run", "say what would change, change nothing")
    .option("--yes", "confirm a rollback of the whole knowledge base")
    .option("--reason <text>", "why")
    .option("--actor <name>", "who")
    .option("--json", "machine-readable output")
    .description("make a new version equal to an old one (the whole KB, or one scheme); the whole KB needs --yes")
    .action(async (id: string | undefined, opts: { to: string; dryRun?: boolean; yes?: boolean; reason?: string; json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      await withKb(ctx, async ({ store }) => {
        const to = parseIntArg(opts.to, "--to");
        const target = await store.stateAt(to, id);
        const current = await store.hashes();
        const upserts = [...target.values()].filter((r) => current.get(r.schemeId) !== recordHashOf(r));
        const deletes = [...current.keys()].filter((k) => !target.has(k) && (!id || k === id));
        if (id && !target.has(id) && !current.has(id)) throw new CliError(`scheme "${id}" exists neither now nor at version ${to}`, EXIT.notFound);
        const plan = { added: upserts.filter((r) => !current.has(r.schemeId)).length, updated: upserts.filter((r) => current.has(r.schemeId)).length, deleted: deletes.length };
        const what = `rollback${id ? ` of ${id}` : " of the whole knowledge base"} to version ${to} would add ${plan.added}, update ${plan.updated} and delete ${plan.deleted} scheme(s), leaving ${store.size - plan.deleted + plan.added} (now ${store.size})`;
        if (opts.dryRun) {
          if (opts.json) printJson({ ok: true, dryRun: true, to, ...plan });
          else printLine(`${what} (dry run: nothing changed)`);
          return;
        }
        // a whole-KB rollback can empty the live knowledge base (--to 0): it is never one keystroke away
        if (!id && !opts.yes) throw new CliError(`${what}.\nNothing was changed: add --yes to do it (or --dry-run to only see this).`, EXIT.usage);
        const result = await rollback(actions(ctx, store), to, id, opts.reason);
        if (opts.json) printJson({ ok: true, version: result.version, created: result.created, added: result.added.length, updated: result.updated.length, deleted: result.deleted.length });
        else printLine(commitSummary(result));
      });
    });

  kb.command("export")
    .argument("<file>", "output JSON Lines file (- for standard output)")
    .option("--json", "machine-readable summary")
    .description("write every current record as JSON Lines (importable again)")
    .action(async (file: string, opts: { json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      await withKb(ctx, async ({ store }) => {
        const toStdout = file === "-";
        const bar = progressBar(!opts.json && !toStdout);
        // every record is read before the first byte is written: a failure midway writes nothing
        const lines: string[] = [];
        try {
          for await (const record of store.all()) {
            lines.push(`${JSON.stringify(record)}\n`);
            if (lines.length % 100 === 0) bar.update("export", lines.length, store.size);
          }
        } finally {
          bar.stop();
        }
        if (toStdout) await writeToStdout(lines);
        else writeFileDurably(file, lines);
        const n = lines.length;
        await audit(ctx, "kb.export", toStdout ? "standard output" : file, { records: n, version: store.kbVersion });
        if (toStdout) return;
        if (opts.json) printJson({ ok: true, file, records: n, version: store.kbVersion });
        else printLine(`wrote ${n} records (knowledge base version ${store.kbVersion}) to ${file}`);
      });
    });

  kb.command("compact")
    .option("--keep-days <n>", "keep the LanceDB versions of this many last days (default knowledge.compact.keepDays)")
    .option("--json", "machine-readable output")
    .description("remove old LanceDB versions and merge small files (kb versions, diff and rollback keep the whole history)")
    .action(async (opts: { keepDays?: string; json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const keepDays = opts.keepDays === undefined ? ctx.config.knowledge.compact.keepDays : parseIntArg(opts.keepDays, "--keep-days");
      await withKb(ctx, async ({ store }) => {
        const r = await store.compact(keepDays);
        const mb = (b: number) => (b / 2 ** 20).toFixed(1);
        if (opts.json) printJson({ ok: true, keepDays, ...r });
        else printLine(`knowledge base version ${r.kbVersion}: ${mb(r.bytesBefore)} MB → ${mb(r.bytesAfter)} MB; ${r.versionsRemoved} old table version(s) removed, ${r.keptInUse} kept in use or younger than ${keepDays} day(s)`);
      });
    });

  registerKbStatus(kb);

  kb.command("stats")
    .option("--json", "machine-readable output")
    .description("what the knowledge base holds")
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      await withKb(ctx, async ({ store }) => {
        const meta = store.meta();
        const count = (f: (m: (typeof meta)[number]) => string): Record<string, number> =>
          meta.reduce<Record<string, number>>((acc, m) => ((acc[f(m) || "none"] = (acc[f(m) || "none"] ?? 0) + 1), acc), {});
        const categories: Record<string, number> = {};
        for (const m of meta) for (const c of m.categories.filter((label) => /[A-Z]/.test(label))) categories[c] = (categories[c] ?? 0) + 1;
        const commits = await store.commits();
        const stats = {
          version: store.kbVersion,
          schemes: meta.length,
          byLevel: count((m) => m.level),
          byDetailLevel: count((m) => m.detailLevel),
          withHindiName: meta.filter((m) => m.nameHi).length,
          states: new Set(meta.flatMap((m) => m.states).filter((s) => s !== "All")).size,
          categories,
          lastChange: commits.at(-1) ?? null,
        };
        if (opts.json) printJson(stats);
        else {
          printLine(`version ${stats.version}: ${stats.schemes} schemes (${Object.entries(stats.byLevel).map(([k, v]) => `${v} ${k}`).join(", ")})`);
          printLine(`detail: ${Object.entries(stats.byDetailLevel).map(([k, v]) => `${v} ${k}`).join(", ")}; Hindi names: ${stats.withHindiName}; states: ${stats.states}`);
          printLine("categories:");
          for (const [c, n] of Object.entries(categories).sort((a, b) => b[1] - a[1])) printLine(`  ${String(n).padStart(5)}  ${c}`);
          if (stats.lastChange) printLine(`last change: v${stats.lastChange.version} ${stats.lastChange.time} by ${stats.lastChange.actor}: ${stats.lastChange.reason}`);
        }
      });
    });

  kb.command("search")
    .argument("<query...>", "what a caller asked, in any language")
    .option("--lang <code>", "caller's language hint")
    .option("--limit <n>", "at most this many", "5")
    .option("--category <c>", "category")
    .option("--state <s>", "state")
    .option("--level <l>", "central or state")
    .option("--beneficiary <b>", "beneficiary group")
    .option("--json", 'JSON: [{"schemeId","score","name"}, ...]')
    .option("--explain", "with --json or not: show which fields matched and how")
    .description("search schemes the way the helpline does")
    .action(async (words: string[], opts: Record<string, string | undefined> & { json?: boolean; explain?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      await withKb(ctx, async ({ search }) => {
        const hits = await search.search(words.join(" "), { ...filtersFrom(opts), lang: opts.lang, limit: parseIntArg(opts.limit ?? "5", "--limit") });
        if (opts.json) printJson(opts.explain ? hits : hits.map((h) => ({ schemeId: h.schemeId, score: h.score, name: h.name })));
        else {
          if (!hits.length) printLine("no scheme matches");
          for (const h of hits) {
            printLine(`${h.score.toFixed(3)}  ${h.schemeId.padEnd(24)} ${h.name}`);
            if (opts.explain) printLine(wrap(`matched: ${h.matched.join(", ") || "-"}; via: ${h.via.join(", ")}; name score ${h.nameScore}`, 7));
          }
        }
      });
    });

  kb.command("reindex")
    .option("--json", "machine-readable output")
    .description("rebuild the search indexes from the stored records (after a software update)")
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      await withKb(ctx, async ({ store }) => {
        const bar = progressBar(!opts.json);
        const n = await store.reindex(bar.update).finally(() => bar.stop());
        if (opts.json) printJson({ ok: true, records: n, version: store.kbVersion });
        else printLine(`reindexed ${n} records at version ${store.kbVersion}`);
      });
    });
}
