// One real knowledge base (all 3,611 schemes) per test process, imported into a temporary directory. The import
// (validating 3,611 records and writing them, about 3 s of CPU) is done once per state of the sources and the
// records and kept under test-output/kb-cache: the 60-odd files that open the real knowledge base copy it.
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { KnowledgeStore, openKnowledgeBase, validateFile, type KnowledgeBase } from "../src/knowledge/index.js";
import { projectRoot, type Config } from "../src/config.js";
import { schemesFile, tempDir, testConfig } from "./helpers.js";

const KEPT_IMPORTS = join(projectRoot, "test-output", "kb-cache");
/** The knowledge base's own folder inside a data directory (KnowledgeStore). */
const KB_FOLDER = "kb";

export async function realKnowledgeBase(overrides: Record<string, unknown> = {}): Promise<{ kb: KnowledgeBase; config: Config; cleanup(): Promise<void> }> {
  const dir = tempDir("sahayak-kb-");
  const config = testConfig(dir.path, overrides);
  await importRealRecords(dir.path, config);
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

/** The real records imported into `dataDir`: copied from a kept import made by the same sources, else imported and kept. */
async function importRealRecords(dataDir: string, config: Config): Promise<void> {
  const records = readFileSync(schemesFile);
  const kept = join(KEPT_IMPORTS, importKey(records, config));
  if (existsSync(join(kept, "HEAD.json"))) {
    cpSync(kept, join(dataDir, KB_FOLDER), { recursive: true });
    return;
  }
  const report = validateFile(records, config.knowledge);
  if (!report.ok) throw new Error("schemes.jsonl does not validate");
  const writer = await KnowledgeStore.open({ dataDir, knowledge: config.knowledge });
  await writer.apply({ upserts: report.records.map((r) => r.record), deletes: [] }, { actor: "test", reason: "test", op: "import" });
  writer.close();
  keep(join(dataDir, KB_FOLDER), kept);
}

/**
 * What an import depends on: the records, the knowledge settings, every source file (the importer and all it
 * reads) and the packages installed (LanceDB's release). Anything else changed is another key, so a kept import is never stale.
 */
function importKey(records: Buffer, config: Config): string {
  const hash = createHash("sha256").update(records).update(JSON.stringify(config.knowledge));
  const src = join(projectRoot, "src");
  for (const file of readdirSync(src, { recursive: true, encoding: "utf8" }).sort()) {
    const path = join(src, file);
    if (statSync(path).isFile()) hash.update(file).update(readFileSync(path));
  }
  hash.update(readFileSync(join(projectRoot, "package-lock.json")));
  return hash.digest("hex").slice(0, 24);
}

/** A copy of a fresh import kept for later processes; imports kept for other sources are dropped. */
function keep(imported: string, kept: string): void {
  mkdirSync(KEPT_IMPORTS, { recursive: true });
  const staging = mkdtempSync(`${kept}.tmp-`);
  cpSync(imported, staging, { recursive: true });
  try {
    // atomic: a process importing beside this one (the other test lane) keeps its copy or this one, never half
    renameSync(staging, kept);
  } catch {
    rmSync(staging, { recursive: true, force: true });
  }
  for (const other of readdirSync(KEPT_IMPORTS)) {
    if (!kept.endsWith(other) && !other.includes(".tmp-")) rmSync(join(KEPT_IMPORTS, other), { recursive: true, force: true });
  }
}
