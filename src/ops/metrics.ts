// Every metric Sahayak exports, in one registry and one file, for Prometheus (`serve`'s ops server,
// /metrics). Labels are few and bounded: outcome, language, mode, stage, engine, reason, status: never a
// call id, a caller or free text. Values that other modules already count (RTP packets, calls in
// progress, ARI connection state) are pulled from them when Prometheus scrapes ("sources"), so the
// per-packet and per-call paths pay nothing for metrics.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

export const registry = new Registry();

/** Seconds buckets for per-turn stages: the helpline aims at a reply within about a second. */
const STAGE_BUCKETS = [0.025, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1, 1.2, 1.5, 2, 3, 5, 10];
const CALL_BUCKETS = [5, 15, 30, 60, 120, 180, 300, 600, 1200, 1800, 3600];
const LATENESS_BUCKETS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1];
const CONFIDENCE_BUCKETS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
const WAIT_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

// ---- bounded label values ----

export const CALL_OUTCOMES = ["goodbye", "caller_hangup", "transfer", "silence", "max_duration", "error", "shutdown", "rate_limited"] as const;
export const REFUSAL_REASONS = ["busy", "queued", "rate_limited", "shutting_down"] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];
export const STAGES = ["recogniser_final", "reply_ready", "voice_to_voice"] as const;
export type Stage = (typeof STAGES)[number];
export const ENGINES = ["asr", "vad", "tts", "dialogue", "llm"] as const;
export type EngineName = (typeof ENGINES)[number];
/** prompt: a recorded prompt covered it; keypad: the call went on by keypad; transfer: to a person. */
export const FALLBACK_LEVELS = ["prompt", "keypad", "transfer"] as const;
export type FallbackLevel = (typeof FALLBACK_LEVELS)[number];
export const REPLY_ACTIONS = ["answer", "list", "clarify", "confirm", "more", "repeat", "help", "greet", "out_of_scope", "no_info", "transfer", "end", "menu", "resume"] as const;
export const MEDIA_DROP_REASONS = ["malformed", "wrong_payload_type", "oversized", "duplicate", "rejected_source"] as const;

/** A label value from a bounded set; anything else becomes "other", so a bug can never make new series without end. */
export function bounded<T extends string>(value: string | undefined, allowed: readonly T[], fallback = "other"): T | string {
  return value !== undefined && (allowed as readonly string[]).includes(value) ? value : fallback;
}

/** Languages as labels: the two answered ones, "none" before one is chosen, "other" for anything else. */
export function langLabel(lang: string | undefined): string {
  if (!lang) return "none";
  return /^[a-z]{2,3}$/.test(lang) ? lang : "other";
}

// ---- sources pulled at scrape time ----

type Source = () => number;
type LabelledSource = () => Record<string, number>;

/** Sums every source added (a process normally has one of each; tests may run several controllers). */
class Sources<T> {
  private readonly all = new Set<T>();
  add(source: T): () => void {
    this.all.add(source);
    return () => this.all.delete(source);
  }
  get list(): T[] {
    return [...this.all];
  }
}

function readSource(source: Source): number {
  try {
    return source();
  } catch {
    return NaN;
  }
}

function pulledGauge(name: string, help: string): Gauge & { sources: Sources<Source> } {
  const sources = new Sources<Source>();
  const gauge = new Gauge({
    name,
    help,
    registers: [registry],
    collect() {
      // a source that cannot be read (the data disk gone) is unknown, NaN, and must not fail the whole scrape
      this.set(sources.list.reduce((sum, s) => sum + readSource(s), 0));
    },
  });
  return Object.assign(gauge, { sources });
}

function pulledLabelledGauge(name: string, help: string, label: string): Gauge<string> & { sources: Sources<LabelledSource> } {
  const sources = new Sources<LabelledSource>();
  const gauge = new Gauge({
    name,
    help,
    labelNames: [label],
    registers: [registry],
    collect() {
      const totals: Record<string, number> = {};
      for (const s of sources.list) for (const [k, v] of Object.entries(s())) totals[k] = (totals[k] ?? 0) + v;
      for (const [k, v] of Object.entries(totals)) this.set({ [label]: k }, v);
    },
  });
  return Object.assign(gauge, { sources });
}

