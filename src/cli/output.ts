// What every CLI command shares: exit codes scripts can rely on, errors that say what to do,
// JSON or human output, and a progress bar when a person is watching.
import cliProgress from "cli-progress";

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
