// Refits the in-scope decision's weights (src/dialogue/scope.ts) on labelled questions: every question of
// the named sets that reaches the decision (the engine logs its evidence there) is one sample, out of scope
// or not by its type. Prints the weights to paste into scope.ts, how they decide on the fitted sets and on
// the check sets (figures only: the check sets are not read question by question), and, with --cv, the
// leave-one-part-out figures: fitted on all fitted parts but one, scored on that one, for each in turn.
//   SAHAYAK_SHARED=… node --import tsx bench/scope-fit.ts --fit dev,tune,tune3,tune4 --check tune2 [--cv] [--paths] [--verbose]
// --candidates: the same for each logged signal added as a feature, other penalties, and the name gate made an input.
// --paths: where every question ends up, by the way the engine decided its turn (its "turn decided" log).
// --samples FILE: the questions' evidence is read from FILE if it exists, else extracted and written there
// (a fit then takes seconds, not a run of the engine).
// The test part is refused: it is never tuned on, nor looked at.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { loadConfig } from "../src/config.js";
import { DialogueEngine, newContext } from "../src/dialogue/index.js";
import { SCOPE_FEATURES, WEIGHTS, type ScopeEvidence } from "../src/dialogue/scope.js";
import { loadEvalQuestions, type EvalQuestion, type QuestionPart } from "./eval/set.js";
import { fitBalancedLogistic, logisticProbability } from "./fit/logistic.js";
import { loadQuestions } from "./questions.js";
import { withEngine } from "./fit/engine-run.js";

/** The L2 penalty and iterations the weights are fitted with. */
const L2 = 0.02;
const ITERATIONS = 4000;
const STEP = 0.5;
/** Sets whose questions may be read one by one; the others are reported as figures only. */
const READABLE_SETS = new Set(["dev", "tune", "tune3", "tune4", "tune6"]);

/** One question as the engine decided it. */
interface Question {
  set: string;
  out: boolean;
  type: string;
  /** The question and its id (readable sets only). */
  note: string;
  /** The way the engine decided the turn, and the action it took. */
  by: string;
  action: string;
  /** The scope evidence at the turn's decision (once a name was looked for). */
  evidence?: ScopeEvidence;
  /** A name the knowledge base lacks: the evidence of the rest of the question, its words taken out. */
  rest?: ScopeEvidence;
  /** The evidence the in-scope decision weighed, when the question reached it. */
  scope?: ScopeEvidence;
  /** A kind of help and its group named: kept in scope whatever the decision. */
  kindForGroup?: boolean;
  /** Other signals of the reading at the decision (candidate features). */
  signals?: Record<string, number | boolean>;
}

interface Sample {
  set: string;
  x: number[];
  out: boolean;
  note: string;
  kindForGroup: boolean;
}

const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return (at >= 0 ? process.argv[at + 1] : undefined) ?? fallback;
};
const fitSets = arg("fit", "dev,tune,tune3,tune4").split(",");
const checkSets = arg("check", "tune2").split(",").filter(Boolean);
const samplesFile = arg("samples", "");
if ([...fitSets, ...checkSets].includes("test")) throw new Error("the test part is never fitted on nor checked here");

function load(set: string): EvalQuestion[] {
  return set === "dev" ? loadQuestions() : loadEvalQuestions(set as QuestionPart);
}

interface Logged {
  scope?: ScopeEvidence;
  kindForGroup?: boolean;
  signals?: Record<string, number | boolean>;
  decided?: { by: string; action: string; evidence?: ScopeEvidence; rest?: ScopeEvidence };
}

/** Every question of a set with the way the engine decided it and the evidence it had. */
async function decide(engine: DialogueEngine, seen: Logged[], set: string): Promise<Question[]> {
  const out: Question[] = [];
  for (const q of load(set)) {
    const ctx = newContext(q.id);
    if (q.priorTurn) await engine.respond({ text: q.priorTurn.question }, ctx);
    seen.length = 0;
    const reply = await engine.respond({ text: q.question }, ctx);
    const scope = seen.filter((l) => l.scope).at(-1);
    const decided = seen.filter((l) => l.decided).at(-1)?.decided;
    out.push({
      set,
      out: q.type === "out_of_scope",
      type: q.type,
      note: READABLE_SETS.has(set) ? `${q.id} ${q.type} "${q.question}"` : "",
      by: decided?.by ?? `reply.${reply.action}`,
      action: reply.action,
      evidence: decided?.evidence,
      rest: decided?.rest,
      scope: scope?.scope,
      kindForGroup: scope?.kindForGroup,
      signals: scope?.signals,
    });
  }
  return out;
}

