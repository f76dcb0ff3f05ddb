// Worker threads started from the build, or from source through tsx's loader (tests, development).
import { Worker } from "node:worker_threads";

/** Starts `./<name>.js` (or `.ts` when running from source) next to the module at `from` (its import.meta.url). */
export function startWorker(name: string, from: string): Worker {
  if (!from.endsWith(".ts")) return new Worker(new URL(`./${name}.js`, from));
  const url = new URL(`./${name}.ts`, from).href;
  return new Worker(`import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); });`, { eval: true });
}
