// Fits the name scorer's calibration (config speech.asr.names.calibration) on synthesised calls that
// belong to no evaluation set: schemes drawn at random from the knowledge base (flagship ones more
// often, as callers ask for them more), one of each scheme's names (as written, or one of its shorter
// spoken forms) put into a caller's sentence from a fixed list of carriers written here, spoken by flite's rms and slt voices through μ-law 8 kHz,
// recognised as a call is (modified beam search with the scheme hotwords, plus the greedy reading);
// and some sentences that name no scheme at all. Every exactly scored name gives one row: positive
// when it is a name of the scheme asked about and its words were said, negative when it belongs to
// another scheme. Logistic regression on those rows gives the name model's coefficients (two rounds,
// since the prefilter ranks names by the model being fitted); a second one, on each utterance's schemes
// (best name logit, margin over the best other scheme; right when it is the scheme asked about), the
// scheme stage. Prints both and, from a 4-fold split by utterance, how well the reported scores are
// calibrated.
//
//   node --import tsx bench/name-calibration.ts [--utterances 300] [--seed 7]
import { float32ToInt16 } from "../src/audio/index.js";
import type { SchemeMeta } from "../src/knowledge/index.js";
import { buildHotwords, loadAsrEngine } from "../src/speech/asr/index.js";
import { coefficientVector, fitCalibration, fitSchemeCalibration, type NameCalibration, type NameFeatures, type SchemeCalibration, type SchemeScore } from "../src/speech/asr/name-calibration.js";
import { loadNameScorer, type NameScorer } from "../src/speech/asr/name-scorer.js";
import { spokenForm, spokenNames } from "../src/speech/asr/spoken-names.js";
import { transcribeWav } from "../src/speech/transcribe.js";
import { mulberry32 } from "./caller-voice.js";
import { withSpeechKb } from "./questions.js";
import { synthesise, telephone } from "./speech.js";

/** How callers put a name into a question (written for this calibration; no evaluation phrasing). */
const CARRIERS = [
  "tell me about {}",
  "what is {}",
  "how can I apply for {}",
  "who can get {}",
  "what papers do I need for {}",
  "I want to know about the {}",
  "{} ke baare mein bataiye",
  "how much money will I get from {}",
  "{}",
  "is {} still open",
  "my mother wants to join {}, what should she do",
  "please explain the benefits of {}",
  "I have a question about {}",
  "{} kaise milega",
];

/** Sentences that name no scheme (general requests, small talk, other topics). */
const NO_NAME = [
  "hello is anyone there",
  "I need some help with a government scheme",
  "which schemes are there for farmers",
  "can you repeat that please",
  "what is the weather going to be tomorrow",
  "I want a loan for my small shop",
  "my husband died last year, what help can I get",
  "who won the match yesterday",
  "how do I open a bank account",
  "please connect me to an officer",
  "mujhe koi yojana batao",
  "I am a student and I need money for my studies",
  "what time does the office open",
  "thank you very much",
  "is there any pension for old people",
];

const VOICES = ["flite:rms", "flite:slt"];
/** Every exactly scored name is wanted back, and no deadline cuts a calibration run short. */
const EXPLAIN_ALL = 10_000;
const CALIBRATION_DEADLINE_MS = 600_000;
const NO_NAME_SHARE = 0.15;

/** Longest official name a caller is taken to read out whole. */
const MAX_SAID_WORDS = 10;
/** Longest of the scheme's shorter spoken forms ("Atal Pension", "P M Kisan") a caller says instead. */
const MAX_SHORT_FORM_WORDS = 5;
/** Share of callers saying a name as written (the rest say one of its shorter spoken forms). */
const WRITTEN_SHARE = 0.5;

/**
 * The names a caller might say: the official name when it is not too long, the aliases, and a short
 * title that is either a short acronym or made of words (callers do not spell "MMAJEAJCSPY").
 */
function writtenNames(s: SchemeMeta): string[] {
  const bare = s.name.replace(/\([^)]*\)/g, " ").replace(/\s+/g, " ").trim();
  const shortOk = /[a-z]{3}/.test(s.shortTitle) || /^[A-Z]{2,5}$/.test(s.shortTitle.replace(/[-\s]/g, ""));
  const names = [bare.split(" ").length <= MAX_SAID_WORDS ? bare : "", shortOk ? s.shortTitle : "", ...s.aliases];
  return [...new Set(names.filter((n) => n && !/[\u0900-\u0dff]/.test(n) && /[a-z]/i.test(n)))];
}

