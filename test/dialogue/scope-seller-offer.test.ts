// What a private seller calls a "scheme" or a "subsidy" (a company's, an app's, a shop's, a private
// school's offer, told of by the seller or held in it) is the seller's own: out of scope, in English,
// romanised Hindi and Devanagari. The government's schemes a seller only tells of, or a scheme for the
// seller's pupils, stay the helpline's.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { privateOffer } from "../../src/dialogue/private-ask.js";
import { realEngine } from "./engine-over.js";

describe("scope: a private seller's scheme", () => {
  const real = realEngine();

  it("finds the seller who offers, tells of or holds what is called a scheme", () => {
    for (const text of SELLERS_OFFERS) assert.notEqual(privateOffer(text), undefined, text);
    assert.equal(privateOffer("private school me padhne wale bachon ke liye koi scholarship yojana hai?"), undefined);
    assert.equal(privateOffer("Our company is offering a pension scheme to staff, can I also join the Atal Pension Yojana?"), undefined);
  });

  it("refuses the seller's offer", async () => {
    for (const text of SELLERS_OFFERS) {
      const reply = await real.engine.respond({ text }, newContext("s"));
      assert.equal(reply.action, "out_of_scope", `${text}: ${reply.text}`);
    }
  });

  it("answers a government scheme a seller only tells of", async () => {
    const reply = await real.engine.respond({ text: "Bank wale bol rahe hain Mudra yojana me loan milega, kaise apply karu?" }, newContext("s"));
    assert.notEqual(reply.action, "out_of_scope", reply.text);
  });
});

const SELLERS_OFFERS = [
  "A travel company is offering a holiday scheme with a subsidy on hotel rooms. Should we take it?",
  "ek shopping app keh raha hai cashback yojana me har order pe paisa wapas, kya ye sach hai?",
  "मोहल्ले की दुकान वाला कह रहा है दिवाली पर बचत योजना चल रही है, उसमें जुड़ूँ?",
] as const;
