// The shared recogniser's worker thread dies during a real simulated call (PBX simulator, RTP, Silero VAD,
// the real sherpa worker, dialogue, espeak-ng): the call in progress falls back to the keypad within
// seconds, and once the worker is replaced the next caller's spoken question is recognised and answered.
// The worker is found from outside the engine, not through its own API, and killed as a bug in it would
// kill it: a message its handler cannot take, not even in its error path, throws out of the thread between
// two messages. (terminate() from outside can stop the thread inside a native sherpa call, which aborts the
// whole process: "terminate called after throwing an instance of 'Napi::Error'".) So the same test runs
// against any version of the recogniser.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Worker } from "node:worker_threads";
import { openCallServices, type CallServices } from "../../src/call/index.js";
import { Simulation } from "../../src/call/simulation.js";
import { createLogger } from "../../src/ops/log.js";
import { ModelStore } from "../../src/ops/models.js";
import { realKnowledgeBase } from "../kb-fixture.js";
import { tempDir, until } from "../helpers.js";
import { englishModelDir } from "../speech/asr-fixture.js";

/** The caller stays on this long after the worker dies, then hangs up (the keypad menu would run on). */
const STAY_AFTER_KILL_MS = 15_000;
/** The call in progress must have said it cannot understand speech and gone to the keypad by then. */
const KEYPAD_WITHIN_MS = 3000;
/** How long a replacement worker may take to load its models (a loaded machine). */
const REPLACED_WITHIN_MS = 60_000;

/**
 * Every recogniser worker this process starts (its "init" message carries the models), in order, and
 * whether it said it was ready: the test's window on the real worker threads.
 */
function watchRecogniserWorkers(): { workers: { worker: Worker; ready: boolean }[]; restore(): void } {
  const workers: { worker: Worker; ready: boolean }[] = [];
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (this: Worker, value: unknown, transfer?: readonly Transferable[]) {
    const msg = value as { op?: string; models?: unknown };
    if (msg?.op === "init" && msg.models) {
      const entry = { worker: this, ready: false };
      workers.push(entry);
      const onReady = (reply: { op?: string }) => {
        if (reply?.op !== "ready") return;
        entry.ready = true;
        this.off("message", onReady);
      };
      this.on("message", onReady);
    }
    return post.call(this, value, transfer as Parameters<typeof post>[1]);
  } as typeof Worker.prototype.postMessage;
  return { workers, restore: () => void (Worker.prototype.postMessage = post) };
}

describe("the recogniser worker dies during a simulated call (real engines)", () => {
  const models = tempDir("sahayak-models-");
  let fixture: Awaited<ReturnType<typeof realKnowledgeBase>>;
  let services: CallServices;
  let simulation: Simulation;
  const logged: { level: number; msg: string }[] = [];
  /** Set while a call should have its recogniser killed when the caller next starts speaking. */
  let killOnNextSpeech: ((at: number) => void) | undefined;
  let utterances = 0;
  const watch = watchRecogniserWorkers();

  before(async () => {
    new ModelStore(models.path).import(englishModelDir, { lang: "en" });
    fixture = await realKnowledgeBase({ modelsDir: models.path });
    const log = createLogger("warn", { write: (line: string) => void logged.push(JSON.parse(line)) });
    services = await openCallServices(fixture.config, log);
    // the call's own ears, watched: the worker is killed the moment the caller starts a second question
    const watched: CallServices = {
      ...services,
      hear: (lang, sampleRate, events) =>
        services.hear(lang, sampleRate, {
          ...events,
          speechStart: (t) => {
            events.speechStart?.(t);
            if (utterances > 0 && killOnNextSpeech) {
              const kill = killOnNextSpeech;
              killOnNextSpeech = undefined;
              kill(Date.now());
            }
          },
          utterance: (u) => {
            utterances++;
            events.utterance?.(u);
          },
        }),
    };
    simulation = await Simulation.start(fixture.config, watched);
  });

  after(async () => {
    watch.restore();
    await simulation?.close();
    await services?.close();
    await fixture?.cleanup();
    models.cleanup();
  });

  /** The worker the first test killed: the second needs it dead. */
  let killed: Worker | undefined;

  it("the call in progress goes to the keypad within seconds, and the death is logged", async () => {
    assert.equal(watch.workers.length, 1, "one recogniser worker serves every call");
    const worker = watch.workers[0]!.worker;
    const hangUp = new AbortController();
    let killedAt = 0;
    killOnNextSpeech = (at) => {
      killedAt = at;
      killed = worker;
      worker.postMessage(null);
      setTimeout(() => hangUp.abort(), STAY_AFTER_KILL_MS);
    };
    const first = await simulation.call({ lang: "en", hurry: true, steps: [{ kind: "say", text: "what is pm kisan" }, { kind: "say", text: "who can apply for it" }] }, hangUp.signal);
    const turns = JSON.stringify(first.record.turns.map((t) => [t.role, t.text.slice(0, 40), t.action]));
    assert.ok(killedAt > 0, `the worker was killed as the caller asked again: ${turns}`);
    assert.deepEqual(first.record.turns.find((t) => t.action === "answer")?.schemeIds, ["pm-kisan"], `the first question was heard before the death: ${turns}`);
    const sorry = first.record.turns.find((t) => t.role === "sahayak" && t.action === "prompt:asrFailed");
    assert.ok(sorry, `the caller was told speech cannot be understood just now: ${turns}`);
    const toldAfterMs = Date.parse(first.record.startedAt) + sorry.atMs - killedAt;
    assert.ok(toldAfterMs <= KEYPAD_WITHIN_MS, `told ${toldAfterMs} ms after the worker died`);
    assert.equal(first.record.mode, "keypad");
    assert.ok(logged.some((l) => l.level === 50 && l.msg.startsWith("speech recogniser worker died")), "the death is logged as an error");
  });

  it("a replacement worker is started, and the next call's spoken question is recognised and answered", async () => {
    assert.ok(killed, "the worker was killed in the call before");
    const replaced = () => watch.workers.some((w) => w.worker !== killed && w.ready);
    await until(replaced, REPLACED_WITHIN_MS).catch(() => undefined);
    const next = await simulation.call({ lang: "en", hurry: true, steps: [{ kind: "say", text: "what is pm kisan" }, { kind: "say", text: "goodbye" }] });
    const nextTurns = JSON.stringify(next.record.turns.map((t) => [t.role, t.text.slice(0, 40), t.action]));
    assert.equal(next.record.mode, "speech", nextTurns);
    assert.deepEqual(next.record.turns.find((t) => t.action === "answer")?.schemeIds, ["pm-kisan"], nextTurns);
    assert.equal(next.record.outcome, "goodbye", nextTurns);
    assert.ok(replaced(), "the call was served by a new worker");
    assert.ok(logged.some((l) => l.msg === "speech recogniser worker restarted"), "the restart is logged");
  });
});
