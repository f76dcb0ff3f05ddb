// One real knowledge base (all 3,611 schemes) per test process, imported into a temporary directory.
import { readFileSync } from "node:fs";
import { KnowledgeStore, openKnowledgeBase, validateFile, type KnowledgeBase } from "../src/knowledge/index.js";
import type { Config } from "../src/config.js";
import { schemesFile, tempDir, testConfig } from "./helpers.js";

export async function realKnowledgeBase(overrides: Record<string, unknown> = {}): Promise<{ kb: KnowledgeBase; config: Config; cleanup(): Promise<void> }> {
  const dir = tempDir("sahayak-kb-");
  const config = testConfig(dir.path, overrides);
  const report = validateFile(readFileSync(schemesFile), config.knowledge);
  if (!report.ok) throw new Error("schemes.jsonl does not validate");
  const writer = await KnowledgeStore.open({ dataDir: dir.path, knowledge: config.knowledge });
  await writer.apply({ upserts: report.records.map((r) => r.record), deletes: [] }, { actor: "test", reason: "test", op: "import" });
  writer.close();
  const kb = await openKnowledgeBase(config);
  return {
    kb,
    config,
    async cleanup() {
      await kb.close();
      dir.cleanup();
    },
  };
}
