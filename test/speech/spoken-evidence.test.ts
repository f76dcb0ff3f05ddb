// Which schemes the call layer has the audio name scorer score exactly: a stub scorer records them.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { spokenEvidence, type NameScorer, type ScoreOptions } from "../../src/speech/asr/name-scorer.js";

function recordingScorer(asked: ScoreOptions[]): NameScorer {
  const stub = {
    score: async (_audio: Int16Array, _rate: number, options: ScoreOptions) => {
      asked.push(options);
      return { heardNames: [], greedyText: "", costMs: 1, timings: { featuresMs: 0, encoderMs: 0, greedyMs: 0, prefilterMs: 0, exactMs: 0, cpuMs: 0 }, prefilterNames: 0, exactNames: 0 };
    },
  };
  return stub as unknown as NameScorer;
}

describe("spoken evidence: the schemes scored exactly", () => {
  const result = { text: "janani shues that are actually aircram", confidence: 0.4, alternatives: [{ text: "genomen says you sir carry aircram", confidence: 0.3 }], endpoint: true, isFinal: true };
  const audio = new Int16Array(8000);

  it("takes a garbled name well down the text matcher's list", async () => {
    const asked: ScoreOptions[] = [];
    // the name said is the ninth the words match, as a garbled name often is
    const matches = Array.from({ length: 12 }, (_, i) => ({ schemeId: `s${i + 1}`, score: 0.3 - i * 0.01 }));
    await spokenEvidence(recordingScorer(asked), audio, 8000, result, { matchNames: (t) => (t === result.text ? matches : []) });
    const ids = asked[0]!.schemeIds!;
    assert.ok(ids.includes("s9"), `the ninth text match is scored exactly: ${ids.join(",")}`);
    assert.ok(!ids.includes("s11"), "but not the whole list");
  });

  it("gives the scorer the deadline for how surely the text names a scheme", async () => {
    const asked: ScoreOptions[] = [];
    const deadlineMs = (best: number) => (best >= 0.6 ? 600 : 2500);
    await spokenEvidence(recordingScorer(asked), audio, 8000, result, { matchNames: () => [{ schemeId: "a", score: 0.3 }], deadlineMs });
    await spokenEvidence(recordingScorer(asked), audio, 8000, result, { matchNames: () => [{ schemeId: "a", score: 0.8 }], deadlineMs });
    await spokenEvidence(recordingScorer(asked), audio, 8000, result, { matchNames: () => [], deadlineMs: 700 });
    assert.deepEqual(asked.map((a) => a.deadlineMs), [2500, 600, 700]);
  });
});
