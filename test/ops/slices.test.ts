import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runAtOnce, runSliced } from "../../src/ops/slices.js";

/** Work of `steps` steps, each busy for `stepMs`; counts the steps run. */
function* busy(steps: number, stepMs: number, ran: { steps: number }): Generator<void, string> {
  for (let i = 0; i < steps; i++) {
    const end = performance.now() + stepMs;
    while (performance.now() < end);
    ran.steps++;
    yield;
  }
  return "built";
}

describe("work in slices", () => {
  it("runs to the end at once, or in slices that let the loop's timers in between", async () => {
    assert.equal(runAtOnce(busy(3, 0, { steps: 0 })), "built");
    const ran = { steps: 0 };
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const result = await runSliced(busy(100, 1, ran), { sliceMs: 5 });
    clearInterval(timer);
    assert.equal(result, "built");
    assert.equal(ran.steps, 100);
    // 100 ms of work in 5 ms slices: the interval ran between them (at once, it would have run not at all)
    assert.ok(ticks >= 5, `the loop turned ${ticks} times during the work`);
  });

  it("an abort stops the work at its next slice with the signal's reason, and closes the generator", async () => {
    const ran = { steps: 0 };
    let closed = false;
    const work = (function* () {
      try {
        return yield* busy(1000, 1, ran);
      } finally {
        closed = true;
      }
    })();
    const controller = new AbortController();
    const done = runSliced(work, { sliceMs: 2, signal: controller.signal });
    setTimeout(() => controller.abort(new Error("a newer version")), 10);
    await assert.rejects(done, /a newer version/);
    assert.ok(ran.steps < 1000, `stopped after ${ran.steps} steps`);
    assert.ok(closed, "the generator's finally ran");
  });

  it("two works at once take turns: one slice per turn of the loop, never two back to back", async () => {
    let turn = 0;
    let ticking = true;
    const tick = (): void => {
      turn++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const ranIn = new Map<number, Set<string>>();
    function* marked(name: string): Generator<void, void> {
      for (let i = 0; i < 40; i++) {
        const end = performance.now() + 1;
        while (performance.now() < end);
        (ranIn.get(turn) ?? ranIn.set(turn, new Set()).get(turn)!).add(name);
        yield;
      }
    }
    await Promise.all([runSliced(marked("a"), { sliceMs: 3 }), runSliced(marked("b"), { sliceMs: 3 })]);
    ticking = false;
    const shared = [...ranIn.values()].filter((names) => names.size > 1).length;
    assert.equal(shared, 0, "no turn of the loop ran slices of both");
    assert.ok(ranIn.size >= 20, `the work took ${ranIn.size} turns`);
  });
});
