// Runs sherpa-onnx recognisers off the main thread: one recogniser per language (shared by all calls),
// one stream per call. Streaming models decode as audio arrives; offline ones at the end.
//
// Native streams (about 0.7 MB each pair of beam and greedy streams, measured) are freed only when this
// thread's JavaScript heap is collected, and V8 never sees their size: unreclaimed, they grew `serve` by
// about 0.6 MB a call. So native streams are made only when speech arrives, and once enough have been
// dropped the thread collects its garbage as soon as its queued work is done.
//
// The alternative hypothesis costs a second decode of every frame (the encoder, most of the work, runs in
// each recogniser). When many callers speak at once the thread falls behind the audio, every caller's final
// result waits behind the others' backlog, and their names miss their deadlines: so while the audio is
// handled later than `shedAlternativesLagMs` after it was sent, utterances go on without the alternative
// (the ones in progress drop it), until the thread has caught up.
//
// Telephone audio (8 kHz) is brought to the model's 16 kHz here, by sherpa's own linear resampler, one per
// call stream taken from a pool and reset at each utterance: fed 8 kHz, sherpa makes a resampler inside
// every native stream (two an utterance), each announced on stderr, so into serve's log. The resampler
// and its settings are sherpa's, so the model hears exactly the samples it heard before.
import { accessSync, constants } from "node:fs";
import v8 from "node:v8";
import vm from "node:vm";
import { parentPort } from "node:worker_threads";
import sherpa from "sherpa-onnx-node";
import type { AsrHypothesis, AsrModelSpec, AsrResult } from "./types.js";
import { exitIfAsked, niceThisThread } from "../../ops/worker.js";

export type WorkerRequest =
  | { op: "init"; models: Record<string, AsrModelSpec>; options: WorkerOptions }
  | { op: "open"; id: number; lang: string }
  /** `sentAt`: Date.now() when posted, to tell how far behind the thread is. */
  | { op: "audio"; id: number; samples: Float32Array; sampleRate: number; sentAt: number }
  | { op: "partial"; id: number; req: number }
  | { op: "finish"; id: number; req: number }
  | { op: "reset"; id: number }
  | { op: "close"; id: number }
  | { op: "stats"; req: number }
  /** Wakes an idle thread to read that it is asked to stop (startNativeWorker). */
  | { op: "stop" };

export interface WorkerOptions {
  decodingMethod: string;
  maxActivePaths: number;
  numThreads: number;
  alternatives: boolean;
  hotwordsFile?: string;
  hotwordsScore: number;
  /** A full collection of this thread's heap after this many native streams were dropped. */
  releaseEveryStreams: number;
  /** Audio handled later than this after it was sent: the alternative decode is shed until caught up. */
  shedAlternativesLagMs: number;
}

/** What the worker holds: open call streams, native streams not yet freed (live or awaiting collection), resamplers. */
export interface AsrWorkerStats {
  streams: number;
  nativeStreams: number;
  /** Resamplers made since the worker started (one per call in progress at the busiest moment), and those idle. */
  resamplers: number;
  idleResamplers: number;
  /** Utterances that went on without their alternative decode because the thread was behind. */
  alternativesShed: number;
}

export type WorkerReply =
  | { op: "ready" }
  | { op: "error"; req?: number; message: string }
  | { op: "result"; req: number; result: AsrResult }
  | { op: "stats"; req: number; stats: AsrWorkerStats };

interface SherpaResult {
  text: string;
  ys_probs?: number[];
}
interface OnlineStreamHandle {
  acceptWaveform(w: { samples: Float32Array; sampleRate: number }): void;
  inputFinished(): void;
}
interface OnlineRecognizerHandle {
  createStream(): OnlineStreamHandle;
  isReady(s: OnlineStreamHandle): boolean;
  decode(s: OnlineStreamHandle): void;
  isEndpoint(s: OnlineStreamHandle): boolean;
  reset(s: OnlineStreamHandle): void;
  getResult(s: OnlineStreamHandle): SherpaResult;
}
interface OfflineStreamHandle {
  acceptWaveform(w: { samples: Float32Array; sampleRate: number }): void;
}
interface OfflineRecognizerHandle {
  createStream(): OfflineStreamHandle;
  decode(s: OfflineStreamHandle): void;
  getResult(s: OfflineStreamHandle): SherpaResult;
}

type Recognizers =
  | { kind: "online"; main: OnlineRecognizerHandle; alt?: OnlineRecognizerHandle }
  | { kind: "offline"; main: OfflineRecognizerHandle };

