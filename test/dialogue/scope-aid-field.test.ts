// A field asked of an aid the caller calls by a noun of help ("how much is given under the <…> assistance",
// "<…> वाली सहायता में कितना पैसा मिलता है") is a scheme asked of, however everyday the thing the aid buys: never
// refused as out of scope. The verb "help" ("help me book …") calls nothing an aid.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { aidFieldAsked } from "../../src/dialogue/outside.js";
import { realEngine } from "./engine-over.js";

describe("scope: a field asked of an aid", () => {
  const real = realEngine();

  it("reads the aid asked of, not the verb help", () => {
    for (const text of AID_ASKED) assert.ok(aidFieldAsked(text), text);
    assert.ok(!aidFieldAsked("Can you help me find a cheap hotel near the station, how much will it cost?"));
  });

  it("is not refused", async () => {
    for (const text of AID_ASKED) {
      const reply = await real.engine.respond({ text }, newContext("a"));
      assert.notEqual(reply.action, "out_of_scope", `${text}: ${reply.text}`);
    }
  });
});

const AID_ASKED = [
  "हमारे खेत में तार की बाड़ लगानी है। बाड़ वाली सहायता में कितना पैसा मिलता है?",
  "We keep bees in the hills. Under the beehive assistance, how much is given per box?",
] as const;
