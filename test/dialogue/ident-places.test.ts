// Which scheme the caller means when their story names places and names: a district town (all of India's
// districts, not only the towns GeoNames lists) or a town written before its state as an address is, is where
// the caller is, never a scheme's name; a scheme's code with its number ("<ABC>-50") names that scheme; a
// name written as names are, that no record holds, is "no details of it", not a scheme sharing its topic.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext, type Reply } from "../../src/dialogue/index.js";
import { realEngine } from "./engine-over.js";

describe("places and names in the caller's story", () => {
  const real = realEngine();
  const ask = (text: string): Promise<Reply> => real.engine.respond({ text }, newContext("ident-places"));

  it("a district town the GeoNames rows leave out tells its state, in romanised Hindi and in Devanagari", () => {
    assert.equal(real.kb.search.stateIn("hum log Mehsana ke paas kheti karte hain"), "Gujarat");
    assert.equal(real.kb.search.stateIn("मैं मेहसाणा ज़िले का किसान हूँ"), "Gujarat");
  });

  it("a district of the same name in two states tells neither", () => {
    assert.equal(real.kb.search.stateIn("main Hamirpur se bol raha hoon, budhape ki pension kitni hai"), undefined);
  });

  for (const text of ["Siolim, Goa se hoon, naav chalata hoon. Lifebuoy kharidne par sarkar kitna deti hai?", "I fish off Siolim, Goa. Is there money from the state for a lifebuoy for my boat?"]) {
    it(`a town written before its state is a place, not an unknown scheme: "${text}"`, async () => {
      const reply = await ask(text);
      assert.notEqual(reply.action, "no_info", reply.text);
      assert.doesNotMatch(reply.text, /siolim/i);
    });
  }

  it("a scheme's code said with its number names it, though a series of schemes shares the code's word", async () => {
    const reply = await ask("Near Rajkot I farm ten acres and a neighbour said AGR-50 gives tractor sahay from the Gujarat government. How do I apply for it, online or at an office?");
    assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "agr50s-apt"], reply.text);
  });

  it("a name written as a name that no record holds is not answered by a scheme of its topic", async () => {
    const reply = await ask("Belaku Jyothi yojana se ghar ki bijli muft hoti hai kya? Main Mangalore, Karnataka se bol rahi hoon.");
    assert.equal(reply.action, "no_info", reply.text);
    assert.deepEqual(reply.schemeIds, []);
    assert.match(reply.text, /belaku jyothi/i);
  });
});
