// The name scorer's thread: one model, requests taken one at a time (each would only slow the others),
// scores before audio fed ahead (scorer-queue.ts), an abandoned or late request stopped at the next stage.
import { parentPort } from "node:worker_threads";
import { niceThisThread } from "../../ops/worker.js";
import type { AudioAhead } from "./name-ahead.js";
import { AbandonedError, NameSpotter, type NameEntry, type SpotOptions, type SpotResult, type SpotterFiles } from "./name-spotter.js";
import { ScorerQueue } from "./scorer-queue.js";

export type ScorerRequest =
  | { op: "init"; files: SpotterFiles; numThreads: number; names: NameEntry[] }
  | { op: "names"; names: NameEntry[] }
  | { op: "score"; req: number; samples: Float32Array; sampleRate: number; options: Omit<SpotOptions, "cancelled">; deadline: number; /** The utterance's audio as it arrived, fed to this stream. */ ahead?: number }
  /** An utterance's audio as it arrives, worked on ahead of its scoring (name-ahead.ts), until "end". */
  | { op: "open"; ahead: number; sampleRate: number }
  | { op: "feed"; ahead: number; samples: Float32Array }
  | { op: "end"; ahead: number }
  | { op: "cancel"; req: number }
  /** Stop every request at its next stage, then free the model: the thread may be terminated after "closed". */
  | { op: "close" };

export type ScorerReply =
  | { op: "ready"; names: number }
  | { op: "error"; req?: number; message: string; abandoned?: boolean }
  | { op: "result"; req: number; result: SpotResult }
  | { op: "closed" };

/** Bulk work, like recognition: the RTP sender and the event loop keep time ahead of it. */
const SCORER_NICENESS = 10;

let spotter: NameSpotter | null = null;
const pending = new Set<number>();
const cancelled = new Set<number>();
const queue = new ScorerQueue();
const aheads = new Map<number, AudioAhead>();
/** Utterances worked on ahead at once, at most: one per call; one never ended (a lost message) gives way to newer ones. */
const MAX_AHEAD = 256;
let closing = false;

const reply = (msg: ScorerReply) => parentPort!.postMessage(msg);

async function score(msg: Extract<ScorerRequest, { op: "score" }>): Promise<void> {
  try {
    if (!spotter) throw new Error("the name scorer has no model");
    const stop = () => cancelled.has(msg.req) || Date.now() > msg.deadline;
    if (stop()) throw new AbandonedError();
    const result = await spotter.spot(msg.samples, msg.sampleRate, { ...msg.options, cancelled: stop }, msg.ahead === undefined ? undefined : aheads.get(msg.ahead));
    reply({ op: "result", req: msg.req, result });
  } catch (err) {
    reply({ op: "error", req: msg.req, message: (err as Error).message, abandoned: err instanceof AbandonedError });
  } finally {
    pending.delete(msg.req);
    cancelled.delete(msg.req);
  }
}

niceThisThread(SCORER_NICENESS);

parentPort?.on("message", (msg: ScorerRequest) => {
  switch (msg.op) {
    case "init":
      NameSpotter.load(msg.files, msg.numThreads)
        .then(async (s) => {
          const count = await s.setNames(msg.names);
          spotter = s;
          reply({ op: "ready", names: count });
        })
        .catch((err: Error) => reply({ op: "error", message: err.message }));
      return;
    case "names":
      queue.now(async () => {
        await spotter?.setNames(msg.names);
      });
      return;
    case "score":
      pending.add(msg.req);
      queue.now(() => score(msg), msg.ahead);
      return;
    case "open":
      if (!spotter || closing) return;
      aheads.set(msg.ahead, spotter.ahead(msg.sampleRate));
      if (aheads.size > MAX_AHEAD) {
        const oldest = aheads.keys().next().value!;
        aheads.delete(oldest);
        queue.drop(oldest);
      }
      return;
    case "feed": {
      const ahead = aheads.get(msg.ahead);
      if (!ahead) return;
      // ended (the utterance is over, the call hung up) before its turn: nothing is done for it
      queue.later(async () => {
        if (aheads.get(msg.ahead) !== ahead) return;
        await ahead.feed(msg.samples, () => aheads.get(msg.ahead) !== ahead || closing).catch(() => void aheads.delete(msg.ahead));
      }, msg.ahead);
      return;
    }
    case "end":
      aheads.delete(msg.ahead);
      queue.drop(msg.ahead);
      return;
    case "cancel":
      if (pending.has(msg.req)) cancelled.add(msg.req);
      return;
    case "close":
      closing = true;
      aheads.clear();
      for (const req of pending) cancelled.add(req);
      queue.now(async () => {
        const closing = spotter;
        spotter = null;
        await closing?.model.release();
        reply({ op: "closed" });
      });
      return;
  }
});
