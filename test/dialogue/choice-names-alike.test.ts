// Parts of one programme are named by it before a colon ("<Programme>: Interest Subsidy on Term Loan",
// "<Programme>: Waiver of Electricity Duty"), so their short names are alike. A choice among them is still a
// choice: each is said by its whole name, which tells them apart, rather than the choice shrinking to one.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { choiceNames } from "../../src/dialogue/category.js";
import type { DialogueKnowledge } from "../../src/dialogue/knowledge.js";
import { choiceName } from "../../src/dialogue/names.js";
import { BackgroundLanguage, SchemeConcepts } from "../../src/knowledge/index.js";
import { testConfig } from "../helpers.js";
import { realEngine } from "./engine-over.js";

describe("category choice: schemes whose short names are alike", () => {
  const real = realEngine();
  let k: DialogueKnowledge;
  before(async () => {
    k = { kb: real.kb, config: testConfig("/tmp").dialogue, background: BackgroundLanguage.load(), concepts: await SchemeConcepts.build(real.kb.store) };
  });

  it("are each said by a name of its own", () => {
    // every programme of several parts in the records: parts whose short names are alike
    const byShort = new Map<string, string[]>();
    for (const m of k.kb.store.meta()) if (/:\s/.test(m.name)) {
      const name = choiceName(k, m.schemeId, "en").toLowerCase();
      byShort.set(name, [...(byShort.get(name) ?? []), m.schemeId]);
    }
    const parts = [...byShort.values()].filter((ids) => ids.length >= 3).slice(0, 5);
    assert.ok(parts.length > 0);
    for (const ids of parts) {
      const names = choiceNames(k, ids.slice(0, 3), "en");
      assert.equal(new Set(names.map((n) => n.toLowerCase())).size, names.length, names.join(" / "));
    }
  });

  it("leave names that differ as they are", () => {
    const ids = ["pmkvy", "pmjdy"].filter((id) => k.kb.store.has(id));
    assert.deepEqual(choiceNames(k, ids, "en"), ids.map((id) => choiceName(k, id, "en")));
  });
});
