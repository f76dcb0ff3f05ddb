// A whole call over chan_websocket in slin16 through the real pipeline: the caller on the telco's 8 kHz line,
// Asterisk turning it into 16 kHz for the ExternalMedia channel (640-byte frames), Silero VAD and the English
// recogniser fed 16 kHz audio, the answer synthesised at 8 kHz and sent at 16 kHz. Real time: one call.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { until } from "../helpers.js";
import { realPipeline } from "../call/real-pipeline.js";

/** How long after its record a call may take to hang up its channels (a hang-up is one ARI request). */
const RELEASE_MS = 2000;

describe("a slin16 call over chan_websocket", () => {
  const pipeline = realPipeline({ config: { telephony: { media: { transport: "websocket", format: "slin16" } } } });

  it("a question spoken at 16 kHz is recognised and answered", async () => {
    const { simulation } = pipeline();
    const { record } = await simulation.call({ lang: "en", hurry: true, steps: [{ kind: "say", text: "what is pm kisan" }, { kind: "say", text: "goodbye" }] });
    const turns = JSON.stringify(record.turns.map((t) => [t.role, t.text, t.action]));
    // the record is written when the dialogue ends; the controller hangs the channels up just after it
    const externalMedia = () => [...simulation.pbx.channels.values()].filter((c) => c.kind === "external").map((c) => c.id);
    await until(() => externalMedia().length === 0, RELEASE_MS).catch(() => assert.fail(`the call released its ExternalMedia channel within ${RELEASE_MS} ms; still up: ${externalMedia().join(", ")}`));
    const question = record.turns.find((t) => t.role === "caller" && t.text);
    assert.ok(question, `the caller's question was heard: ${turns}`);
    const answer = record.turns.find((t) => t.role === "sahayak" && t.action === "answer");
    assert.ok(answer, `an answer was given: ${turns}`);
    assert.deepEqual(answer.schemeIds, ["pm-kisan"], turns);
    assert.equal(record.outcome, "goodbye", turns);
  });
});
