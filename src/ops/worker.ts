// Worker threads started from the build, or from source through tsx's loader (tests, development).
import { readFileSync, readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { Worker, workerData } from "node:worker_threads";

/** Starts `./<name>.js` (or `.ts` when running from source) next to the module at `from` (its import.meta.url). */
export function startWorker(name: string, from: string, options: { workerData?: unknown } = {}): Worker {
  if (!from.endsWith(".ts")) return new Worker(new URL(`./${name}.js`, from), options);
  const url = new URL(`./${name}.ts`, from).href;
  return new Worker(`import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); });`, { eval: true, ...options });
}

/**
 * How long a thread running native code is given to end itself when asked before it is taken as hung in a
 * native call and terminated.
 */
export const NATIVE_STOP_WAIT_MS = 10_000;

/** A worker thread that runs native code (sherpa-onnx, onnxruntime), and the one safe way to stop it. */
export interface NativeWorker {
  readonly worker: Worker;
  /**
   * Ends the thread with `exitCode` (1 stands in for a crash in fault drills) and resolves once it has
   * ended. Terminating a thread while a native call runs there aborts the whole process (the addon's C++
   * exception for the pending termination escapes it), so the thread is asked through shared memory, which
   * it reads between native calls (`exitIfAsked`), and is terminated only when it has not ended by itself
   * within NATIVE_STOP_WAIT_MS (hung in a native call). Says whether the thread ended by itself or had to
   * be terminated.
   */
  stop(exitCode: number): Promise<"ended" | "terminated">;
}

/**
 * startWorker for a thread that runs native code: it must call exitIfAsked() between its native calls.
 * `wake`: a message the thread reads, posted with a request to stop so that an idle thread reads it too.
 */
export function startNativeWorker(name: string, from: string, wake: unknown): NativeWorker {
  const stopWord = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const worker = startWorker(name, from, { workerData: { stopWord } });
  let exited = false;
  const ended = new Promise<void>((resolve) => worker.once("exit", () => ((exited = true), resolve())));
  return {
    worker,
    stop: async (exitCode) => {
      if (exited) return "ended";
      // the first request to stop decides the exit code
      Atomics.compareExchange(stopWord, 0, 0, exitCode + 1);
      worker.postMessage(wake);
      let timer: NodeJS.Timeout | undefined;
      const hung = new Promise<"hung">((resolve) => (timer = setTimeout(() => resolve("hung"), NATIVE_STOP_WAIT_MS)));
      const how = await Promise.race([ended.then(() => "ended" as const), hung]);
      clearTimeout(timer);
      if (how === "ended") return "ended";
      await worker.terminate();
      return "terminated";
    },
  };
}

/** In a thread started by startNativeWorker: ends it here, between native calls, when its owner asked. */
export function exitIfAsked(): void {
  const stopWord = (workerData as { stopWord?: Int32Array } | null)?.stopWord;
  const asked = stopWord ? Atomics.load(stopWord, 0) : 0;
  if (asked !== 0) process.exit(asked - 1);
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

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const USER_HZ = 100;

/**
 * CPU time (user + system) the calling thread has used, in ms, to the kernel's 10 ms tick; NaN without
 * /proc. A figure of work done that the machine's other load does not inflate (wall time does).
 */
export function threadCpuMs(): number {
  try {
    const stat = readFileSync("/proc/thread-self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
  } catch {
    return NaN;
  }
}
