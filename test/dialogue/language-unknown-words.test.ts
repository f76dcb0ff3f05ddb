// Romanised Hindi callers are Hindi speakers on the phone: they are answered in Hindi, even when most of
// their words are ones no word list knows (a singer's name, a bent verb: "bajao", "chalao").
// A word neither English nor the Hindi lists know counts for neither language; an English question with a
// name or a misspelling no list knows is still answered in English.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { realEngine } from "./engine-over.js";

describe("answer language: romanised Hindi with words no list knows", () => {
  const real = realEngine();
  const talk = (text: string) => real.engine.respond({ text }, newContext("lang"));

  it("a romanised Hindi question is answered in Hindi whatever names and bent verbs it holds", async () => {
    for (const text of ["kishore kumar ka gaana bajao", "lata mangeshkar ka purana gaana chalao", "vidhva pension ka form kahan bharein"]) {
      const reply = await talk(text);
      assert.equal(reply.lang, "hi", `${text}: ${reply.lang} ${reply.text}`);
    }
  });

  it("an English question with a name or a misspelling no list knows stays English", async () => {
    for (const text of ["play a song by Kishore Kumar", "what documents are needed for the ayushmn bhaart card", "who can get the widdow pension in Zorvania"]) {
      const reply = await talk(text);
      assert.equal(reply.lang, "en", `${text}: ${reply.lang} ${reply.text}`);
    }
  });
});