async function extract(sets: string[]): Promise<Question[]> {
  const seen: Logged[] = [];
  const onRecord = (record: Logged) => void ((record.scope || record.decided) && seen.push(record));
  return withEngine("scope-fit", async (engine) => {
    const all: Question[] = [];
    for (const set of sets) all.push(...(await decide(engine, seen, set)));
    return all;
  }, { onRecord });
}

/** In scope is the positive class, as inScopeProbability reads the weights. */
function fit(data: Sample[], l2 = L2): number[] {
  return fitBalancedLogistic(data.map((d) => ({ x: d.x, y: !d.out })), { l2, iterations: ITERATIONS, step: STEP });
}

const probability = logisticProbability;

interface Rates {
  refused: number;
  outs: number;
  wronglyRefused: number;
  ins: number;
}

/** How the weights decide the samples: refused (kept in scope when a kind of help and its group are named). */
function rates(w: number[], data: Sample[], threshold: number): Rates {
  const refused = (d: Sample) => probability(w, d.x) < threshold && !d.kindForGroup;
  const outs = data.filter((d) => d.out);
  const ins = data.filter((d) => !d.out);
  return { refused: outs.filter(refused).length, outs: outs.length, wronglyRefused: ins.filter(refused).length, ins: ins.length };
}

const rate = (a: number, n: number) => (n ? (a / n).toFixed(3) : "—");

function describe(label: string, r: Rates): void {
  console.log(`${label}: out of scope refused ${r.refused}/${r.outs} (${rate(r.refused, r.outs)}), in scope refused ${r.wronglyRefused}/${r.ins} (${rate(r.wronglyRefused, r.ins)})`);
}

/** A question's features for the decision, or undefined when it does not reach it. */
type Features = (q: Question) => number[] | undefined;

/** The decision's own features, for the questions that reached it. */
const modelFeatures: Features = (q) => (q.scope ? SCOPE_FEATURES.map((f) => q.scope![f]) : undefined);

/** The samples of the questions that reach the decision. */
const samplesOf = (questions: Question[], features: Features = modelFeatures): Sample[] =>
  questions.flatMap((q) => {
    const x = features(q);
    return x ? [{ set: q.set, x, out: q.out, note: q.note, kindForGroup: q.kindForGroup ?? false }] : [];
  });

/**
 * Leave one part out: for each fitted part, the weights fitted on the others (or the given ones) decide
 * its samples; and the part's end-to-end figures, the questions decided before the model counted as they went.
 */
function crossValidate(
  label: string,
  questions: Question[],
  parts: string[],
  threshold: number,
  opts: { weights?: number[]; features?: Features; l2?: number; quiet?: boolean; check?: Question[] } = {},
): void {
  const features = opts.features ?? modelFeatures;
  const heldOut: { model: Rates; all: Rates }[] = [];
  for (const part of parts) {
    const train = samplesOf(questions.filter((q) => q.set !== part && parts.includes(q.set)), features);
    const own = questions.filter((q) => q.set === part);
    const w = opts.weights ?? fit(train, opts.l2);
    const model = rates(w, samplesOf(own, features), threshold);
    const all = endToEnd(w, own, features, threshold);
    heldOut.push({ model, all });
    if (!opts.quiet) console.log(`  ${label} held out ${part}: model ${model.refused}/${model.outs} refused, ${model.wronglyRefused}/${model.ins} wrongly; end to end ${rate(all.refused, all.outs)} refused, ${rate(all.wronglyRefused, all.ins)} wrongly`);
  }
  const mean = (f: (h: { model: Rates; all: Rates }) => number) => (heldOut.reduce((s, h) => s + f(h), 0) / heldOut.length).toFixed(3);
  const per = opts.quiet ? `  [${parts.map((p, i) => `${p} ${heldOut[i]!.model.refused}/${heldOut[i]!.model.outs},${heldOut[i]!.model.wronglyRefused}/${heldOut[i]!.model.ins}`).join(" ")}]` : "";
  // the check sets (figures only), decided by the weights fitted on every part
  let checked = "";
  if (opts.check?.length) {
    const c = endToEnd(opts.weights ?? fit(samplesOf(questions.filter((q) => parts.includes(q.set)), features), opts.l2), opts.check, features, threshold);
    checked = `; check sets end to end ${rate(c.refused, c.outs)} refused, ${rate(c.wronglyRefused, c.ins)} wrongly`;
  }
  console.log(
    `${label} (leave one part out, mean of ${parts.length}): model refused ${mean((h) => h.model.refused / h.model.outs)}, wrongly ${mean((h) => h.model.wronglyRefused / h.model.ins)}; ` +
      `end to end refused ${mean((h) => h.all.refused / h.all.outs)}, wrongly ${mean((h) => h.all.wronglyRefused / h.all.ins)}${checked}${per}`,
  );
}

