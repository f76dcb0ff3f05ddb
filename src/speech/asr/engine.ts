// The recogniser front end: one worker thread holds the models; each call gets a stream. Audio goes to
// the worker as it arrives (transferred, not copied) and is decoded there, so the final result at the
// endpoint costs only the last few frames. A worker that dies is replaced after a backoff; the streams it
// served fail at once (every pending request rejects, and each stream says so), so a call in progress can
// fall back to the keypad while the next call gets the new worker.
import type { Worker } from "node:worker_threads";
import { engineRequest } from "../../ops/metrics.js";
import { startNativeWorker, type NativeWorker } from "../../ops/worker.js";
import type { Logger } from "../../ops/log.js";
import type { SpeechConfig } from "../../config.js";
import { int16ToFloat32 } from "../../audio/index.js";
import { AsrUnavailableError, type AsrEngine, type AsrModelSpec, type AsrResult, type AsrStream } from "./types.js";
import type { AsrWorkerStats, WorkerOptions, WorkerReply, WorkerRequest } from "./worker.js";

interface Waiter {
  resolve(r: AsrResult | AsrWorkerStats): void;
  reject(e: Error): void;
}

/** One stream's fate: set once its worker dies, and who wants to know. */
interface StreamState {
  failure: Error | null;
  listeners: ((err: Error) => void)[];
}

/** One worker thread and what was asked of it. */
interface Generation {
  worker: Worker;
  /** Ends the thread between two native calls (never terminated inside one: that aborts the process). */
  stop(exitCode: number): Promise<void>;
  waiting: Map<number, Waiter>;
  streams: Set<StreamState>;
  startedAt: number;
  failure: Error | null;
}

export type AsrEngineState = "running" | "restarting" | "closed";

export class SherpaAsrEngine implements AsrEngine {
  private nextId = 1;
  private nextReq = 1;
  private closed = false;
  private current: Generation | null;
  private restartTimer: NodeJS.Timeout | undefined;
  /** A replacement being loaded: close() waits for it, as its files must stay until it has read them. */
  private restarting: Promise<void> | undefined;
  /** Deaths since a worker last ran longer than the longest backoff. */
  private failures = 0;
  /** Hotword changes run one after another: each loads a worker, and the last one asked for wins. */
  private hotwordsChange: Promise<void> = Promise.resolve();
  /** Workers replaced by one with other hotwords, still serving calls: each ends with its last stream, and its end is no death. */
  private readonly retiring = new Set<Generation>();

  private constructor(
    worker: NativeWorker,
    readonly languages: string[],
    private readonly models: Record<string, AsrModelSpec>,
    private options: WorkerOptions,
    private readonly backoff: { firstMs: number; maxMs: number },
    private readonly log?: Logger,
  ) {
    this.current = this.adopt(worker);
  }

  static async start(models: Record<string, AsrModelSpec>, config: SpeechConfig["asr"], hotwordsFile?: string, log?: Logger): Promise<SherpaAsrEngine> {
    const languages = Object.keys(models);
    if (languages.length === 0) throw new AsrUnavailableError("no speech recognition model is installed: run make setup or `sahayak models import`");
    const options: WorkerOptions = {
      decodingMethod: config.decodingMethod,
      maxActivePaths: config.maxActivePaths,
      numThreads: config.numThreads,
      alternatives: config.alternatives,
      hotwordsFile,
      hotwordsScore: config.hotwordsScore,
      releaseEveryStreams: config.releaseEveryStreams,
      shedAlternativesLagMs: config.shedAlternativesLagMs,
    };
    const worker = await spawn(models, options);
    return new SherpaAsrEngine(worker, languages, models, options, { firstMs: config.restartBackoffMs, maxMs: config.restartBackoffMaxMs }, log);
  }

  /** running: streams can be made; restarting: the worker died and its replacement is not ready yet. */
  get state(): AsrEngineState {
    return this.closed ? "closed" : this.current ? "running" : "restarting";
  }

  private adopt(thread: NativeWorker): Generation {
    const { worker } = thread;
    const stop = async (exitCode: number) => {
      const how = await thread.stop(exitCode);
      if (how === "terminated") this.log?.warn("speech recogniser worker did not stop when asked: terminated");
    };
    const gen: Generation = { worker, stop, waiting: new Map(), streams: new Set(), startedAt: performance.now(), failure: null };
    worker.on("message", (msg: WorkerReply) => {
      if (msg.op === "result") settle(gen, msg.req, (w) => w.resolve(msg.result));
      else if (msg.op === "stats") settle(gen, msg.req, (w) => w.resolve(msg.stats));
      else if (msg.op === "error" && msg.req !== undefined) settle(gen, msg.req, (w) => w.reject(new Error(msg.message)));
    });
    worker.on("error", (err) => this.died(gen, new AsrUnavailableError(`the speech recogniser failed: ${err.message}`)));
    worker.on("exit", (code) => this.died(gen, new AsrUnavailableError(`the speech recogniser stopped (worker exit code ${code})`)));
    return gen;
  }

