// Which scheme names the caller said, judged on the audio itself: where the recogniser garbled a name
// ("at lension you again"), the knowledge base's names are scored against the utterance with the
// recogniser's own encoder, decoder and joiner (the likelihood of each name's tokens somewhere in the
// utterance, as contextual rescoring does), in a worker thread of its own. The result is a calibrated
// probability per scheme, best first, for the dialogue to weigh with the recognised text.
import type { Worker } from "node:worker_threads";
import type { SpeechConfig } from "../../config.js";
import { ModelStore } from "../../ops/models.js";
import { PendingReplies } from "../../ops/pending.js";
import { flatMapSteps, runAtOnce, runSliced, type SliceOptions } from "../../ops/slices.js";
import { NATIVE_STOP_WAIT_MS, startWorker } from "../../ops/worker.js";
import { int16ToFloat32 } from "../../audio/index.js";
import type { NameCalibration, SchemeCalibration } from "./name-calibration.js";
import type { NameEntry, ScoredName, SpotResult, SpotterFiles } from "./name-spotter.js";
import type { ScorerReply, ScorerRequest } from "./name-scorer-worker.js";
import { spokenNames, type NamedScheme } from "./spoken-names.js";
import { AsrUnavailableError, type AsrResult } from "./types.js";

export type NameScoringConfig = SpeechConfig["asr"]["names"];

export interface HeardName {
  schemeId: string;
  /** Calibrated probability (0–1) that this scheme's name was said. */
  score: number;
}

export interface NameScores {
  heardNames: HeardName[];
  /** What sherpa's greedy search hears in the same audio (the scorer's own decode). */
  greedyText: string;
  /** Wall-clock ms from the request to the answer, queueing included. */
  costMs: number;
  timings: SpotResult["timings"];
  prefilterNames: number;
  exactNames: number;
  /** With ScoreOptions.explain: the best scored names and their features. */
  explained?: ScoredName[];
}

export interface ScoreOptions {
  /** Schemes the recognised text already points to: their names are scored exactly. */
  schemeIds?: readonly string[];
  signal?: AbortSignal;
  /** Overrides the config's deadline (ms from now). */
  deadlineMs?: number;
  /** Also return the best scored names with their features (calibration, diagnostics). */
  explain?: number;
  /** Override the config's calibrations (when fitting new ones). */
  calibration?: NameCalibration;
  schemeCalibration?: SchemeCalibration;
  /** The utterance's audio as it arrived, fed to the scorer ahead (the same samples, as far as they go). */
  ahead?: NameAhead;
}

/**
 * An utterance's audio fed to the scorer as it arrives, so that scoring it at the pause finds its encoder
 * and greedy search done but for the tail (name-ahead.ts). Ended when the utterance is over (or another
 * starts, or the call ends): the worker then forgets it.
 */
export interface NameAhead {
  readonly id: number;
  /** More of the utterance's audio, in order. */
  feed(samples: Int16Array): void;
  /** Frees the worker's work on it; later scoring goes without. */
  end(): void;
  readonly ended: boolean;
}

/** The scoring ran out of time, or was abandoned. */
export class NameScoringTimeout extends Error {}

/** Every spoken form of every scheme's names: the scorer's vocabulary. */
export function schemeNameEntries(schemes: readonly NamedScheme[]): NameEntry[] {
  return runAtOnce(flatMapSteps(schemes, spokenNames));
}

/** The same, in slices between the loop's other work: a serving process following its knowledge base. */
export function schemeNameEntriesInSlices(schemes: readonly NamedScheme[], slicing: SliceOptions): Promise<NameEntry[]> {
  return runSliced(flatMapSteps(schemes, spokenNames), slicing);
}

export class NameScorer {
  private nextReq = 1;
  private nextAhead = 1;
  private readonly waiting = new PendingReplies<SpotResult>();
  private closed = false;

  private constructor(
    private readonly worker: Worker,
    private readonly config: NameScoringConfig,
    /** Names the scorer listens for. */
    readonly names: number,
  ) {
    worker.on("message", (msg: ScorerReply) => {
      if (msg.op === "result") this.waiting.settle(msg.req, (w) => w.resolve(msg.result));
      else if (msg.op === "error" && msg.req !== undefined) this.waiting.settle(msg.req, (w) => w.reject(msg.abandoned ? new NameScoringTimeout(msg.message) : new Error(msg.message)));
    });
    worker.on("error", (err) => this.waiting.failAll(err));
    worker.on("exit", () => this.waiting.failAll(new AsrUnavailableError("the name scorer stopped")));
  }

