// Telephony benchmark: 30 concurrent simulated calls through the real controller, each sent 5 s of audio;
// the outgoing RTP's inter-packet timing, and leaks afterwards. Timed where the packets leave (wire-tap.ts:
// kernel stamps on loopback), since the simulated callers receive in the same busy event loop as the
// controller; their arrival times are reported beside it. Both as measured and less the machine's own stalls
// (machine-stalls.ts: a stall of the whole virtual machine shifts every stream's packet at once, so a single
// 5 ms stall alone is 60 of these 7,500 intervals, most of the 1 % the p99 looks at).
import { loadConfig } from "../src/config.js";
import { AriController } from "../src/telephony/controller.js";
import { openSockets } from "../src/telephony/media/session.js";
import { PbxSimulator } from "../src/telephony/sim/server.js";
import { StallProbe, stallFigures, stalledWithin, type Stall } from "./machine-stalls.js";
import { percentile } from "./questions.js";
import { WireTap } from "./wire-tap.js";

/** Each interval's distance from 20 ms, as measured and less the machine's stalls. */
function deviations(streams: number[][], stalls: readonly Stall[]): { measured: number[]; own: number[] } {
  const measured: number[] = [];
  const own: number[] = [];
  for (const at of streams) {
    for (let i = 1; i < at.length; i++) {
      const deviation = Math.abs(at[i]! - at[i - 1]! - 20);
      measured.push(deviation);
      // a stall lengthens the interval it falls in and, as the sender catches up, shortens the next one
      own.push(Math.max(0, deviation - stalledWithin(at[Math.max(0, i - 2)]!, at[i]!, stalls)));
    }
  }
  return { measured, own };
}

export async function benchTelephony(calls = 30): Promise<Record<string, number>> {
  const sim = new PbxSimulator({ user: "sahayak", password: "bench" });
  await sim.start();
  const config = loadConfig().telephony;
  config.ari = { ...config.ari, url: sim.url, password: "bench" };
  config.maxCalls = calls + 5;
  const controller = await AriController.start({ config, handler: { handle: (call) => call.play(new Int16Array(8000 * 5).fill(500)) } });
  const probe = await StallProbe.start();
  const tap = await WireTap.start();
  const ids = Array.from({ length: calls }, () => sim.placeCall({ app: "sahayak" }));
  await new Promise((r) => setTimeout(r, 6500));
  const machineStalls = probe?.stop() ?? [];
  const sent = (await tap?.stop()) ?? new Map<number, number[]>();
  const callers = ids.map((id) => sim.callerMedia(id));
  const arrived = deviations(callers.map((c) => c?.heardAt ?? []), machineStalls);
  // without the tap (no compiler, not root) the arrival times are the measure
  const left = tap ? deviations(callers.map((c) => (c?.rtpPort === undefined ? [] : (sent.get(c.rtpPort) ?? []))), machineStalls) : arrived;
  for (const id of ids) sim.callerHangup(id);
  const deadline = Date.now() + 5000;
  while ((controller.activeCalls || sim.counts().channels || sim.counts().bridges) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const leaks = controller.activeCalls + sim.counts().channels + sim.counts().bridges + openSockets.size;
  await controller.close();
  await sim.stop();
  return {
    calls,
    packetsMeasured: left.measured.length,
    timedOnTheWire: tap ? 1 : 0,
    interPacketJitterP50Ms: percentile(left.measured, 50),
    interPacketJitterP99Ms: percentile(left.measured, 99),
    ...stallFigures(machineStalls),
    interPacketJitterOwnP99Ms: percentile(left.own, 99),
    arrivalJitterP99Ms: percentile(arrived.measured, 99),
    arrivalJitterOwnP99Ms: percentile(arrived.own, 99),
    leaks,
  };
}