// ---- calls ----

export const callsTotal = new Counter({ name: "sahayak_calls_total", help: "Calls ended, by outcome, language and mode (speech or keypad).", labelNames: ["outcome", "lang", "mode"], registers: [registry] });
export const callsActive = pulledGauge("sahayak_calls_active", "Calls in progress (answered, not yet released).");
export const callsRefused = new Counter({ name: "sahayak_calls_refused_total", help: "Calls not served by Sahayak: busy (all lines taken), queued (sent to the waiting queue), rate_limited (too many calls from one number), shutting_down.", labelNames: ["reason"], registers: [registry] });
export const callDuration = new Histogram({ name: "sahayak_call_duration_seconds", help: "Length of each call, answer to release, by outcome.", labelNames: ["outcome"], buckets: CALL_BUCKETS, registers: [registry] });
export const transfers = new Counter({ name: "sahayak_transfers_total", help: "Calls handed to a person (asked for, or after repeated failures), by language.", labelNames: ["lang"], registers: [registry] });
export const keypadEntries = new Counter({ name: "sahayak_keypad_entries_total", help: "Calls that went into keypad mode (no recogniser for the language, chosen by the caller, or after the recogniser failed), by language.", labelNames: ["lang"], registers: [registry] });

// ---- turns ----

export const turnsTotal = new Counter({ name: "sahayak_turns_total", help: "Caller turns (a question, an answer or a key), by language and input (speech or key).", labelNames: ["lang", "input"], registers: [registry] });
export const repliesTotal = new Counter({ name: "sahayak_replies_total", help: "Sahayak's replies to the caller (not fixed prompts), by language and action.", labelNames: ["lang", "action"], registers: [registry] });
export const turnLatency = new Histogram({
  name: "sahayak_turn_latency_seconds",
  help: "Time from the end of the caller's speech to: the recogniser's final result (recogniser_final), the reply's text ready (reply_ready), the reply's first audio packet sent (voice_to_voice); by language.",
  labelNames: ["stage", "lang"],
  buckets: STAGE_BUCKETS,
  registers: [registry],
});
export const bargeIns = new Counter({ name: "sahayak_barge_ins_total", help: "Replies stopped because the caller spoke over them, by language.", labelNames: ["lang"], registers: [registry] });
export const falseBargeIns = new Counter({ name: "sahayak_false_barge_ins_total", help: "Replies stopped by caller sound that held no words (a cough, noise) and then resumed, by language.", labelNames: ["lang"], registers: [registry] });
export const bargeInStop = new Histogram({ name: "sahayak_barge_in_stop_seconds", help: "Caller speech confirmed as an interruption → the reply's audio stopped.", buckets: [0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5], registers: [registry] });
export const recogniserConfidence = new Histogram({ name: "sahayak_recogniser_confidence", help: "Calibrated confidence of each recognised caller utterance, by language.", labelNames: ["lang"], buckets: CONFIDENCE_BUCKETS, registers: [registry] });
export const repeats = new Counter({ name: "sahayak_repeats_total", help: "Times the caller was asked to say it again (low recogniser confidence), by language.", labelNames: ["lang"], registers: [registry] });

// ---- engines ----

export const fallbacks = new Counter({ name: "sahayak_fallbacks_total", help: "A failing engine covered by a fallback, by component (asr, tts, dialogue, call) and level (prompt, keypad, transfer).", labelNames: ["component", "level"], registers: [registry] });
export const engineFailures = new Counter({ name: "sahayak_engine_failures_total", help: "Engine failures a call fell back from (asr, tts, dialogue) or a model that could not load at start (asr, vad), by engine.", labelNames: ["engine"], registers: [registry] });
export const engineQueueDepth = pulledLabelledGauge("sahayak_engine_queue_depth", "Requests waiting for a shared engine (the recogniser's worker, the LLM), by engine.", "engine");
export const engineWait = new Histogram({ name: "sahayak_engine_wait_seconds", help: "Time a request spent with a shared engine, queued and worked, by engine.", labelNames: ["engine"], buckets: WAIT_BUCKETS, registers: [registry] });

