// Schemes asked for someone ("<people> ke liye kaun si yojana", "schemes for <people>"): the words saying whom
// they are for, however unfamiliar ("shearers"), stand where a group stands, not where a scheme's name does;
// such a question is offered the schemes that fit, never told "no details of <the people>". A word right
// before "yojana" in it is still a name said.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { schemesAskedFor } from "../../src/dialogue/outside.js";
import { realEngine } from "./engine-over.js";

describe("schemes asked for someone", () => {
  const real = realEngine();

  it("is read in Hindi's order and in English's", () => {
    for (const text of ["बुनकरों के लिए सरकार की कौन सी योजनाएँ हैं?", "machhuaron ke liye koi yojana batao", "Are there any schemes for potters in Bihar?"]) assert.ok(schemesAskedFor(text), text);
    for (const text of ["PM Kisan yojana ke liye kaunse kagaz chahiye?", "What documents do I need for the Ujjwala scheme?"]) assert.ok(!schemesAskedFor(text), text);
  });

  it("offers the fitting schemes, not 'no details' of the people's word", async () => {
    const reply = await real.engine.respond({ text: "Which schemes are there for sheep keepers and shearers in Himachal?" }, newContext("s"));
    assert.equal(reply.action, "clarify", reply.text);
    assert.ok(reply.schemeIds.length >= 2, reply.text);
  });
});
