// A thing of several words the caller tells of ("We women run a self help group.") and then asks about by
// its head, its last word ("What is there for the group?"), is the help asked for, not only their story:
// the choice is of schemes for self help groups, not of schemes for women at large. English, Hindi and
// romanised Hindi.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { realEngine } from "./engine-over.js";

describe("category choice: a thing told of, asked about by its head word", () => {
  const real = realEngine();
  const talk = (text: string) => real.engine.respond({ text }, newContext("head"));

  it("offers self help groups' schemes", async () => {
    for (const text of [
      "Our village has a self help group of women, I keep its accounts. Is there anything the government gives such a group?",
      "हम दस औरतें एक स्वयं सहायता समूह में हैं। समूह के लिए सरकार की कौन सी योजना है?",
      "Hum bees mahilaon ka swayam sahayata samuh hai. Samuh ke liye kaun si yojana hai?",
    ]) {
      const reply = await talk(text);
      assert.equal(reply.action, "clarify", `${text}: ${reply.text}`);
      for (const id of reply.schemeIds) {
        const record = await real.kb.store.get(id);
        const said = [record?.name.en ?? "", ...(record?.tags ?? [])].join(" | ");
        assert.match(said, /self[- ]help group|\bSHG/i, `${text}: ${id} ${said}`);
      }
    }
  });
});
