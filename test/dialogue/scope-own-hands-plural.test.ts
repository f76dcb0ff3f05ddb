// How to do a thing oneself asked in the plural wish form the polite "we" speaks in ("kaise hatayen",
// "कैसे भगाएँ"), as in the singular ("kaise sudharun"): an errand of the caller's own hands. Doing, a causative
// and a scheme's own errands in that form (to take, fill, see, join, add) stay the helpline's. Own sentences,
// romanised Hindi and Devanagari (English asks this by "how do we", no wish form to read).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { asksPrivateThing } from "../../src/dialogue/private-ask.js";

describe("how to do a thing oneself, in the plural wish form", () => {
  it("is an errand of the caller's own", () => {
    assert.ok(asksPrivateThing("aangan ki ghaas kaise hatayen? bahut badh gayi hai"));
    assert.ok(asksPrivateThing("purane darwaze ki cheen-cheen kaise rokein?"));
    assert.ok(asksPrivateThing("रसोई में चींटियाँ कैसे भगाएँ?"));
    assert.ok(asksPrivateThing("खिड़की की जंग कैसे हटाएँ?"));
  });
  it("but doing, a causative or a scheme's own errand is not", () => {
    assert.ok(!asksPrivateThing("yojana me apply kaise karein?"));
    assert.ok(!asksPrivateThing("kisan nidhi ka labh kaise lein?"));
    assert.ok(!asksPrivateThing("arzi ki sthiti kaise dekhein?"));
    assert.ok(!asksPrivateThing("bachche ka naam kaise judwayen?"));
    assert.ok(!asksPrivateThing("आवेदन पत्र कैसे भरें?"));
    assert.ok(!asksPrivateThing("मज़दूर कार्ड कैसे बनवाएँ?"));
    assert.ok(!asksPrivateThing("vriddha pension kaise paayen?"));
  });
});
