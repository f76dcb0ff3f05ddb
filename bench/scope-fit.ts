// Refits the in-scope decision's weights (src/dialogue/scope.ts) on labelled questions: every question of
// the named parts that reaches the decision (the engine logs its evidence there) is one sample, out of scope
// or not by its type. Prints the weights to paste into scope.ts and, with --cv, the leave-one-part-out
// figures: fitted on all parts but one, scored on that one, for each in turn — the current weights beside
// the refit, with the decision's threshold (config dialogue.refuseBelowInScope) fitted too.
// A question is decided as engine.ts decides it: refused below the threshold unless a keep that holds
// whatever the weights (a kind of help and its group named, help asked for people …) or the asking part's
// own evidence keeps it, and asked again instead when too little of it was made out. Figures are end to
// end: a question that does not reach the decision counts as the engine answered it.
// The objective (fixed before any fit at stop 44): per part, out of scope refused − K × in scope wrongly
// refused, K = 2.5 (the issue's targets, refused ≥ 95 % and wrongly ≤ 2 %, allow 5 and 2 misses in a hundred:
// one wrongly refused question costs as much as 2.5 let through); its mean over all parts and over the
// newest (--newest). A refit is kept only if it beats the current weights on both means and neither mean
// of wrongly refused goes over 2 %.
//   SAHAYAK_SHARED=… node --import tsx bench/scope-fit.ts --fit dev,tune,tune3,… --newest tune10,… [--check tune2] [--cv] [--per-part] [--paths] [--verbose]
// --candidates: the same for each logged signal added as a feature, other penalties, only the questions the
// weights decide, and the name gate made an input.
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
import { NEWEST_PARTS, TUNING_PARTS, chooseParts } from "./fit/parts.js";
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
  /** Any keep of engine.ts that holds whatever the weights (kindForGroup among them). */
  keptAnyway?: boolean;
  /** The evidence of the part of the question that asks, when only a part does: kept when it is in scope. */
  asked?: ScopeEvidence;
  /** Too little of the question made out: a refusal is asked again instead. */
  notMadeOut?: boolean;
  /** Other signals of the reading at the decision (candidate features). */
  signals?: Record<string, number | boolean>;
}

const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return (at >= 0 ? process.argv[at + 1] : undefined) ?? fallback;
};
// (tuning parts only: a check part named is refused)
const fitSets = chooseParts(arg("fit", TUNING_PARTS.join(",")));
const newestSets = arg("newest", [...NEWEST_PARTS].join(",")).split(",").filter((p) => fitSets.includes(p));
const checkOption = arg("check", "");
const checkSets = checkOption ? chooseParts(checkOption, true) : [];
const samplesFile = arg("samples", "");
/** What one wrongly refused in-scope question costs, in out-of-scope questions let through (see the head). */
const K = Number(arg("k", "2.5"));
/** The most wrongly refused a kept refit may have, on either mean. */
const MAX_WRONGLY = 0.02;
/** The thresholds a fit may choose among. */
const THRESHOLDS = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7];

function load(set: string): EvalQuestion[] {
  return set === "dev" ? loadQuestions() : loadEvalQuestions(set as QuestionPart);
}

