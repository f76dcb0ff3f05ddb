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
    ["aayushman card ke liye kya chahiye", "ab-pmjay"],
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

  it("words many schemes' names fit alike name a kind: the nationwide scheme first, every look-alike kept", async () => {
    // several states call theirs just "Widow Pension" or "Old Age Pension", which fits these words more
    // completely than the nationwide scheme's longer name; with no state said, the nationwide one comes first
    for (const [query, central] of [
      ["widow pension", "ignwps"],
      ["विधवा पेंशन", "ignwps"],
      ["old age pension", "nsap-ignoaps"],
      ["disability pension", "igndps"],
    ] as const) {
      const hits = await search.search(query, { limit: 5 });
      assert.equal(hits[0]?.schemeId, central, `${query}: ${JSON.stringify(hits.map((h) => [h.schemeId, h.score]))}`);
      assert.ok(hits.slice(1).some((h) => store.metaOf(h.schemeId)!.level === "state"), `${query}: the states' own stay in the results`);
    }
    // a kind's longer names are kept though dozens of shorter ones fit the words better
    const pension = (await search.search("pension scheme", { limit: 8 })).map((h) => h.schemeId);
    for (const id of ["apy", "ignwps", "igndps", "nsap-ignoaps"]) assert.ok(pension.includes(id), `${id} in ${pension.join(",")}`);
    // with a state said, that state's own of the kind comes before the nationwide one, which stays near
    const rajasthan = await search.search("widow pension in Rajasthan", { limit: 3 });
    assert.equal(store.metaOf(rajasthan[0]!.schemeId)!.state, "Rajasthan", rajasthan.map((h) => h.schemeId).join(","));
    assert.ok(rajasthan.some((h) => h.schemeId === "ignwps"), rajasthan.map((h) => h.schemeId).join(","));
    // a name only one scheme has is no kind: it stays that scheme's
    assert.equal((await search.search("kisan credit card", { limit: 1 }))[0]?.schemeId, "kcc");
  });

  it("a scheme whose own record files it under the kind asked is of it, though its name does not say so", async () => {
    // a pension for unorganised workers whose name says "Shram Yogi Maan-dhan", tagged "Pension"
    for (const query of ["are there any pension schemes", "पेंशन वाली कौन सी योजनाएं हैं", "koi pension wali yojana hai kya"]) {
      const ids = (await search.search(query, { limit: 6 })).map((h) => h.schemeId);
      assert.ok(ids.includes("pm-sym") || ids.includes("pmsym"), `${query}: ${ids.join(",")}`);
    }
    // a health insurance scheme named "Jan Arogya", with no word of insurance in its name
    for (const query of ["tell me the insurance schemes", "बीमा की योजनाएं बताइए", "bima wali yojana batao"]) {
      const ids = (await search.search(query, { limit: 5 })).map((h) => h.schemeId);
      assert.ok(ids.includes("ab-pmjay") || ids.includes("pmjay"), `${query}: ${ids.join(",")}`);
    }
  });

  it("a broad category is no kind: a farmers' pension filed under banking, finance and insurance is no insurance", async () => {
    for (const query of ["insurance schemes for farmers", "किसानों के लिए बीमा योजना", "kisano ke liye bima yojana"]) {
      const ids = (await search.search(query, { limit: 10 })).map((h) => h.schemeId);
      assert.ok(!ids.includes("pmkmy") && !ids.includes("pmkmdy"), `${query}: ${ids.join(",")}`);
    }
  });

  it("Hindi words reach English-only records through the lexicon", async () => {
    // which widow pension (the central one, or a state's) is for the dialogue to settle (a choice, or the
    // central scheme when a fact of it is asked): search brings them all
    const hits = await search.search("विधवा पेंशन कितनी मिलती है", { limit: 5 });
    assert.ok(hits.some((h) => h.schemeId === "ignwps"), hits.map((h) => h.schemeId).join(","));
    for (const h of hits) assert.ok(store.metaOf(h.schemeId)!.beneficiaries.includes("widow"), h.schemeId);
  });

  it("names are found by sound across word boundaries, letters said one by one, and in the other script", async () => {
    assert.equal(search.soundMatch("at lension you again")[0]?.schemeId, "apy");
    assert.equal(search.soundMatch("kisan credit guard")[0]?.schemeId, "kcc");
    // ordinary words sound like no name well enough to be offered ("soundConfirm", 0.75)
    for (const q of ["who won the cricket match yesterday", "what is the weather today", "tell me about the moon"]) {
      assert.ok(search.soundMatch(q).every((m) => m.score < config.dialogue.soundConfirm), q);
    }
    assert.equal((await search.search("p m e g p loan", { limit: 1 }))[0]?.schemeId, "pmegp");
    assert.equal((await search.search("पी एम ई जी पी के लिए कौन पात्र है", { limit: 1 }))[0]?.schemeId, "pmegp");
    assert.equal((await search.search("मनरेगा", { limit: 1 }))[0]?.schemeId, "mgnrega");
  });

  it("a name's sound needs more than its words heard as they are; initials are never heard as a word", async () => {
    // "scholarship" said as it is does not make "KALIA Scholarship" of a portal's name
    const portal = search.soundMatch("what documents for national scholarship portal");
    assert.ok(portal.every((m) => m.score < config.dialogue.soundConfirm), JSON.stringify(portal));
    // the rest must sound like the other words: "card" in "guard", not "Kalyaan" in "kya hai"
    assert.ok((search.soundMatch("kisan credit guard kya hai")[0]?.score ?? 0) >= config.dialogue.soundConfirm);
    for (const q of ["pm kisan kya hai", "kisan kya hai"]) assert.ok(search.soundMatch(q).every((m) => m.score < config.dialogue.soundConfirm), q);
    // a name written in capitals that cannot be read as a word is said letter by letter
    for (const q of ["main sadak par sabzi bechta hoon, kya mujhe loan mil sakta hai", "मैं सड़क पर सब्ज़ी बेचता हूँ"]) {
      const heard = search.soundMatch(q);
      assert.ok(heard.every((m) => m.score < config.dialogue.soundConfirm || !/^[A-Z]{5,}\b/.test(m.alias)), JSON.stringify(heard));
    }
    assert.equal(search.soundMatch("अट लेंशन यो जना के बारे में बताइए")[0]?.schemeId, "apy");
  });

  it("recognised words run together or broken apart still name a scheme; everyday words run together name none", async () => {
    const named = (q: string) => search.matchNames(q, 5, true).filter((m) => m.score >= config.dialogue.nameThreshold);
    // a name's word glued to an everyday word, in English and romanised Hindi; its last vowel spelt "ey"
    assert.equal(named("what is the loan limit frommudra scheme")[0]?.schemeId, "pmmy");
    assert.equal(named("ujjwaley yojana ka connection")[0]?.schemeId, "pmuy");
    assert.equal(named("svanidhiloan kitna milta hai")[0]?.schemeId, "pm-svanidhi");
    // a name's everyday word glued to it supports the name ("credit" of Kisan Credit Card)
    assert.equal(named("kisancredit card ka byaj")[0]?.schemeId, "kcc");
    // a name broken where a piece sounds like a function word, in English and romanised Hindi
    assert.ok(named("pension amount in dira gandhi old age pension").some((m) => /Indira Gandhi/.test(m.alias)), JSON.stringify(named("pension amount in dira gandhi old age pension")));
    assert.equal(named("ujj wala gas connection")[0]?.schemeId, "pmuy");
    // everyday words run together are everyday speech; one of them alone is no name ("king" is not "GIANGO")
    for (const q of ["my phone is notworking", "whatis the time", "i want togo home", "the bus isnot coming"]) assert.deepEqual(named(q), [], q);
  });

  it("one word spelt with long vowels or w/v is one spelling: 'awas' names 'Awaas' as surely as 'Awas'", async () => {
    const names = search.matchNames("awas yojana", 10);
    const urban = names.find((n) => n.schemeId === "pmay-u")?.score ?? 0;
    const rural = names.find((n) => n.schemeId === "pmay-g")?.score ?? 0;
    assert.ok(rural > 0 && Math.abs(urban - rural) <= 0.02, JSON.stringify(names.slice(0, 3)));
  });

  it("a sound of two letters names nothing in any script", async () => {
    // "madad" (help) and "Mamata" share the sound "mt": in Devanagari as in Latin letters
    for (const q of ["मदद", "मुझे क्या मदद मिलेगी", "mujhe kya madad milegi"]) {
      assert.ok(search.matchNames(q, 5).every((n) => n.schemeId !== "mamata"), q);
    }
  });

  it("an everyday word is never a misheard name, nor a one-word name an everyday word", async () => {
    const names = search.matchNames("How far is the moon from the earth?", 3);
    assert.ok(names.every((n) => n.score < 0.6), JSON.stringify(names));
    const petrol = search.matchNames("petrol kitne rupaye litre hai", 3);
    assert.ok(petrol.every((n) => n.score < 0.6 || !/^petrol$/i.test(n.alias)), JSON.stringify(petrol));
  });

  it("a Hindi name spelt in letters is heard only as letters, and one word beside a lone letter is no name", async () => {
    // "जी. टी. एल." (G. T. L.) is not "cattle"; "S-Kerala" is not every question that says "Kerala"
    for (const q of ["insurance for cattle", "cattle ke liye bima", "मवेशी cattle बीमा"]) {
      const names = search.matchNames(q, 5);
      assert.ok(names.every((n) => n.schemeId !== "lbssf-gtl" || n.score < config.dialogue.nameThreshold), `${q}: ${JSON.stringify(names)}`);
    }
    for (const q of ["schemes for senior citizens in Kerala", "केरल में बुजुर्गों के लिए योजना", "kerala me buzurgon ke liye yojana"]) {
      const names = search.matchNames(q, 5);
      assert.ok(names.every((n) => n.schemeId !== "s-kerala" || n.score < config.dialogue.nameThreshold), `${q}: ${JSON.stringify(names)}`);
    }
    assert.equal(search.matchNames("जी टी एल", 1)[0]?.schemeId, "lbssf-gtl", "its letters said still name it");
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

  it("garbage, emoji, injection and empty queries: at most the limit of real schemes, best first, none named by a query without words; the store is left as it was", async () => {
    const before = await store.hashes();
    // words may name a scheme ("drop" of "Per Drop More Crop"); these have none
    const wordless = new Set(["", "   ", "🙂🙂🙂", "x".repeat(5000)]);
    for (const q of [...wordless, "'; DROP TABLE schemes; --", "{\"$where\": 1}", "ए"]) {
      const hits = await search.search(q, { limit: 3 });
      const told = `${JSON.stringify(q.slice(0, 30))}: ${JSON.stringify(hits.map((h) => [h.schemeId, h.score, h.matched]))}`;
      assert.ok(hits.length <= 3, told);
      assert.equal(new Set(hits.map((h) => h.schemeId)).size, hits.length, `no scheme twice: ${told}`);
      for (const h of hits) {
        assert.ok(store.metaOf(h.schemeId), `a scheme of the knowledge base: ${told}`);
        assert.ok(Number.isFinite(h.score), `a score: ${told}`);
        if (wordless.has(q)) assert.ok(!h.matched.includes("name"), `nothing here names a scheme: ${told}`);
      }
      assert.ok(hits.every((h, i) => i === 0 || h.score <= hits[i - 1]!.score), `best first: ${told}`);
    }
    assert.deepEqual(await store.hashes(), before, "every record as it was");
    assert.equal((await search.search("pm kissan", { limit: 1 }))[0]?.schemeId, "pm-kisan", "search still works");
  });
});
