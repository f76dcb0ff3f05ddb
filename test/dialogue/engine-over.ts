// A dialogue engine over a knowledge base of the given records, as the dialogue tests build it, and made-up
// records of the real records' shape.
import assert from "node:assert/strict";
import { after, before } from "node:test";
import { DialogueEngine, newContext, type Reply } from "../../src/dialogue/index.js";
import { KnowledgeStore, openKnowledgeBase, type KnowledgeBase, type SchemeRecord } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir, testConfig } from "../helpers.js";
import { realKnowledgeBase } from "../kb-fixture.js";

export async function engineOver(dataDir: string, records: SchemeRecord[]): Promise<{ kb: KnowledgeBase; engine: DialogueEngine }> {
  const config = testConfig(dataDir);
  const writer = await KnowledgeStore.open({ dataDir, knowledge: config.knowledge });
  await writer.apply({ upserts: records, deletes: [] }, { actor: "test", reason: "test", op: "import" });
  writer.close();
  const kb = await openKnowledgeBase(config);
  return { kb, engine: await DialogueEngine.create(kb, config) };
}

/**
 * The dialogue engine over the real knowledge base for the enclosing describe block: opened before its tests,
 * closed after them; read `engine` and `kb` inside the tests.
 */
export function realEngine(): { readonly engine: DialogueEngine; readonly kb: KnowledgeBase } {
  let fixture: Awaited<ReturnType<typeof realKnowledgeBase>> | undefined;
  let engine: DialogueEngine | undefined;
  before(async () => {
    fixture = await realKnowledgeBase();
    engine = await DialogueEngine.create(fixture.kb, fixture.config);
  });
  after(() => fixture?.cleanup());
  return {
    get engine() {
      return engine!;
    },
    get kb() {
      return fixture!.kb;
    },
  };
}

/** The reply to `text` is a choice of two or more schemes, each saying `word` in its English name or tags. */
export async function offersOnlySchemesSaying(real: { readonly engine: DialogueEngine; readonly kb: KnowledgeBase }, text: string, word: RegExp): Promise<void> {
  const reply = await real.engine.respond({ text }, newContext("offers-only"));
  assert.equal(reply.action, "clarify", `${text}: ${reply.text}`);
  assert.ok(reply.schemeIds.length >= 2, `${text}: ${reply.schemeIds.join(",")}`);
  for (const id of reply.schemeIds) {
    const record = await real.kb.store.get(id);
    assert.ok([record?.name.en ?? "", ...(record?.tags ?? [])].some((t) => word.test(t)), `${text}: ${id} ${record?.name.en}`);
  }
}

/** A record of the real records' shape with only what a test gives. */
export function scheme(fields: Partial<Record<keyof SchemeRecord, unknown>> & { schemeId: string; name: Record<string, string> }): SchemeRecord {
  const [base] = sampleRecords(["apy"]);
  return {
    ...base!,
    shortTitle: null,
    description: { en: `${fields.name.en} is a scheme of the Government of India.` },
    detailedDescription: null,
    tags: [],
    categories: [],
    categoryLabels: [],
    subCategories: [],
    benefits: {},
    eligibility: { criteria: {}, exclusions: {} },
    documents: {},
    applicationProcess: {},
    faqs: [],
    relatedSchemes: [],
    qualityFlags: [],
    aliases: undefined,
    detailLevel: "full",
    ...fields,
  } as unknown as SchemeRecord;
}

/**
 * Schemes of other kinds, so that what a test asks for is what a few schemes are filed under, as in the
 * real knowledge base, not a fifth of them.
 */
export function otherKinds(topics: string[]): SchemeRecord[] {
  return topics.map((topic, i) => scheme({ schemeId: `zo${i}-test`, name: { en: `Zarimba ${topic} Development Scheme` }, tags: [topic, "Infrastructure"], categories: ["infrastructure"] }));
}

/**
 * A dialogue engine over the sample records and the given ones for the enclosing describe block (`engine`,
 * read inside the tests), and `ask`: one question in a new conversation.
 */
export function madeUpEngine(prefix: string, records: SchemeRecord[]): { ask(text: string): Promise<Reply>; readonly engine: DialogueEngine } {
  const dir = tempDir(prefix);
  let kb: KnowledgeBase | undefined;
  let engine: DialogueEngine | undefined;
  before(async () => ({ kb, engine } = await engineOver(dir.path, [...sampleRecords(), ...records])));
  after(async () => {
    await kb?.close();
    dir.cleanup();
  });
  return {
    ask: (text) => engine!.respond({ text }, newContext("c")),
    get engine() {
      return engine!;
    },
  };
}