/** The native streams of one utterance: made at its first audio. */
interface NativeStreams {
  main: OnlineStreamHandle;
  alt?: OnlineStreamHandle;
}

interface LinearResamplerHandle {
  resample(samples: Float32Array): Float32Array;
  reset(): void;
}

/** A call's stream: an online one holds its utterance's native streams and the call's resampler. */
interface OnlineStream {
  kind: "online";
  lang: string;
  native: NativeStreams | null;
  rate: number;
  resampler: { rate: number; handle: LinearResamplerHandle } | null;
}

type Stream = OnlineStream | { kind: "offline"; lang: string; chunks: Float32Array[]; rate: number };

const S = sherpa as unknown as {
  OnlineRecognizer: new (c: unknown) => OnlineRecognizerHandle;
  OfflineRecognizer: new (c: unknown) => OfflineRecognizerHandle;
  LinearResampler: new (inputRate: number, outputRate: number) => LinearResamplerHandle;
};

/** The rate the online models' features are computed at (featConfig below). */
const MODEL_RATE = 16000;

const recognizers = new Map<string, Recognizers>();
const streams = new Map<number, Stream>();
let options: WorkerOptions;

function onlineConfig(spec: AsrModelSpec, method: string): unknown {
  const model =
    spec.type === "online-transducer"
      ? { transducer: { encoder: spec.encoder, decoder: spec.decoder, joiner: spec.joiner }, tokens: spec.tokens, ...(spec.bpeVocab ? { modelingUnit: "bpe", bpeVocab: spec.bpeVocab } : {}) }
      : spec.type === "online-ctc"
        ? { zipformer2Ctc: { model: spec.model }, tokens: spec.tokens }
        : null;
  const beam = method === "modified_beam_search";
  return {
    featConfig: { sampleRate: MODEL_RATE, featureDim: 80 },
    modelConfig: { ...(model as object), numThreads: options.numThreads, debug: 0, provider: "cpu" },
    decodingMethod: method,
    maxActivePaths: options.maxActivePaths,
    enableEndpoint: 1,
    rule1MinTrailingSilence: 2.4,
    rule2MinTrailingSilence: 0.8,
    rule3MinUtteranceLength: 20,
    ...(beam && options.hotwordsFile && spec.type === "online-transducer" && spec.bpeVocab ? { hotwordsFile: options.hotwordsFile, hotwordsScore: options.hotwordsScore } : {}),
  };
}

function load(lang: string, spec: AsrModelSpec): void {
  // sherpa says only "Please check your config!" for a missing file, and onnxruntime aborts the whole
  // process on one it cannot read: name the file, and what to do, instead
  for (const [role, file] of Object.entries(spec)) {
    if (role === "type" || role === "language" || typeof file !== "string") continue;
    try {
      accessSync(file, constants.R_OK);
    } catch {
      throw new Error(`model file ${file} is missing or unreadable: reinstall the model (\`sahayak models import\`)`);
    }
  }
  if (spec.type === "online-transducer" || spec.type === "online-ctc") {
    const main = new S.OnlineRecognizer(onlineConfig(spec, spec.type === "online-ctc" ? "greedy_search" : options.decodingMethod));
    const alt = options.alternatives && spec.type === "online-transducer" && options.decodingMethod !== "greedy_search" ? new S.OnlineRecognizer(onlineConfig(spec, "greedy_search")) : undefined;
    recognizers.set(lang, { kind: "online", main, alt });
  } else {
    const model =
      spec.type === "offline-whisper"
        ? { whisper: { encoder: spec.encoder, decoder: spec.decoder, language: spec.language ?? lang, task: "transcribe" }, tokens: spec.tokens }
        : { nemoCtc: { model: spec.model }, tokens: spec.tokens };
    const main = new S.OfflineRecognizer({ featConfig: { sampleRate: 16000, featureDim: 80 }, modelConfig: { ...model, numThreads: options.numThreads, debug: 0, provider: "cpu" } });
    recognizers.set(lang, { kind: "offline", main });
  }
}

export function hypothesis(r: SherpaResult): AsrHypothesis {
  const text = r.text.trim().toLowerCase();
  const probs = r.ys_probs ?? [];
  const confidence = text && probs.length ? Math.exp(probs.reduce((a, b) => a + b, 0) / probs.length) : 0;
  return { text, confidence: Math.round(confidence * 1000) / 1000 };
}

