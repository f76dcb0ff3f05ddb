// A name written with capitals mid-sentence that no scheme holds, asked of as what one claims under or is told
// about ("is a claim paid under <Aaa> <Bbb>", "<Aaa> <Bbb> ke tahat") without "yojana": a scheme the knowledge base
// lacks, "no details of it", not a refusal. A person's name in an everyday question stays out of scope, one in
// the caller's story is no scheme's, and Devanagari, which has no capitals, is read as before. Own sentences.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { realEngine } from "./engine-over.js";

describe("a written name asked a scheme's field of", () => {
  const real = realEngine();
  const action = async (text: string) => (await real.engine.respond({ text }, newContext("w"))).action;

  it("English and romanised Hindi: no details of the name", async () => {
    assert.equal(await action("My brother fell from a roof in Guntur. Can the family claim under Velugu Raksha, and how much?"), "no_info");
    assert.equal(await action("Tell me about Kamla Devi Bima"), "no_info");
    assert.equal(await action("Velugu Raksha ke tahat claim karne par kitna paisa milta hai?"), "no_info");
  });

  it("a person's name in an everyday question stays out of scope", async () => {
    assert.equal(await action("My neighbour Ramesh Kumar runs a shop. How much does a kilo of rice cost?"), "out_of_scope");
    assert.equal(await action("Suresh Yadav ki dukaan pe chawal kitne ka milta hai?"), "out_of_scope");
    assert.notEqual(await action("My husband Ramesh Kumar passed away in March; what widow pension can I have?"), "out_of_scope");
    assert.notEqual(await action("My husband Ramesh Kumar passed away in March; what widow pension can I have?"), "no_info");
    assert.equal(await action("सुरेश यादव की दुकान पर चावल कितने का मिलता है?"), "out_of_scope");
  });
});