/** End to end: a question that reaches the decision is refused as the weights say, any other as the engine did. */
function endToEnd(w: number[], questions: Question[], features: Features, threshold: number): Rates {
  const refused = (q: Question) => {
    const x = features(q);
    return x ? probability(w, x) < threshold && !q.kindForGroup : q.action === "out_of_scope";
  };
  const outs = questions.filter((q) => q.out);
  const ins = questions.filter((q) => !q.out);
  return { refused: outs.filter(refused).length, outs: outs.length, wronglyRefused: ins.filter(refused).length, ins: ins.length };
}

/** Signals the engine logs beside the evidence, each tried as one more feature (--candidates). */
const CANDIDATES: Record<string, (q: Question) => number> = {
  calledAScheme: (q) => (q.signals?.designator ? 1 : 0),
  fieldOnly: (q) => (q.scope?.frame && !q.signals?.designator ? 1 : 0),
  strongField: (q) => (q.signals?.strongField ? 1 : 0),
  asks: (q) => (Number(q.signals?.asks ?? 0) > 0 ? 1 : 0),
  unfamiliarShare: (q) => (q.scope?.content ? Math.min(1, Number(q.signals?.unfamiliar ?? 0) / q.scope.content) : 0),
  narrowingKind: (q) => (Number(q.signals?.telling ?? 0) > 0 ? 1 : 0),
  business: (q) => (q.signals?.business ? 1 : 0),
  plural: (q) => (q.signals?.plural ? 1 : 0),
  contentWords: (q) => Math.log1p(q.scope?.content ?? 0) / Math.log(10),
  kindForGroup: (q) => (q.kindForGroup ? 1 : 0),
};

/** Each candidate feature, several penalties, and the name gate made an input, all judged leaving one part out. */
function candidates(questions: Question[], parts: string[], threshold: number, check: Question[]): void {
  for (const l2 of [L2, 0.05, 0.1]) crossValidate(`features as now, L2 ${l2}`, questions, parts, threshold, { l2, quiet: true, check });
  for (const other of [threshold - 0.1, threshold + 0.1]) crossValidate(`features as now, refused below ${other.toFixed(2)}`, questions, parts, other, { quiet: true, check });
  for (const [name, f] of Object.entries(CANDIDATES)) {
    crossValidate(`+ ${name}`, questions, parts, threshold, { features: (q) => (q.scope ? [...modelFeatures(q)!, f(q)] : undefined), quiet: true, check });
  }
  // the name gate as an input: questions taken as naming a scheme below a name score reach the decision too
  for (const below of [0.7, 0.8, 0.9, 1.01]) {
    const features: Features = (q) => modelFeatures(q) ?? (q.by === "named" && q.evidence && q.evidence.named < below ? SCOPE_FEATURES.map((f) => q.evidence![f]) : undefined);
    crossValidate(`named below ${below} decided by the model`, questions, parts, threshold, { features, quiet: true, check });
  }
}

