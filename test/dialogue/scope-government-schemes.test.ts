// The government's schemes named as such ("government schemes", "sarkari yojana", "सरकार की योजनाएँ") are the
// helpline's own subject: a caller who asks for them after a story of hard times is guided to a kind of
// help, never refused for the story's everyday words. No scheme of the knowledge base is named so.
// English, Hindi and romanised Hindi.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { asksGovernmentHelp } from "../../src/dialogue/call-talk.js";
import { realEngine } from "./engine-over.js";

describe("scope: the government's schemes asked for", () => {
  it("reads the government's word before a word for schemes as asking for them", () => {
    assert.ok(asksGovernmentHelp("Tell me which government schemes I could apply to."));
    assert.ok(asksGovernmentHelp("koi sarkari yojana batao bhai"));
    assert.ok(asksGovernmentHelp("सरकार की योजनाएँ कौन सी हैं?"));
    assert.ok(asksGovernmentHelp("sarkar ki yojana ke baare mein batao"));
    // the government's word alone, in a sentence of its own, asks for nothing
    assert.ok(!asksGovernmentHelp("The government office was shut. Which scheme card do I need?"));
    assert.ok(!asksGovernmentHelp("sarkari naukri ki bharti kab hogi"));
  });

  const real = realEngine();
  it("a story of hard times, then the government's schemes asked for, is not refused", async () => {
    const reply = await real.engine.respond({ text: "Things are hard for us since the flood last year. Tell me which government schemes I could apply to." }, newContext("g"));
    assert.notEqual(reply.action, "out_of_scope", reply.text);
  });
});
