// Refits the in-scope decision's weights (src/dialogue/scope.ts) on labelled questions: every question of
// the named sets that reaches the decision (the engine logs its evidence there) is one sample, out of scope
// or not by its type. Prints the weights to paste into scope.ts, and how they decide on the fitted sets and
// on the check sets (figures only: the check sets are not read question by question).
//   SAHAYAK_SHARED=… node --import tsx bench/scope-fit.ts --fit dev,tune --check tune2 [--verbose]
// The test part is refused: it is never tuned on, nor looked at.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import pino from "pino";
import { loadConfig } from "../src/config.js";
import { openKnowledgeBase } from "../src/knowledge/index.js";
import { DialogueEngine, newContext } from "../src/dialogue/index.js";
import { SCOPE_FEATURES, WEIGHTS, type ScopeEvidence } from "../src/dialogue/scope.js";
import { loadEvalQuestions, type EvalQuestion, type QuestionPart } from "./eval/set.js";
import { importSchemes, loadQuestions } from "./questions.js";

/** The L2 penalty and iterations the weights are fitted with. */
const L2 = 0.02;
const ITERATIONS = 4000;
const STEP = 0.5;
const READABLE_SETS = new Set(["dev", "tune", "tune3", "tune4"]);

interface Sample {
  set: string;
  x: number[];
  out: boolean;
  note: string;
}

const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return (at >= 0 ? process.argv[at + 1] : undefined) ?? fallback;
};
const fitSets = arg("fit", "dev,tune").split(",");
const checkSets = arg("check", "tune2").split(",").filter(Boolean);
if ([...fitSets, ...checkSets].includes("test")) throw new Error("the test part is never fitted on nor checked here");

function load(set: string): EvalQuestion[] {
  return set === "dev" ? loadQuestions() : loadEvalQuestions(set as QuestionPart);
}

/** The evidence each question of a set reaches the decision with (none: decided before it). */
async function samples(engine: DialogueEngine, seen: ScopeEvidence[], set: string): Promise<Sample[]> {
  const out: Sample[] = [];
  for (const q of load(set)) {
    const ctx = newContext(q.id);
    if (q.priorTurn) await engine.respond({ text: q.priorTurn.question }, ctx);
    seen.length = 0;
    await engine.respond({ text: q.question }, ctx);
    const e = seen.at(-1);
    if (e) out.push({ set, x: SCOPE_FEATURES.map((f) => e[f]), out: q.type === "out_of_scope", note: `${q.id} ${q.type} "${q.question}"` });
  }
  return out;
}

/** Logistic regression, classes weighted to count alike, L2 on the weights but not the bias. */
function fit(data: Sample[]): number[] {
  const n = SCOPE_FEATURES.length;
  const w = new Array<number>(n + 1).fill(0);
  const pos = data.filter((d) => !d.out).length;
  const classWeight = (d: Sample) => data.length / (2 * (d.out ? data.length - pos : pos));
  for (let it = 0; it < ITERATIONS; it++) {
    const grad = new Array<number>(n + 1).fill(0);
    for (const d of data) {
      const p = probability(w, d.x);
      const err = (p - (d.out ? 0 : 1)) * classWeight(d);
      grad[0]! += err;
      d.x.forEach((v, i) => (grad[i + 1]! += err * v));
    }
    for (let i = 0; i <= n; i++) w[i]! -= STEP * (grad[i]! / data.length + (i > 0 ? L2 * w[i]! : 0));
  }
  return w;
}

function probability(w: number[], x: number[]): number {
  const z = x.reduce((s, v, i) => s + v * w[i + 1]!, w[0]!);
  return 1 / (1 + Math.exp(-z));
}

function describe(label: string, w: number[], data: Sample[], threshold: number): void {
  const outs = data.filter((d) => d.out);
  const ins = data.filter((d) => !d.out);
  const refused = (d: Sample) => probability(w, d.x) < threshold;
  console.log(`${label}: ${data.length} reach the decision; out of scope refused ${outs.filter(refused).length}/${outs.length}, in scope refused ${ins.filter(refused).length}/${ins.length}`);
}

const dataDir = mkdtempSync(join(tmpdir(), "sahayak-scope-fit-"));
try {
  importSchemes(dataDir);
  const config = loadConfig({ overrides: { dataDir } });
  const kb = await openKnowledgeBase(config);
  const seen: ScopeEvidence[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      const record = JSON.parse(chunk.toString()) as { scope?: ScopeEvidence };
      if (record.scope) seen.push(record.scope);
      done();
    },
  });
  const engine = await DialogueEngine.create(kb, config, { log: pino({ level: "debug" }, sink) });
  const fitData: Sample[] = [];
  for (const set of fitSets) fitData.push(...(await samples(engine, seen, set)));
  const checkData: Sample[] = [];
  for (const set of checkSets) checkData.push(...(await samples(engine, seen, set)));
  await kb.close();
  const w = fit(fitData);
  const threshold = config.dialogue.minInScopeProbability;
  const current = [WEIGHTS.bias, ...SCOPE_FEATURES.map((f) => WEIGHTS[f])];
  describe(`current weights on (${fitSets.join(",")})`, current, fitData, threshold);
  for (const set of checkSets) describe(`current weights on ${set}`, current, checkData.filter((d) => d.set === set), threshold);
  console.log(`weights (fitted on ${fitSets.join(" + ")}, L2 ${L2}, classes balanced):`);
  console.log(`{ bias: ${w[0]!.toFixed(2)}, ${SCOPE_FEATURES.map((f, i) => `${f}: ${w[i + 1]!.toFixed(2)}`).join(", ")} }`);
  describe(`fitted on (${fitSets.join(",")})`, w, fitData, threshold);
  for (const set of checkSets) describe(`check ${set}`, w, checkData.filter((d) => d.set === set), threshold);
  if (process.argv.includes("--verbose")) {
    for (const d of fitData.filter((d) => READABLE_SETS.has(d.set))) {
      const p = probability(w, d.x);
      const wrong = p < threshold === !d.out;
      console.log(`${wrong ? "MISS" : "ok  "} p=${p.toFixed(2)} ${SCOPE_FEATURES.map((f, i) => `${f}=${d.x[i]!.toFixed(2)}`).join(" ")} ${d.set} ${d.note}`);
    }
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
