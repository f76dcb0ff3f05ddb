// A choice whose schemes say the caller's words: when too few say all of them ("solar" and "subsidy"), the
// schemes saying the narrowest of them ("solar", which fewer say) are offered, not the pool as it came
// (farmers' subsidies for coffee and seeds, offered for a solar subsidy). English, Hindi, romanised Hindi.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { realEngine } from "./engine-over.js";

describe("too few schemes say every word of the caller's", () => {
  const real = realEngine();

  it("those saying the narrowest are offered", async () => {
    for (const text of ["Diesel is costly for my farm pump. Can I get a subsidy for solar?", "डीज़ल बहुत महँगा है खेत के पंप के लिए। सोलर पर कोई सब्सिडी है?", "diesel mehnga padta hai khet ke pump me. solar ke liye subsidy milti hai kya?"]) {
      const reply = await real.engine.respond({ text }, newContext("s"));
      assert.equal(reply.action, "clarify", `${text}: ${reply.text}`);
      for (const id of reply.schemeIds) {
        const record = await real.kb.store.get(id);
        assert.ok([record?.name.en ?? "", ...(record?.tags ?? [])].some((t) => /solar/i.test(t)), `${text}: ${id} ${record?.name.en}`);
      }
    }
  });
});
