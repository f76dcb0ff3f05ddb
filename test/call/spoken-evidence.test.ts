// When a spoken turn's text is enough without scoring scheme names on its audio, and how long the scoring
// may take (src/call/conversation.ts).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { namesDeadlineMs, textSuffices } from "../../src/call/conversation.js";
import { testConfig } from "../helpers.js";

const limits = { textSureScore: 0.95, shortReplyWords: 3 };

describe("spoken turns: when the text is enough without the audio", () => {
  it("a scheme named whole in the text needs no scoring; a partly matched one does", () => {
    assert.equal(textSuffices("what is pm kisan", 1, limits), true);
    assert.equal(textSuffices("what is p m kison", 0.78, limits), false);
  });
  it("a short reply that names no scheme (yes, no, more, goodbye, a person) needs none", () => {
    for (const reply of ["yes", "no", "tell me more", "goodbye", "thank you bye"]) assert.equal(textSuffices(reply, 0, limits), true, reply);
  });
  it("a question, a long reply, or words that end like 'again' (a garbled name) are scored", () => {
    assert.equal(textSuffices("who can apply for it", 0, limits), false);
    assert.equal(textSuffices("at lension you again", 0.46, limits), false);
    assert.equal(textSuffices("yes tell me about the scheme for farmers", 0, limits), false);
    assert.equal(textSuffices("", 0, limits), false);
  });
});

describe("spoken turns: how long the names may take to score", () => {
  const config = testConfig("/nonexistent-data");
  const limits = { minConfidence: config.call.minConfidence, ...config.speech.asr.names };
  it("words the recogniser is sure of wait the usual deadline; unsure words, asked again without a name, wait longer", () => {
    assert.ok(limits.unsureDeadlineMs > limits.deadlineMs);
    assert.equal(namesDeadlineMs(limits.minConfidence, limits), limits.deadlineMs);
    assert.equal(namesDeadlineMs(0.95, limits), limits.deadlineMs);
    assert.equal(namesDeadlineMs(limits.minConfidence - 0.01, limits), limits.unsureDeadlineMs);
  });
  it("words that name no scheme wait as long as unsure ones, however sure the recogniser: the audio is all there is", () => {
    assert.equal(namesDeadlineMs(0.95, limits, false), limits.unsureDeadlineMs);
    assert.equal(namesDeadlineMs(0.95, limits, true), limits.deadlineMs);
  });
  it("an unsure-turn deadline set below the usual one never shortens it", () => {
    assert.equal(namesDeadlineMs(0.1, { ...limits, unsureDeadlineMs: 100 }), limits.deadlineMs);
  });
});
