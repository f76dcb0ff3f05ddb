// The knowledge base's files beside its tables: HEAD.json (the commit point, written atomically), the
// bytes of a snapshot's tables, and the size of the whole folder.
import { createRequire } from "node:module";
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { Table as ArrowTable } from "apache-arrow";
import { TABLES } from "./tables.js";
import { KbError } from "./store-types.js";

// LanceDB hands out tables of the CommonJS build of apache-arrow; only that copy's functions recognise them
// (the ESM build is a second copy whose instanceof checks fail and whose IPC writer then writes nothing)
const arrow = createRequire(import.meta.url)("apache-arrow") as typeof import("apache-arrow");

/** A snapshot's table as an Arrow IPC file, and back. */
export function tableToBytes(table: ArrowTable): Uint8Array {
  return arrow.tableToIPC(table, "file");
}
export function tableFromBytes(bytes: Uint8Array): ArrowTable {
  return arrow.tableFromIPC(bytes);
}

const tableVersion = z.number().int().positive();
/** HEAD.json: the committed version of every table. Read strictly: a damaged one must not be half-used. */
const HEAD = z.object({
  format: z.literal(1),
  kbVersion: z.number().int().nonnegative(),
  time: z.string(),
  tables: z.object({ schemes: tableVersion, history: tableVersion, commits: tableVersion }),
});
export type Head = z.infer<typeof HEAD>;

export function writeFileAtomic(path: string, content: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, content);
  const fd = openSync(tmp, "r");
  fsyncSync(fd);
  closeSync(fd);
  renameSync(tmp, path);
  const dirFd = openSync(join(path, ".."), "r");
  fsyncSync(dirFd);
  closeSync(dirFd);
}

/** Bytes of every file under a folder. */
export function treeBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      try {
        total += statSync(join(entry.parentPath, entry.name)).size;
      } catch {
        /* removed meanwhile */
      }
    }
  }
  return total;
}

export const sameHead = (a: Head | null, b: Head | null): boolean => !!a && !!b && a.kbVersion === b.kbVersion && TABLES.every((name) => a.tables[name] === b.tables[name]);

/** HEAD.json as committed, or null when there is none; a damaged one is an error, never half-used. */
export function readHeadFile(path: string): Head | null {
  if (!existsSync(path)) return null;
  let head: z.ZodSafeParseResult<Head>;
  try {
    head = HEAD.safeParse(JSON.parse(readFileSync(path, "utf8")));
  } catch (err) {
    throw new KbError(`the knowledge base commit file ${path} is unreadable (${(err as Error).message}); restore it from a backup`, "io");
  }
  if (head.success) return head.data;
  const why = head.error.issues.map((i) => `${i.path.join(".") || "the file"}: ${i.message}`).join("; ");
  throw new KbError(`the knowledge base commit file ${path} is damaged (${why}); restore it from a backup`, "io");
}