/** Counts one request to a shared engine while it waits; call the result when it is answered (or failed). */
export function engineRequest(engine: EngineName): () => void {
  const started = performance.now();
  pendingRequests[engine] = (pendingRequests[engine] ?? 0) + 1;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    pendingRequests[engine] = (pendingRequests[engine] ?? 1) - 1;
    engineWait.observe({ engine }, (performance.now() - started) / 1000);
  };
}
const pendingRequests: Partial<Record<EngineName, number>> = {};
engineQueueDepth.sources.add(() => ({ ...pendingRequests }) as Record<string, number>);

// ---- media ----

export const MEDIA_TOTALS = {
  packetsIn: "sahayak_rtp_packets_received_total",
  packetsOut: "sahayak_rtp_packets_sent_total",
  lost: "sahayak_rtp_packets_lost_total",
  late: "sahayak_rtp_packets_late_total",
  concealed: "sahayak_rtp_frames_concealed_total",
  xoff: "sahayak_websocket_media_pauses_total",
} as const;
export type MediaTotalKey = keyof typeof MEDIA_TOTALS | (typeof MEDIA_DROP_REASONS)[number];

const MEDIA_HELP: Record<keyof typeof MEDIA_TOTALS, string> = {
  packetsIn: "Audio packets (RTP, or chan_websocket frames) received from callers.",
  packetsOut: "Audio packets (RTP, or chan_websocket frames) sent to callers.",
  lost: "Incoming RTP packets missing when their turn to play came (sequence gaps filled by concealment).",
  late: "Incoming RTP packets that arrived after their place had been played or concealed (dropped).",
  concealed: "20 ms frames of loss concealment played to the recogniser in place of missing packets.",
  xoff: "Times Asterisk's chan_websocket asked Sahayak to pause sending (MEDIA_XOFF: its queue was full).",
};

export type MediaTotalsSource = () => Partial<Record<MediaTotalKey, number>>;

/**
 * Media counts live in each call's media leg; a source (the ARI controller) reports monotonic totals and
 * each counter grows by what its sources gained since the last scrape. A source that goes away is read a
 * last time first, so nothing it counted is lost.
 */
class PulledTotals {
  private readonly seen = new Map<MediaTotalsSource, Partial<Record<MediaTotalKey, number>>>();
  private readonly counters = new Map<MediaTotalKey, (gained: number) => void>();

  bind(key: MediaTotalKey, inc: (gained: number) => void): void {
    this.counters.set(key, inc);
  }

  add(source: MediaTotalsSource): () => void {
    this.seen.set(source, {});
    return () => {
      if (!this.seen.has(source)) return;
      const now = source();
      for (const [key, inc] of this.counters) inc(this.take(source, key, now));
      this.seen.delete(source);
    };
  }

  /** What every source gained for `key` since the last call. */
  gained(key: MediaTotalKey): number {
    let sum = 0;
    for (const source of this.seen.keys()) sum += this.take(source, key, source());
    return sum;
  }

  private take(source: MediaTotalsSource, key: MediaTotalKey, now: Partial<Record<MediaTotalKey, number>>): number {
    const seen = this.seen.get(source)!;
    const gained = (now[key] ?? 0) - (seen[key] ?? 0);
    seen[key] = now[key] ?? 0;
    return Math.max(0, gained);
  }
}
export const mediaTotals = new PulledTotals();

