// Any scheme or help asked for a kind of people ("<trade> walon ke liye koi yojana", "is there any scheme for
// <…> people") is the helpline's own subject whoever the people are: never refused as out of scope, even when
// their trade is made of everyday words no scheme uses or of a word no one knows. English, Hindi and romanised Hindi.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { realEngine } from "./engine-over.js";

describe("scope: schemes asked for a kind of people", () => {
  const real = realEngine();

  it("is not refused, whatever the people's trade", async () => {
    for (const text of FOR_PEOPLE) {
      const reply = await real.engine.respond({ text }, newContext("p"));
      assert.notEqual(reply.action, "out_of_scope", `${text}: ${reply.text}`);
    }
  });

  it("still refuses a product asked for such people", async () => {
    for (const text of PRODUCT_FOR_PEOPLE) {
      const reply = await real.engine.respond({ text }, newContext("p"));
      assert.equal(reply.action, "out_of_scope", `${text}: ${reply.text}`);
    }
  });
});

const FOR_PEOPLE = [
  "My uncle sharpens knives door to door. Is there any scheme for knife sharpening people?",
  "Main chai ki tapri chalata hoon, station ke bahar. Chai wale logon ke liye koi yojana hai kya?",
  "हमारा ट्रक है, माल ढोते हैं। ट्रक वालों के लिए कोई सहायता है क्या?",
] as const;

const PRODUCT_FOR_PEOPLE = ["Truck walon ke liye kaun sa tyre lun, koi sasta batao", "Which phone should we buy for delivery people?"] as const;
