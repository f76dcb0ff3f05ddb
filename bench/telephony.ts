// Telephony benchmark: 30 concurrent simulated calls through the real controller, each sent 5 s of
// audio; the inter-packet timing of what arrives at the simulated callers, and leaks afterwards.
import { loadConfig } from "../src/config.js";
import { AriController } from "../src/telephony/controller.js";
import { openSockets } from "../src/telephony/media/session.js";
import { PbxSimulator } from "../src/telephony/sim/server.js";
import { percentile } from "./questions.js";

export async function benchTelephony(calls = 30): Promise<Record<string, number>> {
  const sim = new PbxSimulator({ user: "sahayak", password: "bench" });
  await sim.start();
  const config = loadConfig().telephony;
  config.ari = { ...config.ari, url: sim.url, password: "bench" };
  config.maxCalls = calls + 5;
  const controller = await AriController.start({ config, handler: { handle: (call) => call.play(new Int16Array(8000 * 5).fill(500)) } });
  const ids = Array.from({ length: calls }, () => sim.placeCall({ app: "sahayak" }));
  await new Promise((r) => setTimeout(r, 6500));
  const deviations: number[] = [];
  for (const id of ids) {
    const at = sim.callerMedia(id)?.heardAt ?? [];
    for (let i = 1; i < at.length; i++) deviations.push(Math.abs(at[i]! - at[i - 1]! - 20));
  }
  for (const id of ids) sim.callerHangup(id);
  const deadline = Date.now() + 5000;
  while ((controller.activeCalls || sim.counts().channels || sim.counts().bridges) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const leaks = controller.activeCalls + sim.counts().channels + sim.counts().bridges + openSockets.size;
  await controller.close();
  await sim.stop();
  return {
    calls,
    packetsMeasured: deviations.length,
    interPacketJitterP50Ms: percentile(deviations, 50),
    interPacketJitterP99Ms: percentile(deviations, 99),
    leaks,
  };
}
