// Answers for the ear, composed from a record's own words (units.ts cuts a record into sentences). The
// sentences are ranked by the evidence unit-evidence.ts finds for them (what the question asks for, the
// caller's words, how likely the field is to hold the answer), weighed here; the best few are said in their
// original order within about 40 words, and "more" continues down the ranking. Figures are never changed;
// each segment is marked with its language.
import type { Asks } from "./nlu.js";
import { prompts } from "./prompts.js";
import { hasMoney, wordCount, type Unit } from "./units.js";
import { answersKind, unitEvidence, type QuestionWords, type UnitEvidence } from "./unit-evidence.js";
import type { AnswerLang, Cursor, Field, Reply, Segment } from "./types.js";

/** FAQ answers speak to questions of any field, a little less surely than the field itself. */
const FAQ_PRIOR = 0.5;
/** What a unit of a likely field scores with nothing else for it. */
const BASE_SCORE = 1;
/** The question's words count up to this many rarest words' worth. */
const MAX_OVERLAP = 3;
/** Weight of the question's words (their share, up to MAX_OVERLAP words' worth). */
const OVERLAP_WEIGHT = 1;
/** Weight of holding the kind of fact asked for (an amount, an age, a time). */
const KIND_WEIGHT = 0.8;
/** Each earlier sentence of a field leads the next by this share of its score, down to POSITION_FLOOR. */
const POSITION_STEP = 0.02;
const POSITION_FLOOR = 0.8;
/** A sentence without the kind of fact asked for counts this much. */
const KIND_MISSING = 0.6;
/** An English unit in a Hindi answer, where the field has the record's Hindi, counts this much. */
const FOREIGN_UNIT_FACTOR = 0.5;
/** Units scoring at least this share of the best are said with it (up to MAX_PICKED). */
const PICK_SHARE = 0.7;
/** A unit scoring at least this share of the best may be said past the budget (within BUDGET_STRETCH). */
const STRETCH_SHARE = 0.8;
const MAX_PICKED = 3;
/** A sentence of income limits that leave out the caller's own income holds this share of the kind asked. */
const INCOME_UNFIT = 0.3;
/** The best sentence of a kind asked that the picked lack is said too when it scores this share of the best. */
const COVER_SHARE = 0.4;

/** A sentence this short may still follow when the budget is nearly used. */
const SHORT_SENTENCE_WORDS = 10;
/** A start shorter than this share of the budget may take one longer sentence… */
const SHORT_START = 0.6;
/** …up to this share of the budget in all. */
const BUDGET_STRETCH = 1.35;

/**
 * Whether `n` more words fit after `used`, "about" the budget: a short start may take one longer sentence
 * rather than stop half-said, and a long sentence may be followed by one short one ("Each farmer will
 * receive a 60% subsidy.").
 */
function fitsBudget(used: number, n: number, budget: number): boolean {
  return used + n <= budget || ((used < budget * SHORT_START || n <= SHORT_SENTENCE_WORDS) && used + n <= budget * BUDGET_STRETCH);
}

export interface Ranking {
  /** Unit indices in the order they are said (picked first, in their record order), then the rest. */
  order: number[];
  /** How many units lead the order as the answer to this question. */
  picked: number;
  /** Units that share a word with the question or hold the kind of fact asked for. */
  matched: number;
  /** The field of the best unit. */
  field: Field;
}

/**
 * The ranker's weights: how much each piece of evidence counts and how many sentences an answer takes. The
 * defaults are the hand-set constants above. They were checked against a refit (2026-12-06,
 * `node --import tsx bench/facts-fit.ts --extract` then `node --import tsx bench/facts-fit.ts`, on dev, tune,
 * tune3 and tune4, leave one part out): the hand weights say all of an answer's facts for 0.876 of the held-out
 * questions, and no coordinate search over these weights (nor a pairwise-fitted log-linear score) did better
 * held out, so they stay as set by hand.
 */
export interface RankWeights {
  base: number;
  overlap: number;
  maxOverlap: number;
  kind: number;
  kindMissing: number;
  faqPrior: number;
  positionStep: number;
  positionFloor: number;
  foreignUnit: number;
  incomeUnfit: number;
  pickShare: number;
  stretchShare: number;
  maxPicked: number;
  coverShare: number;
  /** How far past the budget a sentence nearly as good as the best may take the answer. */
  budgetStretch: number;
  /** A unit holding the kind of fact asked is said with the best from this share of its score. */
  kindPickShare: number;
}

export const RANK_WEIGHTS: Readonly<RankWeights> = {
  base: BASE_SCORE,
  overlap: OVERLAP_WEIGHT,
  maxOverlap: MAX_OVERLAP,
  kind: KIND_WEIGHT,
  kindMissing: KIND_MISSING,
  faqPrior: FAQ_PRIOR,
  positionStep: POSITION_STEP,
  positionFloor: POSITION_FLOOR,
  foreignUnit: FOREIGN_UNIT_FACTOR,
  incomeUnfit: INCOME_UNFIT,
  pickShare: PICK_SHARE,
  stretchShare: STRETCH_SHARE,
  maxPicked: MAX_PICKED,
  coverShare: COVER_SHARE,
  budgetStretch: BUDGET_STRETCH,
  kindPickShare: PICK_SHARE,
};

