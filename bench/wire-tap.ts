// When each outgoing RTP packet left, stamped by the kernel on the loopback interface (wire-tap.c), so the
// telephony benchmark measures the sender's timing and not the delays of the receiving simulator's event loop.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { buildNativeTool, monotonicToPerformanceNow, type NativeTool } from "./native-tool.js";

export class WireTap {
  /** performance.now() times of the packets sent to each destination port, in the order they left. */
  private readonly sent = new Map<number, number[]>();

  private constructor(
    private readonly child: ChildProcess,
    private readonly tool: NativeTool,
  ) {}

  /** Builds and starts the tap; null (with the reason on stderr) without a C compiler or without permission. */
  static async start(): Promise<WireTap | null> {
    const tool = buildNativeTool("wire-tap", "packets on the wire");
    if (!tool) return null;
    const child = spawn(tool.binary, [], { stdio: ["ignore", "pipe", "inherit"] });
    const tap = new WireTap(child, tool);
    // the tap prints the monotonic clock, which performance.now() also runs on
    const offset = monotonicToPerformanceNow();
    const ready = new Promise<boolean>((resolve) => {
      child.once("exit", () => resolve(false));
      child.once("error", () => resolve(false));
      createInterface({ input: child.stdout! }).on("line", (line) => {
        if (line === "ready") return resolve(true);
        const [port, , at] = line.split(" ").map(Number);
        const times = tap.sent.get(port!) ?? [];
        times.push(at! + offset);
        tap.sent.set(port!, times);
      });
    });
    if (await ready) return tap;
    tool.remove();
    return null;
  }

  /** Stops the tap once it has written out everything it saw; the send times per destination port. */
  async stop(): Promise<Map<number, number[]>> {
    // "close": after its output has been read to the end
    const exited = once(this.child, "close");
    this.child.kill("SIGTERM");
    await exited;
    this.tool.remove();
    return this.sent;
  }
}
