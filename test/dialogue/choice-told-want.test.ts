// A category question whose own sentence names nothing ("What is there in Odisha?") asks for what the caller
// told they want before it ("I need work."): that help chooses the schemes, not whom the caller is alone.
// A group's own name of several words ("अनुसूचित जाति") names the group, none of its words a second thing
// ("जाति", caste). A goodbye word inside a long question ("bas": just) does not end the call. Romanised Hindi, Hindi.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { readText, type DialogueKnowledge } from "../../src/dialogue/knowledge.js";
import { BackgroundLanguage, SchemeConcepts } from "../../src/knowledge/index.js";
import { testConfig } from "../helpers.js";
import { realEngine } from "./engine-over.js";

describe("category choice: what the caller told they want, and the words of a group", () => {
  const real = realEngine();
  const talk = (text: string) => real.engine.respond({ text }, newContext("told-want"));
  let k: DialogueKnowledge;
  before(async () => {
    k = { kb: real.kb, config: testConfig("/tmp").dialogue, background: BackgroundLanguage.load(), concepts: await SchemeConcepts.build(real.kb.store) };
  });
  /** Every offered scheme's name or tags say one of the words. */
  const allSay = async (ids: string[], words: RegExp) => {
    const records = await real.kb.store.getMany(ids);
    return ids.every((id) => words.test([records.get(id)?.name.en ?? "", ...(records.get(id)?.tags ?? [])].join(" | ")));
  };

  it("the help told before a question that names nothing is what the choice holds", async () => {
    const reply = await talk("Main Cuttack ka dalit naujawan hoon, mujhe rozgar chahiye. Odisha mein kya hai?");
    assert.equal(reply.action, "clarify", reply.text);
    assert.ok(reply.schemeIds.length >= 2 && reply.schemeIds.length <= 3, reply.schemeIds.join(","));
    assert.ok(await allSay(reply.schemeIds, /employ/i), reply.schemeIds.join(","));
  });

  it("the words of a group's Hindi name are the group, not a kind of help of their own", () => {
    for (const text of ["मैं अनुसूचित जाति का किसान हूँ, खेती के लिए क्या योजना है?", "हम अनुसूचित जाति के परिवार से हैं, घर बनाने में मदद चाहिए"]) {
      const labels = readText(k, text).units.map((u) => u.label);
      assert.ok(labels.includes("sc") && !labels.some((l) => l.includes("जाति")), `${text}: ${labels.join(", ")}`);
    }
  });

  it("'bas' at the end of a question for a kind of help is no goodbye", async () => {
    const reply = await talk("Dalit naujawanon ke liye rozgar ki koi yojana hai Odisha mein? Bas itna bata do.");
    assert.notEqual(reply.action, "end", reply.text);
  });
});
