// The recogniser front end: one worker thread holds the models; each call gets a stream. Audio goes to
// the worker as it arrives (transferred, not copied) and is decoded there, so the final result at the
// endpoint costs only the last few frames.
import type { Worker } from "node:worker_threads";
import { engineRequest } from "../../ops/metrics.js";
import { startWorker } from "../../ops/worker.js";
import type { SpeechConfig } from "../../config.js";
import { int16ToFloat32 } from "../../audio/index.js";
import { AsrUnavailableError, type AsrEngine, type AsrModelSpec, type AsrResult, type AsrStream } from "./types.js";
import type { WorkerOptions, WorkerReply, WorkerRequest } from "./worker.js";

export class SherpaAsrEngine implements AsrEngine {
  private nextId = 1;
  private nextReq = 1;
  private readonly waiting = new Map<number, { resolve(r: AsrResult): void; reject(e: Error): void }>();
  private closed = false;

  private constructor(
    private readonly worker: Worker,
    readonly languages: string[],
  ) {
    worker.on("message", (msg: WorkerReply) => {
      if (msg.op === "result") this.settle(msg.req, (w) => w.resolve(msg.result));
      else if (msg.op === "error" && msg.req !== undefined) this.settle(msg.req, (w) => w.reject(new Error(msg.message)));
    });
    worker.on("error", (err) => this.failAll(err));
    worker.on("exit", () => this.failAll(new Error("the recogniser worker stopped")));
  }

  static async start(models: Record<string, AsrModelSpec>, config: SpeechConfig["asr"], hotwordsFile?: string): Promise<SherpaAsrEngine> {
    const languages = Object.keys(models);
    if (languages.length === 0) throw new AsrUnavailableError("no speech recognition model is installed: run make setup or `sahayak models import`");
    const worker = startWorker("worker", import.meta.url);
    const options: WorkerOptions = {
      decodingMethod: config.decodingMethod,
      maxActivePaths: config.maxActivePaths,
      numThreads: config.numThreads,
      alternatives: config.alternatives,
      hotwordsFile,
      hotwordsScore: config.hotwordsScore,
    };
    await new Promise<void>((resolve, reject) => {
      const onMessage = (msg: WorkerReply) => {
        if (msg.op === "ready") resolve();
        else if (msg.op === "error") reject(new AsrUnavailableError(`cannot load the speech recogniser: ${msg.message}`));
        else return;
        worker.off("message", onMessage);
      };
      worker.on("message", onMessage);
      worker.once("error", reject);
      worker.postMessage({ op: "init", models, options } satisfies WorkerRequest);
    });
    return new SherpaAsrEngine(worker, languages);
  }

  private settle(req: number, fn: (w: { resolve(r: AsrResult): void; reject(e: Error): void }) => void): void {
    const w = this.waiting.get(req);
    if (!w) return;
    this.waiting.delete(req);
    fn(w);
  }

  private failAll(err: Error): void {
    for (const w of this.waiting.values()) w.reject(err);
    this.waiting.clear();
  }

  private post(msg: WorkerRequest, transfer: ArrayBuffer[] = []): void {
    if (!this.closed) this.worker.postMessage(msg, transfer);
  }

  private request(op: "partial" | "finish", id: number, signal?: AbortSignal): Promise<AsrResult> {
    if (this.closed) return Promise.reject(new AsrUnavailableError("the recogniser is closed"));
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    const req = this.nextReq++;
    // the worker serves every call's requests in turn: its backlog and time are the recogniser's queue
    const done = engineRequest("asr");
    return new Promise<AsrResult>((resolve, reject) => {
      const onAbort = () => this.settle(req, (w) => w.reject(signal!.reason as Error));
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiting.set(req, {
        resolve: (r) => {
          signal?.removeEventListener("abort", onAbort);
          done();
          resolve(r);
        },
        reject: (e) => {
          signal?.removeEventListener("abort", onAbort);
          done();
          reject(e);
        },
      });
      this.post({ op, id, req });
    });
  }

  createStream(lang: string): AsrStream {
    if (!this.languages.includes(lang)) throw new AsrUnavailableError(`no speech model for language "${lang}" (installed: ${this.languages.join(", ")})`);
    const id = this.nextId++;
    this.post({ op: "open", id, lang });
    let disposed = false;
    return {
      lang,
      accept: (samples, sampleRate) => {
        if (disposed || samples.length === 0) return;
        const f = int16ToFloat32(samples);
        this.post({ op: "audio", id, samples: f, sampleRate }, [f.buffer as ArrayBuffer]);
      },
      partial: () => this.request("partial", id),
      finish: (signal) => this.request("finish", id, signal),
      reset: () => this.post({ op: "reset", id }),
      dispose: () => {
        if (disposed) return;
        disposed = true;
        this.post({ op: "close", id });
      },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.failAll(new AsrUnavailableError("the recogniser is closed"));
    await this.worker.terminate();
  }
}
