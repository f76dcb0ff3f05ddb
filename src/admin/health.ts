// The readiness checks of a serving process, one per component a call depends on, each reading that
// component's own state: ARI, the models, the knowledge base, the database, the disk, the media sender.
import { statfsSync } from "node:fs";
import type { CallServices } from "../call/index.js";
import type { Config } from "../config.js";
import type { CheckResult, Readiness } from "../ops/readiness.js";
import type { SahayakStore } from "../store/index.js";
import { rtpSenderRunning, startRtpSender } from "../telephony/media/rtp-sender.js";

/** Where the ARI connection stands, kept by the service runner. */
export interface AriState {
  connected: boolean;
  /** Set while `serve` is still trying to reach Asterisk at start. */
  connecting?: { since: string; attempts: number; lastError: string };
}

export function freeDiskBytes(path: string): number {
  const s = statfsSync(path);
  return s.bavail * s.bsize;
}

export function ariCheck(config: Config, state: () => AriState): () => CheckResult {
  const where = `${config.telephony.ari.url} (app ${config.telephony.ari.app})`;
  return () => {
    const s = state();
    if (s.connected) return { ok: true, detail: `connected to ARI at ${where}; the Stasis app is registered` };
    if (s.connecting) return { ok: false, detail: `still trying to reach ARI at ${where} (attempt ${s.connecting.attempts}, since ${s.connecting.since}): ${s.connecting.lastError}. Check that Asterisk runs and telephony.ari matches ari.conf`, data: s.connecting };
    return { ok: false, detail: `the ARI event socket to ${where} is down; reconnecting. Check that Asterisk runs` };
  };
}

export function modelsCheck(services: CallServices): () => CheckResult {
  return () => {
    const models = services.models ?? [];
    const broken = models.filter((m) => !m.usable);
    const data = { speechLanguages: services.speechLanguages, models: models.map((m) => ({ id: m.id, kind: m.kind, usable: m.usable, problem: m.problem })) };
    if (broken.length) return { ok: false, detail: `${broken.map((m) => m.problem ?? m.id).join("; ")} (calls use the keypad meanwhile)`, data };
    return { ok: true, detail: `models loaded; speech in ${services.speechLanguages.join(", ") || "no language (keypad only)"}`, data };
  };
}

export function knowledgeCheck(services: Pick<CallServices, "knowledge">): () => CheckResult {
  return () => {
    const kb = services.knowledge;
    if (!kb || kb.version === 0 || kb.schemes === 0) return { ok: false, detail: "the knowledge base is empty: import the schemes with `sahayak kb import` (make setup)", data: kb };
    return { ok: true, detail: `knowledge base version ${kb.version}, ${kb.schemes} schemes`, data: kb };
  };
}

export function databaseCheck(services: { sessions?: { store: { health(): CheckResult } } }): () => CheckResult {
  return () => {
    const store = services.sessions?.store;
    if (!store) return { ok: false, detail: "no database is open: call records and returning callers are lost" };
    return store.health();
  };
}

export function diskCheck(config: Config): () => CheckResult {
  const minBytes = config.ops.minFreeDiskMb * 1024 * 1024;
  return () => {
    const free = freeDiskBytes(config.dataDir);
    const data = { freeMb: Math.floor(free / 2 ** 20), minFreeMb: config.ops.minFreeDiskMb };
    if (free < minBytes) return { ok: false, detail: `only ${data.freeMb} MB free on the data directory's disk (${config.dataDir}), below ops.minFreeDiskMb ${data.minFreeMb}: free space (sahayak purge, old logs)`, data };
    return { ok: true, detail: `${data.freeMb} MB free on the data directory's disk`, data };
  };
}

/**
 * The one process that paces every call's outgoing audio (RTP, or chan_websocket's frames); one that died is
 * started again here. The check keeps its first name, rtp_sender, which alert rules and the console know.
 */
export function rtpSenderCheck(config: Config): () => CheckResult {
  return () => {
    const running = rtpSenderRunning();
    if (running) return { ok: true, detail: "the media sender process runs" };
    if (running === undefined) return { ok: true, detail: "the media sender process starts with the first call" };
    startRtpSender(config.telephony.media.senderRealtimePriority);
    return { ok: false, detail: "the media sender process had stopped (calls in progress lost their audio); it was started again" };
  };
}

/** Every check of a serving process. */
export function registerServingChecks(readiness: Readiness, config: Config, services: CallServices, ari: () => AriState): void {
  readiness.register("ari", ariCheck(config, ari));
  readiness.register("models", modelsCheck(services));
  readiness.register("knowledge_base", knowledgeCheck(services));
  readiness.register("database", databaseCheck(services));
  readiness.register("disk", diskCheck(config));
  readiness.register("rtp_sender", rtpSenderCheck(config));
}
