// A choice of one kind: when no scheme says every word the caller has for the help ("land" and "rubber"), the
// schemes saying the narrowest one are offered, not schemes each saying a different one (land development
// schemes beside a rubber plantation scheme). English, Hindi (its borrowed word in Latin letters, as callers
// type it), romanised Hindi.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { realEngine } from "./engine-over.js";

describe("no scheme says every word the caller has for the help", () => {
  const real = realEngine();

  const offersOnly = async (text: string, word: RegExp) => {
    const reply = await real.engine.respond({ text }, newContext("s"));
    assert.equal(reply.action, "clarify", `${text}: ${reply.text}`);
    assert.ok(reply.schemeIds.length >= 2, `${text}: ${reply.schemeIds.join(",")}`);
    for (const id of reply.schemeIds) {
      const record = await real.kb.store.get(id);
      assert.ok([record?.name.en ?? "", ...(record?.tags ?? [])].some((t) => word.test(t)), `${text}: ${id} ${record?.name.en}`);
    }
  };

  it("the schemes saying the narrowest word are offered", async () => {
    for (const text of ["What is there for rubber growers with land?", "zameen par rubber lagana hai, rubber ke liye koi yojana?", "ज़मीन पर rubber लगाना है, rubber के लिए कोई योजना?"]) await offersOnly(text, /rubber/i);
    await offersOnly("Does the government help units with design?", /design/i);
  });
});
