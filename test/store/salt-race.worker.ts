// One of several threads that make the caller salt at the same moment (test/store/caller-salt.test.ts).
import { parentPort, workerData } from "node:worker_threads";
import { CallerHasher } from "../../src/store/caller-id.js";

const { path, gate } = workerData as { path: string; gate: SharedArrayBuffer };
const flag = new Int32Array(gate);
Atomics.wait(flag, 0, 0); // every thread is released at once
try {
  parentPort!.postMessage({ hash: CallerHasher.fromFile(path).hash("9812345678") });
} catch (err) {
  parentPort!.postMessage({ error: (err as Error).message });
}