for (const [key, name] of Object.entries(MEDIA_TOTALS) as [keyof typeof MEDIA_TOTALS, string][]) {
  const counter = new Counter({
    name,
    help: MEDIA_HELP[key],
    registers: [registry],
    collect() {
      this.inc(mediaTotals.gained(key));
    },
  });
  mediaTotals.bind(key, (gained) => counter.inc(gained));
}
export const mediaDropped = new Counter({
  name: "sahayak_rtp_packets_dropped_total",
  help: "Incoming packets dropped, by reason (malformed, wrong_payload_type, oversized, duplicate, rejected_source: not from Asterisk's address for the call).",
  labelNames: ["reason"],
  registers: [registry],
  collect() {
    for (const reason of MEDIA_DROP_REASONS) this.inc({ reason }, mediaTotals.gained(reason));
  },
});
for (const reason of MEDIA_DROP_REASONS) mediaTotals.bind(reason, (gained) => mediaDropped.inc({ reason }, gained));
export const replyPacketLateness = new Histogram({ name: "sahayak_reply_packet_lateness_seconds", help: "How late each reply audio packet left after its 20 ms deadline.", buckets: LATENESS_BUCKETS, registers: [registry] });
export const rtpJitter = new Histogram({ name: "sahayak_rtp_jitter_seconds", help: "Interarrival jitter of each call's incoming RTP (RFC 3550), at the end of the call.", buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.04, 0.08, 0.16], registers: [registry] });

// ---- ARI ----

export const ariConnected = pulledGauge("sahayak_ari_connected", "1 while the ARI event socket is connected and the Stasis app registered with Asterisk.");
export const ariReconnects = new Counter({ name: "sahayak_ari_reconnects_total", help: "Times the ARI event socket was lost and Sahayak set out to reconnect.", registers: [registry] });
export const ariRestErrors = new Counter({ name: "sahayak_ari_rest_errors_total", help: "ARI REST requests that failed, by HTTP status (504: no answer in time, unknown: no status).", labelNames: ["status"], registers: [registry] });

// ---- what is installed and how the process is ----

export const knowledgeBaseVersion = pulledGauge("sahayak_knowledge_base_version", "Version of the knowledge base being served (0: empty).");
export const knowledgeBaseSchemes = pulledGauge("sahayak_knowledge_base_schemes", "Schemes in the knowledge base being served.");
export const knowledgeBaseSyncs = new Counter({ name: "sahayak_knowledge_base_syncs_total", help: "A serving node moving its calls to another knowledge base (published for the cluster, or committed on disk by another process: kb update, restore), by outcome: switched (answering from it), bad_snapshot (checksum or unpacking failed: the current one stays), failed (the database or the local disk failed: tried again at the next poll).", labelNames: ["outcome"], registers: [registry] });
export const modelInfo = new Gauge({ name: "sahayak_model_info", help: "Installed models (1 each), by id, kind (asr, tts, vad, ...) and language.", labelNames: ["id", "kind", "language"], registers: [registry] });
export const modelUsable = new Gauge({ name: "sahayak_model_usable", help: "1 when an installed model verified and loaded; 0 when its calls fall back to the keypad.", labelNames: ["id"], registers: [registry] });
export const buildInfo = new Gauge({ name: "sahayak_build_info", help: "Sahayak's version and Node's (always 1).", labelNames: ["version", "node_version"], registers: [registry] });
export const diskFree = pulledGauge("sahayak_data_disk_free_bytes", "Free space on the disk holding the data directory.");
export const ready = pulledGauge("sahayak_ready", "1 when every readiness check passes (what /readyz answers 200 to).");
export const readinessCheck = pulledLabelledGauge("sahayak_readiness_check", "Each readiness check: 1 passing, 0 failing.", "check");

let processMetrics = false;
/** Node's own metrics (CPU, memory, event-loop lag, GC, handles), once per process. */
export function collectProcessMetrics(): void {
  if (processMetrics) return;
  processMetrics = true;
  collectDefaultMetrics({ register: registry });
}

/** The text Prometheus scrapes. */
export async function metricsText(): Promise<string> {
  return registry.metrics();
}

export const metricsContentType = registry.contentType;
