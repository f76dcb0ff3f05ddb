import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { inScopeProbability, type ScopeEvidence } from "../../src/dialogue/scope.js";

describe("the in-scope decision is a calibrated probability", () => {
  const none: ScopeEvidence = { named: 0, frame: 0, concept: 0, conceptShare: 0, domain: 0, foreign: 0, content: 2 };

  it("no evidence of schemes is out of scope; each kind of evidence raises the probability", () => {
    assert.ok(inScopeProbability(none) < 0.5);
    for (const key of ["named", "frame", "concept", "conceptShare", "domain"] as const) {
      assert.ok(inScopeProbability({ ...none, [key]: 1 }) > inScopeProbability(none), key);
    }
    assert.ok(inScopeProbability({ ...none, foreign: 1 }) < inScopeProbability(none), "everyday words no scheme uses lower it");
  });

  it("a question that asks about a scheme as such, of a concept schemes are filed under, is in scope", () => {
    assert.ok(inScopeProbability({ ...none, frame: 1, concept: 1, conceptShare: 0.5, domain: 0.3 }) > 0.8);
    assert.ok(inScopeProbability({ ...none, domain: -0.8, foreign: 0.5 }) < 0.1);
  });
});
