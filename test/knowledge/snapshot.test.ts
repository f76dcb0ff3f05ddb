// The name matcher and the background language's lists kept beside the knowledge base (src/knowledge/snapshot.ts): a process starting reads it
// instead of building it, answers exactly as the built one does, and never reads one kept for other schemes
// or a damaged file (real knowledge base).
import assert from "node:assert/strict";
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { serialize } from "node:v8";
import { after, before, describe, it } from "node:test";
import { NameMatcher } from "../../src/knowledge/matcher.js";
import { BackgroundLanguage } from "../../src/knowledge/background.js";
import { SchemeSearch, type SchemeRecord } from "../../src/knowledge/index.js";
import { realKnowledgeBase } from "../kb-fixture.js";
import { sampleRecords } from "../helpers.js";

/** Names as callers type and say them, in the three ways they write. */
const QUERIES = ["pm kisan ka paisa", "atal pension yojana", "प्रधानमंत्री आवास योजना", "sukanya samridhi", "kisan credit card loan", "ayushman bharat card", "at lension you again"];

describe("the name matcher kept for the next start", () => {
  let fixture: Awaited<ReturnType<typeof realKnowledgeBase>>;
  before(async () => {
    fixture = await realKnowledgeBase();
  });
  after(async () => {
    await fixture?.cleanup();
  });

  const kept = () => readdirSync(fixture.kb.store.snapshotDir!).filter((f) => f.startsWith("name-matcher-") && !f.includes(".tmp-"));

  it("the background language's lists are kept with it and read back whole", () => {
    const { store, search } = fixture.kb;
    assert.equal(BackgroundLanguage.kept(store.snapshotDir!), undefined, "nothing kept before keepSnapshot");
    search.keepSnapshot();
    const kept = BackgroundLanguage.kept(store.snapshotDir!);
    assert.ok(kept, "kept by keepSnapshot");
    const built = BackgroundLanguage.load();
    // English, Devanagari, romanised Hindi met by sound, loanwords written in Devanagari, words no list holds
    for (const w of ["weather", "cricket", "scholarship", "बीज", "देहांत", "मोबाइल", "बेनीफिट", "kheti", "dehant", "beej", "zzqx", "अनाथ"]) {
      assert.deepEqual(kept.englishOf(w), built.englishOf(w), w);
      assert.equal(kept.loanwordOf(w), built.loanwordOf(w), w);
      assert.equal(kept.isEveryday(w), built.isEveryday(w), w);
      assert.equal(kept.isHindiWord(w), built.isHindiWord(w), w);
      assert.equal(kept.soundsListedHindi(w), built.soundsListedHindi(w), w);
      assert.equal(kept.isHindiFunctionWord(w), built.isHindiFunctionWord(w), w);
      assert.deepEqual(kept.commonness(w), built.commonness(w), w);
    }
  });

  it("a search opened after it was kept reads it and answers as the built matcher does", () => {
    const { store, search } = fixture.kb;
    assert.equal(search.keepSnapshot(), true);
    assert.equal(kept().length, 1);
    const reopened = new SchemeSearch(store, fixture.config.knowledge);
    for (const q of QUERIES) {
      assert.deepEqual(reopened.matchNames(q), search.matchNames(q), q);
      assert.deepEqual(reopened.soundMatch(q), search.soundMatch(q), q);
    }
    reopened.close();
  });

  it("what is kept is what is read: a file replaced under the same key is the matcher a start reads; a damaged one is built again", () => {
    const { store, search } = fixture.kb;
    search.keepSnapshot();
    const [file] = kept();
    // a matcher of one scheme only, under the key of all of them: a start that reads it finds no other
    const one = new NameMatcher(store.meta().filter((m) => m.schemeId === "apy"));
    writeFileSync(join(store.snapshotDir!, file!), serialize(one.toSnapshot()));
    const fromFile = new SchemeSearch(store, fixture.config.knowledge);
    assert.deepEqual([...new Set(fromFile.matchNames("pm kisan").map((m) => m.schemeId))].filter((id) => id !== "apy"), []);
    fromFile.close();
    writeFileSync(join(store.snapshotDir!, file!), Buffer.from("not a snapshot at all"));
    const rebuilt = new SchemeSearch(store, fixture.config.knowledge);
    assert.equal(rebuilt.matchNames("pm kisan")[0]?.schemeId, "pm-kisan");
    rebuilt.close();
  });

  it("a change to the schemes is a new key: kept again, the old one dropped, the new name found by a start", async () => {
    const { store, search } = fixture.kb;
    search.keepSnapshot();
    const before = kept();
    const model = sampleRecords(["kcc"])[0]!;
    const added: SchemeRecord = { ...model, schemeId: "snapshot-test", shortTitle: null, aliases: undefined, name: { ...model.name, en: "Quetzal Marmoset Sahayata Yojana" } };
    await store.apply({ upserts: [added], deletes: [] }, { actor: "test", reason: "a new scheme", op: "update" });
    assert.equal(search.keepSnapshot(), true);
    const after = kept();
    assert.equal(after.length, 1);
    assert.notDeepEqual(after, before);
    const reopened = new SchemeSearch(store, fixture.config.knowledge);
    assert.equal(reopened.matchNames("quetzal marmoset sahayata yojana")[0]?.schemeId, "snapshot-test");
    reopened.close();
  });
});
