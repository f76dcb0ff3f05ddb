// A dialogue engine over a knowledge base of the given records, as the dialogue tests build it.
import { DialogueEngine } from "../../src/dialogue/index.js";
import { KnowledgeStore, openKnowledgeBase, type KnowledgeBase, type SchemeRecord } from "../../src/knowledge/index.js";
import { testConfig } from "../helpers.js";

export async function engineOver(dataDir: string, records: SchemeRecord[]): Promise<{ kb: KnowledgeBase; engine: DialogueEngine }> {
  const config = testConfig(dataDir);
  const writer = await KnowledgeStore.open({ dataDir, knowledge: config.knowledge });
  await writer.apply({ upserts: records, deletes: [] }, { actor: "test", reason: "test", op: "import" });
  writer.close();
  const kb = await openKnowledgeBase(config);
  return { kb, engine: await DialogueEngine.create(kb, config) };
}
