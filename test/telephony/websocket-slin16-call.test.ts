// A whole call over chan_websocket in slin16 through the real pipeline: the caller on the telco's 8 kHz line,
// Asterisk turning it into 16 kHz for the ExternalMedia channel (640-byte frames), Silero VAD and the English
// recogniser fed 16 kHz audio, the answer synthesised at 8 kHz and sent at 16 kHz. Real time: one call.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { openCallServices, type CallServices } from "../../src/call/index.js";
import { Simulation } from "../../src/call/simulation.js";
import { ModelStore } from "../../src/ops/models.js";
import { realKnowledgeBase } from "../kb-fixture.js";
import { tempDir, until } from "../helpers.js";
import { englishModelDir } from "../speech/asr-fixture.js";

/** How long after its record a call may take to hang up its channels (a hang-up is one ARI request). */
const RELEASE_MS = 2000;

describe("a slin16 call over chan_websocket", () => {
  const models = tempDir("sahayak-models-");
  let fixture: Awaited<ReturnType<typeof realKnowledgeBase>>;
  let services: CallServices;
  let simulation: Simulation;

  before(async () => {
    new ModelStore(models.path).import(englishModelDir, { lang: "en" });
    fixture = await realKnowledgeBase({ modelsDir: models.path, telephony: { media: { transport: "websocket", format: "slin16" } } });
    services = await openCallServices(fixture.config);
    simulation = await Simulation.start(fixture.config, services);
  });

  after(async () => {
    await simulation?.close();
    await services?.close();
    await fixture?.cleanup();
    models.cleanup();
  });

  it("a question spoken at 16 kHz is recognised and answered", async () => {
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
