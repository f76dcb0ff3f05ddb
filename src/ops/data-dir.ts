// Whether this process can use a directory. A data directory that is missing or that the service user
// cannot read must be an error naming the path and the user: read through, it looks like an empty
// knowledge base ("version 0: 0 schemes") and a helpline that knows nothing.
import { accessSync, constants, statSync } from "node:fs";
import { userInfo } from "node:os";
import { dirname } from "node:path";

/** read: it must exist and be readable; create: it may be made (its nearest existing parent writable); none: not checked. */
export type DataDirUse = "read" | "create" | "none";

/** "sahayak (uid 998)": who this process runs as. */
export function currentUser(): string {
  try {
    const u = userInfo();
    return `${u.username} (uid ${u.uid})`;
  } catch {
    return `uid ${process.getuid?.() ?? "?"}`;
  }
}

function errno(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? (err as Error).message;
}

/** What is wrong with using `path` as the data directory, in one sentence with the fix; undefined when nothing. */
export function dataDirProblem(path: string, use: DataDirUse, user = currentUser()): string | undefined {
  if (use === "none") return undefined;
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch (err) {
    if (errno(err) !== "ENOENT") return `cannot reach the data directory ${path} as user ${user} (${errno(err)}): give that user access to it and its parent directories`;
    if (use === "read") return `the data directory ${path} does not exist (user ${user}): run \`make setup\` or \`sahayak kb import\`, or point --data-dir, SAHAYAK_DATA_DIR or dataDir at the right one`;
    let parent = dirname(path);
    while (parent !== dirname(parent) && !exists(parent)) parent = dirname(parent);
    return writable(parent) ? undefined : `the data directory ${path} does not exist and user ${user} cannot create it in ${parent}: create it and give it to that user (chown)`;
  }
  if (!isDir) return `the data directory ${path} is not a directory (user ${user}): point --data-dir, SAHAYAK_DATA_DIR or dataDir at a directory`;
  try {
    accessSync(path, constants.R_OK | constants.X_OK);
  } catch (err) {
    return `user ${user} cannot read the data directory ${path} (${errno(err)}): give it to that user (chown -R) or run as the service user`;
  }
  if (use === "create" && !writable(path)) return `user ${user} cannot write to the data directory ${path}: give it to that user (chown -R) or run as the service user`;
  return undefined;
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
