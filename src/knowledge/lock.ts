// One writer at a time: an exclusive lock file holding the writer's pid. A lock left by a process
// that no longer exists (killed midway) is taken over.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";

export class LockedError extends Error {}

/** Whether a process with this id runs (one of another user counts: it cannot be signalled, but exists). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function acquireLock(path: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          unlinkSync(path);
        } catch {
          /* already gone */
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const pid = Number(readFileSync(path, "utf8").trim());
      if (Number.isInteger(pid) && pid > 0 && processAlive(pid) && pid !== process.pid) {
        throw new LockedError(`the knowledge base is being changed by another process (pid ${pid}); wait for it to finish and try again`);
      }
      unlinkSync(path); // stale: its writer died
    }
  }
  throw new LockedError(`could not lock ${path}; remove it if no other sahayak process is running`);
}