interface Logged {
  scope?: ScopeEvidence;
  kindForGroup?: boolean;
  keptAnyway?: boolean;
  asked?: ScopeEvidence;
  notMadeOut?: boolean;
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
      keptAnyway: scope?.keptAnyway,
      asked: scope?.asked,
      notMadeOut: scope?.notMadeOut,
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

/** A question's evidence where it reaches the decision, or undefined when it does not. */
type Reach = (q: Question) => ScopeEvidence | undefined;
/** The features of a piece of evidence of a question (the question for its other logged signals). */
type Features = (q: Question, e: ScopeEvidence) => number[];

/** How a variant reads the questions: where they reach the decision, with what features, trained on which. */
interface Reader {
  reach: Reach;
  features: Features;
  /** Only the questions whose fate the weights decide (no keep holds) are trained on. */
  decidedOnly?: boolean;
}

const modelFeatures: Features = (_q, e) => SCOPE_FEATURES.map((f) => e[f]);
const AS_NOW: Reader = { reach: (q) => q.scope, features: modelFeatures };

/** In scope is the positive class, as inScopeProbability reads the weights. */
function fit(questions: Question[], reader: Reader, l2 = L2): number[] {
  const rows = questions.flatMap((q) => {
    const e = reader.reach(q);
    if (!e || (reader.decidedOnly && (q.kindForGroup || q.keptAnyway))) return [];
    return [{ x: reader.features(q, e), y: !q.out }];
  });
  return fitBalancedLogistic(rows, { l2, iterations: ITERATIONS, step: STEP });
}

const probability = logisticProbability;

/** Whether the engine would refuse the question with weights `w` refusing below `threshold`, as engine.ts decides. */
function refused(w: number[], q: Question, reader: Reader, threshold: number): boolean {
  const e = reader.reach(q);
  if (!e) return q.action === "out_of_scope";
  if (probability(w, reader.features(q, e)) >= threshold) return false;
  if (q.kindForGroup || q.keptAnyway) return false;
  if (q.asked && probability(w, reader.features(q, q.asked)) >= threshold) return false;
  return !q.notMadeOut;
}

interface Rates {
  refused: number;
  wrongly: number;
}

/** A part's end-to-end rates: out of scope refused, in scope wrongly refused. */
function partRates(w: number[], questions: Question[], reader: Reader, threshold: number): Rates {
  const outs = questions.filter((q) => q.out);
  const ins = questions.filter((q) => !q.out);
  const share = (qs: Question[]) => (qs.length ? qs.filter((q) => refused(w, q, reader, threshold)).length / qs.length : 0);
  return { refused: share(outs), wrongly: share(ins) };
}

const objective = (r: Rates) => r.refused - K * r.wrongly;
const meanOf = (rs: Rates[], f: (r: Rates) => number) => (rs.length ? rs.reduce((s, r) => s + f(r), 0) / rs.length : 0);

/** The threshold that maximises the parts' mean objective with their mean wrongly refused at most 2 % (else the config's). */
function fitThreshold(w: number[], questions: Question[], parts: string[], reader: Reader, fallback: number): number {
  let best = { threshold: fallback, score: -Infinity };
  for (const t of THRESHOLDS) {
    const rs = parts.map((p) => partRates(w, questions.filter((q) => q.set === p), reader, t));
    if (meanOf(rs, (r) => r.wrongly) > MAX_WRONGLY) continue;
    const score = meanOf(rs, objective);
    if (score > best.score + 1e-9) best = { threshold: t, score };
  }
  return best.threshold;
}

interface Variant {
  label: string;
  reader?: Reader;
  /** Fixed weights (none: fitted on the other parts). */
  weights?: number[];
  l2?: number;
  /** Fit the threshold on the other parts too (else the config's). */
  tuneThreshold?: boolean;
}

interface Verdict {
  all: { objective: number; refused: number; wrongly: number };
  newest: { objective: number; refused: number; wrongly: number };
}

/**
 * Leave one part out: for each part, the weights (and threshold) fitted on the others (or the fixed ones)
 * decide it end to end. Prints the means over all parts and over the newest, and each part with --per-part.
 */
function crossValidate(v: Variant, questions: Question[], parts: string[], threshold: number): Verdict {
  const reader = v.reader ?? AS_NOW;
  const byPart = new Map<string, Rates>();
  const thresholds: number[] = [];
  for (const part of parts) {
    const others = parts.filter((p) => p !== part);
    const train = questions.filter((q) => others.includes(q.set));
    const w = v.weights ?? fit(train, reader, v.l2);
    const t = v.tuneThreshold ? fitThreshold(w, train, others, reader, threshold) : threshold;
    thresholds.push(t);
    byPart.set(part, partRates(w, questions.filter((q) => q.set === part), reader, t));
  }
  const summary = (ps: string[]) => {
    const rs = ps.map((p) => byPart.get(p)!);
    return { objective: meanOf(rs, objective), refused: meanOf(rs, (r) => r.refused), wrongly: meanOf(rs, (r) => r.wrongly) };
  };
  const verdict = { all: summary(parts), newest: summary(newestSets) };
  const f = (x: number) => x.toFixed(3);
  const ts = [...new Set(thresholds)].map((t) => t.toFixed(2)).join("/");
  console.log(
    `${v.label.padEnd(44)} all ${parts.length}: objective ${f(verdict.all.objective)} (refused ${f(verdict.all.refused)}, wrongly ${f(verdict.all.wrongly)}); ` +
      `newest ${newestSets.length}: objective ${f(verdict.newest.objective)} (refused ${f(verdict.newest.refused)}, wrongly ${f(verdict.newest.wrongly)}); threshold ${ts}`,
  );
  if (process.argv.includes("--per-part")) console.log(`    ${parts.map((p) => `${p} ${f(byPart.get(p)!.refused)}/${f(byPart.get(p)!.wrongly)}`).join("  ")}`);
  return verdict;
}

/** Whether a variant is kept over the current weights: better on both means, wrongly refused within 2 % on both. */
function beats(v: Verdict, current: Verdict): boolean {
  return v.all.objective > current.all.objective && v.newest.objective > current.newest.objective && v.all.wrongly <= MAX_WRONGLY && v.newest.wrongly <= MAX_WRONGLY;
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
};

/** Each candidate feature, several penalties, the questions the weights decide only, and the name gate made an input. */
function candidates(questions: Question[], parts: string[], threshold: number, current: Verdict): void {
  const report = (v: Variant) => {
    const verdict = crossValidate(v, questions, parts, threshold);
    if (beats(verdict, current)) console.log(`    ^ beats the current weights`);
  };
  for (const l2 of [0.05, 0.1, 0.3]) report({ label: `refitted, L2 ${l2}, threshold fitted`, l2, tuneThreshold: true });
  report({ label: "refitted on the decided only, threshold fitted", reader: { ...AS_NOW, decidedOnly: true }, tuneThreshold: true });
  for (const [name, f] of Object.entries(CANDIDATES)) {
    report({ label: `+ ${name}, threshold fitted`, reader: { ...AS_NOW, features: (q, e) => [...modelFeatures(q, e), f(q)] }, tuneThreshold: true });
  }
  // the name gate as an input: questions taken as naming a scheme below a name score reach the decision too
  for (const below of [0.7, 0.8, 0.9]) {
    const reach: Reach = (q) => q.scope ?? (q.by === "named" && q.evidence && q.evidence.named < below ? q.evidence : undefined);
    report({ label: `named below ${below} decided by the model`, reader: { ...AS_NOW, reach }, tuneThreshold: true });
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

const threshold = loadConfig({ overrides: {} }).dialogue.refuseBelowInScope;
const sets = [...new Set([...fitSets, ...checkSets])];
let questions: Question[];
if (samplesFile && existsSync(samplesFile)) {
  questions = (JSON.parse(readFileSync(samplesFile, "utf8")) as Question[]).filter((q) => sets.includes(q.set));
} else {
  questions = await extract(sets);
  if (samplesFile) writeFileSync(samplesFile, JSON.stringify(questions));
}
const fitQuestions = questions.filter((q) => fitSets.includes(q.set));
const reaching = fitQuestions.filter((q) => q.scope).length;
const current = [WEIGHTS.bias, ...SCOPE_FEATURES.map((f) => WEIGHTS[f])];
console.log(`objective per part: out of scope refused − ${K} × in scope wrongly refused (end to end); ${reaching} of ${fitQuestions.length} questions of ${fitSets.join(",")} reach the decision`);
const w = fit(fitQuestions, AS_NOW);
const t = fitThreshold(w, fitQuestions, fitSets, AS_NOW, threshold);
console.log(`weights (fitted on ${fitSets.join(" + ")}, L2 ${L2}, classes balanced), refusing below ${t.toFixed(2)} (dialogue.refuseBelowInScope):`);
console.log(`{ bias: ${w[0]!.toFixed(2)}, ${SCOPE_FEATURES.map((f, i) => `${f}: ${w[i + 1]!.toFixed(2)}`).join(", ")} }`);
for (const set of checkSets) {
  const r = partRates(current, questions.filter((q) => q.set === set), AS_NOW, threshold);
  const n = partRates(w, questions.filter((q) => q.set === set), AS_NOW, t);
  console.log(`check ${set} end to end: current ${r.refused.toFixed(3)} refused, ${r.wrongly.toFixed(3)} wrongly; refitted ${n.refused.toFixed(3)}, ${n.wrongly.toFixed(3)}`);
}
if (process.argv.includes("--cv") || process.argv.includes("--candidates")) {
  const now = crossValidate({ label: "current weights", weights: current }, fitQuestions, fitSets, threshold);
  const nowT = crossValidate({ label: "current weights, threshold fitted", weights: current, tuneThreshold: true }, fitQuestions, fitSets, threshold);
  const refit = crossValidate({ label: "refitted (threshold as the config's)" }, fitQuestions, fitSets, threshold);
  const refitT = crossValidate({ label: "refitted, threshold fitted", tuneThreshold: true }, fitQuestions, fitSets, threshold);
  for (const [label, v] of [["current weights, threshold fitted", nowT], ["refitted", refit], ["refitted, threshold fitted", refitT]] as const) console.log(`${label}: ${beats(v, now) ? "beats" : "does not beat"} the current weights`);
  if (process.argv.includes("--candidates")) candidates(fitQuestions, fitSets, threshold, now);
}
if (process.argv.includes("--paths")) paths(questions);
if (process.argv.includes("--verbose")) {
  for (const q of fitQuestions.filter((q) => q.scope && READABLE_SETS.has(q.set))) {
    const p = probability(w, modelFeatures(q, q.scope!));
    const wrong = refused(w, q, AS_NOW, t) !== q.out;
    console.log(`${wrong ? "MISS" : "ok  "} p=${p.toFixed(2)} ${SCOPE_FEATURES.map((f) => `${f}=${q.scope![f].toFixed(2)}`).join(" ")} ${q.set} ${q.note}`);
  }
  for (const q of questions.filter((q) => READABLE_SETS.has(q.set) && !q.scope && (q.out !== (q.action === "out_of_scope")))) console.log(`BEFORE ${q.by} → ${q.action} ${q.set} ${q.note}`);
}