  /** Loads the model in a worker and tokenises the names once. */
  static async start(files: SpotterFiles, names: readonly NameEntry[], config: NameScoringConfig): Promise<NameScorer> {
    const worker = startWorker("name-scorer-worker", import.meta.url);
    try {
      const count = await new Promise<number>((resolve, reject) => {
        const onMessage = (msg: ScorerReply) => {
          if (msg.op === "ready") resolve(msg.names);
          else if (msg.op === "error") reject(new AsrUnavailableError(`cannot load the name scorer: ${msg.message}`));
          else return;
          worker.off("message", onMessage);
        };
        worker.on("message", onMessage);
        worker.once("error", reject);
        worker.postMessage({ op: "init", files, numThreads: config.numThreads, names: [...names] } satisfies ScorerRequest);
      });
      return new NameScorer(worker, config, count);
    } catch (err) {
      await worker.terminate();
      throw err;
    }
  }

  /**
   * Listens for another set of names from now on (the knowledge base changed); requests already sent
   * are scored against the old set, later ones against the new.
   */
  setNames(names: readonly NameEntry[]): void {
    if (!this.closed) this.worker.postMessage({ op: "names", names: [...names] } satisfies ScorerRequest);
  }

  /** An utterance's audio to feed as it arrives (8 or 16 kHz), scored later with ScoreOptions.ahead. */
  ahead(sampleRate: number): NameAhead {
    const id = this.nextAhead++;
    const worker = this.worker;
    let ended = this.closed;
    if (!ended) worker.postMessage({ op: "open", ahead: id, sampleRate } satisfies ScorerRequest);
    const scorer = this;
    return {
      id,
      get ended() {
        return ended || scorer.closed;
      },
      feed(samples) {
        if (this.ended) return;
        const f = int16ToFloat32(samples);
        worker.postMessage({ op: "feed", ahead: id, samples: f } satisfies ScorerRequest, [f.buffer as ArrayBuffer]);
      },
      end() {
        if (this.ended) return;
        ended = true;
        worker.postMessage({ op: "end", ahead: id } satisfies ScorerRequest);
      },
    };
  }

  /**
   * Scores every name against one utterance's audio (8 or 16 kHz). Rejects with NameScoringTimeout when
   * the deadline passes first (the worker stops too), with the signal's reason when it aborts.
   */
  score(audio: Int16Array, sampleRate: number, options: ScoreOptions = {}): Promise<NameScores> {
    if (this.closed) return Promise.reject(new AsrUnavailableError("the name scorer is closed"));
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    const req = this.nextReq++;
    const started = performance.now();
    const deadlineMs = options.deadlineMs ?? this.config.deadlineMs;
    return new Promise<NameScores>((resolve, reject) => {
      const stop = (err: Error) => {
        this.worker.postMessage({ op: "cancel", req } satisfies ScorerRequest);
        this.waiting.settle(req, (w) => w.reject(err));
      };
      const onAbort = () => stop(signal!.reason as Error);
      const timer = setTimeout(() => stop(new NameScoringTimeout(`name scoring took longer than ${deadlineMs} ms`)), deadlineMs);
      signal?.addEventListener("abort", onAbort, { once: true });
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      };
      this.waiting.add(req, {
        resolve: (r) => {
          done();
          resolve({ heardNames: r.heard, greedyText: r.greedyText, costMs: performance.now() - started, timings: r.timings, prefilterNames: r.prefilterNames, exactNames: r.exactNames, ...(r.explained ? { explained: r.explained } : {}) });
        },
        reject: (e) => {
          done();
          reject(e);
        },
      });
      const samples = int16ToFloat32(audio);
      const { shortlist, namesPerMatchedScheme, beam, maxGap, maxSchemes, minProbability, prefilterOwnContext: ownContext } = this.config;
      const calibration = options.calibration ?? this.config.calibration;
      const schemeCalibration = options.schemeCalibration ?? this.config.schemeCalibration;
      this.worker.postMessage(
        {
          op: "score",
          req,
          samples,
          sampleRate,
          options: { schemeIds: [...(options.schemeIds ?? [])], shortlist, namesPerMatchedScheme, beam, maxGap, ownContext, calibration, schemeCalibration, maxSchemes, minProbability, explain: options.explain },
          deadline: Date.now() + deadlineMs,
          ...(options.ahead && !options.ahead.ended ? { ahead: options.ahead.id } : {}),
        } satisfies ScorerRequest,
        [samples.buffer as ArrayBuffer],
      );
    });
  }

  /**
   * Stops the scorer. Terminating its thread while onnxruntime runs a model there aborts the whole process
   * (a C++ exception escapes the finished run), so the thread first stops its request at the next stage
   * and frees the model, and is terminated once it says so (or after NATIVE_STOP_WAIT_MS, taken as hung).
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.waiting.failAll(new AsrUnavailableError("the name scorer is closed"));
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.worker.off("message", onMessage);
        this.worker.off("exit", done);
        resolve();
      };
      const onMessage = (msg: ScorerReply) => {
        if (msg.op === "closed") done();
      };
      const timer = setTimeout(done, NATIVE_STOP_WAIT_MS);
      this.worker.on("message", onMessage);
      this.worker.once("exit", done);
      this.worker.postMessage({ op: "close" } satisfies ScorerRequest);
    });
    await this.worker.terminate();
  }
}

/**
 * The name scorer for the installed English streaming transducer (the only model whose tokens it can
 * spell names in), or null when there is none or scoring is switched off.
 */