  /** A worker is gone: everything it was doing fails now, and a replacement is started after a backoff. */
  private died(gen: Generation, err: Error): void {
    if (gen.failure) return;
    gen.failure = err;
    for (const w of gen.waiting.values()) w.reject(err);
    gen.waiting.clear();
    for (const s of gen.streams) failStream(s, err);
    gen.streams.clear();
    if (this.current === gen) this.current = null;
    const retired = this.retiring.delete(gen);
    // a replaced worker's end (or death) leaves the current one serving: nothing to restart
    if (this.closed || retired) return;
    // a stop from close() also ends here, but closed is set first; anything else is a death
    void gen.stop(0);
    if (performance.now() - gen.startedAt > this.backoff.maxMs) this.failures = 0;
    this.scheduleRestart(err, "speech recogniser worker died: calls use the keypad until it is restarted");
  }

  private scheduleRestart(err: Error, what: string): void {
    const delayMs = Math.min(this.backoff.maxMs, this.backoff.firstMs * 2 ** this.failures);
    this.failures++;
    this.log?.error({ err: err.message, restartInMs: delayMs, failures: this.failures }, what);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      this.restarting = this.restart().finally(() => (this.restarting = undefined));
    }, delayMs);
    this.restartTimer.unref();
  }

  private async restart(): Promise<void> {
    if (this.closed) return;
    const started = performance.now();
    let worker: NativeWorker;
    try {
      worker = await spawn(this.models, this.options);
    } catch (err) {
      if (!this.closed) this.scheduleRestart(err as Error, "speech recogniser could not be restarted: calls use the keypad until it is");
      return;
    }
    // closed meanwhile, or a hotwords change already put a worker in place
    if (this.closed || this.current) {
      await worker.stop(0);
      return;
    }
    this.current = this.adopt(worker);
    this.log?.warn({ loadMs: Math.round(performance.now() - started), failures: this.failures }, "speech recogniser worker restarted");
  }

  private request(gen: Generation, stream: StreamState, op: "partial" | "finish", id: number, signal?: AbortSignal): Promise<AsrResult> {
    if (this.closed) return Promise.reject(new AsrUnavailableError("the recogniser is closed"));
    const failure = stream.failure ?? gen.failure;
    if (failure) return Promise.reject(failure);
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    const req = this.nextReq++;
    // the worker serves every call's requests in turn: its backlog and time are the recogniser's queue
    const done = engineRequest("asr");
    return new Promise<AsrResult>((resolve, reject) => {
      const onAbort = () => settle(gen, req, (w) => w.reject(signal!.reason as Error));
      signal?.addEventListener("abort", onAbort, { once: true });
      gen.waiting.set(req, {
        resolve: (r) => {
          signal?.removeEventListener("abort", onAbort);
          done();
          resolve(r as AsrResult);
        },
        reject: (e) => {
          signal?.removeEventListener("abort", onAbort);
          done();
          reject(e);
        },
      });
      gen.worker.postMessage({ op, id, req } satisfies WorkerRequest);
    });
  }

  /** Worker threads alive: the current one, and replaced ones still finishing calls. */
  get workers(): number {
    return (this.current ? 1 : 0) + this.retiring.size;
  }

  /** The hotwords file the recogniser is biased with now (and after any restart). */
  get hotwordsFile(): string | undefined {
    return this.options.hotwordsFile;
  }

  /**
   * Biases recognition to other hotwords (the knowledge base changed): a worker with them is loaded beside
   * the running one, new streams go to it, and the old one serves its calls to their end, then stops. A
   * worker that cannot load leaves the running one as it was.
   */
  useHotwords(file: string | undefined): Promise<void> {
    const change = this.hotwordsChange.then(() => this.swapHotwords(file));
    this.hotwordsChange = change.catch(() => undefined);
    return change;
  }

  private async swapHotwords(file: string | undefined): Promise<void> {
    if (this.closed || file === this.options.hotwordsFile) return;
    const options: WorkerOptions = { ...this.options, hotwordsFile: file };
    // a replacement loading after a death is let finish and then swapped; one still waiting loads with these
    if (!this.current) await this.restarting;
    if (!this.current) {
      this.options = options;
      return;
    }
    const worker = await spawn(this.models, options);
    if (this.closed) {
      await worker.stop(0);
      return;
    }
    this.options = options;
    const old = this.current;
    this.current = this.adopt(worker);
    if (old) this.retire(old);
  }

  private retire(gen: Generation): void {
    this.retiring.add(gen);
    this.endIfIdle(gen);
  }

  /** A replaced worker ends once no call's stream is left on it. */
  private endIfIdle(gen: Generation): void {
    if (this.retiring.has(gen) && gen.streams.size === 0) void gen.stop(0);
  }

  createStream(lang: string): AsrStream {
    if (!this.languages.includes(lang)) throw new AsrUnavailableError(`no speech model for language "${lang}" (installed: ${this.languages.join(", ")})`);
    if (this.closed) throw new AsrUnavailableError("the recogniser is closed");
    const gen = this.current;
    if (!gen) throw new AsrUnavailableError("the speech recogniser is restarting after a failure: use the keypad meanwhile");
    const id = this.nextId++;
    const state: StreamState = { failure: null, listeners: [] };
    gen.streams.add(state);
    const post = (msg: WorkerRequest, transfer: ArrayBuffer[] = []) => {
      if (!this.closed && !state.failure) gen.worker.postMessage(msg, transfer);
    };
    post({ op: "open", id, lang });
    let disposed = false;
    return {
      lang,
      accept: (samples, sampleRate) => {
        if (disposed || samples.length === 0) return;
        const f = int16ToFloat32(samples);
        post({ op: "audio", id, samples: f, sampleRate, sentAt: Date.now() }, [f.buffer as ArrayBuffer]);
      },
      partial: () => this.request(gen, state, "partial", id),
      finish: (signal) => this.request(gen, state, "finish", id, signal),
      reset: () => post({ op: "reset", id }),
      onFailure: (listener) => {
        if (disposed) return;
        if (state.failure) {
          const failure = state.failure;
          queueMicrotask(() => listener(failure));
        } else state.listeners.push(listener);
      },
      dispose: () => {
        if (disposed) return;
        disposed = true;
        post({ op: "close", id });
        gen.streams.delete(state);
        state.listeners = [];
        this.endIfIdle(gen);
      },
    };
  }

  /** What the worker holds now (streams of calls, native streams not yet freed): for health checks and tests. */
  stats(): Promise<AsrWorkerStats> {
    const gen = this.current;
    if (!gen) return Promise.reject(new AsrUnavailableError(this.closed ? "the recogniser is closed" : "the speech recogniser is restarting after a failure"));
    const req = this.nextReq++;
    return new Promise((resolve, reject) => {
      gen.waiting.set(req, { resolve: (s) => resolve(s as AsrWorkerStats), reject });
      gen.worker.postMessage({ op: "stats", req } satisfies WorkerRequest);
    });
  }

  /**
   * Stops the worker thread as a crash would (fault drills, tests): its streams fail and it is replaced
   * after the backoff, exactly as after any other death.
   */
  async killWorker(): Promise<void> {
    await this.current?.stop(1);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.restartTimer);
    await this.restarting;
    await this.hotwordsChange;
    for (const old of this.retiring) await old.stop(0);
    this.retiring.clear();
    const gen = this.current;
    this.current = null;
    if (!gen) return;
    const err = new AsrUnavailableError("the recogniser is closed");
    gen.failure = err;
    for (const w of gen.waiting.values()) w.reject(err);
    gen.waiting.clear();
    await gen.stop(0);
  }
}

