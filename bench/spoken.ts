// Spoken questions of bench/eval/ (spoken-tune.jsonl, spoken-test.jsonl) asked in full calls on the PBX
// simulator through the production pipeline: ARI, RTP at 8 kHz μ-law, VAD, the English recogniser, the
// dialogue, synthesis. Each caller speaks in a voice the project uses nowhere else (bench/caller-voice.ts),
// and is right when Sahayak's first reply answers for the question's scheme or offers it for a yes/no
// (`confirm`). Calls run a few at a time. Failure notes (--verbose) are printed for the tuning parts only
// ("tune", "tune2"), never for the test part.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openCallServices } from "../src/call/index.js";
import type { CallRecord } from "../src/call/records.js";
import { Simulation } from "../src/call/simulation.js";
import { callerQuestionWav } from "./caller-voice.js";
import { SPOKEN_PARTS, acceptedSchemeIds, loadSpokenQuestions, type SpokenPart, type SpokenQuestion } from "./eval/set.js";
import { pipelineBenchConfig } from "./questions.js";

/** Calls in progress at once: enough to keep the run to a few minutes, few enough not to starve recognition. */
const CONCURRENT_CALLS = 4;
/** The caller says goodbye this far into the reply: the reply's action is known once it starts. */
const HANG_UP_INTO_REPLY_MS = 1500;
/** Replies that answer for a scheme outright. */
const ANSWERS = new Set(["answer", "no_info"]);
/** The reply to words the call did not catch (call/conversation.ts askAgain). */
const NOT_CAUGHT = "prompt:notCaught";
/** Sahayak turns that are not a reply to the question. */
const NOT_A_REPLY = new Set(["filler"]);

export interface SpokenOutcome {
  heard: string;
  action: string;
  schemeIds: string[];
}

/** What Sahayak first replied to the caller's question in a finished call. */
export function firstReply(record: CallRecord): SpokenOutcome {
  const asked = record.turns.find((t) => t.role === "caller" && t.dtmf === undefined);
  const reply = asked && record.turns.find((t) => t.role === "sahayak" && t.atMs >= asked.atMs && !NOT_A_REPLY.has(t.action ?? ""));
  return { heard: asked?.text ?? "", action: reply?.action ?? "none", schemeIds: reply?.schemeIds ?? [] };
}

/** Answered for the scheme, or the scheme offered for confirmation. */
export function spokenRight(outcome: SpokenOutcome, q: SpokenQuestion): "answer" | "confirm" | null {
  if (!acceptedSchemeIds(q).includes(outcome.schemeIds[0] ?? "")) return null;
  if (ANSWERS.has(outcome.action)) return "answer";
  return outcome.action === "confirm" ? "confirm" : null;
}

/** Runs `work` over the items with at most `limit` in progress. */
async function inBatches<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export async function benchSpoken(verbose = process.argv.includes("--verbose")): Promise<Record<string, unknown>> {
  const started = performance.now();
  const work = mkdtempSync(join(tmpdir(), "sahayak-bench-spoken-"));
  try {
    const { config } = pipelineBenchConfig(work);
    // SAHAYAK_EVAL_PARTS=tune asks only those questions, as bench/dialogue.ts does: tuning never scores the test part
    const chosen = new Set((process.env.SAHAYAK_EVAL_PARTS ?? SPOKEN_PARTS.join(",")).split(",").map((p) => p.trim()));
    const partsRun = SPOKEN_PARTS.filter((p) => chosen.has(p));
    const parts = Object.fromEntries(partsRun.map((p) => [p, loadSpokenQuestions(p)])) as Record<SpokenPart, SpokenQuestion[]>;
    const audioDir = join(work, "callers");
    mkdirSync(audioDir);
    const all = partsRun.flatMap((p) => parts[p]);
    // a missing voice throws here, before any call: the benchmark fails, it never skips a question
    const wavs = new Map(await inBatches(all, CONCURRENT_CALLS, async (q) => [q.id, await callerQuestionWav(q, audioDir)] as const));
    const services = await openCallServices(config);
    const simulation = await Simulation.start(config, services);
    const figures: Record<string, unknown> = {};
    const notes: string[] = [];
    try {
      for (const part of partsRun) {
        const outcomes = await inBatches(parts[part], CONCURRENT_CALLS, async (q) => {
          const { record } = await simulation.call({ lang: "en", hurry: true, steps: [{ kind: "wav", path: wavs.get(q.id)! }, { kind: "say", text: "goodbye", interruptAfterMs: HANG_UP_INTO_REPLY_MS }] });
          return firstReply(record);
        });
        let answered = 0;
        let confirmed = 0;
        let wrongAnswered = 0;
        let wrongOffered = 0;
        let askedAgain = 0;
        parts[part].forEach((q, i) => {
          const outcome = outcomes[i]!;
          const right = spokenRight(outcome, q);
          if (right === "answer") answered++;
          else if (right === "confirm") confirmed++;
          else if (outcome.schemeIds.length > 0 && ANSWERS.has(outcome.action)) wrongAnswered++;
          else if (outcome.schemeIds.length > 0 && outcome.action === "confirm") wrongOffered++;
          else if (outcome.action === NOT_CAUGHT) askedAgain++;
          if (!right && part !== "test") notes.push(`${q.id} ${q.voice} ×${q.tempo} "${q.text}" heard "${outcome.heard}" → ${outcome.action} [${outcome.schemeIds.join(",")}], want ${q.schemeId}`);
        });
        const n = parts[part].length;
        figures[`${part}.spokenRightRate`] = (answered + confirmed) / n;
        figures[`${part}.spokenAnsweredRate`] = answered / n;
        figures[`${part}.spokenConfirmedRate`] = confirmed / n;
        // the costs of a method that offers more: another scheme answered outright (the caller is told wrong
        // facts), another offered (one "no" more), and "I didn't catch that"
        figures[`${part}.spokenWrongAnsweredRate`] = wrongAnswered / n;
        figures[`${part}.spokenWrongOfferedRate`] = wrongOffered / n;
        figures[`${part}.spokenNotCaughtRate`] = askedAgain / n;
        figures[`${part}.questions`] = n;
      }
    } finally {
      await simulation.close();
      await services.close();
    }
    if (verbose) console.log(notes.join("\n"));
    figures.runSeconds = (performance.now() - started) / 1000;
    return figures;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