function result(stream: Stream, final: boolean): AsrResult {
  const rec = recognizers.get(stream.lang)!;
  if (stream.kind === "online" && rec.kind === "online") {
    const native = stream.native;
    if (!native) return { text: "", confidence: 0, alternatives: [], endpoint: false, isFinal: final };
    const best = hypothesis(rec.main.getResult(native.main));
    const alternatives = native.alt && rec.alt ? [hypothesis(rec.alt.getResult(native.alt))].filter((h) => h.text && h.text !== best.text) : [];
    return { ...best, alternatives, endpoint: rec.main.isEndpoint(native.main), isFinal: final };
  }
  if (stream.kind === "offline" && rec.kind === "offline") {
    if (!final) return { text: "", confidence: 0, alternatives: [], endpoint: false, isFinal: false };
    const s = rec.main.createStream();
    const total = stream.chunks.reduce((n, c) => n + c.length, 0);
    const all = new Float32Array(total);
    let o = 0;
    for (const c of stream.chunks) {
      all.set(c, o);
      o += c.length;
    }
    s.acceptWaveform({ samples: all, sampleRate: stream.rate });
    rec.main.decode(s);
    return { ...hypothesis(rec.main.getResult(s)), alternatives: [], endpoint: true, isFinal: true };
  }
  throw new Error("stream and recogniser kinds differ");
}

function decodeReady(stream: Stream): void {
  if (stream.kind !== "online" || !stream.native) return;
  const rec = recognizers.get(stream.lang)!;
  if (rec.kind !== "online") return;
  const { main, alt } = stream.native;
  // a long backlog decodes in many native calls: a stop asked meanwhile ends the thread between two of them
  while (rec.main.isReady(main)) {
    exitIfAsked();
    rec.main.decode(main);
  }
  if (alt && rec.alt)
    while (rec.alt.isReady(alt)) {
      exitIfAsked();
      rec.alt.decode(alt);
    }
}

/** The utterance's native streams, made now if this is its first audio. */
function nativeOf(stream: OnlineStream): NativeStreams {
  if (stream.native) return stream.native;
  const rec = recognizers.get(stream.lang)!;
  if (rec.kind !== "online") throw new Error("stream and recogniser kinds differ");
  stream.native = { main: rec.main.createStream(), alt: shedding ? undefined : rec.alt?.createStream() };
  if (shedding && rec.alt) alternativesShed++;
  for (const handle of [stream.native.main, stream.native.alt]) {
    if (!handle) continue;
    nativeStreams++;
    freed.register(handle, undefined);
  }
  return stream.native;
}

/** Starts an utterance afresh (a new call, or the last one finished or was reset); a call keeps its resampler. */
function open(id: number, lang: string): void {
  const rec = recognizers.get(lang);
  if (!rec) throw new Error(`no recogniser for language "${lang}"`);
  const previous = streams.get(id);
  drop(previous);
  if (rec.kind === "offline") {
    giveBack(previous);
    streams.set(id, { kind: "offline", lang, chunks: [], rate: 8000 });
    return;
  }
  const resampler = previous?.kind === "online" ? previous.resampler : null;
  // the last utterance's unfinished filter history is not this one's
  resampler?.handle.reset();
  streams.set(id, { kind: "online", lang, native: null, rate: 8000, resampler });
}

/** Resamplers of ended calls, by input rate, reset, for the next calls. */
const idleResamplers = new Map<number, LinearResamplerHandle[]>();
let resamplersMade = 0;

/** Audio at the model's rate: through the call's own resampler, taken from the pool at its first audio. */
function atModelRate(stream: OnlineStream, samples: Float32Array, rate: number): Float32Array {
  if (rate === MODEL_RATE) return samples;
  if (stream.resampler?.rate !== rate) {
    giveBack(stream);
    const handle = idleResamplers.get(rate)?.pop() ?? (resamplersMade++, new S.LinearResampler(rate, MODEL_RATE));
    stream.resampler = { rate, handle };
  }
  return stream.resampler.handle.resample(samples);
}

function giveBack(stream: Stream | undefined): void {
  if (stream?.kind !== "online" || !stream.resampler) return;
  const { rate, handle } = stream.resampler;
  stream.resampler = null;
  handle.reset();
  let idle = idleResamplers.get(rate);
  if (!idle) idleResamplers.set(rate, (idle = []));
  idle.push(handle);
}

// gc is exposed to this thread only: flags set now apply to contexts made from now on
v8.setFlagsFromString("--expose-gc");
const collectGarbage = vm.runInNewContext("gc") as () => void;
let droppedSinceCollect = 0;
/** Native streams made and not yet finalised. */
let nativeStreams = 0;
const freed = new FinalizationRegistry<undefined>(() => nativeStreams--);
let collectPending = false;