/**
 * Ranks a record's units for a question about `field` that asks for `asks` with these words. Without
 * any word or kind to go by, the field is said as it is written (a list in its order).
 */
export function rankUnits(pool: Unit[], field: Field, q: QuestionWords, asks: Asks[], budget: number, lang: AnswerLang = "en", fieldAsked = true, callerIncome?: number, whether = false, callerAge?: number): Ranking {
  return selectUnits(pool, unitEvidence(pool, field, q, asks, lang, fieldAsked, callerIncome, whether, callerAge), field, budget);
}

/** The score of each unit of a pool by its evidence and the weights. */
export function unitScores(pool: Unit[], ev: UnitEvidence, w: Readonly<RankWeights> = RANK_WEIGHTS): number[] {
  return pool.map((u, index) => {
    const kind = ev.kind[index] ? (ev.leavesOut[index] ? w.incomeUnfit : 1) : 0;
    const langFactor = ev.foreign[index] ? w.foreignUnit : 1;
    const position = Math.max(w.positionFloor, 1 - w.positionStep * ev.rankInField[index]!);
    const prior = (u.faq ? w.faqPrior : ev.fieldPrior[index]!) * langFactor * position;
    // the question's words and the kind of fact it asks for count in proportion to how likely the field is
    // a question after a kind of fact (an amount, an age, a distance) is rarely answered by a sentence without one
    return prior * (w.base + w.overlap * Math.min(w.maxOverlap, ev.overlap[index]!) + w.kind * kind) * (ev.asksKind && !kind ? w.kindMissing : 1);
  });
}

/** The units said for a question, chosen by their evidence and the weights within about the budget. */
export function selectUnits(pool: Unit[], ev: UnitEvidence, field: Field, budget: number, w: Readonly<RankWeights> = RANK_WEIGHTS, scores = unitScores(pool, ev, w)): Ranking {
  const scored = pool.map((u, index) => ({
    index,
    score: scores[index]!,
    evidence: ev.overlap[index]! > 0 || ev.kind[index]!,
    prior: (u.faq ? w.faqPrior : ev.fieldPrior[index]!) * (ev.foreign[index] ? w.foreignUnit : 1) * Math.max(w.positionFloor, 1 - w.positionStep * ev.rankInField[index]!),
  }));
  const matched = scored.filter((s) => s.evidence).length;
  const primary = scored.filter((s) => !pool[s.index]!.faq && pool[s.index]!.field === field);
  if (ev.unguided) {
    // nothing to go by: the field in its own order, then the rest by field likelihood
    let first = primary.map((s) => s.index);
    if (field === "application") {
      // "how do I apply?": the first step of every way to apply (offline, online) before the details
      const opens = first.filter((i, k) => k === 0 || pool[i]!.item !== pool[first[k - 1]!]!.item);
      first = [...opens, ...first.filter((i) => !opens.includes(i))];
    } else if (field === "description") {
      // what it is, then one figure of what it gives
      const figure = scored.find((s) => pool[s.index]!.field === "benefits" && !pool[s.index]!.faq && hasMoney(pool[s.index]!.text));
      if (figure && first.length) first = [first[0]!, figure.index, ...first.slice(1)];
    }
    // "more" goes on through the field asked about; a field the record lacks borrows the likeliest other
    const order = first.length ? first : scored.filter((s) => !pool[s.index]!.faq).sort((a, b) => b.prior - a.prior || a.index - b.index).map((s) => s.index);
    return { order, picked: 0, matched: 0, field: primary.length ? field : (pool[order[0] ?? 0]?.field ?? field) };
  }
  const ranked = [...scored].sort((a, b) => b.score - a.score || a.index - b.index);
  const leavesOut = (i: number) => ev.leavesOut[i]!;
  // a sentence for someone else's income or age ("40 to 79 years: ₹300" to a caller of 82) does not lead the
  // answer, however well its words meet the question: the best of the others does
  const best = ranked.find((s) => !leavesOut(s.index)) ?? ranked[0]!;
  // the caller named the heading of the best unit's list ("special category"): another heading's items are
  // for someone else
  const bestUnder = pool[best.index]!.under;
  const namedUnder = ev.namesUnder[best.index]!;
  // a question of two kinds ("how much, and for how many months?") is answered in both: the best sentence of
  // each kind the picked ones lack comes next, where it speaks to the question well enough
  const kindsAsked = ev.kindsAsked;
  const coverFrom = (first: number): { picked: number[]; used: number; missing: number } => {
    const picked = [first];
    let used = wordCount(pool[first]!.text);
    let missing = 0;
    for (const kind of kindsAsked) {
      if (picked.some((i) => answersKind(pool[i]!.text, kind))) continue;
      const s = ranked.find((x) => x.evidence && !picked.includes(x.index) && !leavesOut(x.index) && answersKind(pool[x.index]!.text, kind));
      const n = s ? wordCount(pool[s.index]!.text) : 0;
      if (!s || s.score < best.score * w.coverShare) continue;
      if (used + n > budget * w.budgetStretch) {
        missing++;
        continue;
      }
      picked.push(s.index);
      used += n;
    }
    return { picked, used, missing };
  };
  let start = coverFrom(best.index);
  // a kind left unsaid only for want of room: a nearly-as-good shorter first sentence may leave it room
  // ("5 साल बाद परिपक्व" beside the deposit's limit, rather than the long rule of closing early alone)
  if (start.missing > 0) {
    for (const s of ranked.slice(1)) {
      if (s.score < best.score * w.pickShare) break;
      if (!s.evidence || leavesOut(s.index)) continue;
      const c = coverFrom(s.index);
      if (c.missing < start.missing) {
        start = c;
        break;
      }
    }
  }
  const picked = start.picked;
  const lead = picked[0]!;
  let used = start.used;
  for (const s of ranked) {
    if (picked.length >= w.maxPicked || s.score < best.score * Math.min(w.pickShare, w.kindPickShare)) break;
    if (s.score < best.score * (ev.kind[s.index] ? w.kindPickShare : w.pickShare)) continue;
    if (picked.includes(s.index) || leavesOut(s.index)) continue;
    const under = pool[s.index]!.under;
    if (namedUnder && under !== undefined && under !== bestUnder) continue;
    const n = wordCount(pool[s.index]!.text);
    // only a sentence nearly as good as the best stretches the answer past the budget (all picked are said)
    const room = budget * (s.score >= best.score * w.stretchShare ? w.budgetStretch : 1);
    if (!s.evidence || used + n > room) continue;
    picked.push(s.index);
    used += n;
  }
  // a heading picked brings the items under it ("For Shishu Loan:" → its documents)
  for (const i of [...picked]) {
    if (!pool[i]!.heading) continue;
    for (let j = i + 1; j < pool.length && pool[j]!.field === pool[i]!.field && !pool[j]!.heading && !picked.includes(j); j++) {
      const n = wordCount(pool[j]!.text);
      if (used + n > budget) break;
      picked.push(j);
      used += n;
    }
  }
  picked.sort((a, b) => a - b);
  const chosen = new Set(picked);
  // "more" goes on with what else speaks to the question, then the rest of the field of the answer
  const answerField = pool[lead]!.field;
  const rest = ranked.filter((s) => !chosen.has(s.index) && (s.evidence || (!pool[s.index]!.faq && (pool[s.index]!.field === answerField || pool[s.index]!.field === field))));
  const rests = rest.map((s) => s.index);
  const order = [...picked, ...rests.filter((i) => !leavesOut(i)), ...rests.filter(leavesOut)];
  return { order, picked: picked.length, matched, field: answerField };
}

