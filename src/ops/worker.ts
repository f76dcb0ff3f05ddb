// Worker threads started from the build, or from source through tsx's loader (tests, development).
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { Worker } from "node:worker_threads";

/** Starts `./<name>.js` (or `.ts` when running from source) next to the module at `from` (its import.meta.url). */
export function startWorker(name: string, from: string, options: { workerData?: unknown } = {}): Worker {
  if (!from.endsWith(".ts")) return new Worker(new URL(`./${name}.js`, from), options);
  const url = new URL(`./${name}.ts`, from).href;
  return new Worker(`import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); });`, { eval: true, ...options });
}

/**
 * Sets the scheduling priority (nice value) of the calling thread (Linux: a thread is a task with its own
 * nice value). Bulk work (speech recognition) runs below normal, the RTP sender above it when allowed, so
 * packets keep time on a busy machine. Elsewhere, without /proc, or without permission, it does nothing.
 */
export function niceThisThread(niceness: number): void {
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, niceness);
  } catch {
    /* not Linux, or not allowed: run at normal priority */
  }
}