/** Where the questions end up, by the way their turns were decided; per question for the readable sets with --verbose. */
function paths(questions: Question[]): void {
  const sets = [...new Set(questions.map((q) => q.set))].filter((s) => READABLE_SETS.has(s));
  const readable = questions.filter((q) => READABLE_SETS.has(q.set));
  const ways = [...new Set(readable.map((q) => q.by))].sort();
  console.log(`where questions end up (${sets.join(",")}): way decided — out of scope (refused) | in scope (refused)`);
  for (const by of ways) {
    const here = readable.filter((q) => q.by === by);
    const outs = here.filter((q) => q.out);
    const ins = here.filter((q) => !q.out);
    const refused = (qs: Question[]) => qs.filter((q) => q.action === "out_of_scope").length;
    const perSet = sets.map((s) => `${s} ${outs.filter((q) => q.set === s).length}/${ins.filter((q) => q.set === s).length}`).join(", ");
    console.log(`  ${by.padEnd(20)} out ${String(outs.length).padStart(3)} (${refused(outs)}) | in ${String(ins.length).padStart(3)} (${refused(ins)})   [${perSet}]`);
  }
  // a name the knowledge base lacks: how the rest of each question was judged (readable sets, with --verbose)
  if (!process.argv.includes("--verbose")) return;
  for (const q of readable.filter((q) => q.rest)) {
    const p = probability(current, SCOPE_FEATURES.map((f) => q.rest![f]));
    console.log(`  ${q.by.padEnd(22)} rest ${p.toFixed(2)} (${q.rest!.content} words) ${q.action.padEnd(12)} ${q.note}`);
  }
}

const threshold = loadConfig({ overrides: {} }).dialogue.minInScopeProbability;
const sets = [...new Set([...fitSets, ...checkSets])];
let questions: Question[];
if (samplesFile && existsSync(samplesFile)) {
  questions = (JSON.parse(readFileSync(samplesFile, "utf8")) as Question[]).filter((q) => sets.includes(q.set));
} else {
  questions = await extract(sets);
  if (samplesFile) writeFileSync(samplesFile, JSON.stringify(questions));
}
const fitQuestions = questions.filter((q) => fitSets.includes(q.set));
const fitData = samplesOf(fitQuestions);
const current = [WEIGHTS.bias, ...SCOPE_FEATURES.map((f) => WEIGHTS[f])];
describe(`current weights on (${fitSets.join(",")}), ${fitData.length} reach the decision`, rates(current, fitData, threshold));
for (const set of checkSets) describe(`current weights on ${set}`, rates(current, samplesOf(questions.filter((q) => q.set === set)), threshold));
const w = fit(fitData);
console.log(`weights (fitted on ${fitSets.join(" + ")}, L2 ${L2}, classes balanced):`);
console.log(`{ bias: ${w[0]!.toFixed(2)}, ${SCOPE_FEATURES.map((f, i) => `${f}: ${w[i + 1]!.toFixed(2)}`).join(", ")} }`);
describe(`fitted on (${fitSets.join(",")})`, rates(w, fitData, threshold));
for (const set of checkSets) describe(`check ${set}`, rates(w, samplesOf(questions.filter((q) => q.set === set)), threshold));
if (process.argv.includes("--cv")) {
  const check = questions.filter((q) => checkSets.includes(q.set));
  crossValidate("current weights", fitQuestions, fitSets, threshold, { weights: current, check });
  crossValidate("refitted", fitQuestions, fitSets, threshold, { check });
}
if (process.argv.includes("--candidates")) candidates(fitQuestions, fitSets, threshold, questions.filter((q) => checkSets.includes(q.set)));
if (process.argv.includes("--paths")) paths(questions);
if (process.argv.includes("--verbose")) {
  for (const d of fitData.filter((d) => READABLE_SETS.has(d.set))) {
    const p = probability(w, d.x);
    const wrong = (p < threshold && !d.kindForGroup) === !d.out;
    console.log(`${wrong ? "MISS" : "ok  "} p=${p.toFixed(2)} ${SCOPE_FEATURES.map((f, i) => `${f}=${d.x[i]!.toFixed(2)}`).join(" ")} ${d.set} ${d.note}`);
  }
  for (const q of questions.filter((q) => READABLE_SETS.has(q.set) && !q.scope && (q.out !== (q.action === "out_of_scope")))) console.log(`BEFORE ${q.by} → ${q.action} ${q.set} ${q.note}`);
}
