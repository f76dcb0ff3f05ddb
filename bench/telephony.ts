// Telephony benchmark: 30 concurrent simulated calls through the real controller, each sent 5 s of audio;
// whether the first 80 ms of each call's audio reach the simulated caller (Asterisk's strict RTP drops the
// first 4 packets from a source other than the port it was given; over RTP and over chan_websocket); the
// outgoing RTP's inter-packet timing, and leaks afterwards. Timed where the packets leave (wire-tap.ts:
// kernel stamps on loopback), since the simulated callers receive in the same busy event loop as the
// controller; their arrival times are reported beside it. Both as measured and less the machine's own stalls
// (machine-stalls.ts: a stall of the whole virtual machine shifts every stream's packet at once, so a single
// 5 ms stall alone is 60 of these 7,500 intervals, most of the 1 % the p99 looks at).
import { loadConfig, type TelephonyConfig } from "../src/config.js";
import { AriController } from "../src/telephony/controller.js";
import { decodePayload, encodePayload, type MediaFormat } from "../src/telephony/media/codec.js";
import { openSockets } from "../src/telephony/media/session.js";
import { openMediaSockets } from "../src/telephony/media/websocket.js";
import type { CallerMedia } from "../src/telephony/sim/caller.js";
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

/** Each call's audio opens with packets at levels of their own (each call's whole audio: 5 s). */
const OPENING_LEVELS = Array.from({ length: 10 }, (_, k) => 1000 * (k + 1));
const AUDIO_PACKETS = 250;
/** The opening the target is about: Asterisk's strict RTP learns a new source over 4 packets. */
const OPENING_PACKETS = 4;

function callAudio(): Int16Array {
  const audio = new Int16Array(160 * AUDIO_PACKETS).fill(500);
  OPENING_LEVELS.forEach((v, k) => audio.fill(v, k * 160, (k + 1) * 160));
  return audio;
}

/** ms of the opening each caller never heard: the first packet heard tells how many went before it. */
function openingLostMs(caller: CallerMedia | undefined, format: MediaFormat): number {
  const levels = OPENING_LEVELS.map((v) => decodePayload(format, encodePayload(format, new Int16Array([v])))[0]!);
  const first = caller?.heard.find((p) => p.some((v) => v !== 0));
  const at = first ? levels.indexOf(first[80]!) : -1;
  return (at < 0 ? OPENING_LEVELS.length : at) * 20;
}

/** The simulator and a controller playing each call's audio, over the given transport. */
async function startCalls(calls: number, transport: TelephonyConfig["media"]["transport"]) {
  const sim = new PbxSimulator({ user: "sahayak", password: "bench" });
  await sim.start();
  const config = loadConfig().telephony;
  config.ari = { ...config.ari, url: sim.url, password: "bench" };
  config.maxCalls = calls + 5;
  config.media = { ...config.media, transport };
  const controller = await AriController.start({ config, handler: { handle: (call) => call.play(callAudio()) } });
  return { sim, config, controller, place: () => Array.from({ length: calls }, () => sim.placeCall({ app: "sahayak" })) };
}

/** Hangs every caller up and stops; what was left behind (`sockets`: the transport's open sockets). */
async function hangUpAll(sim: PbxSimulator, controller: AriController, ids: string[], sockets: () => number): Promise<number> {
  for (const id of ids) sim.callerHangup(id);
  const left = () => controller.activeCalls + sim.counts().channels + sim.counts().bridges + sockets();
  const deadline = Date.now() + 5000;
  while (left() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const leaks = left();
  await controller.close();
  await sim.stop();
  return leaks;
}

/** Calls over chan_websocket: whether each one's opening reaches the caller (Asterisk paces this audio itself). */
async function benchWebSocketOpening(calls: number): Promise<{ lost: number[]; leaks: number }> {
  const { sim, config, controller, place } = await startCalls(calls, "websocket");
  const ids = place();
  // until every caller has heard more than the opening (or long after a call should have started)
  const until = Date.now() + 15_000;
  while (ids.some((id) => (sim.callerMedia(id)?.heard.length ?? 0) <= OPENING_LEVELS.length) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  const lost = ids.map((id) => openingLostMs(sim.callerMedia(id), config.media.format));
  return { lost, leaks: await hangUpAll(sim, controller, ids, () => openMediaSockets.size) };
}

export async function benchTelephony(calls = 30): Promise<Record<string, number>> {
  const { sim, config, controller, place } = await startCalls(calls, "rtp");
  const probe = await StallProbe.start();
  const tap = await WireTap.start();
  const ids = place();
  await new Promise((r) => setTimeout(r, 6500));
  const machineStalls = probe?.stop() ?? [];
  const sent = (await tap?.stop()) ?? new Map<number, number[]>();
  const callers = ids.map((id) => sim.callerMedia(id));
  const lost = callers.map((c) => openingLostMs(c, config.media.format));
  const strictRtpDropped = callers.reduce((n, c) => n + (c?.strictRtpDropped ?? 0), 0);
  const arrived = deviations(callers.map((c) => c?.heardAt ?? []), machineStalls);
  // without the tap (no compiler, not root) the arrival times are the measure
  const left = tap ? deviations(callers.map((c) => (c?.rtpPort === undefined ? [] : (sent.get(c.rtpPort) ?? []))), machineStalls) : arrived;
  const leaks = await hangUpAll(sim, controller, ids, () => openSockets.size);
  const ws = await benchWebSocketOpening(calls);
  const whole = (l: number[]) => l.filter((ms) => ms === 0).length / l.length;
  return {
    calls,
    // measured at the simulated caller: the share of calls whose first 80 ms all arrived
    first80msArrivedRateRtp: whole(lost.map((ms) => Math.min(ms, OPENING_PACKETS * 20))),
    openingLostMaxMsRtp: Math.max(...lost),
    strictRtpDroppedPackets: strictRtpDropped,
    first80msArrivedRateWebsocket: whole(ws.lost.map((ms) => Math.min(ms, OPENING_PACKETS * 20))),
    openingLostMaxMsWebsocket: Math.max(...ws.lost),
    packetsMeasured: left.measured.length,
    timedOnTheWire: tap ? 1 : 0,
    interPacketJitterP50Ms: percentile(left.measured, 50),
    interPacketJitterP99Ms: percentile(left.measured, 99),
    ...stallFigures(machineStalls),
    interPacketJitterOwnP99Ms: percentile(left.own, 99),
    arrivalJitterP99Ms: percentile(arrived.measured, 99),
    arrivalJitterOwnP99Ms: percentile(arrived.own, 99),
    leaks: leaks + ws.leaks,
  };
}
