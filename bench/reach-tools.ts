// What the reach probes (name-reach, spelling-reach, described-reach) share: the dialogue engine over the real
// schemes (in SAHAYAK_REACH_DATA when set, to reuse an imported knowledge base, else a throwaway directory), a
// name's own words as the records' names are compared, whether some words single a record out, and the tally of
// probes answered for their record with the stage where the rest stopped.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/config.js";
import { openKnowledgeBase, type KnowledgeBase } from "../src/knowledge/index.js";
import { canonicalTokens, phoneticKey } from "../src/knowledge/text.js";
import { isOptionalWord, NAME_STOPWORDS } from "../src/knowledge/name-parts.js";
import { DialogueEngine, newContext } from "../src/dialogue/index.js";
import { schemeMissStage, stageCounts } from "./dialogue-misses.js";
import { importSchemes } from "./questions.js";

/** Runs `work` with the engine over the real schemes; the knowledge base (and a throwaway directory) go afterwards. */
export async function withReachEngine(tool: string, work: (engine: DialogueEngine, kb: KnowledgeBase) => Promise<void>): Promise<void> {
  const given = process.env.SAHAYAK_REACH_DATA;
  const dataDir = given ?? mkdtempSync(join(tmpdir(), `sahayak-${tool}-`));
  try {
    if (!given) importSchemes(dataDir);
    const config = loadConfig({ overrides: { dataDir } });
    const kb = await openKnowledgeBase(config);
    try {
      await work(await DialogueEngine.create(kb, config), kb);
    } finally {
      await kb.close();
    }
  } finally {
    if (!given) rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A name's own words as the records' names are compared: romanised sound keys, past function and "scheme" words. */
export const ownKeys = (name: string): string[] =>
  canonicalTokens(name.replace(/\([^)]*\)/g, " "))
    .filter((w) => w.length > 1 && !NAME_STOPWORDS.has(w) && !isOptionalWord(w) && !/^\d+$/.test(w))
    .map(phoneticKey)
    .filter(Boolean);

/** Whether some sound keys single a record out: no other record's name (either script), past its duplicates, holds them all. */
export function namesSingleOut(kb: KnowledgeBase): (id: string, duplicates: readonly string[], keys: string[]) => boolean {
  const nameKeys = kb.store.meta().map((m) => ({ id: m.schemeId, names: [m.name, m.nameHi].filter(Boolean).map((n) => new Set(ownKeys(n!))) }));
  return (id, duplicates, keys) => keys.length > 0 && !nameKeys.some((o) => o.id !== id && !duplicates.includes(o.id) && o.names.some((n) => keys.every((k) => n.has(k))));
}

/** Probes asked by variant: answered for the record (or a duplicate of it), else the stage where each stopped. */
export class ReachTally {
  private readonly tallies = new Map<string, { ok: number; n: number; stages: string[] }>();

  constructor(
    private readonly engine: DialogueEngine,
    private readonly verbose = process.argv.includes("--verbose"),
  ) {}

  async ask(variant: string, text: string, accepted: readonly string[]): Promise<void> {
    const reply = await this.engine.respond({ text }, newContext(`reach-${variant}`));
    const t = this.tallies.get(variant) ?? this.tallies.set(variant, { ok: 0, n: 0, stages: [] }).get(variant)!;
    t.n++;
    if (["answer", "no_info"].includes(reply.action) && accepted.includes(reply.schemeIds[0] ?? "")) t.ok++;
    else {
      t.stages.push(schemeMissStage(reply, accepted));
      // (--verbose: each miss, to read where the records themselves are not reached)
      if (this.verbose) console.log(`${variant} [${t.stages.at(-1)}] ${accepted[0]} "${text}" → ${reply.action} [${reply.schemeIds.slice(0, 3).join(",")}]`);
    }
  }

  /** One line per variant, and the total over all. */
  report(): string[] {
    let ok = 0;
    let n = 0;
    const lines = [...this.tallies].map(([variant, t]) => {
      ok += t.ok;
      n += t.n;
      return `${variant}: ${t.ok}/${t.n} answered for the record (${(t.ok / t.n).toFixed(3)}); misses: ${stageCounts(t.stages)}`;
    });
    return [...lines, `all: ${ok}/${n} (${n ? (ok / n).toFixed(3) : "-"})`];
  }
}
