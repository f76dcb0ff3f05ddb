// The table versions each running reader (serve, the console) reads, one small file per process under
// kb/readers, so `compact` keeps those versions while they run. Pins of processes that are gone are removed.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { processAlive } from "./lock.js";
import type { Head } from "./store-files.js";

export class ReaderPins {
  /** This reader's pin file, while it has one. */
  private pinPath: string | null = null;

  constructor(private readonly readersDir: string) {}

  /** Whether this process has pinned what it reads. */
  get pinned(): boolean {
    return this.pinPath !== null;
  }

  /** Records the table versions this process reads (best effort: a reader that may not write still reads). */
  pin(tables: Head["tables"]): void {
    const path = join(this.readersDir, `${process.pid}-${randomBytes(4).toString("hex")}.json`);
    try {
      mkdirSync(this.readersDir, { recursive: true });
      writeFileSync(path, JSON.stringify({ pid: process.pid, tables }));
      this.unpin();
      this.pinPath = path;
    } catch {
      /* a read-only data directory: compact cannot see this reader, and keeps its retention window instead */
    }
  }

  unpin(): void {
    if (this.pinPath) rmSync(this.pinPath, { force: true });
    this.pinPath = null;
  }

  /** Table versions read by running processes; pins of processes that are gone are removed. */
  live(): Head["tables"][] {
    const out: Head["tables"][] = [];
    if (!existsSync(this.readersDir)) return out;
    for (const name of readdirSync(this.readersDir)) {
      const path = join(this.readersDir, name);
      try {
        const pin = JSON.parse(readFileSync(path, "utf8")) as { pid: number; tables: Head["tables"] };
        if (path === this.pinPath || processAlive(pin.pid)) out.push(pin.tables);
        else rmSync(path, { force: true });
      } catch {
        rmSync(path, { force: true });
      }
    }
    return out;
  }
}