/** Starts a worker and waits until its models are loaded. */
async function spawn(models: Record<string, AsrModelSpec>, options: WorkerOptions): Promise<NativeWorker> {
  const thread = startNativeWorker("worker", import.meta.url, { op: "stop" } satisfies WorkerRequest);
  const { worker } = thread;
  let onMessage: (msg: WorkerReply) => void = () => undefined;
  let onError: (err: Error) => void = () => undefined;
  let onExit: (code: number) => void = () => undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      onMessage = (msg) => {
        if (msg.op === "ready") resolve();
        else if (msg.op === "error") reject(new AsrUnavailableError(`cannot load the speech recogniser: ${msg.message}`));
      };
      onError = reject;
      onExit = (code) => reject(new AsrUnavailableError(`the speech recogniser stopped while loading (worker exit code ${code})`));
      worker.on("message", onMessage).on("error", onError).on("exit", onExit);
      worker.postMessage({ op: "init", models, options } satisfies WorkerRequest);
    });
  } catch (err) {
    await thread.stop(0);
    throw err;
  } finally {
    worker.off("message", onMessage).off("error", onError).off("exit", onExit);
  }
  return thread;
}

function settle(gen: Generation, req: number, fn: (w: Waiter) => void): void {
  const w = gen.waiting.get(req);
  if (!w) return;
  gen.waiting.delete(req);
  fn(w);
}

function failStream(s: StreamState, err: Error): void {
  s.failure = err;
  const listeners = s.listeners;
  s.listeners = [];
  for (const l of listeners) l(err);
}
