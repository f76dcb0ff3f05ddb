// The government's schemes named as such ("government schemes", "sarkari yojana", "सरकार की योजनाएँ") are the
// helpline's own subject: a caller who asks for them after a story of hard times is guided to a kind of
// help, never refused for the story's everyday words. No scheme of the knowledge base is named so.
// English, Hindi and romanised Hindi.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { asksGovernmentHelp } from "../../src/dialogue/call-talk.js";
import { readText } from "../../src/dialogue/knowledge.js";
import { namedBusiness } from "../../src/dialogue/seller.js";
import { realEngine } from "./engine-over.js";

describe("scope: the government's schemes asked for", () => {
  it("reads the government's word before a word for schemes as asking for them", () => {
    assert.ok(asksGovernmentHelp("Tell me which government schemes I could apply to."));
    assert.ok(asksGovernmentHelp("koi sarkari yojana batao bhai"));
    assert.ok(asksGovernmentHelp("सरकार की योजनाएँ कौन सी हैं?"));
    assert.ok(asksGovernmentHelp("sarkar ki yojanayen samjha do zara"));
    // the government's word alone, in a sentence of its own, asks for nothing
    assert.ok(!asksGovernmentHelp("Our block office of the government stayed closed all week. Is that normal?"));
    assert.ok(!asksGovernmentHelp("sarkari naukri ki bharti kab hogi"));
  });

  it("reads what the government itself gives, asked, as asking its help; not its adjective beside a job", () => {
    assert.ok(asksGovernmentHelp("After the cyclone, how much does the government pay a fisherman for a lost boat?"));
    assert.ok(asksGovernmentHelp("aandhi me ghar gira to sarkar kitni rakam deti hai"));
    assert.ok(asksGovernmentHelp("बाढ़ के बाद सरकार हर घर को क्या देती है?"));
    assert.ok(!asksGovernmentHelp("sarkari bus kitne baje aati hai, ticket kitna deta hai conductor"));
  });

  const real = realEngine();
  it("a word of time before a kind of help (\"ek baar ke <kind>\") is no business owning it", () => {
    const k = (real.engine as unknown as { k: Parameters<typeof readText>[0] }).k;
    assert.equal(namedBusiness(k, readText(k, "pichhle saal ek baar ka loan maaf hua, is baar ke loan me kitni chhoot hai")), undefined);
  });

  it("a story of hard times, then the government's schemes asked for, is not refused", async () => {
    const reply = await real.engine.respond({ text: "Things are hard for us since the flood last year. Tell me which government schemes I could apply to." }, newContext("g"));
    assert.notEqual(reply.action, "out_of_scope", reply.text);
  });
});
