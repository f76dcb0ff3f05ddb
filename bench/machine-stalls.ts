// The machine's own stalls, printed beside the packet-timing figures. On this build machine (a 2-vCPU
// virtual machine) the whole guest sometimes stops for 5-10 ms — an idle SCHED_FIFO C thread sees it too
// (`cyclictest -m -p 10 -i 1000 -D 60 -h 20000` idle: max 8.7 ms) — and no program inside it can send a
// packet then. A real-time C probe (stall-probe.c) records those stalls beside the benchmark, so a reader
// can tell a late packet's cause; the call benchmark subtracts nothing (the telephony benchmark's jitter
// figure is also given less the stalls, beside the measured one).
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { buildNativeTool, monotonicToPerformanceNow, type NativeTool } from "./native-tool.js";

/** Above the RTP sender's real-time priority, so the sender never delays the probe. */
const PROBE_PRIORITY = 20;

/** A moment the machine ran nothing of ours, in performance.now() time. */
export interface Stall {
  from: number;
  to: number;
}

export class StallProbe {
  private readonly stalls: Stall[] = [];
  realtime = false;

  private constructor(
    private readonly child: ChildProcess,
    private readonly tool: NativeTool,
    readonly ready: Promise<void>,
  ) {}

  /** Builds and starts the probe; null (with the reason on stderr) when there is no C compiler. */
  static async start(): Promise<StallProbe | null> {
    const tool = buildNativeTool("stall-probe", "machine stalls");
    if (!tool) return null;
    const child = spawn(tool.binary, [String(PROBE_PRIORITY)], { stdio: ["ignore", "pipe", "inherit"] });
    let markReady: () => void = () => undefined;
    const probe = new StallProbe(child, tool, new Promise((r) => (markReady = r)));
    // the probe prints the monotonic clock, which performance.now() also runs on
    const offset = monotonicToPerformanceNow();
    // a probe that dies before saying whether it runs real-time is not real-time: the benchmark goes on without it
    child.once("exit", () => markReady());
    child.once("error", () => markReady());
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const [a, b] = line.split(" ");
      if (a === "rt") {
        probe.realtime = b === "1";
        markReady();
        return;
      }
      const at = Number(a) + offset;
      probe.stalls.push({ from: at - Number(b), to: at });
    });
    await probe.ready;
    return probe;
  }

  /**
   * Stops the probe; the stalls it saw, merged. None without real-time scheduling: then the probe's own
   * delays are no measure of the machine, and nothing may be subtracted.
   */
  stop(): Stall[] {
    this.child.kill("SIGKILL");
    this.tool.remove();
    return this.realtime ? merge(this.stalls) : [];
  }
}

/** The benchmarks' figures of the machine's own stalls. */
export function stallFigures(stalls: readonly Stall[]): { machineStallMaxMs: number; machineStallsOver5Ms: number } {
  return { machineStallMaxMs: Math.max(0, ...stalls.map((s) => s.to - s.from)), machineStallsOver5Ms: stalls.filter((s) => s.to - s.from > 5).length };
}

function merge(stalls: Stall[]): Stall[] {
  const merged: Stall[] = [];
  for (const s of [...stalls].sort((a, b) => a.from - b.from)) {
    const last = merged.at(-1);
    if (last && s.from <= last.to) last.to = Math.max(last.to, s.to);
    else merged.push({ ...s });
  }
  return merged;
}

/** How long the machine was stalled between `from` and `to`. */
export function stalledWithin(from: number, to: number, stalls: readonly Stall[]): number {
  let stalled = 0;
  for (const s of stalls) stalled += Math.max(0, Math.min(s.to, to) - Math.max(s.from, from));
  return stalled;
}