/**
 * Units that only restate what is left unsaid are dropped from the rest: each unit is said once. The
 * first `whole` units (an answer's picked sentences, chosen within about the budget) are said whatever the
 * order they come in.
 */
export function speakFrom(pool: Unit[], cursor: Cursor, budget: number, whole = 0): { segments: Segment[]; cursor: Cursor; hasMore: boolean } {
  const segments: Segment[] = [];
  let words = 0;
  let position = cursor.position;
  const said = new Set<string>();
  while (position < cursor.order.length) {
    const unit = pool[cursor.order[position]!];
    if (!unit) break;
    if (said.has(unit.text)) {
      position++;
      continue;
    }
    const n = wordCount(unit.text);
    if (segments.length > 0 && position - cursor.position >= whole && !fitsBudget(words, n, budget)) break;
    said.add(unit.text);
    const last = segments[segments.length - 1];
    // list items ("Job Card") get a full stop so that they are heard as separate items
    const text = /[.!?।:;]$/.test(unit.text) ? unit.text : `${unit.text}${unit.lang === "hi" ? "।" : "."}`;
    if (last && last.lang === unit.lang) last.text = `${last.text} ${text}`;
    else segments.push({ text, lang: unit.lang });
    words += n;
    position++;
  }
  return { segments, cursor: { ...cursor, position }, hasMore: position < cursor.order.length };
}

/** Builds a segment list into reply text. */
export function joinSegments(segments: Segment[]): string {
  return segments.map((s) => s.text.trim()).filter(Boolean).join(" ");
}

export function withEnding(segments: Segment[], field: Field, lang: AnswerLang, hasMore: boolean): Segment[] {
  return [...segments, { text: prompts.offerMore(field, lang, hasMore), lang }];
}

/** A reply without the ending withEnding added (the keypad menu says what can be done next). */
export function withoutEnding(reply: Reply): Reply {
  const segments = reply.segments.slice(0, -1);
  return { ...reply, segments, text: joinSegments(segments) };
}
