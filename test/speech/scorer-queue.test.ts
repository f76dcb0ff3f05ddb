// The name scorer thread's order of work: a turn waiting for its names is never queued behind other
// callers' audio fed ahead, and each utterance's audio still runs in order, before its own score.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ScorerQueue } from "../../src/speech/asr/scorer-queue.js";

/** A queue whose jobs log their names, and a promise of the log once `count` have run. */
function logged(count: number) {
  const ran: string[] = [];
  let done!: () => void;
  const all = new Promise<void>((r) => (done = r));
  const job = (name: string, fail = false) => async () => {
    await Promise.resolve();
    ran.push(name);
    if (ran.length === count) done();
    if (fail) throw new Error(`${name} failed`);
  };
  return { ran, all, job };
}

test("a score waits for no other caller's audio fed ahead", async () => {
  const q = new ScorerQueue();
  const { ran, all, job } = logged(5);
  // the first feed has started when the rest arrive; what comes after it is ordered by who waits
  q.later(job("feed a1"), 1);
  q.later(job("feed b1"), 2);
  q.later(job("feed b2"), 2);
  q.now(job("score c"));
  q.later(job("feed a2"), 1);
  await all;
  assert.deepEqual(ran, ["feed a1", "score c", "feed b1", "feed b2", "feed a2"]);
});

test("a score's own utterance's pending audio runs first, in order, and no one else's", async () => {
  const q = new ScorerQueue();
  const { ran, all, job } = logged(6);
  q.later(job("feed a1"), 1);
  q.later(job("feed b1"), 2);
  q.later(job("feed a2"), 1);
  q.later(job("feed a3"), 1);
  q.now(job("score a"), 1);
  q.later(job("feed b2"), 2);
  await all;
  assert.deepEqual(ran, ["feed a1", "feed a2", "feed a3", "score a", "feed b1", "feed b2"]);
});

test("an ended utterance's audio not yet worked on is dropped; a failing job stops none after it", async () => {
  const q = new ScorerQueue();
  const { ran, all, job } = logged(3);
  q.later(job("feed a1", true), 1);
  q.later(job("feed b1"), 2);
  q.later(job("feed b2"), 2);
  q.drop(2);
  q.now(job("names"));
  q.later(job("feed a2"), 1);
  await all;
  assert.deepEqual(ran, ["feed a1", "names", "feed a2"]);
  assert.equal(q.pending, 0);
});