export interface Utterance {
  text: string;
  voice: string;
  gold: string | null;
  /** The sentence in spoken upper-case words, to tell which names were said. */
  spoken: string;
  audio: Int16Array;
  matched: string[];
}

export interface Row {
  utterance: number;
  schemeId: string;
  features: NameFeatures;
  said: boolean;
}

/** Synthesised, recognised utterances: deterministic for a seed. */
export async function calibrationUtterances(count: number, seed: number, work: string, schemes: readonly SchemeMeta[], recognise: (wav: ReturnType<typeof telephone>) => Promise<string[]>, matchNames: (t: string) => { schemeId: string }[]): Promise<Utterance[]> {
  const random = mulberry32(seed);
  const pool = schemes.filter((s) => writtenNames(s).length > 0);
  const weights = pool.map((s) => 0.2 + s.prior);
  const total = weights.reduce((a, b) => a + b, 0);
  const draw = (): SchemeMeta => {
    let r = random() * total;
    for (let i = 0; i < pool.length; i++) if ((r -= weights[i]!) <= 0) return pool[i]!;
    return pool[pool.length - 1]!;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const out: Utterance[] = [];
  for (let n = 0; n < count; n++) {
    const voice = VOICES[n % VOICES.length]!;
    let text: string;
    let gold: string | null = null;
    if (random() < NO_NAME_SHARE) text = pick(NO_NAME);
    else {
      const scheme = draw();
      gold = scheme.schemeId;
      const short = spokenNames(scheme)
        .map((n) => n.text)
        .filter((t) => t.split(" ").length <= MAX_SHORT_FORM_WORDS);
      const name = random() < WRITTEN_SHARE || short.length === 0 ? pick(writtenNames(scheme)) : pick(short).toLowerCase();
      text = pick(CARRIERS).replace("{}", name);
    }
    const wav = telephone(synthesise(voice, text, work));
    const readings = await recognise(wav);
    const matched = [...new Set(readings.flatMap((r) => matchNames(r).slice(0, 5).map((m) => m.schemeId)))];
    out.push({ text, voice, gold, spoken: ` ${spokenForm(text)} `, audio: float32ToInt16(wav.samples), matched });
  }
  return out;
}

/**
 * Scores every utterance: one row per exactly scored name (a name of the asked scheme that was not said
 * is left out), each scheme's best name logit, and what the scorer reported.
 */
export async function calibrationRows(scorer: NameScorer, utterances: readonly Utterance[], calibration?: NameCalibration, schemeCalibration?: SchemeCalibration): Promise<{ rows: Row[]; schemes: SchemeScore[][]; heard: { schemeId: string; score: number }[][] }> {
  const rows: Row[] = [];
  const heard: { schemeId: string; score: number }[][] = [];
  const schemes: SchemeScore[][] = [];
  for (const [i, u] of utterances.entries()) {
    const r = await scorer.score(u.audio, 8000, { schemeIds: u.matched, explain: EXPLAIN_ALL, calibration, schemeCalibration, deadlineMs: CALIBRATION_DEADLINE_MS });
    heard.push(r.heardNames);
    const best = new Map<string, number>();
    for (const n of r.explained ?? []) if (Number.isFinite(n.logit) && n.logit > (best.get(n.schemeId) ?? -Infinity)) best.set(n.schemeId, n.logit);
    schemes.push([...best.entries()].map(([schemeId, logit]) => ({ schemeId, logit })));
    for (const n of r.explained ?? []) {
      const ofGold = n.schemeId === u.gold;
      const said = ofGold && u.spoken.includes(` ${n.text} `);
      if (ofGold && !said) continue;
      rows.push({ utterance: i, schemeId: n.schemeId, features: n.features, said });
    }
  }
  return { rows, schemes, heard };
}

/** Scheme-level reliability: heard scores in bins against how often that scheme was the one asked about. */
export function reliability(utterances: readonly Utterance[], heard: readonly { schemeId: string; score: number }[][]): { bin: string; n: number; meanScore: number; rightRate: number }[] {
  const bins = [0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0001];
  const acc = bins.slice(1).map(() => ({ n: 0, score: 0, right: 0 }));
  heard.forEach((h, i) => {
    for (const x of h) {
      const b = bins.findIndex((edge, k) => x.score >= edge && x.score < bins[k + 1]!);
      const a = acc[b]!;
      a.n++;
      a.score += x.score;
      if (x.schemeId === utterances[i]!.gold) a.right++;
    }
  });
  return acc.map((a, k) => ({ bin: `${bins[k]!.toFixed(1)}–${Math.min(1, bins[k + 1]!).toFixed(1)}`, n: a.n, meanScore: a.n ? a.score / a.n : NaN, rightRate: a.n ? a.right / a.n : NaN }));
}

async function main(): Promise<void> {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const count = arg("utterances", 300);
  const seed = arg("seed", 7);
  await withSpeechKb("sahayak-name-calibration-", async ({ work, config, kb }) => {
    const asr = await loadAsrEngine(config, ["en"], buildHotwords(kb.store.meta()));
    const scorer = (await loadNameScorer(config.modelsDir, config.speech.asr.names, kb.store.meta()))!;
    const utterances = await calibrationUtterances(
      count,
      seed,
      work,
      kb.store.meta(),
      async (wav) => {
        const r = await transcribeWav(asr, wav, "en");
        return [r.text, ...r.alternatives.map((a) => a.text)];
      },
      (t) => kb.search.matchNames(t),
    );
    console.error(`${utterances.length} utterances (${utterances.filter((u) => u.gold).length} naming a scheme), ${scorer.names} names`);
    let calibration = config.speech.asr.names.calibration;
    for (let round = 1; round <= 2; round++) {
      const { rows } = await calibrationRows(scorer, utterances, calibration);
      calibration = fitCalibration(rows);
      console.error(`round ${round}: ${rows.length} names scored, ${rows.filter((r) => r.said).length} of them said → ${JSON.stringify(coefficientVector(calibration).map((v) => +v.toFixed(3)))}`);
    }
    const { rows, schemes } = await calibrationRows(scorer, utterances, calibration);
    const schemeCalibration = fitSchemeCalibration(schemes.map((s, i) => ({ scores: s, gold: utterances[i]!.gold })));
    // held out: both stages fitted on three quarters of the utterances, the fourth judged
    const folds = 4;
    const heldOut: { schemeId: string; score: number }[][] = [];
    for (let f = 0; f < folds; f++) {
      const train = (i: number) => i % folds !== f;
      const names = fitCalibration(rows.filter((r) => train(r.utterance)));
      const test = utterances.filter((_, i) => !train(i));
      const trainSchemes = (await calibrationRows(scorer, utterances.filter((_, i) => train(i)), names)).schemes;
      const schemeStage = fitSchemeCalibration(trainSchemes.map((s, k) => ({ scores: s, gold: utterances.filter((_, i) => train(i))[k]!.gold })));
      const { heard } = await calibrationRows(scorer, test, names, schemeStage);
      heard.forEach((h, k) => (heldOut[k * folds + f] = h));
    }
    console.error("held-out reliability of heardNames (score bin, schemes reported, mean score, share that were the scheme asked about):");
    for (const r of reliability(utterances, heldOut)) console.error(`  ${r.bin}  n=${String(r.n).padStart(4)}  mean ${r.meanScore.toFixed(2)}  right ${r.rightRate.toFixed(2)}`);
    const asking = utterances.filter((u) => u.gold).length;
    const top = (k: number) => heldOut.filter((h, i) => utterances[i]!.gold && h.slice(0, k).some((x) => x.schemeId === utterances[i]!.gold)).length;
    console.error(`held-out: the scheme asked about first in ${top(1)} of ${asking} utterances naming one, among the first 3 in ${top(3)}`);
    const round3 = (o: object) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, +(v as number).toFixed(3)]));
    console.log(JSON.stringify({ calibration: round3(calibration), schemeCalibration: round3(schemeCalibration) }));
    await Promise.all([asr.close(), scorer.close()]);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
