import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DeadlinePacer } from "../../src/telephony/media/pacer.js";
import { PacingClock, PRECISE_WAIT_MS } from "../../src/telephony/media/pacing-clock.js";

/**
 * A process on a fake clock whose timers fire as Node's do: up to 1.8 ms before or 1 ms after the time asked
 * (whole-millisecond loop time, read once per turn), from a seeded sequence.
 */
function fakeProcess(seed = 7) {
  let now = 0;
  let state = seed;
  const jitter = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2.8 - 1.8;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const soon: (() => void)[] = [];
  const waits: number[] = [];
  let nextId = 1;
  let mostTimers = 0;
  const clock = new PacingClock({
    now: () => now,
    schedule: (fn, delay) => {
      timers.set(nextId, { at: now + Math.max(0, delay + jitter()), fn });
      mostTimers = Math.max(mostTimers, timers.size);
      return nextId++;
    },
    cancel: (h) => void timers.delete(h as number),
    soon: (fn) => void soon.push(fn),
    waitUntil: (at) => {
      waits.push(at - now);
      now = Math.max(now, at);
    },
  });
  /** Runs timers, `soon` callbacks and the given starts in time order until nothing is left. */
  const run = (starts: { at: number; fn: () => void }[]) => {
    const pending = [...starts].sort((a, b) => a.at - b.at);
    for (;;) {
      if (soon.length) {
        soon.shift()!();
        continue;
      }
      const [id, timer] = [...timers.entries()].sort((a, b) => a[1].at - b[1].at)[0] ?? [];
      const start = pending[0];
      if (start && (!timer || start.at <= timer.at)) {
        pending.shift();
        now = Math.max(now, start.at);
        start.fn();
      } else if (timer) {
        timers.delete(id!);
        now = Math.max(now, timer.at);
        timer.fn();
      } else return;
    }
  };
  return { clock, run, now: () => now, waits, mostTimers: () => mostTimers, timers, soon };
}

describe("pacing clock", () => {
  it("serves 20 streams with one timer, each packet at its deadline: none before it, none late for the timer's precision", () => {
    const p = fakeProcess();
    const sends: { deadline: number; at: number }[] = [];
    const pacers = Array.from({ length: 20 }, (_, i) => {
      let n = 0;
      let start = 0;
      const pacer = new DeadlinePacer(() => (sends.push({ deadline: start + n * 20, at: p.now() }), ++n < 100), { intervalMs: 20, clock: p.clock });
      return { run: () => ((start = p.now()), pacer.run()), pacer, at: i * 7.37 };
    });
    p.run(pacers.map((s) => ({ at: s.at, fn: s.run })));
    assert.equal(sends.length, 20 * 100);
    assert.equal(p.mostTimers(), 1, "one timer for every stream");
    const early = sends.filter((s) => s.at < s.deadline);
    assert.equal(early.length, 0, `${early.length} packets went before their deadline`);
    const worst = Math.max(...sends.map((s) => s.at - s.deadline));
    assert.ok(worst < 0.01, `a packet went ${worst} ms late`);
    assert.deepEqual(pacers.flatMap((s) => s.pacer.lateness).filter((l) => l > 0), []);
    // a blocking wait stays short (requests are handled between waits), and nothing is left armed at the end
    assert.ok(Math.max(...p.waits) <= PRECISE_WAIT_MS, `waited ${Math.max(...p.waits)} ms at once`);
    assert.equal(p.timers.size + p.soon.length, 0);
  });

  it("a stream stopped or started again leaves the others on time and the clock idle when none runs", () => {
    const p = fakeProcess(11);
    const sent: number[] = [];
    let left = 10;
    const a = new DeadlinePacer(() => (sent.push(p.now()), --left > 0), { intervalMs: 20, clock: p.clock });
    const b = new DeadlinePacer(() => true, { intervalMs: 20, clock: p.clock });
    p.run([
      { at: 0, fn: () => a.run() },
      { at: 5, fn: () => b.run() },
      { at: 61, fn: () => b.stop() },
      { at: 100, fn: () => b.run() },
      { at: 150, fn: () => b.stop() },
    ]);
    assert.deepEqual(sent, Array.from({ length: 10 }, (_, i) => i * 20));
    assert.equal(p.timers.size + p.soon.length, 0);
    // 5, 25, 45, then 100, 120, 140
    assert.deepEqual(b.lateness, [0, 0, 0, 0, 0, 0]);
  });
});
