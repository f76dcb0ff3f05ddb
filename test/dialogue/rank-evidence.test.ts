// The evidence a re-ranker of the schemes is fitted on (bench/rank-extract.ts): an engine asked for it tells,
// for each turn, the candidate schemes of the words with the scores the knowledge base computed, which of
// them the reply answered or offered, and what the turn asks; its replies are those of an engine not asked.
// Made-up schemes, asked in English, Hindi and romanised Hindi.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { DialogueEngine, newContext } from "../../src/dialogue/index.js";
import { KnowledgeStore, openKnowledgeBase, type KnowledgeBase } from "../../src/knowledge/index.js";
import type { RankEvidence } from "../../src/dialogue/rank-evidence.js";
import { sampleRecords, tempDir, testConfig } from "../helpers.js";
import { scheme } from "./engine-over.js";

const records = [
  scheme({
    schemeId: "kdy-test",
    name: { en: "Kumhar Dhara Yojana", hi: "कुम्हार धारा योजना" },
    benefits: { en: ["A potter gets an electric wheel worth ₹ 23,400."], hi: ["कुम्हार को ₹ 23,400 का बिजली का चाक मिलता है।"] },
  }),
  scheme({
    schemeId: "ksy-test",
    name: { en: "Kumhar Samman Yojana", hi: "कुम्हार सम्मान योजना" },
    benefits: { en: ["A yearly award of ₹ 9,100 to a master potter."] },
  }),
];

describe("rank evidence", () => {
  const dir = tempDir("rank-evidence");
  let kb: KnowledgeBase | undefined;
  let told: DialogueEngine | undefined;
  let plain: DialogueEngine | undefined;
  const seen: RankEvidence[] = [];
  before(async () => {
    const config = testConfig(dir.path);
    const writer = await KnowledgeStore.open({ dataDir: dir.path, knowledge: config.knowledge });
    await writer.apply({ upserts: [...sampleRecords(), ...records], deletes: [] }, { actor: "test", reason: "test", op: "import" });
    writer.close();
    kb = await openKnowledgeBase(config);
    told = await DialogueEngine.create(kb, config, { onRankEvidence: (e) => seen.push(e) });
    plain = await DialogueEngine.create(kb, config);
  });
  after(async () => {
    await kb?.close();
    dir.cleanup();
  });

  for (const question of ["How much does the Kumhar Dhara Yojana give a potter?", "कुम्हार धारा योजना में कितना पैसा मिलता है?", "kumhar dhara yojana mein kitna paisa milta hai"]) {
    it(`tells the candidates of "${question}", the scheme answered first among them`, async () => {
      seen.length = 0;
      const reply = await told!.respond({ text: question }, newContext("a"));
      const same = await plain!.respond({ text: question }, newContext("b"));
      assert.deepEqual([reply.action, reply.schemeIds, reply.text], [same.action, same.schemeIds, same.text]);
      assert.equal(reply.schemeIds[0], "kdy-test");
      assert.equal(seen.length, 1);
      const evidence = seen[0]!;
      assert.equal(evidence.action, reply.action);
      const named = evidence.candidates.find((c) => c.schemeId === "kdy-test");
      assert.ok(named, "the scheme named is a candidate");
      assert.equal(named.x.offeredFirst, 1);
      assert.ok(named.x.nameScore > 0.5 && named.x.nameMargin > 0, "its name is matched best");
      const other = evidence.candidates.find((c) => c.schemeId === "ksy-test");
      assert.ok(!other || (other.x.offered === 0 && other.x.nameScore < named.x.nameScore));
      assert.equal(evidence.turn.fact, 1, "a fact of the scheme is asked");
    });
  }

  it("tells no evidence to an engine that did not ask, and a plural request as plural", async () => {
    seen.length = 0;
    await plain!.respond({ text: "which schemes are there for potters?" }, newContext("c"));
    assert.equal(seen.length, 0);
    await told!.respond({ text: "which schemes are there for potters?" }, newContext("d"));
    assert.equal(seen.at(-1)?.turn.plural, 1);
  });
});
