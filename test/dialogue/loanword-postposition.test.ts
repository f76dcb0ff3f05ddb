// Two readings met on a part written after the method (tune4): "स्कीम" written in Devanagari calls a scheme
// as "scheme" and "योजना" do (a bare request for help, not a question out of scope), and a Hindi name's
// postposition ("के लिए") said by the caller too is no word of that name said (a category question is
// not taken for the one scheme whose Hindi name shares its words and its postposition).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { realEngine } from "./engine-over.js";

describe("loanwords and postpositions in what a question names (real knowledge base)", () => {
  const real = realEngine();
  const ask = (text: string, lang: "hi" | "en") => real.engine.respond({ text, lang }, newContext(`lp-${text.length}-${lang}`, lang));

  for (const [text, lang] of [
    ["भैया कोई स्कीम के बारे में पूछना था", "hi"],
    ["bhaiya koi scheme ke baare mein poochna tha", "hi"],
    ["I wanted to ask about some scheme", "en"],
  ] as const) {
    it(`a bare request naming a scheme only by "scheme", in any script, starts the guided choice: "${text}"`, async () => {
      const reply = await ask(text, lang);
      assert.equal(reply.action, "clarify", reply.text);
      assert.deepEqual(reply.schemeIds, [], reply.text);
    });
  }

  it("a kind of help for a group, asked with the postposition a Hindi scheme name also holds, gets a choice", async () => {
    const reply = await ask("विकलांग बच्चों की पढ़ाई के लिए कौन सी छात्रवृत्ति मिलती है?", "hi");
    assert.equal(reply.action, "clarify", reply.text);
    assert.ok(reply.schemeIds.length >= 2, `${reply.schemeIds.join(",")}: ${reply.text}`);
  });
});
