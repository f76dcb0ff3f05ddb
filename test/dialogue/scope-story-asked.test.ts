// A kind of help asked in a sentence of its own after the caller's story ("our roof fell in the rain. Is
// there help for building a house?") is judged by the sentence that asks: the story's everyday words do not
// make it out of scope. A story followed by an everyday question is still refused. In English, Hindi and
// romanised Hindi.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { realEngine } from "./engine-over.js";

describe("scope: help asked after the caller's story", () => {
  const real = realEngine();
  const talk = (text: string) => real.engine.respond({ text }, newContext("a"));

  it("the sentence that asks for a kind of help is judged by its own words", async () => {
    for (const text of [
      "My husband drives an auto and I stitch clothes at home. Our roof fell in the rain last week. Is there any help from the government for building a house?",
      "Hum do budhe log hain. Bete shehar chale gaye, koi paisa nahi bhejte. Kya hum jaise buzurgon ke liye koi pension hai?",
      "हमारे खेत सूखे पड़े हैं, बारिश इस बार कम हुई। सिंचाई के लिए पंप पर कोई सरकारी मदद मिलती है?",
    ]) {
      const reply = await talk(text);
      assert.notEqual(reply.action, "out_of_scope", `${text}: ${reply.text}`);
    }
  });

  it("a story followed by an everyday question is still refused", async () => {
    for (const text of ["We moved to a new flat last month. The walls are bare. Which paint colour is best for a bedroom?", "Mera beta cricket khelta hai. Kal ka match kaun jeetega?"]) {
      const reply = await talk(text);
      assert.equal(reply.action, "out_of_scope", `${text}: ${reply.text}`);
    }
  });
});
