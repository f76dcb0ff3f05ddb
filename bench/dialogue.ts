// Dialogue benchmark over the dev questions: right scheme, answer facts present, out-of-scope and
// clarification behaviour, other languages answered; and the time of one turn without an LLM.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/config.js";
import { openKnowledgeBase } from "../src/knowledge/index.js";
import { DialogueEngine, newContext, type Reply } from "../src/dialogue/index.js";
import { importSchemes, loadQuestions, percentile, type DevQuestion } from "./questions.js";

/** Case, spacing and digit grouping do not matter ("1,20,000" = "120000"). */
export function normaliseForFacts(text: string): string {
  return text.toLowerCase().replace(/(\d)[,\s](?=\d)/g, "$1").replace(/\s+/g, " ");
}

export function containsFact(reply: string, fact: string): boolean {
  return normaliseForFacts(reply).includes(normaliseForFacts(fact));
}

export async function benchDialogue(verbose = process.argv.includes("--verbose")): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(join(tmpdir(), "sahayak-bench-dlg-"));
  try {
    importSchemes(dataDir);
    const config = loadConfig({ overrides: { dataDir } });
    const kb = await openKnowledgeBase(config);
    const engine = await DialogueEngine.create(kb, config);
    const questions = loadQuestions();
    const ask = async (q: DevQuestion): Promise<Reply> => {
      const ctx = newContext(q.id);
      if (q.priorTurn) await engine.respond({ text: q.priorTurn.question }, ctx);
      return engine.respond({ text: q.question }, ctx);
    };
    let schemeOk = 0, schemeN = 0, factsOk = 0, factsN = 0, oosOk = 0, oosN = 0, ambOk = 0, ambN = 0, otherOk = 0, otherN = 0;
    const notes: string[] = [];
    for (const q of questions) {
      const reply = await ask(q);
      const line = `${q.id} ${q.type} "${q.question}" → ${reply.action}/${reply.intent} [${reply.schemeIds.join(",")}] ${reply.text.slice(0, 160)}`;
      if (["direct", "misspelt", "followup"].includes(q.type) && q.schemeId) {
        schemeN++;
        if (reply.schemeIds.includes(q.schemeId)) schemeOk++;
        else notes.push(`SCHEME ${line}`);
      }
      if (q.answerFacts?.length && q.schemeId) {
        factsN++;
        const missing = q.answerFacts.filter((f) => !containsFact(reply.text, f));
        if (missing.length === 0) factsOk++;
        else notes.push(`FACTS missing ${JSON.stringify(missing)} ${line}`);
      }
      if (q.type === "out_of_scope") {
        oosN++;
        if (reply.action === "out_of_scope") oosOk++;
        else notes.push(`OOS ${line}`);
      }
      if (q.type === "ambiguous") {
        ambN++;
        const want = q.candidateSchemeIds ?? [];
        if (reply.action === "clarify" && want.every((id) => reply.schemeIds.includes(id))) ambOk++;
        else notes.push(`AMBIGUOUS want ${want.join(",")} ${line}`);
      }
      if (q.type === "other_language") {
        otherN++;
        if (reply.action === "answer") otherOk++;
        else notes.push(`OTHER ${line}`);
      }
    }
    // one turn, warm: every question once more, timed
    const times: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (const q of questions) {
        const ctx = newContext(q.id);
        const t = performance.now();
        await engine.respond({ text: q.question }, ctx);
        times.push(performance.now() - t);
      }
    }
    if (verbose) console.log(notes.join("\n"));
    await kb.close();
    return {
      schemeInReplyRate: schemeOk / schemeN,
      answerFactsRate: factsOk / factsN,
      outOfScopeRate: oosOk / oosN,
      ambiguousClarifyRate: ambOk / ambN,
      otherLanguageAnsweredRate: otherOk / otherN,
      turnP50Ms: percentile(times, 50),
      turnP95Ms: percentile(times, 95),
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