/** Lets go of a stream's native streams; enough of them and the heap is collected once the queue is done. */
function drop(stream: Stream | undefined): void {
  if (stream?.kind !== "online" || !stream.native) return;
  stream.native = null;
  if (++droppedSinceCollect < options.releaseEveryStreams || collectPending) return;
  collectPending = true;
  // setImmediate runs after the messages already queued, so decoding in progress is not held up first
  setImmediate(() => {
    collectPending = false;
    droppedSinceCollect = 0;
    collectGarbage();
  });
}

/** Shedding ends once audio is handled within this fraction of the lag that started it (no flapping). */
const CAUGHT_UP_FRACTION = 0.25;
let shedding = false;
let alternativesShed = 0;

/** Starts or ends shedding the alternative decode from how late this audio is handled. */
function judgeLag(sentAt: number): void {
  const lag = Date.now() - sentAt;
  if (!shedding && lag > options.shedAlternativesLagMs) {
    shedding = true;
    // the utterances in progress drop theirs too: their backlog is the one to clear
    for (const s of streams.values())
      if (s.kind === "online" && s.native?.alt) {
        s.native.alt = undefined;
        alternativesShed++;
      }
  } else if (shedding && lag < options.shedAlternativesLagMs * CAUGHT_UP_FRACTION) shedding = false;
}

const TAIL_PADDING_SECONDS = 0.4;
const ASR_NICENESS = 10;

function handle(msg: WorkerRequest): WorkerReply | null {
  switch (msg.op) {
    case "init":
      options = msg.options;
      for (const [lang, spec] of Object.entries(msg.models)) load(lang, spec);
      return { op: "ready" };
    case "open":
      open(msg.id, msg.lang);
      return null;
    case "audio": {
      const s = streams.get(msg.id);
      if (!s) return null;
      s.rate = msg.sampleRate;
      judgeLag(msg.sentAt);
      if (s.kind === "online") {
        const native = nativeOf(s);
        const audio = { samples: atModelRate(s, msg.samples, msg.sampleRate), sampleRate: MODEL_RATE };
        native.main.acceptWaveform(audio);
        native.alt?.acceptWaveform(audio);
        decodeReady(s);
      } else s.chunks.push(msg.samples);
      return null;
    }
    case "partial": {
      const s = streams.get(msg.id);
      if (!s) return { op: "error", req: msg.req, message: "unknown stream" };
      decodeReady(s);
      return { op: "result", req: msg.req, result: result(s, false) };
    }
    case "finish": {
      const s = streams.get(msg.id);
      if (!s) return { op: "error", req: msg.req, message: "unknown stream" };
      if (s.kind === "online" && s.native) {
        // trailing silence lets the model emit its last tokens
        const tail = { samples: atModelRate(s, new Float32Array(Math.round(s.rate * TAIL_PADDING_SECONDS)), s.rate), sampleRate: MODEL_RATE };
        s.native.main.acceptWaveform(tail);
        s.native.alt?.acceptWaveform(tail);
        s.native.main.inputFinished();
        s.native.alt?.inputFinished();
        decodeReady(s);
      }
      const r = result(s, true);
      // the stream starts afresh for the next utterance
      open(msg.id, s.lang);
      return { op: "result", req: msg.req, result: r };
    }
    case "reset": {
      const s = streams.get(msg.id);
      if (s) open(msg.id, s.lang);
      return null;
    }
    case "close": {
      const s = streams.get(msg.id);
      drop(s);
      giveBack(s);
      streams.delete(msg.id);
      return null;
    }
    case "stats": {
      const idle = [...idleResamplers.values()].reduce((n, list) => n + list.length, 0);
      return { op: "stats", req: msg.req, stats: { streams: streams.size, nativeStreams, resamplers: resamplersMade, idleResamplers: idle, alternativesShed } };
    }
    case "stop":
      exitIfAsked();
      return null;
  }
}

// decoding is bulk work: the RTP sender and the event loop keep time ahead of it on a busy machine
niceThisThread(ASR_NICENESS);

parentPort?.on("message", (msg: WorkerRequest) => {
  // asked to stop: the messages still queued (a backlog of audio) are not worth decoding first
  exitIfAsked();
  try {
    const reply = handle(msg);
    if (reply) parentPort!.postMessage(reply);
  } catch (err) {
    parentPort!.postMessage({ op: "error", req: "req" in msg ? msg.req : undefined, message: (err as Error).message } satisfies WorkerReply);
  }
});
