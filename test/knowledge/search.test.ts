import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { FilterError, KnowledgeStore, SchemeSearch, validateFile } from "../../src/knowledge/index.js";
import { schemesFile, tempDir, testConfig } from "../helpers.js";

describe("search over the real 3,611 schemes", () => {
  const dir = tempDir();
  const config = testConfig(dir.path);
  let store: KnowledgeStore;
  let search: SchemeSearch;

  before(async () => {
    const report = validateFile(readFileSync(schemesFile), config.knowledge);
    assert.equal(report.ok, true);
    const writer = await KnowledgeStore.open({ dataDir: dir.path, knowledge: config.knowledge });
    await writer.apply({ upserts: report.records.map((r) => r.record), deletes: [] }, { actor: "test", reason: "test", op: "import" });
    writer.close();
    store = await KnowledgeStore.open({ dataDir: dir.path, knowledge: config.knowledge });
    search = new SchemeSearch(store, config.knowledge);
  });
  after(() => {
    store.close();
    dir.cleanup();
  });

  const first: [string, string][] = [
    ["pm kissan", "pm-kisan"],
    ["pm kisaan ka paisa kab aayega", "pm-kisan"],
    ["pradhan mantri kisan samman nidhi", "pm-kisan"],
    ["प्रधानमंत्री किसान सम्मान निधि", "pm-kisan"],
    ["aayushman card kaise banega", "ab-pmjay"],
    ["आयुषमान भारत", "ab-pmjay"],
    ["ஆயுஷ்மான் பாரத் காப்பீடு", "ab-pmjay"],
    ["narega me kitne din kaam", "mgnrega"],
    ["नरेगा जॉब कार्ड", "mgnrega"],
    ["mudra lone kaise milega", "pmmy"],
    ["PMAY-G documents", "pmay-g"],
    ["PMJDY account benefits", "pmjdy"],
    ["jan dhan khata", "pmjdy"],
    ["atal pension yojna", "apy"],
    ["fasal beema", "pmfby"],
    ["ujjwala gas connection", "pmuy"],
    ["पीएमईजीपी लोन", "pmegp"],
  ];
  for (const [query, id] of first) {
    it(`"${query}" → ${id}`, async () => {
      const hits = await search.search(query, { limit: 3 });
      assert.equal(hits[0]?.schemeId, id, JSON.stringify(hits.map((h) => [h.schemeId, h.score])));
      assert.ok(hits[0]!.via.includes("name"));
      assert.ok(hits[0]!.matched.includes("name"));
    });
  }

  it("an ambiguous question brings every candidate near the top", async () => {
    const ids = (await search.search("housing scheme awas yojana", { limit: 5 })).map((h) => h.schemeId);
    assert.ok(ids.includes("pmay-g") && ids.includes("pmay-u"), ids.join(","));
  });

  it("Hindi words reach English-only records through the lexicon", async () => {
    const hits = await search.search("विधवा पेंशन कितनी मिलती है", { limit: 3 });
    assert.equal(hits[0]?.schemeId, "ignwps");
  });

  it("filters by state, level, category and beneficiary", async () => {
    const hits = await search.search("farmer scheme", { state: "karnataka", beneficiary: "farmer", limit: 20 });
    assert.ok(hits.length > 0);
    for (const h of hits) {
      const m = store.metaOf(h.schemeId)!;
      assert.ok(m.states.includes("Karnataka") || m.states.includes("All"), `${h.schemeId} ${m.states}`);
      assert.ok(m.beneficiaries.includes("farmer"), h.schemeId);
    }
    const central = await search.search("pension", { level: "central", limit: 10 });
    assert.ok(central.every((h) => store.metaOf(h.schemeId)!.level === "central"));
    const listed = await search.search("", { category: "Agriculture,Rural & Environment", state: "Kerala", limit: 10 });
    assert.equal(listed.length, 10);
    await assert.rejects(search.search("x", { state: "Atlantis" }), FilterError);
    await assert.rejects(search.search("x", { beneficiary: "martians" }), FilterError);
  });

  it("a state named in the question lifts that state's schemes", async () => {
    const hits = await search.search("old age pension in Sikkim", { limit: 3 });
    assert.ok(hits.some((h) => store.metaOf(h.schemeId)!.state === "Sikkim"), hits.map((h) => h.schemeId).join(","));
  });

  it("related schemes share categories or beneficiaries", async () => {
    const related = await search.related("pm-kisan", 5);
    assert.equal(related.length, 5);
    assert.ok(!related.some((r) => r.schemeId === "pm-kisan"));
    const base = store.metaOf("pm-kisan")!;
    for (const r of related) {
      const m = store.metaOf(r.schemeId)!;
      assert.ok(m.categories.some((c) => base.categories.includes(c)) || m.beneficiaries.some((b) => base.beneficiaries.includes(b)));
    }
    assert.deepEqual(await search.related("no-such-id"), []);
  });

  it("garbage, emoji and empty queries give sensible results, never a crash", async () => {
    for (const q of ["", "   ", "🙂🙂🙂", "'; DROP TABLE schemes; --", "x".repeat(5000), "{\"$where\": 1}", "ए"]) {
      const hits = await search.search(q, { limit: 3 });
      assert.ok(Array.isArray(hits));
    }
  });
});