export async function loadNameScorer(modelsDir: string, config: NameScoringConfig, schemes: readonly NamedScheme[]): Promise<NameScorer | null> {
  if (!config.enabled) return null;
  const store = new ModelStore(modelsDir);
  const entry = store.manifest().models.find((m) => m.kind === "asr" && m.engine === "online-transducer" && m.languages.includes("en") && m.files.bpeModel);
  if (!entry) return null;
  const p = (role: string) => store.path(entry, role);
  const files: SpotterFiles = { encoder: p("encoder"), decoder: p("decoder"), joiner: p("joiner"), tokens: p("tokens"), bpeModel: p("bpeModel") };
  return NameScorer.start(files, schemeNameEntries(schemes), config);
}

/**
 * Schemes a reading's text names that are scored exactly, at most: a garbled name is often well down the
 * text matcher's list, and the prefilter on the greedy path ranks such names in the hundreds (on the spoken
 * tuning questions, 8 missed names came first once scored exactly, none within the prefilter's 24, one the
 * text's sixth match).
 */
const MATCHES_PER_READING = 10;

/** What the dialogue gets from one spoken turn: the recogniser's other readings, and the names heard. */
export interface SpokenEvidence {
  alternatives: string[];
  heardNames?: HeardName[];
  /** What scoring the names cost this turn, when it ran: request to answer, and the scorer thread's CPU (ms). */
  costMs?: number;
  cpuMs?: number;
}

export interface EvidenceOptions {
  /** The knowledge base's text matcher (kb.search.matchNames): the schemes a reading names, best first. */
  matchNames(text: string): readonly { schemeId: string; score: number }[];
  /**
   * Whether the recognised text is enough on its own: it names a scheme surely, or it is a short reply that
   * names none (yes, more, goodbye). The audio can add nothing there, so the turn does not wait for it.
   */
  textSuffices?(text: string, bestMatch: number): boolean;
  signal?: AbortSignal;
  /** Overrides the config's deadline (ms), or gives it from how surely the text names a scheme (its best match). */
  deadlineMs?: number | ((bestMatch: number) => number);
  /** Told when scoring failed or ran late (the turn goes on without heard names). */
  onError?(err: Error): void;
  /** The utterance's audio as it was fed to the scorer while it arrived. */
  ahead?: NameAhead;
}

/**
 * The call layer's one step after a final result: the recogniser's alternatives, and the names scored
 * on the audio (the schemes the text already matched scored exactly too). A scorer that fails or runs
 * late leaves heardNames out: the turn goes on with the text alone. An aborted signal rejects.
 */
export async function spokenEvidence(scorer: NameScorer | null, audio: Int16Array, sampleRate: number, result: AsrResult, options: EvidenceOptions): Promise<SpokenEvidence> {
  const alternatives = [...new Set(result.alternatives.map((a) => a.text))].filter((t) => t && t !== result.text);
  if (!scorer || audio.length === 0) return { alternatives };
  const heard = options.matchNames(result.text).slice(0, MATCHES_PER_READING);
  if (options.textSuffices?.(result.text, heard[0]?.score ?? 0)) return { alternatives };
  // the other readings are matched only when the names will be scored
  const others = alternatives.flatMap((t) => options.matchNames(t).slice(0, MATCHES_PER_READING));
  const schemeIds = [...new Set([...heard, ...others].map((m) => m.schemeId))];
  try {
    const deadlineMs = typeof options.deadlineMs === "function" ? options.deadlineMs(heard[0]?.score ?? 0) : options.deadlineMs;
    const scores = await scorer.score(audio, sampleRate, { schemeIds, signal: options.signal, deadlineMs, ...(options.ahead ? { ahead: options.ahead } : {}) });
    return { alternatives, heardNames: scores.heardNames, costMs: scores.costMs, cpuMs: scores.timings.cpuMs };
  } catch (err) {
    if (options.signal?.aborted) throw err;
    options.onError?.(err as Error);
    return { alternatives };
  }
}
