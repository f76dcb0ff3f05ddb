// What every CLI command shares: exit codes scripts can rely on, errors that say what to do,
// JSON or human output, and a progress bar when a person is watching.
import cliProgress from "cli-progress";
import type { Command } from "commander";

/** Exit codes of `sahayak`; documented in the README. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  invalidInput: 3,
  notFound: 4,
  conflict: 5,
  unavailable: 6,
} as const;

/** An error meant for the person at the terminal: message plus the exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Rows a listing shows at once unless --limit or --all says otherwise. */
export const DEFAULT_PAGE_SIZE = 100;

/** One page of a listing: rows from `offset`, at most `limit` of them (null: all). */
export interface Page {
  offset: number;
  limit: number | null;
}

/** --limit, --offset and --all for a listing that pages through every result. */
export function pagingOptions(command: Command): Command {
  return command
    .option("--limit <n>", `at most this many (default ${DEFAULT_PAGE_SIZE})`)
    .option("--offset <n>", "skip this many first (the next page: the offset the last one printed)")
    .option("--all", "every result, no paging");
}

export function pageOf(opts: { limit?: string; offset?: string; all?: boolean }): Page {
  const count = (value: string, name: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new CliError(`${name} must be a whole number, got "${value}"`, EXIT.usage);
    return n;
  };
  if (opts.all && opts.limit !== undefined) throw new CliError("give --limit or --all, not both", EXIT.usage);
  return { offset: opts.offset === undefined ? 0 : count(opts.offset, "--offset"), limit: opts.all ? null : opts.limit === undefined ? DEFAULT_PAGE_SIZE : count(opts.limit, "--limit") };
}

/** "schemes 101–200 of 3,611; next: --offset 200 (or --all)" */
export function pageSummary(noun: string, page: Page, shown: number, total: number): string {
  if (shown === 0) return `no ${noun} from ${page.offset + 1} on (${total.toLocaleString("en-IN")} in all)`;
  const last = page.offset + shown;
  const range = page.offset === 0 && last === total ? `all ${total.toLocaleString("en-IN")} ${noun}` : `${noun} ${page.offset + 1}–${last} of ${total.toLocaleString("en-IN")}`;
  return last < total ? `${range}; next: --offset ${last} (or --all)` : range;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLine(text = ""): void {
  process.stdout.write(`${text}\n`);
}

/** A progress bar on stderr when it is a terminal; silent otherwise (scripts, CI, --json). */
export function progressBar(enabled: boolean): { update(phase: string, done: number, total: number): void; stop(): void } {
  if (!enabled || !process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { format: " {phase} [{bar}] {value}/{total}", stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let currentPhase = "";
  return {
    update(phase, done, total) {
      if (!started || phase !== currentPhase) {
        if (started) bar.stop();
        bar.start(total, done, { phase: phase.padEnd(8) });
        started = true;
        currentPhase = phase;
      } else bar.update(done, { phase: phase.padEnd(8) });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** Wraps text to a width for terminal output, keeping a hanging indent. */
export function wrap(text: string, indent = 2, width = 100): string {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = "";
  for (const w of words) {
    if (line && line.length + w.length + 1 > width - indent) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.map((l) => " ".repeat(indent) + l).join("\n");
}
