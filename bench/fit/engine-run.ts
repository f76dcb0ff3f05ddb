// What the bench's fitting tools (scope-fit, choice-fit, facts-fit, rank-extract) share to extract their
// evidence: the dialogue engine over the real schemes in a throwaway data directory, with the debug log
// records they read handed to them, and a readable part's questions by name.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import pino from "pino";
import { loadConfig } from "../../src/config.js";
import { openKnowledgeBase, type KnowledgeBase } from "../../src/knowledge/index.js";
import { DialogueEngine, type DialogueOptions } from "../../src/dialogue/index.js";
import { loadEvalQuestions, type EvalQuestion, type QuestionPart } from "../eval/set.js";
import { importSchemes, loadQuestions } from "../questions.js";

/** A part's questions: "dev" is the project's own set in ../shared, the others bench/eval's. */
export function partQuestions(part: string): EvalQuestion[] {
  return part === "dev" ? loadQuestions() : loadEvalQuestions(part as QuestionPart);
}

/**
 * Runs `work` with an engine over the real schemes; `onRecord`, when given, sees each debug log record
 * the engine writes (the evidence a decision logs). The knowledge base and its directory go afterwards.
 */
export async function withEngine<T>(
  tool: string,
  work: (engine: DialogueEngine, kb: KnowledgeBase) => Promise<T>,
  options: { onRecord?: (record: Record<string, unknown>) => void; engine?: DialogueOptions } = {},
): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), `sahayak-${tool}-`));
  try {
    importSchemes(dataDir);
    const config = loadConfig({ overrides: { dataDir } });
    const kb = await openKnowledgeBase(config);
    try {
      const onRecord = options.onRecord;
      const sink = onRecord
        ? new Writable({
            write(chunk: Buffer, _enc, done) {
              onRecord(JSON.parse(chunk.toString()) as Record<string, unknown>);
              done();
            },
          })
        : undefined;
      const engine = await DialogueEngine.create(kb, config, { ...options.engine, ...(sink ? { log: pino({ level: "debug" }, sink) } : {}) });
      return await work(engine, kb);
    } finally {
      await kb.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
