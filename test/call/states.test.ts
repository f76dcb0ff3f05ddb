// The call state machine and clocks: pure logic, fake timers.
import assert from "node:assert/strict";
import { describe, it, mock } from "node:test";
import { CallStateMachine, CallTimers, IllegalTransition, type SilenceStep } from "../../src/call/index.js";
import { loadConfig } from "../../src/config.js";
import { testConfig } from "../helpers.js";

describe("call state machine", () => {
  it("follows the seed design's loop and records every move", () => {
    let t = 0;
    const seen: string[] = [];
    const m = new CallStateMachine(() => (t += 10), (c) => seen.push(`${c.from}>${c.to}`));
    m.to("GREETING", "answered");
    m.to("LISTENING", "greeting done");
    m.to("PROCESSING", "utterance");
    m.to("CLARIFYING", "two schemes match");
    m.to("PROCESSING", "keypad 1");
    m.to("RESPONDING", "reply ready");
    m.to("PROCESSING", "barge-in");
    m.to("RESPONDING", "reply ready");
    m.to("LISTENING", "reply done");
    m.to("ERROR", "recogniser failed");
    m.to("LISTENING", "recovered");
    m.to("TERMINATING", "goodbye");
    m.to("ENDED", "hung up");
    assert.deepEqual(m.path, ["CALL_INITIATED", "GREETING", "LISTENING", "PROCESSING", "CLARIFYING", "PROCESSING", "RESPONDING", "PROCESSING", "RESPONDING", "LISTENING", "ERROR", "LISTENING", "TERMINATING", "ENDED"]);
    assert.equal(seen.length, 13);
    assert.deepEqual(m.history[0], { from: "CALL_INITIATED", to: "GREETING", reason: "answered", atMs: 10 });
  });

  it("a hangup ends the call from every state, once", () => {
    for (const via of [[], ["GREETING"], ["GREETING", "LISTENING"], ["GREETING", "LISTENING", "PROCESSING"], ["GREETING", "LISTENING", "PROCESSING", "RESPONDING"], ["GREETING", "LISTENING", "PROCESSING", "CLARIFYING"], ["ERROR"], ["TERMINATING"]] as const) {
      const m = new CallStateMachine();
      for (const s of via) m.to(s, "test");
      m.to("ENDED", "caller hung up");
      assert.ok(m.ended);
      assert.throws(() => m.to("ENDED", "again"), IllegalTransition);
    }
  });

  it("refuses impossible moves with a clear message", () => {
    const m = new CallStateMachine();
    assert.throws(() => m.to("RESPONDING", "skip"), /cannot go from CALL_INITIATED to RESPONDING/);
    m.to("TERMINATING", "overload");
    assert.throws(() => m.to("LISTENING", "back"), IllegalTransition);
    assert.equal(m.state, "TERMINATING");
  });
});

describe("call clocks", () => {
  const config = testConfig("/tmp/unused").call;

  it("has the seed design's defaults and refuses an impossible order", () => {
    assert.deepEqual(config.silence, { nudgeMs: 5000, stillThereMs: 30_000, goodbyeMs: 60_000 });
    assert.equal(config.maxCallMs, 3_600_000);
    assert.throws(() => loadConfig({ env: {}, overrides: { call: { silence: { nudgeMs: 40_000 } } } }), /nudgeMs < stillThereMs < goodbyeMs/);
  });

  it("silence: nudge at 5 s, still-there at 30 s, goodbye at 60 s; speech cancels; listening restarts the count", () => {
    mock.timers.enable({ apis: ["setTimeout"] });
    try {
      const steps: [SilenceStep, number][] = [];
      let clock = 0;
      const advance = (ms: number) => {
        clock += ms;
        mock.timers.tick(ms);
      };
      const timers = new CallTimers(config, { onSilence: (s) => steps.push([s, clock]), onMaxDuration: () => undefined }, new AbortController().signal);
      timers.listening();
      advance(4999);
      assert.deepEqual(steps, []);
      advance(1);
      advance(25_000);
      advance(30_000);
      assert.deepEqual(steps, [["nudge", 5000], ["stillThere", 30_000], ["goodbye", 60_000]]);
      steps.length = 0;
      timers.listening();
      advance(3000);
      timers.stopSilence(); // the caller speaks
      advance(60_000);
      assert.deepEqual(steps, []);
      timers.listening();
      advance(5000);
      assert.deepEqual(steps.map((s) => s[0]), ["nudge"]);
      timers.dispose();
    } finally {
      mock.timers.reset();
    }
  });

  it("the longest call ends it; abort cancels every clock", () => {
    mock.timers.enable({ apis: ["setTimeout"] });
    try {
      let maxed = 0;
      const silences: SilenceStep[] = [];
      const a = new CallTimers(config, { onSilence: (s) => silences.push(s), onMaxDuration: () => maxed++ }, new AbortController().signal);
      mock.timers.tick(3_599_999);
      assert.equal(maxed, 0);
      mock.timers.tick(1);
      assert.equal(maxed, 1);
      a.dispose();
      const abort = new AbortController();
      const b = new CallTimers(config, { onSilence: (s) => silences.push(s), onMaxDuration: () => maxed++ }, abort.signal);
      b.listening();
      abort.abort();
      b.listening(); // a late call after hangup arms nothing
      mock.timers.tick(4_000_000);
      assert.equal(maxed, 1);
      assert.deepEqual(silences, []);
    } finally {
      mock.timers.reset();
    }
  });
});
